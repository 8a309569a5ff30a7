#include "lumen/protocol/exam_json.h"

#include "field_readers.h"
#include "lumen/core/date.h"
#include "lumen/protocol/json_fields.h"

#include <nlohmann/json.hpp>

#include <array>

namespace lumen::protocol {

using core::Error;
using core::ErrorKind;
using detail::codeField;
using detail::stringOrNull;
using detail::throwInvalidField;
using nlohmann::json;

namespace {

json optionalToJson(const std::optional<std::string>& v)
{
    return v ? json(*v) : json(nullptr);
}

json itemToJson(const core::ExamItem& item)
{
    return {{"method", item.method},
            {"bodyPart", item.bodyPart},
            {"hisItemCode", optionalToJson(item.hisItemCode)},
            {"hisBodyPartCode", optionalToJson(item.hisBodyPartCode)}};
}

std::vector<core::ExamItem> itemsFromJson(const json& value)
{
    if (!value.is_array())
        throwInvalidField("items", "must be an array of {method, bodyPart} objects.");
    if (value.size() > core::maxExamItems)
        throwInvalidField("items", "may hold at most " + std::to_string(core::maxExamItems) + " items.");
    std::vector<core::ExamItem> items;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string at = "items[" + std::to_string(i) + "]";
        const auto& entry = value[i];
        if (!entry.is_object())
            throwInvalidField(at, "must be an object with method and bodyPart.");
        detail::refuseUnknownFields(entry, {"method", "bodyPart", "hisItemCode", "hisBodyPartCode"}, {},
                                    at + ".");
        core::ExamItem item;
        auto text = [&](const char* key, std::size_t maxBytes) {
            const auto it = entry.find(key);
            return it == entry.end() ? std::nullopt : stringOrNull(*it, at + "." + key, maxBytes);
        };
        item.method = text("method", 256).value_or("");
        item.bodyPart = text("bodyPart", 256).value_or("");
        item.hisItemCode = text("hisItemCode", 128);
        item.hisBodyPartCode = text("hisBodyPartCode", 128);
        items.push_back(std::move(item));
    }
    return items;
}

std::optional<std::string> timestampOrNull(const json& value, const std::string& field)
{
    const auto text = stringOrNull(value, field, 32);
    if (!text)
        return std::nullopt;
    // A slot is a moment, so a bare date is not enough.
    const auto t = text->size() == 20 ? core::parseIsoTimestamp(*text) : std::nullopt;
    if (!t)
        throwInvalidField(field, "must be a UTC time written YYYY-MM-DDTHH:MM:SSZ.");
    return core::formatIsoTimestamp(*t);
}

// Fields both a new order and a change may carry.
void applyCommonField(core::Exam& e, const std::string& key, const json& value)
{
    if (key == "modality")
        e.modality = stringOrNull(value, key, 64).value_or("");
    else if (key == "items")
        e.items = itemsFromJson(value);
    else if (key == "requestingDepartment")
        e.requestingDepartment = stringOrNull(value, key, 256);
    else if (key == "requestingDoctor")
        e.requestingDoctor = stringOrNull(value, key, 256);
    else if (key == "clinicalDiagnosis")
        e.clinicalDiagnosis = stringOrNull(value, key, 2048);
    else if (key == "clinicalHistory")
        e.clinicalHistory = stringOrNull(value, key, 8192);
    else if (key == "patientSource")
        e.patientSource = codeField(value, key, core::patientSourceFromCode, core::patientSourceCodeList());
    else if (key == "priority")
        e.priority = codeField(value, key, core::examPriorityFromCode, core::examPriorityCodeList());
    else if (key == "feeStatus")
        e.feeStatus = codeField(value, key, core::feeStatusFromCode, core::feeStatusCodeList());
}

constexpr std::array<std::string_view, 9> commonFields = {
    "modality",          "items",           "requestingDepartment", "requestingDoctor",
    "clinicalDiagnosis", "clinicalHistory", "patientSource",        "priority",
    "feeStatus"};

bool isCommonField(std::string_view key)
{
    return std::find(commonFields.begin(), commonFields.end(), key) != commonFields.end();
}

bool isIn(std::initializer_list<std::string_view> list, std::string_view key)
{
    return std::find(list.begin(), list.end(), key) != list.end();
}

void requireObject(const json& body)
{
    if (!body.is_object())
        throw Error(ErrorKind::BadRequest, "malformed_json", "The request body must be a JSON object.");
}

} // namespace

json toJson(const core::Exam& e)
{
    json items = json::array();
    for (const auto& item : e.items)
        items.push_back(itemToJson(item));
    return {{"id", e.id},
            {"patientId", e.patientId},
            {"accessionNumber", e.accessionNumber},
            {"status", std::string(core::toCode(e.status))},
            {"department", std::string(core::toCode(e.department))},
            {"modality", e.modality},
            {"items", items},
            {"requestingDepartment", optionalToJson(e.requestingDepartment)},
            {"requestingDoctor", optionalToJson(e.requestingDoctor)},
            {"clinicalDiagnosis", optionalToJson(e.clinicalDiagnosis)},
            {"clinicalHistory", optionalToJson(e.clinicalHistory)},
            {"patientSource", std::string(core::toCode(e.patientSource))},
            {"priority", std::string(core::toCode(e.priority))},
            {"hisSystem", optionalToJson(e.hisSystem)},
            {"hisRequestNo", optionalToJson(e.hisRequestNo)},
            {"feeStatus", std::string(core::toCode(e.feeStatus))},
            {"scheduledAt", optionalToJson(e.scheduledAt)},
            {"room", optionalToJson(e.room)},
            {"createdAt", e.createdAt},
            {"updatedAt", e.updatedAt},
            {"version", e.version}};
}

