// Archive administration endpoints: the known DICOM AEs.
#include "api/api.h"
#include "api/responses.h"
#include "services/ae_service.h"
#include "services/auth_service.h"

namespace lumen::server {

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
}

} // namespace lumen::server
