#pragma once
// How a Lumen patient is written into a DICOM header, for studies assigned to the patient by
// hand or by their exam's accession number: which hospital identifier becomes the Patient ID,
// and the DICOM value forms.
#include "lumen/core/patient.h"

#include <string>
#include <string_view>

namespace lumen::core {

struct DicomPatient
{
    std::string patientId;         // (0010,0020)
    std::string issuerOfPatientId; // (0010,0021)
    std::string patientName;       // (0010,0010), UTF-8: the Lumen name as one component group
    std::string birthDate;         // (0010,0030) YYYYMMDD, empty when unknown
    std::string sex;               // (0010,0040) M, F, O; empty when unknown
};

// The Patient ID is the first identifier the patient has of: HIS patient ID, medical card,
// outpatient, inpatient, registration, social security number; IssuerOfPatientID names its
// kind (dicomIssuer). Incoming objects are matched on exactly these identifiers, so what
// Lumen sends out is matched again when it comes back. A patient with none of them gets
// Lumen's record number with issuer "LUMEN". The national ID is never used: it identifies a
// citizen everywhere and does not belong in headers that travel to other systems.
DicomPatient toDicomPatient(const Patient& patient);
// IssuerOfPatientID for an identifier kind, e.g. "HIS" or "OUTPATIENT".
std::string_view dicomIssuer(IdentifierKind kind);

} // namespace lumen::core
