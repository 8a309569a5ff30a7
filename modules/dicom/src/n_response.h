#pragma once
// The response commands of the N-services Lumen serves as SCP (N-ACTION for storage
// commitment, N-CREATE and N-SET for MPPS): they carry no data set, only the status, the
// affected UIDs and, on a refusal, the reason as Error Comment.
#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmnet/dimse.h"
#include "dcmtk/ofstd/ofstd.h"

#include <cstdint>
#include <string>

namespace lumen::dicom::detail {

// T_DIMSE_N_ActionRSP, T_DIMSE_N_CreateRSP and T_DIMSE_N_SetRSP name these fields alike.
template <class Response>
void setAffectedUids(Response& answer, const char* sopClass, const char* sopInstance)
{
    OFStandard::strlcpy(answer.AffectedSOPClassUID, sopClass, sizeof answer.AffectedSOPClassUID);
    OFStandard::strlcpy(answer.AffectedSOPInstanceUID, sopInstance, sizeof answer.AffectedSOPInstanceUID);
}

// Sends `response` with the status detail's Error Comment when `status` is not success.
OFCondition sendNResponse(T_ASC_Association* association, T_ASC_PresentationContextID presentationContext,
                          T_DIMSE_Message& response, std::uint16_t status, const std::string& reason);

} // namespace lumen::dicom::detail
