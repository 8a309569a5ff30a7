// MPPS N-CREATE and N-SET (PS3.4 F.7) on an incoming association: the request checked here
// (mpps_request.cpp), the instance kept and decided on by the MppsHandler, its status answered.
#include "lumen_scp.h"

#include "mpps_request.h"
#include "n_response.h"

#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/diutil.h"

#include <cstring>
#include <memory>

namespace lumen::dicom::detail {
namespace {

bool isMppsContext(const DcmPresentationContextInfo& info, const char* sopClass)
{
    return info.abstractSyntax == UID_ModalityPerformedProcedureStepSOPClass &&
           std::strcmp(sopClass, UID_ModalityPerformedProcedureStepSOPClass) == 0;
}

template <class Call> MppsOutcome callHandler(Call&& call)
{
    try {
        return call();
    } catch (const std::exception& error) {
        return {mpps_status::processingFailure, error.what()};
    } catch (...) {
        return {mpps_status::processingFailure, "unexpected error while recording the procedure step"};
    }
}

} // namespace

OFCondition LumenScp::receiveNData(T_ASC_PresentationContextID presentationContext, bool present,
                                   std::unique_ptr<DcmDataset>& data)
{
    if (!present)
        return EC_Normal;
    T_ASC_PresentationContextID dataContext = 0;
    DcmDataset* received = nullptr;
    if (receiveDIMSEDataset(&dataContext, &received).bad())
        return DIMSE_BADDATA; // the association is aborted
    data.reset(received);
    if (dataContext != presentationContext)
        return makeDcmnetCondition(DIMSEC_INVALIDPRESENTATIONCONTEXTID, OF_error,
                                   "DIMSE: Presentation Contexts of Command and Data Set differ");
    return EC_Normal;
}

OFCondition LumenScp::handleMppsCreate(T_DIMSE_N_CreateRQ& request, const DcmPresentationContextInfo& info)
{
    const T_ASC_PresentationContextID presentationContext = info.presentationContextID;
    std::unique_ptr<DcmDataset> attributes;
    const OFCondition cond =
        receiveNData(presentationContext, request.DataSetType != DIMSE_DATASET_NULL, attributes);
    if (cond.bad())
        return cond;

    MppsCreateRequest create;
    // The SCU may leave the instance UID to the SCP, which then answers the one it made.
    if ((request.opts & O_NCREATE_AFFECTEDSOPINSTANCEUID) != 0 && request.AffectedSOPInstanceUID[0] != '\0') {
        create.sopInstanceUid = request.AffectedSOPInstanceUID;
    } else {
        char uid[100];
        create.sopInstanceUid = dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
    }
    std::optional<MppsOutcome> refusal;
    if (!isMppsContext(info, request.AffectedSOPClassUID))
        refusal = MppsOutcome{mpps_status::noSuchSopClass, "N-CREATE is served for MPPS only"};
    if (!refusal)
        refusal = readMppsCreate(attributes.get(), create);
    if (!refusal && m_context.mpps == nullptr)
        refusal = MppsOutcome{mpps_status::processingFailure, "MPPS is not served"};
    const MppsOutcome outcome =
        refusal ? *refusal : callHandler([&] { return m_context.mpps->createStep(m_info, create); });
    if (outcome.status != status::success)
        DCMNET_WARN("Lumen: MPPS N-CREATE " << create.sopInstanceUid << " from " << m_info.callingAeTitle
                                            << " refused with status 0x" << std::hex << outcome.status
                                            << std::dec << ": " << outcome.reason);

    T_DIMSE_Message response;
    std::memset(static_cast<void*>(&response), 0, sizeof response);
    response.CommandField = DIMSE_N_CREATE_RSP;
    T_DIMSE_N_CreateRSP& answer = response.msg.NCreateRSP;
    answer.MessageIDBeingRespondedTo = request.MessageID;
    answer.DimseStatus = outcome.status;
    answer.DataSetType = DIMSE_DATASET_NULL;
    answer.opts = O_NCREATE_AFFECTEDSOPCLASSUID | O_NCREATE_AFFECTEDSOPINSTANCEUID;
    setAffectedUids(answer, request.AffectedSOPClassUID, create.sopInstanceUid.c_str());
    return sendNResponse(m_association, presentationContext, response, outcome.status, outcome.reason);
}

OFCondition LumenScp::handleMppsSet(T_DIMSE_N_SetRQ& request, const DcmPresentationContextInfo& info)
{
    const T_ASC_PresentationContextID presentationContext = info.presentationContextID;
    std::unique_ptr<DcmDataset> modifications;
    const OFCondition cond =
        receiveNData(presentationContext, request.DataSetType != DIMSE_DATASET_NULL, modifications);
    if (cond.bad())
        return cond;

    MppsSetRequest set;
    set.sopInstanceUid = request.RequestedSOPInstanceUID;
    std::optional<MppsOutcome> refusal;
    if (!isMppsContext(info, request.RequestedSOPClassUID))
        refusal = MppsOutcome{mpps_status::noSuchSopClass, "N-SET is served for MPPS only"};
    if (!refusal)
        refusal = readMppsSet(modifications.get(), set);
    if (!refusal && m_context.mpps == nullptr)
        refusal = MppsOutcome{mpps_status::processingFailure, "MPPS is not served"};
    const MppsOutcome outcome =
        refusal ? *refusal : callHandler([&] { return m_context.mpps->setStep(m_info, set); });
    if (outcome.status != status::success)
        DCMNET_WARN("Lumen: MPPS N-SET " << set.sopInstanceUid << " from " << m_info.callingAeTitle
                                         << " refused with status 0x" << std::hex << outcome.status
                                         << std::dec << ": " << outcome.reason);

    T_DIMSE_Message response;
    std::memset(static_cast<void*>(&response), 0, sizeof response);
    response.CommandField = DIMSE_N_SET_RSP;
    T_DIMSE_N_SetRSP& answer = response.msg.NSetRSP;
    answer.MessageIDBeingRespondedTo = request.MessageID;
    answer.DimseStatus = outcome.status;
    answer.DataSetType = DIMSE_DATASET_NULL;
    answer.opts = O_NSET_AFFECTEDSOPCLASSUID | O_NSET_AFFECTEDSOPINSTANCEUID;
    setAffectedUids(answer, request.RequestedSOPClassUID, request.RequestedSOPInstanceUID);
    return sendNResponse(m_association, presentationContext, response, outcome.status, outcome.reason);
}

} // namespace lumen::dicom::detail
