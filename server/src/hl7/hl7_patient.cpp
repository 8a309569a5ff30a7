#include "hl7/hl7_patient.h"

#include "hl7/hl7_failure.h"
#include "lumen/core/national_id.h"
#include "lumen/store/patient_repository.h"

#include <algorithm>
#include <cctype>

namespace lumen::server {

using core::IdentifierKind;
using hl7::ErrorCode;

namespace {

bool hasNonAscii(std::string_view text)
{
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::string upper(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

void addOnce(std::vector<Hl7Identifier>& ids, IdentifierKind kind, std::string value)
{
    if (value.empty())
        return;
    for (const auto& id : ids)
        if (id.kind == kind)
            return;
    ids.push_back({kind, std::move(value)});
}

// Chinese names are written family name first without a space (张伟); others "FAMILY GIVEN".
std::string personName(const hl7::Segment& s, int field, int repetition)
{
    const auto family = s.value(field, repetition, 1, 1);
    const auto given = s.value(field, repetition, 2);
    if (hasNonAscii(family) || hasNonAscii(given))
        return family + given;
    if (family.empty() || given.empty())
        return family + given;
    return family + " " + given;
}

// The legal name (XPN-7 "L") when several are sent, else the first.
int legalNameRepetition(const hl7::Segment& pid)
{
    for (int r = 0; r < pid.repetitionCount(5); ++r)
        if (pid.value(5, r, 7) == "L")
            return r;
    return 0;
}

// Digits with spaces, '-' and a leading '+' as Lumen stores phones; "(010)8888-1234" loses
// its brackets.
std::optional<std::string> phoneNumber(const hl7::Segment& pid)
{
    std::string text = pid.value(13, 0, 1);
    if (text.empty())
        text = pid.value(13, 0, 12);
    if (text.empty())
        text = pid.value(13, 0, 6) + pid.value(13, 0, 7);
    std::string phone;
    int digits = 0;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            phone += c;
            ++digits;
        } else if ((c == '+' && phone.empty()) || ((c == '-' || c == ' ') && !phone.empty()))
            phone += c;
    }
    // A number Lumen could not store is left out rather than refusing the whole message.
    if (digits < 7 || digits > 20)
        return std::nullopt;
    return phone;
}

std::string address(const hl7::Segment& pid)
{
    const auto street = pid.value(11, 0, 1, 1);
    const auto other = pid.value(11, 0, 2);
    const auto city = pid.value(11, 0, 3);
    const auto province = pid.value(11, 0, 4);
    const auto zip = pid.value(11, 0, 5);
    const std::vector<std::string> parts{street, other, city, province, zip};
    if (std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return hasNonAscii(p); }))
        return province + city + street + other; // 省 市 街道: largest first, no separators
    std::string out;
    for (const auto& p : parts)
        if (!p.empty())
            out += (out.empty() ? "" : ", ") + p;
    return out;
}

