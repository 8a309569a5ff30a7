#include "lumen/core/patient.h"

#include "lumen/core/national_id.h"
#include "lumen/core/text_checks.h"

namespace lumen::core {

std::string_view fieldName(IdentifierKind kind)
{
    switch (kind) {
    case IdentifierKind::NationalId:
        return "nationalId";
    case IdentifierKind::MedicalCardNo:
        return "medicalCardNo";
    case IdentifierKind::OutpatientNo:
        return "outpatientNo";
    case IdentifierKind::InpatientNo:
        return "inpatientNo";
    case IdentifierKind::RegistrationNo:
        return "registrationNo";
    case IdentifierKind::SocialSecurityNo:
        return "socialSecurityNo";
    case IdentifierKind::HisPatientId:
        return "hisPatientId";
    }
    return "";
}

std::string_view columnName(IdentifierKind kind)
{
    switch (kind) {
    case IdentifierKind::NationalId:
        return "national_id";
    case IdentifierKind::MedicalCardNo:
        return "medical_card_no";
    case IdentifierKind::OutpatientNo:
        return "outpatient_no";
    case IdentifierKind::InpatientNo:
        return "inpatient_no";
    case IdentifierKind::RegistrationNo:
        return "registration_no";
    case IdentifierKind::SocialSecurityNo:
        return "social_security_no";
    case IdentifierKind::HisPatientId:
        return "his_patient_id";
    }
    return "";
}

namespace {

bool isPlausiblePhone(const std::string& phone)
{
    int digits = 0;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (c >= '0' && c <= '9')
            ++digits;
        else if (!(c == '-' || c == ' ' || (c == '+' && i == 0)))
            return false;
    }
    return digits >= 7 && digits <= 20;
}

} // namespace

void normalizePatient(Patient& patient)
{
    patient.name = trimmed(patient.name);
    trimOptional(patient.phone);
    trimOptional(patient.address);
    for (auto& id : patient.identifiers)
        trimOptional(id);
    auto& nationalId = patient.identifier(IdentifierKind::NationalId);
    if (nationalId) {
        *nationalId = normalizeNationalId(*nationalId);
        if (const auto info = decodeNationalId(*nationalId)) {
            if (patient.sex == Sex::Unknown)
                patient.sex = info->sex;
            if (!patient.birthDate)
                patient.birthDate = info->birthDate;
        }
    }
}

std::vector<FieldProblem> validatePatient(const Patient& patient, const Date& today)
{
    std::vector<FieldProblem> problems;
    if (patient.name.empty())
        problems.push_back({"name", "required", "Name is required."});
    else if (characterCount(patient.name) > 64)
        problems.push_back({"name", "too_long", "Name must have at most 64 characters."});
    else if (hasControlCharacters(patient.name))
        problems.push_back({"name", "invalid", "Name contains control characters."});

    if (patient.birthDate && *patient.birthDate > today)
        problems.push_back({"birthDate", "in_future", "Birth date lies in the future."});
    if (patient.birthDate && patient.birthDate->year < 1880)
        problems.push_back({"birthDate", "too_old", "Birth date is before 1880."});

    if (patient.phone && !isPlausiblePhone(*patient.phone))
        problems.push_back(
            {"phone", "invalid", "Phone must have 7 to 20 digits (spaces, '-' and a leading '+' allowed)."});
    if (patient.address && (characterCount(*patient.address) > 200 || hasControlCharacters(*patient.address)))
        problems.push_back(
            {"address", "invalid", "Address must be at most 200 characters without control characters."});

    for (IdentifierKind kind : allIdentifierKinds) {
        const auto& value = patient.identifier(kind);
        if (!value)
            continue;
        const std::string field(fieldName(kind));
        if (kind == IdentifierKind::NationalId) {
            const auto problem = validateNationalId(*value, &today);
            if (problem != NationalIdProblem::None) {
                problems.push_back({field, "invalid", "National ID number " + describe(problem) + "."});
                continue;
            }
            const auto info = decodeNationalId(*value);
            if (patient.sex != Sex::Unknown && patient.sex != Sex::Other && patient.sex != info->sex)
                problems.push_back({"sex", "inconsistent_national_id",
                                    "Sex does not match the national ID number (which says " +
                                        std::string(toCode(info->sex)) + ")."});
            if (patient.birthDate && *patient.birthDate != info->birthDate)
                problems.push_back({"birthDate", "inconsistent_national_id",
                                    "Birth date does not match the national ID number (which says " +
                                        formatIsoDate(info->birthDate) + ")."});
        } else if (!isPlainIdentifier(*value)) {
            problems.push_back(
                {field, "invalid", "Identifier may hold at most 64 letters, digits and - _ / . characters."});
        }
    }
    return problems;
}

} // namespace lumen::core
