#pragma once
// A patient as the hospital knows it: demographics plus every identifier the departments use.
#include "lumen/core/date.h"
#include "lumen/core/sex.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumen::core {

using PatientId = std::int64_t;

// Hospital identifiers; each kind is unique across patients.
enum class IdentifierKind {
    NationalId,
    MedicalCardNo,
    OutpatientNo,
    InpatientNo,
    RegistrationNo,
    SocialSecurityNo,
    HisPatientId,
};
inline constexpr std::array<IdentifierKind, 7> allIdentifierKinds = {
    IdentifierKind::NationalId,     IdentifierKind::MedicalCardNo,    IdentifierKind::OutpatientNo,
    IdentifierKind::InpatientNo,    IdentifierKind::RegistrationNo,   IdentifierKind::SocialSecurityNo,
    IdentifierKind::HisPatientId};
// Wire/JSON field name, e.g. "nationalId".
std::string_view fieldName(IdentifierKind kind);
// Database column name, e.g. "national_id".
std::string_view columnName(IdentifierKind kind);

struct Patient
{
    PatientId id = 0;
    std::string name;
    Sex sex = Sex::Unknown;
    std::optional<Date> birthDate;
    std::optional<std::string> phone;
    std::optional<std::string> address;
    std::array<std::optional<std::string>, allIdentifierKinds.size()> identifiers;
    bool confidential = false;
    std::optional<PatientId> mergedInto;
    std::string createdAt;
    std::string updatedAt;
    std::int64_t version = 0;

    std::optional<std::string>& identifier(IdentifierKind kind) { return identifiers[std::size_t(kind)]; }
    const std::optional<std::string>& identifier(IdentifierKind kind) const
    {
        return identifiers[std::size_t(kind)];
    }
};

// One problem with one field; `code` is stable so clients can translate it.
struct FieldProblem
{
    std::string field;
    std::string code;
    std::string message;
};

// Trims strings, turns empty strings into "not set", normalises the national ID, and fills
// sex and birth date from a valid national ID when they are missing.
void normalizePatient(Patient& patient);
// Problems after normalisation; empty when the patient may be stored.
std::vector<FieldProblem> validatePatient(const Patient& patient, const Date& today);

} // namespace lumen::core