std::optional<std::string> isoBirthDate(const std::string& dtm)
{
    // YYYYMMDD[HHMM...]; a year or month alone is too vague to store as a birth date.
    if (dtm.size() < 8 || !std::all_of(dtm.begin(), dtm.begin() + 8,
                                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return std::nullopt;
    return dtm.substr(0, 4) + "-" + dtm.substr(4, 2) + "-" + dtm.substr(6, 2);
}

} // namespace

std::optional<IdentifierKind> identifierKindForType(std::string_view typeCode)
{
    const auto t = upper(typeCode);
    if (t == "PI" || t == "PT" || t == "PN" || t == "MR" || t == "HIS" || t == "BRID")
        return IdentifierKind::HisPatientId;
    if (t == "NI" || t == "NNCHN" || t == "CZ" || t == "SFZ")
        return IdentifierKind::NationalId;
    if (t == "SS" || t == "MC" || t == "MA" || t == "YB" || t == "YBH")
        return IdentifierKind::SocialSecurityNo;
    if (t == "HC" || t == "JZK" || t == "MCN")
        return IdentifierKind::MedicalCardNo;
    if (t == "OP" || t == "OPN" || t == "MZH")
        return IdentifierKind::OutpatientNo;
    if (t == "IP" || t == "IPN" || t == "ZYH")
        return IdentifierKind::InpatientNo;
    if (t == "RRI" || t == "DJH")
        return IdentifierKind::RegistrationNo;
    return std::nullopt;
}

std::vector<Hl7Identifier> identifiersIn(const hl7::Segment& segment, int field)
{
    std::vector<Hl7Identifier> ids;
    for (int r = 0; r < segment.repetitionCount(field); ++r) {
        const auto value = segment.value(field, r, 1);
        const auto type = segment.value(field, r, 5);
        if (type.empty())
            addOnce(ids, IdentifierKind::HisPatientId, value);
        else if (const auto kind = identifierKindForType(type))
            addOnce(ids, *kind, value);
    }
    return ids;
}

std::vector<Hl7Identifier> patientIdentifiers(const hl7::Segment& pid)
{
    auto ids = identifiersIn(pid, 3);
    addOnce(ids, IdentifierKind::HisPatientId, pid.value(2, 0, 1));
    const auto ssn = pid.value(19);
    if (!ssn.empty())
        addOnce(ids,
                core::validateNationalId(ssn) == core::NationalIdProblem::None
                    ? IdentifierKind::NationalId
                    : IdentifierKind::SocialSecurityNo,
                ssn);
    return ids;
}

nlohmann::json patientPatch(const hl7::Segment& pid)
{
    nlohmann::json patch = nlohmann::json::object();
    for (const auto& id : patientIdentifiers(pid))
        patch[std::string(core::fieldName(id.kind))] = id.value;

    if (pid.isExplicitNull(5))
        patch["name"] = nullptr; // refused by validation: a patient keeps a name
    else if (const auto name = personName(pid, 5, legalNameRepetition(pid)); !name.empty())
        patch["name"] = name;

    const auto birth = pid.value(7);
    if (pid.isExplicitNull(7))
        patch["birthDate"] = nullptr;
    else if (!birth.empty()) {
        const auto iso = isoBirthDate(birth);
        if (!iso)
            throw hl7Error(ErrorCode::DataType, "PID-7: birth date '" + birth + "' is not YYYYMMDD", "PID",
                           7);
        patch["birthDate"] = *iso;
    }

    const auto sex = upper(pid.value(8));
    if (!sex.empty()) {
        if (sex == "M" || sex == "F" || sex == "O" || sex == "U")
            patch["sex"] = sex;
        else if (sex == "A")
            patch["sex"] = "O";
        else if (sex == "N")
            patch["sex"] = "U";
        else
            throw hl7Error(ErrorCode::TableValueNotFound, "PID-8: sex '" + sex + "' is not in table 0001",
                           "PID", 8);
    }

    if (pid.isExplicitNull(11))
        patch["address"] = nullptr;
    else if (const auto a = address(pid); !a.empty())
        patch["address"] = a;
    if (pid.isExplicitNull(13))
        patch["phone"] = nullptr;
    else if (const auto phone = phoneNumber(pid))
        patch["phone"] = *phone;
    return patch;
}

std::optional<core::PatientId> findPatient(store::PatientRepository& repo,
                                           const std::vector<Hl7Identifier>& ids, bool followMerges,
                                           const std::string& segment, int field)
{
    std::optional<core::PatientId> found;
    for (const auto& id : ids) {
        auto holder = repo.findByIdentifier(id.kind, id.value);
        if (!holder)
            continue;
        if (followMerges)
            if (const auto p = repo.find(*holder); p && p->mergedInto)
                holder = p->mergedInto;
        if (found && *found != *holder)
            throw hl7Error(ErrorCode::DuplicateKeyIdentifier,
                           segment + "-" + std::to_string(field) +
                               ": the identifiers belong to different patients (" + std::to_string(*found) +
                               " and " + std::to_string(*holder) + ")",
                           segment, field);
        found = holder;
    }
    return found;
}

} // namespace lumen::server
