#include "lumen_scp.h"

#include "error_comment.h"
#include "find_identifier.h"
#include "store_sub_operations.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/diutil.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
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

const char* serviceSopClasses[] = {UID_VerificationSOPClass,
                                   UID_FINDPatientRootQueryRetrieveInformationModel,
                                   UID_FINDStudyRootQueryRetrieveInformationModel,
                                   UID_MOVEPatientRootQueryRetrieveInformationModel,
                                   UID_MOVEStudyRootQueryRetrieveInformationModel,
                                   UID_GETPatientRootQueryRetrieveInformationModel,
                                   UID_GETStudyRootQueryRetrieveInformationModel};

bool isStorageSopClass(const char* uid)
{
    for (int i = 0; i < numberOfDcmAllStorageSOPClassUIDs; ++i)
        if (std::strcmp(dcmAllStorageSOPClassUIDs[i], uid) == 0)
            return true;
    return false;
}

// A context in which the SCU stores to Lumen: Lumen's preference among what it proposes.
const char* storageSyntaxFor(const T_ASC_PresentationContext& pc)
{
    for (const char* preferred : storageTransferSyntaxes)
        for (int i = 0; i < pc.transferSyntaxCount; ++i)
            if (std::strcmp(pc.proposedTransferSyntaxes[i], preferred) == 0)
                return preferred;
    return nullptr;
}

// A context in which the SCU receives C-GET sub-operations (it took the SCP role): its own
// order among the uncompressed syntaxes, which Lumen can produce from anything it decodes; a
// context proposing only compressed syntaxes gets the first one Lumen stores (objects stored in
// it are then sent as they are, others fail).
const char* retrieveSyntaxFor(const T_ASC_PresentationContext& pc)
{
    for (int i = 0; i < pc.transferSyntaxCount; ++i)
        for (const char* uncompressed : uncompressedTransferSyntaxes)
            if (std::strcmp(pc.proposedTransferSyntaxes[i], uncompressed) == 0)
                return uncompressed;
    for (int i = 0; i < pc.transferSyntaxCount; ++i)
        for (const char* stored : storageTransferSyntaxes)
            if (std::strcmp(pc.proposedTransferSyntaxes[i], stored) == 0)
                return stored;
    return nullptr;
}

// Counts in C-MOVE / C-GET responses are US.
Uint16 count16(int n)
{
    return static_cast<Uint16>(std::clamp(n, 0, 0xFFFF));
}

// Failed SOP Instance UID List (0008,0058): UI values of up to 64 bytes in a 16-bit length in
// explicit VR, so at most ~1000 of them fit.
constexpr std::size_t maxFailedUidsListed = 1000;

template <typename T, std::size_t N> constexpr int count(T (&)[N])
{
    return static_cast<int>(N);
}

} // namespace

struct LumenScp::RetrieveProgress
{
    int remaining = 0;
    int completed = 0;
    int failed = 0;
    int warning = 0;
};

