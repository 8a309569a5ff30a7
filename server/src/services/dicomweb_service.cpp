#include "services/dicomweb_service.h"

#include "lumen/core/date.h"
#include "lumen/core/error.h"
#include "lumen/dicom/dicom_json.h"
#include "lumen/dicom/instance_attributes.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/dicom_file_store.h"
#include "services/archive_service.h"
#include "services/audit_log.h"
#include "services/delivery_coercion.h"
#include "services/dicom_query_mapping.h"
#include "services/index_search.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using nlohmann::json;

namespace {

std::vector<std::string> splitValues(const std::string& value)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto sep = value.find('\\', start);
        out.push_back(value.substr(start, sep == std::string::npos ? sep : sep - start));
        if (sep == std::string::npos)
            return out;
        start = sep + 1;
    }
}

// PS3.18 F.2: the JSON form of one attribute.
json attributeJson(std::string_view vr, const std::string& value)
{
    json a = {{"vr", std::string(vr)}};
    if (value.empty())
        return a;
    json values = json::array();
    for (const auto& v : splitValues(value)) {
        if (vr == "PN") {
            // Alphabetic=Ideographic=Phonetic component groups.
            json name = json::object();
            static constexpr const char* groups[] = {"Alphabetic", "Ideographic", "Phonetic"};
            std::size_t start = 0;
            for (int g = 0; g < 3; ++g) {
                const auto eq = v.find('=', start);
                const auto part = v.substr(start, eq == std::string::npos ? eq : eq - start);
                if (!part.empty())
                    name[groups[g]] = part;
                if (eq == std::string::npos)
                    break;
                start = eq + 1;
            }
            values.push_back(name);
        } else if (vr == "IS" || vr == "US") {
            long long n = 0;
            const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
            if (ec == std::errc() && ptr == v.data() + v.size())
                values.push_back(n);
            else
                values.push_back(v);
        } else {
            values.push_back(v);
        }
    }
    a["Value"] = values;
    return a;
}

std::string hexTag(std::uint32_t tag)
{
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08X", tag);
    return buf;
}

core::AuditEntry entry(const Principal& who, std::string action, std::string objectId, std::string detail)
{
    return core::AuditEntry{0,
                            core::formatIsoTimestamp(std::chrono::system_clock::now()),
                            who.username,
                            who.clientAddress,
                            std::move(action),
                            "dicomweb",
                            std::move(objectId),
                            std::nullopt,
                            std::move(detail),
                            "",
                            ""};
}

const std::set<std::string> controlParameters = {"limit", "offset", "includefield", "fuzzymatching"};

} // namespace

DicomWebService::DicomWebService(store::ConnectionPool& readers, const AuditLog& audit,
                                 store::DicomFileStore& files, ArchiveService& archive, std::string aeTitle)
    : m_readers(readers), m_audit(audit), m_files(files), m_archive(archive), m_aeTitle(std::move(aeTitle))
{
}

