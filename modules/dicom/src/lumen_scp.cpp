#include "lumen_scp.h"

#include "find_identifier.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/diutil.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <unistd.h>

namespace lumen::dicom::detail {
namespace {

std::string trimmed(const OFString& value)
{
    std::string text(value.c_str(), value.length());
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    std::size_t first = 0;
    while (first < text.size() && text[first] == ' ')
        ++first;
    return text.substr(first);
}

bool isFailure(std::uint16_t dimseStatus)
{
    // Success is 0000, warnings are Bxxx (and 0001, 0107, 0116); everything else is a failure.
    return dimseStatus != status::success && (dimseStatus & 0xF000) != 0xB000 && dimseStatus != 0x0001 &&
           dimseStatus != 0x0107 && dimseStatus != 0x0116;
}

// Error Comment (0000,0902) is LO: at most 64 characters of the default repertoire.
std::unique_ptr<DcmDataset> errorComment(const std::string& reason)
{
    if (reason.empty())
        return nullptr;
    std::string text;
    for (const char c : reason) {
        if (text.size() == 64)
            break;
        const auto byte = static_cast<unsigned char>(c);
        text += (byte < 0x20 || byte >= 0x7F || c == '\\') ? ' ' : c;
    }
    auto detail = std::make_unique<DcmDataset>();
    detail->putAndInsertString(DCM_ErrorComment, text.c_str());
    return detail;
}

// A unique, empty file in `dir`; DCMTK then writes the received object into it.
std::string createIncomingFile(const std::string& dir)
{
    std::string pattern = (std::filesystem::path(dir) / "rx-XXXXXX.part").string();
    const int fd = ::mkstemps(pattern.data(), 5);
    if (fd < 0)
        return (std::filesystem::path(dir) / "rx-unwritable.part").string(); // DCMTK reports it
    ::close(fd);
    return pattern;
}

void removeQuietly(const std::string& path)
{
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
}

// Uncompressed first: when an SCU offers several transfer syntaxes in one presentation
// context, choosing a lossy one would make it compress what it holds uncompressed. Objects are
// stored as they arrive, so every syntax here is accepted without a codec.
const char* storageTransferSyntaxes[] = {UID_LittleEndianExplicitTransferSyntax,
                                         UID_LittleEndianImplicitTransferSyntax,
                                         UID_BigEndianExplicitTransferSyntax,
                                         UID_DeflatedExplicitVRLittleEndianTransferSyntax,
                                         UID_JPEGProcess14SV1TransferSyntax,
                                         UID_JPEGProcess14TransferSyntax,
                                         UID_JPEGLSLosslessTransferSyntax,
                                         UID_RLELosslessTransferSyntax,
                                         UID_JPEG2000LosslessOnlyTransferSyntax,
                                         UID_JPEGProcess1TransferSyntax,
                                         UID_JPEGProcess2_4TransferSyntax,
                                         UID_JPEGLSLossyTransferSyntax,
                                         UID_JPEG2000TransferSyntax};

const char* uncompressedTransferSyntaxes[] = {UID_LittleEndianExplicitTransferSyntax,
                                              UID_LittleEndianImplicitTransferSyntax,
                                              UID_BigEndianExplicitTransferSyntax};

const char* serviceSopClasses[] = {UID_VerificationSOPClass, UID_FINDPatientRootQueryRetrieveInformationModel,
                                   UID_FINDStudyRootQueryRetrieveInformationModel};

template <typename T, std::size_t N> constexpr int count(T (&)[N])
{
    return static_cast<int>(N);
}

} // namespace

OFCondition LumenScp::run(T_ASC_Association* association)
{
    m_association = association;
    return DcmThreadSCP::run(association);
}

OFBool LumenScp::checkCalledAETitleAccepted(const OFString& calledAe)
{
    return trimmed(calledAe) == m_context.aeTitle;
}

OFBool LumenScp::checkCallingAETitleAccepted(const OFString& callingAe)
{
    m_info.callingAeTitle = trimmed(callingAe);
    m_info.calledAeTitle = trimmed(getCalledAETitle());
    m_info.peerAddress = trimmed(getPeerIP());
    try {
        return m_context.handler.acceptAssociation(m_info);
    } catch (const std::exception& error) {
        DCMNET_ERROR("Lumen: acceptAssociation failed: " << error.what());
        return OFFalse;
    }
}

// DcmSCP's own negotiation goes through a DcmSCPConfig profile, which holds at most 128
// abstract syntaxes; DCMTK knows more storage SOP classes than that.
OFCondition LumenScp::negotiateAssociation()
{
    T_ASC_Parameters* params = m_association->params;
    OFCondition cond = ASC_acceptContextsWithPreferredTransferSyntaxes(
        params, serviceSopClasses, count(serviceSopClasses), uncompressedTransferSyntaxes,
        count(uncompressedTransferSyntaxes));
    if (cond.good())
        cond = ASC_acceptContextsWithPreferredTransferSyntaxes(
            params, dcmAllStorageSOPClassUIDs, numberOfDcmAllStorageSOPClassUIDs, storageTransferSyntaxes,
            count(storageTransferSyntaxes));
    return cond;
}

// DcmSCP::handleAssociation waits for each command with the DIMSE timeout in one go; this
// loop waits in one-second steps so that an idle association ends soon after stop().
void LumenScp::handleAssociation()
{
    using Clock = std::chrono::steady_clock;
    OFCondition cond = EC_Normal;
    auto idleSince = Clock::now();
    while (cond.good()) {
        T_ASC_PresentationContextID presentationContext = 0;
        T_DIMSE_Message message;
        cond = DIMSE_receiveCommand(m_association, DIMSE_NONBLOCKING, 1, &presentationContext, &message,
                                    nullptr);
        if (cond == DIMSE_NODATAAVAILABLE) {
            if (m_context.stopping.load() || Clock::now() - idleSince >= m_context.dimseTimeout) {
                DCMNET_INFO("Lumen: aborting idle association from " << m_info.callingAeTitle);
                ASC_abortAssociation(m_association);
                return;
            }
            cond = EC_Normal;
            continue;
        }
        if (cond.good()) {
            DcmPresentationContextInfo info;
            getPresentationContextInfo(m_association, presentationContext, info);
            cond = handleIncomingCommand(&message, info);
            idleSince = Clock::now();
        }
    }
    if (cond == DUL_PEERREQUESTEDRELEASE) {
        notifyReleaseRequest();
        ASC_acknowledgeRelease(m_association);
    } else if (cond == DUL_PEERABORTEDASSOCIATION) {
        notifyAbortRequest();
    } else {
        notifyDIMSEError(cond);
        ASC_abortAssociation(m_association);
    }
}

OFCondition LumenScp::handleIncomingCommand(T_DIMSE_Message* message, const DcmPresentationContextInfo& info)
{
    switch (message->CommandField) {
    case DIMSE_C_STORE_RQ:
        return handleStore(message->msg.CStoreRQ, info.presentationContextID);
    case DIMSE_C_FIND_RQ:
        return handleFind(message->msg.CFindRQ, info);
    default:
        return DcmThreadSCP::handleIncomingCommand(message, info); // C-ECHO, or refusal
    }
}

OFCondition LumenScp::handleStore(T_DIMSE_C_StoreRQ& request, T_ASC_PresentationContextID presentationContext)
{
    // DCMTK writes the data set bytes as they arrive, behind a file meta header built from the
    // request (SOP class and instance UIDs, the accepted transfer syntax, the calling AE).
    const std::string file = createIncomingFile(m_context.incomingDir);
    const OFCondition received = receiveSTORERequest(request, presentationContext, OFString(file.c_str()));
    if (received.bad()) {
        removeQuietly(file);
        if (received.module() == OFM_dcmnet && received.code() == DIMSEC_OUTOFRESOURCES) {
            // The data set was read and dropped because the file could not be written.
            const auto detail = errorComment("cannot write the received object");
            return sendSTOREResponse(presentationContext, request.MessageID, request.AffectedSOPClassUID,
                                     request.AffectedSOPInstanceUID, status::outOfResources, detail.get());
        }
        return received; // the association is aborted
    }

    StoreOutcome outcome;
    try {
        outcome = m_context.handler.store(m_info, file);
    } catch (const std::exception& error) {
        outcome = {status::unableToProcess, error.what()};
    } catch (...) {
        outcome = {status::unableToProcess, "unexpected error while storing"};
    }
    if (isFailure(outcome.status)) {
        removeQuietly(file); // the handler may have left it: no partial object stays behind
        DCMNET_WARN("Lumen: C-STORE of " << request.AffectedSOPInstanceUID << " from "
                                         << m_info.callingAeTitle << " refused: " << outcome.reason);
    }
    const auto detail = outcome.status == status::success ? nullptr : errorComment(outcome.reason);
    return sendSTOREResponse(presentationContext, request.MessageID, request.AffectedSOPClassUID,
                             request.AffectedSOPInstanceUID, outcome.status, detail.get());
}

OFCondition LumenScp::handleFind(T_DIMSE_C_FindRQ& request, const DcmPresentationContextInfo& info)
{
    const T_ASC_PresentationContextID presentationContext = info.presentationContextID;
    DcmDataset* received = nullptr;
    const OFCondition cond = receiveFINDRequest(request, presentationContext, received);
    if (cond.bad())
        return cond;
    const std::unique_ptr<DcmDataset> identifier(received);
    const OFString sopClass = request.AffectedSOPClassUID;

    const QueryModel model = info.abstractSyntax == UID_FINDPatientRootQueryRetrieveInformationModel
                                 ? QueryModel::PatientRoot
                                 : QueryModel::StudyRoot;
    FindRequest findRequest;
    std::string problem;
    if (!identifier || !readFindRequest(*identifier, model, findRequest, problem)) {
        const auto detail = errorComment(problem.empty() ? "no identifier" : problem);
        return sendFINDResponse(presentationContext, request.MessageID, sopClass, nullptr,
                                status::identifierDoesNotMatchSopClass, detail.get());
    }

    bool cancelled = false;
    OFCondition sendFailure = EC_Normal;
    const auto sendMatch = [&](const std::vector<DicomKey>& keys) {
        if (cancelled || sendFailure.bad())
            return false;
        if (checkForCANCEL(presentationContext, request.MessageID).good()) {
            cancelled = true;
            return false;
        }
        const auto match = makeFindResponse(keys, findRequest.level);
        const OFCondition sent = sendFINDResponse(presentationContext, request.MessageID, sopClass,
                                                  match.get(), STATUS_FIND_Pending_MatchesAreContinuing);
        if (sent.bad()) {
            sendFailure = sent;
            return false;
        }
        return true;
    };
    FindOutcome outcome;
    try {
        outcome = m_context.handler.find(m_info, findRequest, sendMatch);
    } catch (const std::exception& error) {
        outcome = {status::unableToProcess, error.what()};
    } catch (...) {
        outcome = {status::unableToProcess, "unexpected error while searching"};
    }
    if (sendFailure.bad())
        return sendFailure;
    if (!cancelled && checkForCANCEL(presentationContext, request.MessageID).good())
        cancelled = true;
    const std::uint16_t finalStatus =
        cancelled ? STATUS_FIND_Cancel_MatchingTerminatedDueToCancelRequest : outcome.status;
    const auto detail = isFailure(finalStatus) ? errorComment(outcome.reason) : nullptr;
    return sendFINDResponse(presentationContext, request.MessageID, sopClass, nullptr, finalStatus,
                            detail.get());
}

} // namespace lumen::dicom::detail