namespace {
// The C-MOVE and C-GET responses carry the same status and sub-operation counts.
template <class Response>
Response retrieveResponse(std::uint16_t dimseStatus, const LumenScp::RetrieveProgress& progress)
{
    Response response;
    std::memset(static_cast<void*>(&response), 0, sizeof response);
    response.DimseStatus = dimseStatus;
    response.NumberOfRemainingSubOperations = count16(progress.remaining);
    response.NumberOfCompletedSubOperations = count16(progress.completed);
    response.NumberOfFailedSubOperations = count16(progress.failed);
    response.NumberOfWarningSubOperations = count16(progress.warning);
    return response;
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
    // Storage commitment only where an archive takes the requests over; the modality keeps the
    // default role (SCU) on its own association.
    if (cond.good() && m_context.commitment != nullptr) {
        const char* commitment[] = {UID_StorageCommitmentPushModelSOPClass};
        cond = ASC_acceptContextsWithPreferredTransferSyntaxes(
            params, commitment, 1, uncompressedTransferSyntaxes, count(uncompressedTransferSyntaxes));
    }
    if (cond.good() && m_context.worklist != nullptr) {
        const char* worklist[] = {UID_FINDModalityWorklistInformationModel};
        cond = ASC_acceptContextsWithPreferredTransferSyntaxes(
            params, worklist, 1, uncompressedTransferSyntaxes, count(uncompressedTransferSyntaxes));
    }
    if (cond.good() && m_context.mpps != nullptr) {
        const char* mpps[] = {UID_ModalityPerformedProcedureStepSOPClass};
        cond = ASC_acceptContextsWithPreferredTransferSyntaxes(params, mpps, 1, uncompressedTransferSyntaxes,
                                                               count(uncompressedTransferSyntaxes));
    }
    // Storage contexts were refused above (abstract syntax not supported); accepting one now
    // overrides that. The role is the one proposed: a C-GET SCU proposes the SCP role for the
    // storage classes it wants to receive (PS3.7 D.3.3.4).
    const int proposed = ASC_countPresentationContexts(params);
    for (int i = 0; cond.good() && i < proposed; ++i) {
        T_ASC_PresentationContext pc;
        cond = ASC_getPresentationContext(params, i, &pc);
        if (cond.bad() || !isStorageSopClass(pc.abstractSyntax))
            continue;
        T_ASC_SC_ROLE role = ASC_SC_ROLE_DEFAULT;
        const char* syntax = nullptr;
        if (pc.proposedRole == ASC_SC_ROLE_SCP) {
            role = ASC_SC_ROLE_SCP;
            syntax = retrieveSyntaxFor(pc);
        } else {
            role = pc.proposedRole == ASC_SC_ROLE_SCUSCP ? ASC_SC_ROLE_SCUSCP : ASC_SC_ROLE_DEFAULT;
            syntax = storageSyntaxFor(pc);
        }
        cond = syntax != nullptr
                   ? ASC_acceptPresentationContext(params, pc.presentationContextID, syntax, role)
                   : ASC_refusePresentationContext(params, pc.presentationContextID,
                                                   ASC_P_TRANSFERSYNTAXESNOTSUPPORTED);
    }
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
        if (info.abstractSyntax == UID_FINDModalityWorklistInformationModel)
            return handleWorklistFind(message->msg.CFindRQ, info);
        return handleFind(message->msg.CFindRQ, info);
    case DIMSE_C_MOVE_RQ:
        return handleMove(message->msg.CMoveRQ, info);
    case DIMSE_C_GET_RQ:
        return handleGet(message->msg.CGetRQ, info);
    case DIMSE_N_ACTION_RQ:
        return handleCommitmentAction(message->msg.NActionRQ, info);
    case DIMSE_N_CREATE_RQ:
        return handleMppsCreate(message->msg.NCreateRQ, info);
    case DIMSE_N_SET_RQ:
        return handleMppsSet(message->msg.NSetRQ, info);
    default:
        return DcmThreadSCP::handleIncomingCommand(message, info); // C-ECHO, or refusal
    }
}

OFCondition LumenScp::handleStore(T_DIMSE_C_StoreRQ& request, T_ASC_PresentationContextID presentationContext)
{
    // DCMTK writes the data set bytes as they arrive, behind a file meta header built from the
    // request (SOP class and instance UIDs, the accepted transfer syntax, the calling AE).
    std::string file;
    try {
        file = m_context.handler.receivePath(request.AffectedSOPInstanceUID);
    } catch (...) {
        file.clear(); // e.g. the folder cannot be made: the incoming folder reports it
    }
    if (file.empty())
        file = createIncomingFile(m_context.incomingDir);
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

    return answerFind(request, presentationContext, "query", [&](const SendPendingFind& sendPending) {
        return m_context.handler.find(m_info, findRequest, [&](const std::vector<DicomKey>& keys) {
            const auto match = makeFindResponse(keys, findRequest.level);
            return sendPending(match.get());
        });
    });
}

