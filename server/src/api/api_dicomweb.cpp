// DICOMweb endpoints (QIDO-RS, WADO-RS, STOW-RS) and WADO-URI, on the same HTTP server and
// bearer tokens as the JSON API.
#include "api/api.h"
#include "api/responses.h"
#include "http/streamed_body.h"
#include "lumen/core/error.h"
#include "lumen/security/random.h"
#include "services/auth_service.h"
#include "services/dicomweb_service.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace lumen::server {

using core::Error;
using core::ErrorKind;

namespace {

// A stored file as a piece of a streamed body; its size now is its Content-Length share.
HttpResponse multipart(const std::vector<std::string>& parts, const std::string& type)
{
    const std::string boundary = "lumen-" + security::toHex(security::randomBytes(12));
    std::string body;
    for (const auto& part : parts) {
        body += "--" + boundary + "\r\nContent-Type: " + type + "\r\n\r\n";
        body += part;
        body += "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return HttpResponse{
        200, std::move(body), "multipart/related; type=\"" + type + "\"; boundary=" + boundary, {}};
}

// WADO-RS answers with the files exactly as stored, one part each (or, where the index
// corrected them, as rebuilt with its values). The body is streamed: each stored file goes from
// the page cache to the socket (sendfile), so a 100 MB series is never held in memory.
HttpResponse multipartDicom(std::vector<RetrievedObject> objects)
{
    const std::string boundary = "lumen-" + security::toHex(security::randomBytes(12));
    const std::string partHeader = "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n";
    HttpResponse response{200, "", "multipart/related; type=\"application/dicom\"; boundary=" + boundary, {}};
    auto& pieces = response.streamedBody;
    for (auto& object : objects) {
        pieces.push_back({pieces.empty() ? partHeader : "\r\n" + partHeader, "", 0});
        if (object.bytes) {
            pieces.push_back({std::move(*object.bytes), "", 0});
            continue;
        }
        pieces.push_back(storedFile(object.path));
    }
    pieces.push_back({(pieces.empty() ? "--" : "\r\n--") + boundary + "--\r\n", "", 0});
    return response;
}

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto comma = text.find(',', start);
        out.push_back(text.substr(start, comma == std::string::npos ? comma : comma - start));
        if (comma == std::string::npos)
            return out;
        start = comma + 1;
    }
}

double parseNumber(const std::string& text, const char* what)
{
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(value))
        throw Error(ErrorKind::BadRequest, "invalid_field", std::string(what) + " must be a number.");
    return value;
}

long parsePositive(const std::string& text, const char* what)
{
    const double value = parseNumber(text, what);
    if (value < 1 || value > 100000 || value != double(long(value)))
        throw Error(ErrorKind::BadRequest, "invalid_field",
                    std::string(what) + " must be a whole number from 1.");
    return long(value);
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

    // Frames: raw samples, one part per frame, e.g. .../frames/1,3,5
    m_router.add("GET", "/dicom-web/studies/{study}/series/{series}/instances/{instance}/frames/{frames}",
                 [this](const HttpRequest& r, const PathParams& p) {
                     const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
                     std::vector<int> numbers;
                     for (const auto& n : splitList(p.at("frames")))
                         numbers.push_back(int(parsePositive(n, "frame number")));
                     const auto frames =
                         m_dicomWeb.frames(who, p.at("study"), p.at("series"), p.at("instance"), numbers);
                     return multipart(frames, "application/octet-stream");
                 });
    auto rendered = [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        dicom::RenderOptions options;
        if (p.count("frame"))
            options.frame = int(parsePositive(p.at("frame"), "frame number"));
        // PS3.18 8.3.5: window=center,width,function and viewport=width,height.
        if (const auto window = queryText(r, "window", 64)) {
            const auto parts = splitList(*window);
            if (parts.size() < 2)
                throw Error(ErrorKind::BadRequest, "invalid_field",
                            "window must be center,width[,function].");
            options.windowCenter = parseNumber(parts[0], "window center");
            options.windowWidth = parseNumber(parts[1], "window width");
            if (*options.windowWidth < 1)
                throw Error(ErrorKind::BadRequest, "invalid_field", "The window width must be at least 1.");
        }
        if (const auto viewport = queryText(r, "viewport", 32)) {
            const auto parts = splitList(*viewport);
            if (parts.size() != 2)
                throw Error(ErrorKind::BadRequest, "invalid_field", "viewport must be width,height.");
            options.maxWidth = int(parsePositive(parts[0], "viewport width"));
            options.maxHeight = int(parsePositive(parts[1], "viewport height"));
        }
        options.jpegQuality = int(queryInteger(r, "quality", 1, 100).value_or(90));
        // JPEG is the default rendered type; PNG when the client asks for it.
        const bool png = r.accept.find("image/png") != std::string::npos;
        options.format = png ? dicom::ImageFormat::Png : dicom::ImageFormat::Jpeg;
        return HttpResponse{
            200,
            m_dicomWeb.rendered(who, p.at("study"), p.at("series"), p.at("instance"), options),
            png ? "image/png" : "image/jpeg",
            {}};
    };
    m_router.add("GET", "/dicom-web/studies/{study}/series/{series}/instances/{instance}/rendered", rendered);
    m_router.add("GET",
                 "/dicom-web/studies/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered",
                 rendered);

    auto stow = [this](const HttpRequest& r, const PathParams& p) {
        const auto who = m_auth.authenticate(r.authorization, r.clientAddress);
        const auto parts = parseMultipart(r.contentType, r.body);
        const auto result = m_dicomWeb.store(
            who, parts, p.count("study") ? std::optional<std::string>(p.at("study")) : std::nullopt);
        return dicomJson(result.httpStatus, result.json);
    };
    m_router.add("POST", "/dicom-web/studies", stow);
    m_router.add("POST", "/dicom-web/studies/{study}", stow);

    // WADO-URI (PS3.18 §9): one object, as stored (or as the index corrected it).
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
        auto objects = m_dicomWeb.retrieve(who, param("studyUID"), param("seriesUID"), param("objectUID"));
        auto& object = objects.front();
        HttpResponse response{200, "", "application/dicom", {}};
        if (object.bytes)
            response.body = std::move(*object.bytes);
        else
            response.streamedBody.push_back(storedFile(object.path));
        return response;
    });
}

} // namespace lumen::server
