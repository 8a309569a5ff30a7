// Archive administration endpoints: the known DICOM AEs and the repair of patient and exam links.
#include "api/api.h"
#include "api/responses.h"
#include "lumen/core/error.h"
#include "lumen/protocol/json_fields.h"
#include "services/ae_service.h"
#include "services/auth_service.h"
#include "services/reconciliation_service.h"

namespace lumen::server {

namespace {
nlohmann::json studyJson(const core::DicomStudyRecord& s)
{
    return {{"studyUid", s.studyUid},
            {"patientId", s.patientId ? nlohmann::json(*s.patientId) : nlohmann::json(nullptr)},
            {"examId", s.examId ? nlohmann::json(*s.examId) : nlohmann::json(nullptr)},
            {"dicomPatientId", s.dicomPatientId},
            {"patientName", s.patientName},
            {"patientBirthDate", s.patientBirthDate},
            {"studyDate", s.studyDate},
            {"accessionNumber", s.accessionNumber},
            {"studyDescription", s.studyDescription},
            {"modalities", s.modalitiesInStudy},
            {"seriesCount", s.seriesCount},
            {"instanceCount", s.instanceCount}};
}
} // namespace

void Api::addArchiveRoutes()
{
    m_router.add("GET", "/api/v1/dicom/aes", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        nlohmann::json items = nlohmann::json::array();
        for (const auto& ae : m_aes.list(who))
            items.push_back(toJson(ae));
        return jsonResponse(200, {{"items", items}});
    });
    m_router.add("POST", "/api/v1/dicom/aes", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, toJson(m_aes.save(who, requestObject(r))));
    });
    m_router.add("DELETE", "/api/v1/dicom/aes/{title}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        m_aes.remove(who, p.at("title"));
        return noContent();
    });

    m_router.add("GET", "/api/v1/archive/unmatched", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const int limit = int(queryInteger(r, "limit", 1, 1000).value_or(100));
        const int offset = int(queryInteger(r, "offset", 0, 1'000'000).value_or(0));
        nlohmann::json items = nlohmann::json::array();
        for (const auto& s : m_reconciliation.unmatched(who, limit, offset))
            items.push_back(studyJson(s));
        return jsonResponse(200, {{"items", items}});
    });
    m_router.add("POST", "/api/v1/archive/studies/{study}/assign",
                 [this](const HttpRequest& r, const PathParams& p) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     const auto body = requestObject(r);
                     if (!body.contains("patientId"))
                         throw core::Error(core::ErrorKind::BadRequest, "missing_field",
                                           "Field 'patientId' is required (null makes the study unmatched).");
                     StudyAssignment to;
                     to.patientId = protocol::optionalInteger(body, "patientId");
                     to.examNamed = body.contains("examId");
                     to.examId = protocol::optionalInteger(body, "examId");
                     return jsonResponse(200, studyJson(m_reconciliation.assign(who, p.at("study"), to)));
                 });
    m_router.add("GET", "/api/v1/archive/studies/{study}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, studyJson(m_reconciliation.study(who, p.at("study"))));
    });
    m_router.add(
        "POST", "/api/v1/archive/studies/{study}/split", [this](const HttpRequest& r, const PathParams& p) {
            const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
            who.require(core::Permission::PatientWrite); // before the body: 403 whatever was sent
            const auto body = requestObject(r);
            const auto list = body.find("series");
            if (list == body.end() || list->is_null())
                throw core::Error(core::ErrorKind::BadRequest, "missing_field",
                                  "Field 'series' is required: the Series Instance UIDs to split off.");
            if (!list->is_array())
                throw core::Error(core::ErrorKind::BadRequest, "invalid_field",
                                  "Field 'series' must be an array of Series Instance UIDs.");
            std::vector<std::string> series;
            for (const auto& uid : *list) {
                if (!uid.is_string() || uid.get_ref<const std::string&>().empty() ||
                    uid.get_ref<const std::string&>().size() > 64)
                    throw core::Error(core::ErrorKind::BadRequest, "invalid_field",
                                      "Field 'series' must hold Series Instance UIDs (strings of 1 to 64 "
                                      "characters).");
                series.push_back(uid.get<std::string>());
            }
            return jsonResponse(201, studyJson(m_reconciliation.split(who, p.at("study"), series)));
        });
    m_router.add(
        "POST", "/api/v1/archive/rejections/{note}/revoke",
        [this](const HttpRequest& r, const PathParams& p) {
            const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
            return jsonResponse(200, {{"shown", m_reconciliation.revokeRejection(who, p.at("note"))}});
        });
    m_router.add("POST", "/api/v1/archive/series/{series}/move",
                 [this](const HttpRequest& r, const PathParams& p) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     m_reconciliation.moveSeries(who, p.at("series"),
                                                 protocol::requireString(requestObject(r), "studyUid", 64));
                     return noContent();
                 });
}

} // namespace lumen::server