OFCondition LumenScp::answerFind(T_DIMSE_C_FindRQ& request, T_ASC_PresentationContextID presentationContext,
                                 const char* what,
                                 const std::function<FindOutcome(const SendPendingFind&)>& search)
{
    const OFString sopClass = request.AffectedSOPClassUID;
    bool cancelled = false;
    OFCondition sendFailure = EC_Normal;
    const SendPendingFind sendPending = [&](DcmDataset* answer) {
        if (cancelled || sendFailure.bad())
            return false;
        if (checkForCANCEL(presentationContext, request.MessageID).good()) {
            cancelled = true;
            return false;
        }
        const OFCondition sent = sendFINDResponse(presentationContext, request.MessageID, sopClass, answer,
                                                  STATUS_FIND_Pending_MatchesAreContinuing);
        if (sent.bad()) {
            sendFailure = sent;
            return false;
        }
        return true;
    };
    FindOutcome outcome;
    try {
        outcome = search(sendPending);
    } catch (const std::exception& error) {
        outcome = {status::unableToProcess, error.what()};
    } catch (...) {
        outcome = {status::unableToProcess, std::string("unexpected error in the ") + what};
    }
    if (sendFailure.bad())
        return sendFailure;
    if (!cancelled && checkForCANCEL(presentationContext, request.MessageID).good())
        cancelled = true;
    const std::uint16_t finalStatus =
        cancelled ? STATUS_FIND_Cancel_MatchingTerminatedDueToCancelRequest : outcome.status;
    const bool refused = !cancelled && isFailure(finalStatus);
    if (refused)
        DCMNET_WARN("Lumen: " << what << " from " << m_info.callingAeTitle << " refused: " << outcome.reason);
    const auto detail = refused ? errorComment(outcome.reason) : nullptr;
    return sendFINDResponse(presentationContext, request.MessageID, sopClass, nullptr, finalStatus,
                            detail.get());
}

OFCondition LumenScp::handleMove(T_DIMSE_C_MoveRQ& request, const DcmPresentationContextInfo& info)
{
    const T_ASC_PresentationContextID presentationContext = info.presentationContextID;
    DcmDataset* received = nullptr;
    OFString destination;
    const OFCondition cond = receiveMOVERequest(request, presentationContext, received, destination);
    if (cond.bad())
        return cond;
    const std::unique_ptr<DcmDataset> identifier(received);

    RetrieveRequest retrieve;
    retrieve.operation = RetrieveOperation::Move;
    retrieve.moveDestination = trimmed(destination);
    retrieve.identifier.model = info.abstractSyntax == UID_MOVEPatientRootQueryRetrieveInformationModel
                                    ? QueryModel::PatientRoot
                                    : QueryModel::StudyRoot;
    const auto respond = [&](std::uint16_t dimseStatus, const RetrieveProgress& progress, DcmDataset* ids,
                             DcmDataset* detail) {
        auto response = retrieveResponse<T_DIMSE_C_MoveRSP>(dimseStatus, progress);
        return DIMSE_sendMoveResponse(m_association, presentationContext, &request, &response, ids, detail);
    };
    return serveRetrieve(retrieve, identifier.get(), presentationContext, request.MessageID, respond);
}

