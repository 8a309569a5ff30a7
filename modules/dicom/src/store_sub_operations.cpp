#include "store_sub_operations.h"

#include "coerce_data_set.h"
#include "lumen/dicom/instance_attributes.h"

#include "dcmtk/dcmdata/dccodec.h"
#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcostrmb.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmdata/dcxfer.h"
#include "dcmtk/dcmnet/dimse.h"
#include "dcmtk/dcmnet/diutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <set>

namespace lumen::dicom::detail {
namespace {

constexpr long maxReceivePduBytes = 65536;
constexpr int maxPresentationContexts = 128; // odd IDs 1..255

const char* const uncompressedSyntaxes[] = {UID_LittleEndianExplicitTransferSyntax,
                                            UID_LittleEndianImplicitTransferSyntax,
                                            UID_BigEndianExplicitTransferSyntax};

bool isUncompressed(const std::string& ts)
{
    return std::any_of(std::begin(uncompressedSyntaxes), std::end(uncompressedSyntaxes),
                       [&](const char* uid) { return ts == uid; });
}

// A file descriptor closed on every path.
struct FileHandle
{
    int fd = -1;
    ~FileHandle()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

bool readAt(int fd, std::uint64_t offset, void* buffer, std::size_t length)
{
    auto* out = static_cast<unsigned char*>(buffer);
    while (length > 0) {
        const ssize_t got = ::pread(fd, out, length, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        out += got;
        offset += static_cast<std::uint64_t>(got);
        length -= static_cast<std::size_t>(got);
    }
    return true;
}

struct Part10Layout
{
    std::uint64_t dataSetOffset = 0;
    std::uint64_t fileSize = 0;
    std::string transferSyntaxUid;
};

// Where the data set starts, after the preamble and the file meta group (explicit VR little
// endian, walked element by element: a group length may be missing or wrong).
bool readLayout(int fd, Part10Layout& layout, std::string& problem)
{
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0) {
        problem = std::string("cannot stat the file: ") + std::strerror(errno);
        return false;
    }
    layout.fileSize = static_cast<std::uint64_t>(info.st_size);
    char magic[4];
    if (layout.fileSize < 132 || !readAt(fd, 128, magic, 4) || std::memcmp(magic, "DICM", 4) != 0) {
        problem = "the stored file is not a Part 10 file";
        return false;
    }
    std::uint64_t pos = 132;
    while (pos + 8 <= layout.fileSize) {
        unsigned char header[12];
        if (!readAt(fd, pos, header, 8))
            break;
        const unsigned group = header[0] | (header[1] << 8);
        if (group != 0x0002)
            break;
        const unsigned element = header[2] | (header[3] << 8);
        const std::string vr(reinterpret_cast<const char*>(header + 4), 2);
        std::uint64_t valueOffset = pos + 8;
        std::uint64_t length = header[6] | (header[7] << 8);
        if (vr == "OB" || vr == "OW" || vr == "OF" || vr == "OD" || vr == "OL" || vr == "OV" || vr == "SQ" ||
            vr == "UN" || vr == "UT" || vr == "UC" || vr == "UR" || vr == "SV" || vr == "UV") {
            if (pos + 12 > layout.fileSize || !readAt(fd, pos + 8, header + 8, 4))
                break;
            length = std::uint64_t(header[8]) | std::uint64_t(header[9]) << 8 |
                     std::uint64_t(header[10]) << 16 | std::uint64_t(header[11]) << 24;
            valueOffset = pos + 12;
        }
        if (valueOffset + length > layout.fileSize) {
            problem = "the stored file's meta information is truncated";
            return false;
        }
        if (element == 0x0010 && length <= 64) {
            std::string uid(static_cast<std::size_t>(length), '\0');
            if (!readAt(fd, valueOffset, uid.data(), uid.size()))
                break;
            while (!uid.empty() && (uid.back() == '\0' || uid.back() == ' '))
                uid.pop_back();
            layout.transferSyntaxUid = uid;
        }
        pos = valueOffset + length;
    }
    layout.dataSetOffset = pos;
    if (layout.transferSyntaxUid.empty() || pos >= layout.fileSize) {
        problem = "the stored file has no transfer syntax or no data set";
        return false;
    }
    return true;
}

// PS3.7 C-STORE-RQ command set, encoded implicit VR little endian with its group length.
bool encodeStoreCommand(const RetrieveItem& item, Uint16 messageId, const std::string& moveOriginator,
                        Uint16 moveOriginatorId, std::vector<unsigned char>& bytes)
{
    DcmDataset command;
    bool ok = command.putAndInsertString(DCM_AffectedSOPClassUID, item.sopClassUid.c_str()).good() &&
              command.putAndInsertUint16(DCM_CommandField, 0x0001).good() &&
              command.putAndInsertUint16(DCM_MessageID, messageId).good() &&
              command.putAndInsertUint16(DCM_Priority, 0x0000).good() &&
              command.putAndInsertUint16(DCM_CommandDataSetType, 0x0000).good() && // 0x0101 would be "none"
              command.putAndInsertString(DCM_AffectedSOPInstanceUID, item.sopInstanceUid.c_str()).good();
    if (ok && !moveOriginator.empty())
        ok = command.putAndInsertString(DCM_MoveOriginatorApplicationEntityTitle, moveOriginator.c_str())
                 .good() &&
             command.putAndInsertUint16(DCM_MoveOriginatorMessageID, moveOriginatorId).good();
    if (!ok || command
                   .computeGroupLengthAndPadding(EGL_withGL, EPD_noChange, EXS_LittleEndianImplicit,
                                                 EET_ExplicitLength)
                   .bad())
        return false;
    const Uint32 length = command.calcElementLength(EXS_LittleEndianImplicit, EET_ExplicitLength);
    bytes.assign(length + 2, 0); // DcmBufferConsumer wants an even, non-zero size
    DcmOutputBufferStream out(bytes.data(), static_cast<offile_off_t>(bytes.size()));
    command.transferInit();
    const OFCondition written =
        command.write(out, EXS_LittleEndianImplicit, EET_ExplicitLength, nullptr, EGL_withGL, EPD_noChange);
    command.transferEnd();
    if (written.bad())
        return false;
    void* buffer = nullptr;
    offile_off_t used = 0;
    out.flushBuffer(buffer, used);
    bytes.resize(static_cast<std::size_t>(used));
    return !bytes.empty();
}

OFCondition writePdv(T_ASC_Association* association, T_ASC_PresentationContextID context, DUL_DATAPDV type,
                     void* data, unsigned long length, bool last)
{
    DUL_PDV pdv{};
    pdv.fragmentLength = length;
    pdv.presentationContextID = context;
    pdv.pdvType = type;
    pdv.lastPDV = last ? OFTrue : OFFalse;
    pdv.data = data;
    DUL_PDVLIST list{};
    list.count = 1;
    list.pdv = &pdv;
    const OFCondition cond = DUL_WritePDVs(&association->DULassociation, &list);
    return cond.good()
               ? cond
               : makeDcmnetSubCondition(DIMSEC_SENDFAILED, OF_error, "DIMSE Failed to send message", cond);
}

// The command, then the file's data set bytes exactly as stored.
OFCondition sendStoredBytes(T_ASC_Association* association, T_ASC_PresentationContextID context,
                            std::vector<unsigned char>& command, int fd, const Part10Layout& layout)
{
    // Even, so that the last fragment of an odd data set is shorter than the maximum (see below).
    const unsigned long fragment = std::max<unsigned long>(association->sendPDVLength, 256) & ~1UL;
    for (std::size_t sent = 0; sent < command.size();) {
        const auto n = std::min<std::size_t>(fragment, command.size() - sent);
        const OFCondition cond = writePdv(association, context, DUL_COMMANDPDV, command.data() + sent, n,
                                          sent + n == command.size());
        if (cond.bad())
            return cond;
        sent += n;
    }
    // PDV fragments must have even length. Only a deflated data set can be odd (its bit stream
    // should have been padded, PS3.5 A.5, and some files were not): it gets the zero pad byte.
    const bool pad = (layout.fileSize - layout.dataSetOffset) % 2 == 1;
    std::vector<unsigned char> buffer(fragment);
    for (std::uint64_t pos = layout.dataSetOffset; pos < layout.fileSize;) {
        auto n = static_cast<std::size_t>(std::min<std::uint64_t>(fragment, layout.fileSize - pos));
        if (!readAt(fd, pos, buffer.data(), n))
            return makeDcmnetCondition(DIMSEC_SENDFAILED, OF_error, "cannot read the stored file");
        pos += n;
        const bool last = pos == layout.fileSize;
        if (last && pad)
            buffer[n++] = 0;
        const OFCondition cond = writePdv(association, context, DUL_DATASETPDV, buffer.data(), n, last);
        if (cond.bad())
            return cond;
    }
    return EC_Normal;
}

std::string errorCommentOf(DcmDataset* detail)
{
    OFString comment;
    if (detail != nullptr && detail->findAndGetOFString(DCM_ErrorComment, comment).good())
        return std::string(comment.c_str());
    return {};
}

SubOperationResult classify(std::uint16_t storeStatus)
{
    if (storeStatus == STATUS_Success)
        return SubOperationResult::Completed;
    if ((storeStatus & 0xF000) == 0xB000 || storeStatus == 0x0001 || storeStatus == 0x0107 ||
        storeStatus == 0x0116)
        return SubOperationResult::Warning;
    return SubOperationResult::Failed;
}

SubOperationOutcome failed(std::string problem, OFCondition association = EC_Normal)
{
    SubOperationOutcome outcome;
    outcome.result = SubOperationResult::Failed;
    outcome.problem = std::move(problem);
    outcome.association = association;
    return outcome;
}

} // namespace

bool canSendUncompressed(const std::string& ts)
{
    if (isUncompressed(ts) || ts == UID_DeflatedExplicitVRLittleEndianTransferSyntax)
        return true;
    const DcmXfer xfer(ts.c_str());
    return xfer.getXfer() != EXS_Unknown && xfer.isEncapsulated() &&
           DcmCodecList::canChangeCoding(xfer.getXfer(), EXS_LittleEndianExplicit);
}

StoreSender::StoreSender(T_ASC_Association* association, Options options, Uint16& nextMessageId)
    : m_association(association), m_options(std::move(options)), m_nextMessageId(nextMessageId)
{
    const int count = ASC_countPresentationContexts(association->params);
    for (int i = 0; i < count; ++i) {
        T_ASC_PresentationContext pc;
        if (ASC_getPresentationContext(association->params, i, &pc).bad() ||
            pc.resultReason != ASC_P_ACCEPTANCE)
            continue;
        if (m_options.peerMustBeStorageScp && pc.acceptedRole != ASC_SC_ROLE_SCP &&
            pc.acceptedRole != ASC_SC_ROLE_SCUSCP)
            continue;
        m_contexts.push_back({pc.presentationContextID, pc.abstractSyntax, pc.acceptedTransferSyntax});
    }
}

const StoreSender::Context* StoreSender::contextFor(const std::string& sopClass, const std::string& ts,
                                                    bool& asStored) const
{
    for (const Context& c : m_contexts)
        if (c.abstractSyntax == sopClass && c.transferSyntax == ts) {
            asStored = true;
            return &c;
        }
    asStored = false;
    if (!canSendUncompressed(ts))
        return nullptr;
    for (const char* preferred : uncompressedSyntaxes)
        for (const Context& c : m_contexts)
            if (c.abstractSyntax == sopClass && c.transferSyntax == preferred)
                return &c;
    return nullptr;
}

SubOperationOutcome StoreSender::send(const RetrieveItem& item)
{
    FileHandle file;
    file.fd = ::open(item.filePath.c_str(), O_RDONLY | O_CLOEXEC);
    if (file.fd < 0)
        return failed("cannot open " + item.filePath + ": " + std::strerror(errno));
    Part10Layout layout;
    std::string problem;
    if (!readLayout(file.fd, layout, problem))
        return failed(problem + " (" + item.filePath + ")");

    // The file itself says how it is encoded (a replaced copy may differ from the index).
    bool asStored = false;
    const Context* context = contextFor(item.sopClassUid, layout.transferSyntaxUid, asStored);
    if (context == nullptr)
        return failed("no accepted presentation context for " + item.sopClassUid + " in " +
                      layout.transferSyntaxUid);

    // An object whose index values differ from its file is rebuilt in memory with them; when
    // nothing differs after all it still goes byte for byte.
    std::unique_ptr<DcmFileFormat> coerced;
    if (item.coercion) {
        coerced = std::make_unique<DcmFileFormat>();
        if (coerced->loadFile(item.filePath.c_str()).bad())
            return failed("cannot read " + item.filePath);
        try {
            if (!coerceDataSet(*coerced->getDataset(), *item.coercion))
                coerced.reset();
        } catch (const DicomError& e) {
            return failed("cannot coerce " + item.sopInstanceUid + ": " + e.what());
        }
    }

    const Uint16 messageId = m_nextMessageId++;
    if (m_nextMessageId == 0)
        m_nextMessageId = 1;
    OFCondition sent = EC_Normal;
    if (asStored && !coerced) {
        std::vector<unsigned char> command;
        if (!encodeStoreCommand(item, messageId, m_options.moveOriginatorAeTitle,
                                m_options.moveOriginatorMessageId, command))
            return failed("cannot encode the C-STORE request");
        sent = sendStoredBytes(m_association, context->id, command, file.fd, layout);
    } else {
        DcmFileFormat loaded;
        if (!coerced && loaded.loadFile(item.filePath.c_str()).bad())
            return failed("cannot read " + item.filePath);
        // In the stored syntax an encapsulated pixel data element is written as it was read.
        DcmDataset* dataSet = coerced ? coerced->getDataset() : loaded.getDataset();
        const E_TransferSyntax target = DcmXfer(context->transferSyntax.c_str()).getXfer();
        if (dataSet->chooseRepresentation(target, nullptr).bad() || !dataSet->canWriteXfer(target))
            return failed("cannot convert " + item.sopInstanceUid + " from " + layout.transferSyntaxUid +
                          " to " + context->transferSyntax);
        T_DIMSE_Message request;
        std::memset(static_cast<void*>(&request), 0, sizeof request);
        request.CommandField = DIMSE_C_STORE_RQ;
        T_DIMSE_C_StoreRQ& store = request.msg.CStoreRQ;
        store.MessageID = messageId;
        OFStandard::strlcpy(store.AffectedSOPClassUID, item.sopClassUid.c_str(),
                            sizeof store.AffectedSOPClassUID);
        OFStandard::strlcpy(store.AffectedSOPInstanceUID, item.sopInstanceUid.c_str(),
                            sizeof store.AffectedSOPInstanceUID);
        store.Priority = DIMSE_PRIORITY_MEDIUM;
        store.DataSetType = DIMSE_DATASET_PRESENT;
        if (!m_options.moveOriginatorAeTitle.empty()) {
            OFStandard::strlcpy(store.MoveOriginatorApplicationEntityTitle,
                                m_options.moveOriginatorAeTitle.c_str(),
                                sizeof store.MoveOriginatorApplicationEntityTitle);
            store.MoveOriginatorID = m_options.moveOriginatorMessageId;
            store.opts = O_STORE_MOVEORIGINATORAETITLE | O_STORE_MOVEORIGINATORID;
        }
        sent = DIMSE_sendMessageUsingMemoryData(m_association, context->id, &request, nullptr, dataSet,
                                                nullptr, nullptr);
    }
    if (sent.bad())
        return failed(std::string("cannot send the C-STORE request: ") + sent.text(), sent);
    return awaitResponse(messageId);
}

SubOperationOutcome StoreSender::awaitResponse(Uint16 messageId)
{
    for (;;) {
        T_ASC_PresentationContextID context = 0;
        T_DIMSE_Message response;
        std::memset(static_cast<void*>(&response), 0, sizeof response);
        DcmDataset* rawDetail = nullptr;
        const OFCondition cond = DIMSE_receiveCommand(m_association, DIMSE_NONBLOCKING,
                                                      static_cast<int>(m_options.dimseTimeout.count()),
                                                      &context, &response, &rawDetail);
        const std::unique_ptr<DcmDataset> detail(rawDetail);
        if (cond.bad())
            return failed(std::string("no C-STORE response: ") + cond.text(), cond);
        if (response.CommandField == DIMSE_C_CANCEL_RQ) {
            if (m_options.watchCancelOf &&
                response.msg.CCancelRQ.MessageIDBeingRespondedTo == *m_options.watchCancelOf)
                m_cancelSeen = true;
            continue;
        }
        if (response.CommandField != DIMSE_C_STORE_RSP ||
            response.msg.CStoreRSP.MessageIDBeingRespondedTo != messageId)
            return failed("unexpected DIMSE message while awaiting a C-STORE response",
                          makeDcmnetCondition(DIMSEC_UNEXPECTEDRESPONSE, OF_error,
                                              "DIMSE: unexpected message while awaiting a C-STORE response"));
        SubOperationOutcome outcome;
        outcome.status = response.msg.CStoreRSP.DimseStatus;
        outcome.result = classify(outcome.status);
        if (outcome.result != SubOperationResult::Completed)
            outcome.problem = errorCommentOf(detail.get());
        return outcome;
    }
}

OutgoingAssociation::~OutgoingAssociation()
{
    close(Ending::Abort);
}

bool OutgoingAssociation::open(const std::string& callingAeTitle, const std::string& calledAeTitle,
                               const MoveDestination& destination, const std::vector<RetrieveItem>& items,
                               std::chrono::seconds acseTimeout, std::string& problem)
{
    close(Ending::Abort);
    OFCondition cond =
        ASC_initializeNetwork(NET_REQUESTOR, 0, static_cast<int>(acseTimeout.count()), &m_network);
    if (cond.bad()) {
        problem = std::string("cannot initialise the network: ") + cond.text();
        return false;
    }
    T_ASC_Parameters* params = nullptr;
    cond = ASC_createAssociationParameters(&params, maxReceivePduBytes);
    if (cond.bad()) {
        problem = std::string("cannot create association parameters: ") + cond.text();
        return false;
    }
    ASC_setAPTitles(params, callingAeTitle.c_str(), calledAeTitle.c_str(), nullptr);
    const std::string peer = destination.host + ":" + std::to_string(destination.port);
    ASC_setPresentationAddresses(params, OFStandard::getHostName().c_str(), peer.c_str());

    // Per SOP class: one context per stored transfer syntax (sent as stored), then one with the
    // uncompressed syntaxes for what Lumen can decode. The stored ones come first, so that the
    // 128-context limit drops fallbacks before exact matches.
    std::vector<std::pair<std::string, std::string>> exact; // (class, syntax), in item order
    std::vector<std::string> fallback;                      // classes
    std::set<std::pair<std::string, std::string>> seenExact;
    std::set<std::string> seenFallback;
    for (const RetrieveItem& item : items) {
        if (seenExact.insert({item.sopClassUid, item.transferSyntaxUid}).second)
            exact.emplace_back(item.sopClassUid, item.transferSyntaxUid);
        if (canSendUncompressed(item.transferSyntaxUid) && seenFallback.insert(item.sopClassUid).second)
            fallback.push_back(item.sopClassUid);
    }
    int proposed = 0;
    auto propose = [&](const std::string& sopClass, const char** syntaxes, int count) {
        if (proposed == maxPresentationContexts)
            return;
        const auto id = static_cast<T_ASC_PresentationContextID>(2 * proposed + 1);
        if (ASC_addPresentationContext(params, id, sopClass.c_str(), syntaxes, count).good())
            ++proposed;
    };
    for (const auto& [sopClass, syntax] : exact) {
        const char* one[] = {syntax.c_str()};
        propose(sopClass, one, 1);
    }
    const char* littleEndian[] = {UID_LittleEndianExplicitTransferSyntax,
                                  UID_LittleEndianImplicitTransferSyntax};
    for (const std::string& sopClass : fallback)
        propose(sopClass, littleEndian, 2);

    cond = ASC_requestAssociation(m_network, params, &m_association);
    if (cond.bad()) {
        if (cond == DUL_ASSOCIATIONREJECTED) {
            T_ASC_RejectParameters reject;
            OFString text;
            ASC_getRejectParameters(params, &reject);
            problem = calledAeTitle +
                      " rejected the association: " + ASC_printRejectParameters(text, &reject).c_str();
        } else {
            problem = "cannot associate with " + calledAeTitle + " at " + peer + ": " + cond.text();
        }
        if (m_association == nullptr)
            ASC_destroyAssociationParameters(&params);
        close(Ending::Drop); // nothing to release or abort: no association came up
        return false;
    }
    if (ASC_countAcceptedPresentationContexts(params) == 0) {
        problem = calledAeTitle + " accepted none of the proposed storage presentation contexts";
        close(Ending::Release);
        return false;
    }
    return true;
}

void OutgoingAssociation::close(Ending ending)
{
    if (m_association != nullptr) {
        if (ending == Ending::Abort ||
            (ending == Ending::Release && ASC_releaseAssociation(m_association).bad()))
            ASC_abortAssociation(m_association);
        ASC_destroyAssociation(&m_association); // drops the connection
    }
    if (m_network != nullptr) {
        ASC_dropNetwork(&m_network);
        m_network = nullptr;
    }
}

} // namespace lumen::dicom::detail
