#include "lumen/core/dicom_patient.h"

#include <algorithm>
#include <cstdio>

namespace lumen::core {

std::string_view dicomIssuer(IdentifierKind kind)
{
    switch (kind) {
    case IdentifierKind::NationalId:
        return "NATIONAL_ID";
    case IdentifierKind::MedicalCardNo:
        return "MEDICAL_CARD";
    case IdentifierKind::OutpatientNo:
        return "OUTPATIENT";
    case IdentifierKind::InpatientNo:
        return "INPATIENT";
    case IdentifierKind::RegistrationNo:
        return "REGISTRATION";
    case IdentifierKind::SocialSecurityNo:
        return "SOCIAL_SECURITY";
    case IdentifierKind::HisPatientId:
        return "HIS";
    }
    return "";
}

DicomPatient toDicomPatient(const Patient& patient)
{
    DicomPatient out;
    constexpr IdentifierKind preference[] = {
        IdentifierKind::HisPatientId, IdentifierKind::MedicalCardNo,  IdentifierKind::OutpatientNo,
        IdentifierKind::InpatientNo,  IdentifierKind::RegistrationNo, IdentifierKind::SocialSecurityNo};
    for (const auto kind : preference)
        if (const auto& value = patient.identifier(kind); value && !value->empty()) {
            out.patientId = *value;
            out.issuerOfPatientId = std::string(dicomIssuer(kind));
            break;
        }
    if (out.patientId.empty()) {
        out.patientId = std::to_string(patient.id);
        out.issuerOfPatientId = "LUMEN";
    }
    // A backslash would split the name into several DICOM values.
    out.patientName = patient.name;
    std::replace(out.patientName.begin(), out.patientName.end(), '\\', ' ');
    if (patient.birthDate) {
        char text[16];
        std::snprintf(text, sizeof text, "%04d%02d%02d", patient.birthDate->year, patient.birthDate->month,
                      patient.birthDate->day);
        out.birthDate = text;
    }
    if (patient.sex != Sex::Unknown)
        out.sex = std::string(toCode(patient.sex));
    return out;
}

} // namespace lumen::core
