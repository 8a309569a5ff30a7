// DICOMweb endpoints (QIDO-RS, WADO-RS, STOW-RS) and WADO-URI, on the same HTTP server and
// bearer tokens as the JSON API.
#include "api/api.h"
#include "api/responses.h"
#include "lumen/core/error.h"
#include "lumen/security/random.h"
#include "services/auth_service.h"
#include "services/dicomweb_service.h"

#include <fstream>
#include <sstream>

namespace lumen::server {

using core::Error;
using core::ErrorKind;

namespace {

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::Internal, "internal", "A stored file could not be read.");
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// WADO-RS answers with the files exactly as stored, one part each.
HttpResponse multipartDicom(const std::vector<std::string>& files)
{
    const std::string boundary = "lumen-" + security::toHex(security::randomBytes(12));
    std::string body;
    for (const auto& file : files) {
        body += "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n";
        body += readFile(file);
        body += "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return HttpResponse{
        200, std::move(body), "multipart/related; type=\"application/dicom\"; boundary=" + boundary, {}};
}

HttpResponse dicomJson(int status, std::string body)
{
    return HttpResponse{status, std::move(body), "application/dicom+json", {}};
}

} // namespace

void Api::addDicomWebRoutes()
{
    auto qido = [this](dicom::QueryLevel level) {
        return [this, level](const HttpRequest& r, const PathParams& p) {
            const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
            QidoScope scope{level, std::nullopt, std::nullopt};
            if (p.count("study"))
                scope.studyUid = p.at("study");
            if (p.count("series"))
                scope.seriesUid = p.at("series");
            return dicomJson(200, m_dicomWeb.search(who, scope, r.query));
        };
    };
    m_router.add("GET", "/dicom-web/studies", qido(dicom::QueryLevel::Study));
    m_router.add("GET", "/dicom-web/series", qido(dicom::QueryLevel::Series));
    m_router.add("GET", "/dicom-web/instances", qido(dicom::QueryLevel::Image));
    m_router.add("GET", "/dicom-web/studies/{study}/series", qido(dicom::QueryLevel::Series));
    m_router.add("GET", "/dicom-web/studies/{study}/instances", qido(dicom::QueryLevel::Image));
    m_router.add("GET", "/dicom-web/studies/{study}/series/{series}/instances",
                 qido(dicom::QueryLevel::Image));

    auto wado = [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto optional = [&](const char* name) {
            return p.count(name) ? std::optional<std::string>(p.at(name)) : std::nullopt;
        };
        return multipartDicom(
            m_dicomWeb.retrieve(who, p.at("study"), optional("series"), optional("instance")));
    };
    m_router.add("GET", "/dicom-web/studies/{study}", wado);
    m_router.add("GET", "/dicom-web/studies/{study}/series/{series}", wado);
    m_router.add("GET", "/dicom-web/studies/{study}/series/{series}/instances/{instance}", wado);

    auto metadata = [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto optional = [&](const char* name) {
            return p.count(name) ? std::optional<std::string>(p.at(name)) : std::nullopt;
        };
        const std::string base = r.host.empty() ? std::string() : "http://" + r.host;
        return dicomJson(
            200, m_dicomWeb.metadata(who, base, p.at("study"), optional("series"), optional("instance")));
    };
    m_router.add("GET", "/dicom-web/studies/{study}/metadata", metadata);
    m_router.add("GET", "/dicom-web/studies/{study}/series/{series}/metadata", metadata);
    m_router.add("GET", "/dicom-web/studies/{study}/series/{series}/instances/{instance}/metadata", metadata);

    auto stow = [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto parts = parseMultipart(r.contentType, r.body);
        const auto result = m_dicomWeb.store(
            who, parts, p.count("study") ? std::optional<std::string>(p.at("study")) : std::nullopt);
        return dicomJson(result.httpStatus, result.json);
    };
    m_router.add("POST", "/dicom-web/studies", stow);
    m_router.add("POST", "/dicom-web/studies/{study}", stow);

    // WADO-URI (PS3.18 §9): one object, as stored.
    m_router.add("GET", "/wado", [this](const HttpRequest& r, const PathParams&) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        auto param = [&](const char* name) {
            const auto value = queryText(r, name, 64);
            if (!value || value->empty())
                throw Error(ErrorKind::BadRequest, "missing_field",
                            std::string("Query parameter '") + name + "' is required.");
            return *value;
        };
        if (param("requestType") != "WADO")
            throw Error(ErrorKind::BadRequest, "invalid_field", "requestType must be WADO.");
        const auto contentType = queryText(r, "contentType", 64).value_or("application/dicom");
        if (contentType != "application/dicom")
            throw Error(ErrorKind::BadRequest, "invalid_field",
                        "Only contentType=application/dicom is served.");
        const auto files =
            m_dicomWeb.retrieve(who, param("studyUID"), param("seriesUID"), param("objectUID"));
        return HttpResponse{200, readFile(files.front()), "application/dicom", {}};
    });
}

} // namespace lumen::server
