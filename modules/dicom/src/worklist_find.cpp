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

    return answerFind(
        request, presentationContext, "worklist query", [&](const SendPendingFind& sendPending) {
            return m_context.worklist->findWorklist(m_info, query, [&](const WorklistItem& item) {
                const auto answer = makeWorklistResponse(*identifier, item);
                return sendPending(answer.get());
            });
        });
}

} // namespace lumen::dicom::detail
