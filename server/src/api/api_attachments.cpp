// Routes for files attached to exams (the scanned paper requisition).
#include "api/api.h"
#include "api/responses.h"
#include "services/attachment_service.h"
#include "services/auth_service.h"

namespace lumen::server {

void Api::addAttachmentRoutes()
{
    m_router.add("POST", "/api/v1/exams/{id}/attachments", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(201, m_attachments.upload(who, pathId(p.at("id")),
                                                      queryText(r, "name", 400).value_or(""), r.contentType,
                                                      r.body));
    });
    m_router.add("GET", "/api/v1/exams/{id}/attachments", [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        return jsonResponse(200, m_attachments.list(who, pathId(p.at("id"))));
    });
    m_router.add("GET", "/api/v1/exams/{id}/attachments/{attachmentId}",
                 [this](const HttpRequest& r, const PathParams& p) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     return m_attachments.download(who, pathId(p.at("id")), pathId(p.at("attachmentId")));
                 });
}

} // namespace lumen::server
