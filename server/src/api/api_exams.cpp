// Routes for exams (orders), their transitions and timeline, and the HIS code dictionary.
#include "api/api.h"
#include "api/responses.h"
#include "lumen/core/date.h"
#include "lumen/core/error.h"
#include "lumen/protocol/exam_json.h"
#include "lumen/protocol/his_code_mapping_json.h"
#include "services/auth_service.h"
#include "services/exam_dictionary_service.h"
#include "services/exam_service.h"

#include <algorithm>
#include <cctype>
#include <chrono>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using nlohmann::json;

namespace {

[[noreturn]] void badParameter(const std::string& name, const std::string& rule)
{
    throw Error(ErrorKind::BadRequest, "invalid_field", "Query parameter '" + name + "' " + rule,
                json{{"field", name}}.dump());
}

// A range bound: a UTC timestamp, or a date. A date as the upper bound includes that whole day.
std::optional<std::string> rangeBound(const HttpRequest& r, const char* name, bool upper)
{
    const auto text = queryText(r, name, 32);
    if (!text || text->empty())
        return std::nullopt;
    auto t = core::parseIsoTimestamp(*text);
    if (!t)
        badParameter(name, "must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.");
    if (upper && text->size() == 10)
        *t += std::chrono::hours(24);
    return core::formatIsoTimestamp(*t);
}

template <class Parse>
auto codeParameter(const std::string& name, const std::string& text, Parse parse, const std::string& allowed)
{
    const auto value = parse(text);
    if (!value)
        badParameter(name, "must be one of " + allowed + ".");
    return *value;
}

store::ExamSearch examSearch(const HttpRequest& r)
{
    store::ExamSearch s;
    s.patientId = queryInteger(r, "patientId", 1, INT64_MAX);
    if (const auto statuses = queryText(r, "status", 512); statuses && !statuses->empty()) {
        std::size_t start = 0;
        while (start <= statuses->size()) {
            const auto comma = std::min(statuses->find(',', start), statuses->size());
            s.statuses.push_back(codeParameter("status", statuses->substr(start, comma - start),
                                               core::examStatusFromCode, core::examStatusCodeList()));
            start = comma + 1;
        }
    }
    if (const auto department = queryText(r, "department", 32); department && !department->empty())
        s.department =
            codeParameter("department", *department, core::departmentFromCode, core::departmentCodeList());
    if (auto modality = queryText(r, "modality", 16); modality && !modality->empty()) {
        std::transform(modality->begin(), modality->end(), modality->begin(),
                       [](unsigned char c) { return char(std::toupper(c)); });
        s.modality = modality;
    }
    s.createdFrom = rangeBound(r, "from", false);
    s.createdBefore = rangeBound(r, "to", true);
    s.scheduledFrom = rangeBound(r, "scheduledFrom", false);
    s.scheduledBefore = rangeBound(r, "scheduledTo", true);
    s.accessionNumber = queryText(r, "accessionNumber", 32);
    s.hisRequestNo = queryText(r, "hisRequestNo", 64);
    if (const auto his = queryText(r, "hisSystem", 32))
        s.hisSystem = *his;
    const auto sort = queryText(r, "sort", 16).value_or("created");
    if (sort != "created" && sort != "scheduled")
        badParameter("sort", "must be created or scheduled.");
    s.bySchedule = sort == "scheduled";
    s.limit = int(queryInteger(r, "limit", 1, 200).value_or(50));
    s.offset = int(queryInteger(r, "offset", 0, 1'000'000).value_or(0));
    return s;
}

} // namespace

void Api::addExamRoutes()
{
    m_router.add("GET", "/api/v1/exams", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto query = examSearch(r);
        const auto page = m_exams.search(who, query);
        json items = json::array();
        for (const auto& e : page.items)
            items.push_back(protocol::toJson(e));
        return jsonResponse(
            200,
            {{"items", items}, {"limit", query.limit}, {"offset", query.offset}, {"hasMore", page.hasMore}});
    });
    m_router.add("POST", "/api/v1/exams", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto result = m_exams.create(who, requestObject(r));
        return jsonResponse(result.created ? 201 : 200, protocol::toJson(result.exam));
    });
    m_router.add("GET", "/api/v1/exams/{id}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, protocol::toJson(m_exams.get(who, pathId(p.at("id")))));
    });
    m_router.add("PATCH", "/api/v1/exams/{id}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto id = pathId(p.at("id"));
        return jsonResponse(200, protocol::toJson(m_exams.update(who, id, requestObject(r))));
    });
    m_router.add("POST", "/api/v1/exams/{id}/transitions", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto id = pathId(p.at("id"));
        return jsonResponse(200, protocol::toJson(m_exams.transition(who, id, requestObject(r))));
    });
    m_router.add("GET", "/api/v1/exams/{id}/timeline", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        json items = json::array();
        for (const auto& event : m_exams.timeline(who, pathId(p.at("id"))))
            items.push_back(protocol::toJson(event));
        return jsonResponse(200, {{"items", items}});
    });
}

void Api::addExamDictionaryRoutes()
{
    m_router.add("GET", "/api/v1/exam-dictionary", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        store::HisCodeMappingSearch s;
        if (const auto kind = queryText(r, "kind", 16); kind && !kind->empty())
            s.kind = codeParameter("kind", *kind, core::hisCodeKindFromCode, "item, body_part");
        s.hisSystem = queryText(r, "hisSystem", 32);
        if (const auto code = queryText(r, "hisCode", 64); code && !code->empty())
            s.hisCode = code;
        s.limit = int(queryInteger(r, "limit", 1, 1000).value_or(200));
        s.offset = int(queryInteger(r, "offset", 0, 1'000'000).value_or(0));
        const auto page = m_examDictionary.list(who, s);
        json items = json::array();
        for (const auto& row : page.items)
            items.push_back(protocol::toJson(row));
        return jsonResponse(
            200, {{"items", items}, {"limit", s.limit}, {"offset", s.offset}, {"hasMore", page.hasMore}});
    });
    m_router.add("POST", "/api/v1/exam-dictionary", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(201, protocol::toJson(m_examDictionary.create(who, requestObject(r))));
    });
    m_router.add("GET", "/api/v1/exam-dictionary/{id}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, protocol::toJson(m_examDictionary.get(who, pathId(p.at("id")))));
    });
    m_router.add("PATCH", "/api/v1/exam-dictionary/{id}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto id = pathId(p.at("id"));
        return jsonResponse(200, protocol::toJson(m_examDictionary.update(who, id, requestObject(r))));
    });
    m_router.add("DELETE", "/api/v1/exam-dictionary/{id}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        m_examDictionary.remove(who, pathId(p.at("id")));
        return noContent();
    });
}

} // namespace lumen::server
