// Storage commitment requests (N-ACTION, PS3.4 J.3.2) on an incoming association: checked
// here, taken over by the StorageCommitmentHandler, answered with its status. The report
// itself goes out later on an association of its own (storage_commitment_report.cpp).
#include "lumen_scp.h"

#include "n_response.h"
#include "storage_commitment_request.h"

#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/diutil.h"

#include <cstring>
#include <memory>

namespace lumen::dicom::detail {
namespace {

// What the command itself asks for, before its data set is looked at.
std::optional<CommitmentOutcome> checkCommand(const T_DIMSE_N_ActionRQ& request,
                                              const DcmPresentationContextInfo& info)
{
    if (info.abstractSyntax != UID_StorageCommitmentPushModelSOPClass ||
        std::strcmp(request.RequestedSOPClassUID, UID_StorageCommitmentPushModelSOPClass) != 0)
        return CommitmentOutcome{commitment_status::noSuchSopClass,
                                 "N-ACTION is served for Storage Commitment Push Model only"};
    if (std::strcmp(request.RequestedSOPInstanceUID, UID_StorageCommitmentPushModelSOPInstance) != 0)
        return CommitmentOutcome{commitment_status::noSuchSopInstance,
                                 "Requested SOP Instance must be 1.2.840.10008.1.20.1.1"};
    if (request.ActionTypeID != 1)
        return CommitmentOutcome{commitment_status::noSuchAction,
                                 "Action Type ID " + std::to_string(request.ActionTypeID) +
                                     " is unknown; 1 requests storage commitment"};
    return std::nullopt;
}

} // namespace

OFCondition LumenScp::handleCommitmentAction(T_DIMSE_N_ActionRQ& request,
                                             const DcmPresentationContextInfo& info)
{
    const T_ASC_PresentationContextID presentationContext = info.presentationContextID;
    std::unique_ptr<DcmDataset> actionInformation;
    if (request.DataSetType != DIMSE_DATASET_NULL) {
        T_ASC_PresentationContextID dataContext = 0;
        DcmDataset* received = nullptr;
        if (receiveDIMSEDataset(&dataContext, &received).bad())
            return DIMSE_BADDATA; // the association is aborted
        actionInformation.reset(received);
        if (dataContext != presentationContext)
            return makeDcmnetCondition(DIMSEC_INVALIDPRESENTATIONCONTEXTID, OF_error,
                                       "DIMSE: Presentation Contexts of Command and Data Set differ");
    }

    CommitmentRequest commitment;
    std::optional<CommitmentOutcome> refusal = checkCommand(request, info);
    if (!refusal)
        refusal = readCommitmentRequest(actionInformation.get(), commitment);
    if (!refusal && m_context.commitment == nullptr)
        refusal = CommitmentOutcome{commitment_status::processingFailure, "storage commitment is not served"};
    CommitmentOutcome outcome;
    if (refusal) {
        outcome = *refusal;
    } else {
        try {
            outcome = m_context.commitment->requestCommitment(m_info, commitment);
        } catch (const std::exception& error) {
            outcome = {commitment_status::processingFailure, error.what()};
        } catch (...) {
            outcome = {commitment_status::processingFailure, "unexpected error while recording the request"};
        }
    }
    if (outcome.status != status::success)
        DCMNET_WARN("Lumen: storage commitment request from "
                    << m_info.callingAeTitle << " refused with status 0x" << std::hex << outcome.status
                    << std::dec << ": " << outcome.reason);

    T_DIMSE_Message response;
    std::memset(static_cast<void*>(&response), 0, sizeof response);
    response.CommandField = DIMSE_N_ACTION_RSP;
    T_DIMSE_N_ActionRSP& answer = response.msg.NActionRSP;
    answer.MessageIDBeingRespondedTo = request.MessageID;
    answer.DimseStatus = outcome.status;
    answer.DataSetType = DIMSE_DATASET_NULL; // no Action Reply for storage commitment
    answer.opts = O_NACTION_AFFECTEDSOPCLASSUID | O_NACTION_AFFECTEDSOPINSTANCEUID;
    setAffectedUids(answer, request.RequestedSOPClassUID, request.RequestedSOPInstanceUID);
    return sendNResponse(m_association, presentationContext, response, outcome.status, outcome.reason);
}

} // namespace lumen::dicom::detail