std::string DicomWebService::search(const Principal& who, const QidoScope& scope,
                                    const std::map<std::string, std::string>& params)
{
    who.require(core::Permission::PatientRead);
    dicom::FindRequest request;
    request.model = dicom::QueryModel::StudyRoot;
    request.level = scope.level;
    std::set<std::uint32_t> asked;
    auto addKey = [&](std::uint32_t tag, const std::string& value) {
        if (asked.insert(tag).second)
            request.keys.push_back({std::uint16_t(tag >> 16), std::uint16_t(tag & 0xFFFF), value});
        else
            for (auto& k : request.keys)
                if ((std::uint32_t(k.group) << 16 | k.element) == tag && !value.empty())
                    k.value = value;
    };
    if (scope.studyUid)
        addKey(0x0020000D, *scope.studyUid);
    if (scope.seriesUid)
        addKey(0x0020000E, *scope.seriesUid);
    for (const auto& [name, value] : params) {
        if (controlParameters.count(name))
            continue;
        const auto* attribute = attributeByName(name);
        if (!attribute)
            throw Error(ErrorKind::BadRequest, "invalid_field",
                        "Query parameter '" + name + "' is not an attribute this archive can match.");
        // QIDO-RS separates a UID list with commas (PS3.18 8.3.4.1), DIMSE with backslashes.
        std::string key = value;
        if (attribute->vr == "UI")
            std::replace(key.begin(), key.end(), ',', '\\');
        addKey(attribute->tag, key);
    }
    for (auto tag : defaultReturnTags(scope.level))
        addKey(tag, "");
    if (const auto it = params.find("includefield"); it != params.end()) {
        std::size_t start = 0;
        const std::string& fields = it->second;
        while (start <= fields.size()) {
            const auto comma = fields.find(',', start);
            const auto name = fields.substr(start, comma == std::string::npos ? comma : comma - start);
            if (name == "all") {
                for (auto level :
                     {dicom::QueryLevel::Study, dicom::QueryLevel::Series, dicom::QueryLevel::Image})
                    for (auto tag : defaultReturnTags(level))
                        addKey(tag, "");
            } else if (const auto* attribute = attributeByName(name)) {
                addKey(attribute->tag, "");
            } else if (!name.empty()) {
                throw Error(ErrorKind::BadRequest, "invalid_field",
                            "includefield '" + name + "' is not known.");
            }
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    auto number = [&](const char* name, int fallback, int max) {
        const auto it = params.find(name);
        if (it == params.end() || it->second.empty())
            return fallback;
        int n = 0;
        const auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), n);
        if (ec != std::errc() || ptr != it->second.data() + it->second.size() || n < 0 || n > max)
            throw Error(ErrorKind::BadRequest, "invalid_field",
                        std::string("Query parameter '") + name + "' must be a whole number from 0 to " +
                            std::to_string(max) + ".");
        return n;
    };
    SearchOptions options{who.can(core::Permission::PatientConfidential), number("limit", 1000, 10000),
                          number("offset", 0, 100000000)};

    json results = json::array();
    std::size_t matches = 0;
    {
        auto db = m_readers.lease();
        matches = searchIndex(*db, request, options, [&](const IndexMatch& m) {
            json object = json::object();
            for (const auto& key : responseKeys(request, m.study, m.series, m.instance, m_aeTitle)) {
                const std::uint32_t tag = std::uint32_t(key.group) << 16 | key.element;
                if (const auto* attribute = attributeByTag(tag))
                    object[hexTag(tag)] = attributeJson(attribute->vr, key.value);
            }
            results.push_back(std::move(object));
            return true;
        });
    }
    m_audit.record(
        entry(who, "dicomweb.search", scope.studyUid.value_or("-"), std::to_string(matches) + " matches"));
    return results.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<DicomWebService::VisibleInstance>
DicomWebService::visibleInstances(const Principal& who, const std::string& studyUid,
                                  const std::optional<std::string>& seriesUid,
                                  const std::optional<std::string>& sopInstanceUid)
{
    who.require(core::Permission::PatientRead);
    dicom::FindRequest request;
    request.level = dicom::QueryLevel::Image;
    request.keys.push_back({0x0020, 0x000D, studyUid});
    if (seriesUid)
        request.keys.push_back({0x0020, 0x000E, *seriesUid});
    if (sopInstanceUid)
        request.keys.push_back({0x0008, 0x0018, *sopInstanceUid});
    std::vector<VisibleInstance> instances;
    const auto now = std::chrono::system_clock::now();
    {
        auto db = m_readers.lease();
        searchIndex(*db, request, SearchOptions{who.can(core::Permission::PatientConfidential), 1000000, 0},
                    [&](const IndexMatch& m) {
                        instances.push_back({*m.instance, deliveryCoercion(*m.study, *m.instance, now)});
                        return true;
                    });
    }
    if (instances.empty())
        throw Error(ErrorKind::NotFound, "not_found", "No such study, series or instance.");
    return instances;
}

std::vector<RetrievedObject> DicomWebService::retrieve(const Principal& who, const std::string& studyUid,
                                                       const std::optional<std::string>& seriesUid,
                                                       const std::optional<std::string>& sopInstanceUid)
{
    std::vector<RetrievedObject> files;
    for (const auto& instance : visibleInstances(who, studyUid, seriesUid, sopInstanceUid)) {
        RetrievedObject object{m_files.absolutePath(instance.record.filePath), std::nullopt};
        if (instance.coercion) {
            try {
                object.bytes = dicom::coercedPart10(object.path, *instance.coercion);
            } catch (const dicom::DicomError& e) {
                throw Error(ErrorKind::Internal, "internal",
                            "A stored object could not be delivered with its corrected attributes: " +
                                std::string(e.what()));
            }
        }
        files.push_back(std::move(object));
    }
    m_audit.record(entry(who, "dicomweb.retrieve", sopInstanceUid.value_or(seriesUid.value_or(studyUid)),
                         std::to_string(files.size()) + " instances"));
    return files;
}

std::string DicomWebService::metadata(const Principal& who, const std::string& baseUrl,
                                      const std::string& studyUid,
                                      const std::optional<std::string>& seriesUid,
                                      const std::optional<std::string>& sopInstanceUid)
{
    const auto instances = visibleInstances(who, studyUid, seriesUid, sopInstanceUid);
    std::string out = "[";
    for (const auto& [instance, coercion] : instances) {
        const std::string url = baseUrl + "/dicom-web/studies/" + instance.studyUid + "/series/" +
                                instance.seriesUid + "/instances/" + instance.sopInstanceUid;
        if (out.size() > 1)
            out += ",";
        out += dicom::instanceMetadataJson(m_files.absolutePath(instance.filePath), url, coercion);
    }
    out += "]";
    m_audit.record(entry(who, "dicomweb.metadata", sopInstanceUid.value_or(seriesUid.value_or(studyUid)),
                         std::to_string(instances.size()) + " instances"));
    return out;
}

StowResult DicomWebService::store(const Principal& who, const std::vector<StowPart>& parts,
                                  const std::optional<std::string>& studyUid)
{
    who.require(core::Permission::ImageStore);
    json referenced = json::array();
    json failed = json::array();
    for (const auto& part : parts) {
        auto failure = [&](int reason, const std::string& classUid, const std::string& instanceUid) {
            json item = {{"00081197", {{"vr", "US"}, {"Value", {reason}}}}};
            if (!classUid.empty())
                item["00081150"] = attributeJson("UI", classUid);
            if (!instanceUid.empty())
                item["00081155"] = attributeJson("UI", instanceUid);
            failed.push_back(item);
        };
        if (part.contentType.find("application/dicom") != 0) {
            failure(0xC000, "", "");
            continue;
        }
        // The part goes to disk first so the archive can take the file over like a C-STORE.
        std::string path = m_files.incomingDir() + "/stow-XXXXXX";
        const int fd = ::mkstemp(path.data());
        if (fd < 0 || ::write(fd, part.body.data(), part.body.size()) != ssize_t(part.body.size())) {
            if (fd >= 0) {
                ::close(fd);
                ::unlink(path.c_str());
            }
            failure(0xA700, "", "");
            continue;
        }
        ::close(fd);
        if (studyUid) {
            // PS3.18 10.5: under /studies/{study} an instance of another study is not stored.
            // Unreadable files go on to the archive, which refuses them with its own reason.
            std::optional<dicom::InstanceAttributes> attributes;
            try {
                attributes = dicom::readInstanceAttributes(path);
            } catch (const dicom::DicomError&) {
            }
            if (attributes && attributes->studyInstanceUid != *studyUid) {
                ::unlink(path.c_str());
                failure(0xA900, attributes->sopClassUid, attributes->sopInstanceUid);
                continue;
            }
        }
        const auto result =
            m_archive.ingest(path, IngestSource{who.username, who.clientAddress, "", who.displayName});
        if (result.outcome.status != dicom::status::success) {
            failure(result.outcome.status, result.sopClassUid, result.sopInstanceUid);
        } else {
            referenced.push_back({{"00081150", attributeJson("UI", result.sopClassUid)},
                                  {"00081155", attributeJson("UI", result.sopInstanceUid)}});
        }
    }
    json response = json::object();
    if (!referenced.empty())
        response["00081199"] = {{"vr", "SQ"}, {"Value", referenced}};
    if (!failed.empty())
        response["00081198"] = {{"vr", "SQ"}, {"Value", failed}};
    m_audit.record(
        entry(who, "dicomweb.store", studyUid.value_or("-"),
              std::to_string(referenced.size()) + " stored, " + std::to_string(failed.size()) + " failed"));
    const int status = failed.empty() ? 200 : referenced.empty() ? 409 : 202;
    return {status, response.dump()};
}

std::vector<std::string> DicomWebService::frames(const Principal& who, const std::string& studyUid,
                                                 const std::string& seriesUid,
                                                 const std::string& sopInstanceUid,
                                                 const std::vector<int>& frameNumbers)
{
    const auto instance = visibleInstances(who, studyUid, seriesUid, sopInstanceUid).front().record;
    try {
        auto out = dicom::readFrames(m_files.absolutePath(instance.filePath), frameNumbers);
        m_audit.record(entry(who, "dicomweb.frames", sopInstanceUid, std::to_string(out.size()) + " frames"));
        return out;
    } catch (const dicom::DicomError& e) {
        throw Error(e.code() == "bad_frame" ? ErrorKind::NotFound : ErrorKind::BadRequest,
                    e.code() == "bad_frame" ? "not_found" : "bad_request", e.what());
    }
}

std::string DicomWebService::rendered(const Principal& who, const std::string& studyUid,
                                      const std::string& seriesUid, const std::string& sopInstanceUid,
                                      const dicom::RenderOptions& options)
{
    const auto instance = visibleInstances(who, studyUid, seriesUid, sopInstanceUid).front().record;
    try {
        auto image = dicom::renderFrame(m_files.absolutePath(instance.filePath), options);
        m_audit.record(
            entry(who, "dicomweb.rendered", sopInstanceUid, "frame " + std::to_string(options.frame)));
        return image;
    } catch (const dicom::DicomError& e) {
        throw Error(e.code() == "bad_frame" ? ErrorKind::NotFound : ErrorKind::BadRequest,
                    e.code() == "bad_frame" ? "not_found" : "bad_request", e.what());
    }
}

std::vector<StowPart> parseMultipart(const std::string& contentType, const std::string& body)
{
    const auto fail = [](const std::string& why) {
        return Error(ErrorKind::BadRequest, "bad_request", "Malformed multipart body: " + why + ".");
    };
    if (contentType.find("multipart/related") != 0)
        throw Error(ErrorKind::BadRequest, "bad_request",
                    "STOW-RS needs Content-Type multipart/related; type=\"application/dicom\".");
    const auto b = contentType.find("boundary=");
    if (b == std::string::npos)
        throw fail("no boundary parameter");
    std::string boundary = contentType.substr(b + 9);
    if (const auto semi = boundary.find(';'); semi != std::string::npos)
        boundary.resize(semi);
    if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"')
        boundary = boundary.substr(1, boundary.size() - 2);
    if (boundary.empty() || boundary.size() > 70)
        throw fail("bad boundary");
    const std::string delimiter = "--" + boundary;
    std::vector<StowPart> parts;
    auto pos = body.find(delimiter);
    if (pos == std::string::npos)
        throw fail("the boundary does not occur");
    for (;;) {
        pos += delimiter.size();
        if (body.compare(pos, 2, "--") == 0)
            break;
        if (body.compare(pos, 2, "\r\n") != 0)
            throw fail("a boundary line is not followed by CRLF");
        pos += 2;
        const auto headersEnd = body.find("\r\n\r\n", pos);
        if (headersEnd == std::string::npos)
            throw fail("part headers do not end");
        StowPart part;
        const std::string headers = body.substr(pos, headersEnd - pos);
        std::size_t line = 0;
        while (line < headers.size()) {
            const auto end = std::min(headers.find("\r\n", line), headers.size());
            const std::string header = headers.substr(line, end - line);
            const auto colon = header.find(':');
            if (colon != std::string::npos) {
                std::string name = header.substr(0, colon);
                for (char& c : name)
                    c = char(std::tolower(static_cast<unsigned char>(c)));
                if (name == "content-type") {
                    part.contentType = header.substr(colon + 1);
                    part.contentType.erase(0, part.contentType.find_first_not_of(' '));
                }
            }
            line = end + 2;
        }
        const auto next = body.find("\r\n" + delimiter, headersEnd + 4);
        if (next == std::string::npos)
            throw fail("a part does not end with the boundary");
        part.body = body.substr(headersEnd + 4, next - headersEnd - 4);
        parts.push_back(std::move(part));
        pos = next + 2;
        if (parts.size() > 100000)
            throw fail("too many parts");
    }
    if (parts.empty())
        throw fail("no parts");
    return parts;
}

} // namespace lumen::server