json toJson(const core::ExamEvent& ev)
{
    return {{"id", ev.id},
            {"examId", ev.examId},
            {"at", ev.at},
            {"user", ev.user},
            {"userDisplayName", ev.userDisplayName},
            {"from", ev.from ? json(std::string(core::toCode(*ev.from))) : json(nullptr)},
            {"to", std::string(core::toCode(ev.to))},
            {"note", optionalToJson(ev.note)}};
}

void applyExamOrderJson(core::Exam& e, const json& body, std::initializer_list<std::string_view> allowedExtra)
{
    requireObject(body);
    for (const auto& [key, value] : body.items()) {
        if (isCommonField(key)) {
            applyCommonField(e, key, value);
        } else if (key == "patientId") {
            e.patientId = value.is_null() ? 0 : detail::positiveInteger(value, key);
        } else if (key == "department") {
            e.department = codeField(value, key, core::departmentFromCode, core::departmentCodeList());
        } else if (key == "hisSystem") {
            e.hisSystem = stringOrNull(value, key, 128);
        } else if (key == "hisRequestNo") {
            e.hisRequestNo = stringOrNull(value, key, 256);
        } else if (key == "scheduledAt" || key == "room") {
            throwInvalidField(key,
                              "is set by booking (a transition to booked), not when the exam is created.");
        } else if (isIn({"id", "accessionNumber", "status", "createdAt", "updatedAt", "version"}, key)) {
            throwInvalidField(key, "is assigned by the server.");
        } else if (!isIn(allowedExtra, key)) {
            throw Error(ErrorKind::BadRequest, "invalid_field", "Unknown field '" + key + "'.",
                        json{{"field", key}}.dump());
        }
    }
}

void applyExamChangesJson(core::Exam& e, const json& body,
                          std::initializer_list<std::string_view> allowedExtra)
{
    requireObject(body);
    for (const auto& [key, value] : body.items()) {
        if (isCommonField(key)) {
            applyCommonField(e, key, value);
        } else if (key == "scheduledAt") {
            e.scheduledAt = timestampOrNull(value, key);
        } else if (key == "room") {
            e.room = stringOrNull(value, key, 128);
        } else if (key == "status") {
            throwInvalidField(key, "changes only through POST /api/v1/exams/{id}/transitions.");
        } else if (isIn({"id", "patientId", "department", "accessionNumber", "hisSystem", "hisRequestNo",
                         "createdAt", "updatedAt"},
                        key)) {
            throwInvalidField(key, "cannot be changed; cancel the exam and register a new one.");
        } else if (!isIn(allowedExtra, key)) {
            throw Error(ErrorKind::BadRequest, "invalid_field", "Unknown field '" + key + "'.",
                        json{{"field", key}}.dump());
        }
    }
}

core::Exam examFromJson(const json& j)
{
    requireObject(j);
    core::Exam e;
    e.id = requireInteger(j, "id");
    e.patientId = requireInteger(j, "patientId");
    e.accessionNumber = requireString(j, "accessionNumber");
    e.status =
        codeField(j.value("status", json()), "status", core::examStatusFromCode, core::examStatusCodeList());
    e.department = codeField(j.value("department", json()), "department", core::departmentFromCode,
                             core::departmentCodeList());
    for (const auto& [key, value] : j.items())
        if (isCommonField(key))
            applyCommonField(e, key, value);
    e.hisSystem = optionalString(j, "hisSystem");
    e.hisRequestNo = optionalString(j, "hisRequestNo");
    e.scheduledAt = optionalString(j, "scheduledAt");
    e.room = optionalString(j, "room");
    e.createdAt = optionalString(j, "createdAt").value_or("");
    e.updatedAt = optionalString(j, "updatedAt").value_or("");
    e.version = optionalInteger(j, "version").value_or(0);
    return e;
}

core::ExamEvent examEventFromJson(const json& j)
{
    requireObject(j);
    core::ExamEvent ev;
    ev.id = optionalInteger(j, "id").value_or(0);
    ev.examId = optionalInteger(j, "examId").value_or(0);
    ev.at = requireString(j, "at");
    ev.user = requireString(j, "user");
    ev.userDisplayName = optionalString(j, "userDisplayName").value_or("");
    if (const auto from = optionalString(j, "from"))
        ev.from = codeField(json(*from), "from", core::examStatusFromCode, core::examStatusCodeList());
    ev.to = codeField(j.value("to", json()), "to", core::examStatusFromCode, core::examStatusCodeList());
    ev.note = optionalString(j, "note");
    return ev;
}

} // namespace lumen::protocol