OFCondition LumenScp::handleGet(T_DIMSE_C_GetRQ& request, const DcmPresentationContextInfo& info)
{
    const T_ASC_PresentationContextID presentationContext = info.presentationContextID;
    if (request.DataSetType == DIMSE_DATASET_NULL) {
        DCMNET_ERROR("Lumen: C-GET request without an identifier from " << m_info.callingAeTitle);
        return DIMSE_BADMESSAGE;
    }
    T_ASC_PresentationContextID dataContext = 0;
    DcmDataset* received = nullptr;
    const OFCondition cond = receiveDIMSEDataset(&dataContext, &received);
    if (cond.bad())
        return DIMSE_BADDATA;
    const std::unique_ptr<DcmDataset> identifier(received);
    if (dataContext != presentationContext)
        return makeDcmnetCondition(DIMSEC_INVALIDPRESENTATIONCONTEXTID, OF_error,
                                   "DIMSE: Presentation Contexts of Command and Data Set differ");

    RetrieveRequest retrieve;
    retrieve.operation = RetrieveOperation::Get;
    retrieve.identifier.model = info.abstractSyntax == UID_GETPatientRootQueryRetrieveInformationModel
                                    ? QueryModel::PatientRoot
                                    : QueryModel::StudyRoot;
    const auto respond = [&](std::uint16_t dimseStatus, const RetrieveProgress& progress, DcmDataset* ids,
                             DcmDataset* detail) {
        auto response = retrieveResponse<T_DIMSE_C_GetRSP>(dimseStatus, progress);
        return DIMSE_sendGetResponse(m_association, presentationContext, &request, &response, ids, detail);
    };
    return serveRetrieve(retrieve, identifier.get(), presentationContext, request.MessageID, respond);
}

