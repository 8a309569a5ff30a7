// Modality worklist queries (C-FIND on 1.2.840.10008.5.1.4.31): read here, matched by the
// WorklistHandler, each match answered shaped like the request.
#include "lumen_scp.h"

#include "error_comment.h"
#include "worklist_identifier.h"

#include "dcmtk/dcmnet/diutil.h"

#include <memory>

namespace lumen::dicom::detail {

OFCondition LumenScp::handleWorklistFind(T_DIMSE_C_FindRQ& request, const DcmPresentationContextInfo& info)
{
    const T_ASC_PresentationContextID presentationContext = info.presentationContextID;
    DcmDataset* received = nullptr;
    const OFCondition cond = receiveFINDRequest(request, presentationContext, received);
    if (cond.bad())
        return cond;
    const std::unique_ptr<DcmDataset> identifier(received);
    const OFString sopClass = request.AffectedSOPClassUID;
    if (!identifier || m_context.worklist == nullptr) {
        const auto detail = errorComment(identifier ? "the worklist is not served" : "no identifier");
        return sendFINDResponse(presentationContext, request.MessageID, sopClass, nullptr,
                                identifier ? status::unableToProcess : status::identifierDoesNotMatchSopClass,
                                detail.get());
    }
    const WorklistQuery query = readWorklistQuery(*identifier);

    bool cancelled = false;
    OFCondition sendFailure = EC_Normal;
    const auto sendItem = [&](const WorklistItem& item) {
        if (cancelled || sendFailure.bad())
            return false;
        if (checkForCANCEL(presentationContext, request.MessageID).good()) {
            cancelled = true;
            return false;
        }
        const auto answer = makeWorklistResponse(*identifier, item);
        const OFCondition sent = sendFINDResponse(presentationContext, request.MessageID, sopClass,
                                                  answer.get(), STATUS_FIND_Pending_MatchesAreContinuing);
        if (sent.bad()) {
            sendFailure = sent;
            return false;
        }
        return true;
    };
    FindOutcome outcome;
    try {
        outcome = m_context.worklist->findWorklist(m_info, query, sendItem);
    } catch (const std::exception& error) {
        outcome = {status::unableToProcess, error.what()};
    } catch (...) {
        outcome = {status::unableToProcess, "unexpected error while searching the worklist"};
    }
    if (sendFailure.bad())
        return sendFailure;
    if (!cancelled && checkForCANCEL(presentationContext, request.MessageID).good())
        cancelled = true;
    const std::uint16_t finalStatus =
        cancelled ? STATUS_FIND_Cancel_MatchingTerminatedDueToCancelRequest : outcome.status;
    if (finalStatus != status::success && !cancelled)
        DCMNET_WARN("Lumen: worklist query from " << m_info.callingAeTitle << " refused: " << outcome.reason);
    const auto detail = finalStatus != status::success && !cancelled ? errorComment(outcome.reason) : nullptr;
    return sendFINDResponse(presentationContext, request.MessageID, sopClass, nullptr, finalStatus,
                            detail.get());
}

} // namespace lumen::dicom::detail
