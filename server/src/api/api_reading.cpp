// Routes of the reading room: annotations per image and viewer settings (API.md "Reading room").
#include "api/api.h"
#include "api/responses.h"
#include "services/auth_service.h"
#include "services/reading_service.h"

namespace lumen::server {

void Api::addReadingRoutes()
{
    m_router.add("GET", "/api/v1/archive/studies/{uid}/annotations",
                 [this](const HttpRequest& r, const PathParams& p) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     return jsonResponse(200, m_reading.studyAnnotations(who, p.at("uid")));
                 });
    m_router.add("PUT", "/api/v1/archive/studies/{uid}/annotations/{sop}",
                 [this](const HttpRequest& r, const PathParams& p) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     return jsonResponse(
                         200, m_reading.saveAnnotations(who, p.at("uid"), p.at("sop"), requestObject(r)));
                 });
    m_router.add("GET", "/api/v1/viewer-settings/{key}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_reading.settings(who, p.at("key")));
    });
    m_router.add("PUT", "/api/v1/viewer-settings/{key}", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_reading.saveSettings(who, p.at("key"),
                                                        queryText(r, "scope", 20).value_or("user"),
                                                        requestObject(r)));
    });
}

} // namespace lumen::server