OFCondition LumenScp::serveRetrieve(RetrieveRequest& request, DcmDataset* identifier,
                                    T_ASC_PresentationContextID presentationContext, Uint16 messageId,
                                    const RetrieveResponder& respond)
{
    const bool isMove = request.operation == RetrieveOperation::Move;
    const RetrieveProgress nothing;
    std::string problem;
    if (identifier == nullptr ||
        !readFindRequest(*identifier, request.identifier.model, request.identifier, problem)) {
        const auto detail = errorComment(problem.empty() ? "no identifier" : problem);
        return respond(status::identifierDoesNotMatchSopClass, nothing, nullptr, detail.get());
    }

    std::vector<RetrieveItem> items;
    RetrieveOutcome outcome;
    try {
        outcome = m_context.handler.retrieve(m_info, request, items);
    } catch (const std::exception& error) {
        outcome = {status::unableToProcess, error.what()};
    } catch (...) {
        outcome = {status::unableToProcess, "unexpected error while looking up the objects"};
    }
    if (outcome.status != status::success) {
        DCMNET_WARN("Lumen: " << (isMove ? "C-MOVE" : "C-GET") << " from " << m_info.callingAeTitle
                              << " refused: " << outcome.reason);
        const auto detail = errorComment(outcome.reason);
        return respond(outcome.status, nothing, nullptr, detail.get());
    }

    RetrieveReport report;
    report.results.assign(items.size(), SubOperationResult::NotSent);
    const auto finished = [&] {
        try {
            m_context.handler.retrieveFinished(m_info, request, items, report);
        } catch (const std::exception& error) {
            DCMNET_ERROR("Lumen: retrieveFinished failed: " << error.what());
        } catch (...) {
            DCMNET_ERROR("Lumen: retrieveFinished failed");
        }
    };

    OutgoingAssociation outgoing;
    T_ASC_Association* target = m_association;
    if (isMove) {
        std::optional<MoveDestination> destination;
        try {
            destination = m_context.handler.moveDestination(m_info, request.moveDestination);
        } catch (const std::exception& error) {
            DCMNET_ERROR("Lumen: moveDestination failed: " << error.what());
        }
        if (!destination) {
            report.status = status::moveDestinationUnknown;
            report.reason = "move destination " + request.moveDestination + " is unknown";
            finished();
            const auto detail = errorComment(report.reason);
            return respond(report.status, nothing, nullptr, detail.get());
        }
        if (!items.empty() && !outgoing.open(m_context.aeTitle, request.moveDestination, *destination, items,
                                             m_context.acseTimeout, problem)) {
            DCMNET_WARN("Lumen: C-MOVE to " << request.moveDestination << " failed: " << problem);
            report.results.assign(items.size(), SubOperationResult::Failed);
            report.failed = static_cast<int>(items.size());
        } else {
            target = outgoing.get();
        }
    }

    StoreSender::Options options;
    options.peerMustBeStorageScp = !isMove;
    options.dimseTimeout = m_context.dimseTimeout;
    if (isMove) {
        options.moveOriginatorAeTitle = m_info.callingAeTitle;
        options.moveOriginatorMessageId = messageId;
    } else {
        options.watchCancelOf = messageId;
    }
    Uint16 moveMessageIds = 1; // a new association: its own message IDs
    std::optional<StoreSender> sender;
    if (!items.empty() && report.failed == 0)
        sender.emplace(target, options, isMove ? moveMessageIds : m_nextOutgoingMessageId);

    RetrieveProgress progress;
    progress.remaining = sender ? static_cast<int>(items.size()) : 0;
    progress.failed = report.failed;
    OFCondition link = EC_Normal; // the SCU's association
    bool outgoingBroken = false;
    std::size_t next = 0;
    for (; sender && next < items.size(); ++next) {
        if (m_context.stopping.load()) {
            problem = "the server is stopping";
            break;
        }
        if (sender->cancelSeen() || checkForCANCEL(presentationContext, messageId).good()) {
            report.cancelled = true;
            break;
        }
        const RetrieveItem& item = items[next];
        const SubOperationOutcome sent = sender->send(item);
        --progress.remaining;
        report.results[next] = sent.result;
        if (sent.result == SubOperationResult::Completed) {
            ++progress.completed;
        } else {
            if (sent.result == SubOperationResult::Warning)
                ++progress.warning;
            else
                ++progress.failed;
            if (problem.empty())
                problem = sent.problem;
            DCMNET_WARN("Lumen: C-STORE sub-operation of "
                        << item.sopInstanceUid << " for " << m_info.callingAeTitle << ": status 0x"
                        << std::hex << sent.status << std::dec << " " << sent.problem);
        }
        if (sent.association.bad()) {
            if (!isMove) {
                link = sent.association; // the SCU's own association is unusable
            }
            outgoingBroken = true;
            ++next;
            break;
        }
        if (progress.remaining > 0) {
            link = respond(STATUS_Pending, progress, nullptr, nullptr);
            if (link.bad()) {
                ++next;
                break;
            }
        }
    }
    if (isMove)
        outgoing.close(outgoingBroken ? OutgoingAssociation::Ending::Abort
                                      : OutgoingAssociation::Ending::Release);
    if (!report.cancelled && sender) {
        // Not sent because the server stops or an association broke: those failed.
        for (std::size_t i = next; i < items.size(); ++i)
            report.results[i] = SubOperationResult::Failed;
        progress.failed += progress.remaining;
        progress.remaining = 0;
    }
    report.completed = progress.completed;
    report.failed = progress.failed;
    report.warning = progress.warning;
    if (report.cancelled)
        report.status = status::cancelled;
    else if (report.failed == 0 && report.warning == 0)
        report.status = status::success;
    else if (report.completed == 0 && report.warning == 0)
        report.status = status::subOperationsFailed;
    else
        report.status = status::subOperationsWithFailures;
    report.reason = problem;

    if (link.bad()) {
        finished();
        return link;
    }
    std::unique_ptr<DcmDataset> failedList;
    if (report.failed > 0) {
        std::string uids;
        std::size_t listed = 0;
        for (std::size_t i = 0; i < items.size() && listed < maxFailedUidsListed; ++i)
            if (report.results[i] == SubOperationResult::Failed) {
                uids += (listed++ ? "\\" : "") + items[i].sopInstanceUid;
            }
        failedList = std::make_unique<DcmDataset>();
        failedList->putAndInsertString(DCM_FailedSOPInstanceUIDList, uids.c_str());
    }
    // Reported (and audited) before the final response, so that an SCU that saw it finish
    // finds the retrieve in the audit trail.
    finished();
    const auto detail = report.status == status::subOperationsFailed ? errorComment(report.reason) : nullptr;
    return respond(report.status, progress, failedList.get(), detail.get());
}

} // namespace lumen::dicom::detail
