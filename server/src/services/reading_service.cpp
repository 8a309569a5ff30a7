#include "services/reading_service.h"

#include "lumen/core/clock.h"
#include "lumen/core/date.h"
#include "lumen/core/error.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/database.h"
#include "lumen/store/dicom_index_repository.h"
#include "lumen/store/reading_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using core::Permission;
using nlohmann::json;

namespace {

constexpr std::array<const char*, 10> kinds{"length", "angle", "rectangle", "ellipse", "polygon",
                                            "probe",  "ctr",   "cobb",      "arrow",   "text"};
constexpr std::size_t maxPoints = 64;
constexpr std::size_t maxText = 500;

Error invalid(const std::string& field, const std::string& message)
{
    return Error(ErrorKind::BadRequest, "invalid_field", field + ": " + message,
                 json{{"field", field}}.dump());
}

// Only the documented shape is stored, so every reader can rely on it.
json validatedItems(const json& body)
{
    if (!body.contains("items"))
        throw Error(ErrorKind::BadRequest, "missing_field", "items: required.",
                    json{{"field", "items"}}.dump());
    const json& items = body["items"];
    if (!items.is_array())
        throw invalid("items", "must be an array.");
    if (items.size() > kMaxAnnotationItems)
        throw invalid("items", "at most " + std::to_string(kMaxAnnotationItems) + " per frame.");
    json clean = json::array();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string at = "items[" + std::to_string(i) + "]";
        const json& item = items[i];
        if (!item.is_object())
            throw invalid(at, "must be an object.");
        const auto kind = item.find("kind");
        if (kind == item.end() || !kind->is_string() ||
            std::find(kinds.begin(), kinds.end(), kind->get<std::string>()) == kinds.end())
            throw invalid(at + ".kind",
                          "one of length, angle, rectangle, ellipse, polygon, probe, ctr, cobb, "
                          "arrow, text.");
        const auto points = item.find("points");
        if (points == item.end() || !points->is_array() || points->empty() || points->size() > maxPoints)
            throw invalid(at + ".points", "1 to 64 [x, y] pairs.");
        json cleanPoints = json::array();
        for (const json& p : *points) {
            if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
                throw invalid(at + ".points", "each point is [x, y] with numbers.");
            cleanPoints.push_back({p[0].get<double>(), p[1].get<double>()});
        }
        json out{{"kind", *kind}, {"points", cleanPoints}};
        for (const char* textField : {"text", "value"}) {
            const auto t = item.find(textField);
            if (t == item.end())
                continue;
            if (!t->is_string() || t->get<std::string>().size() > maxText)
                throw invalid(at + "." + textField, "text of at most 500 characters.");
            out[textField] = *t;
        }
        clean.push_back(std::move(out));
    }
    return clean;
}

bool validKey(const std::string& key)
{
    return !key.empty() && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '.';
    });
}

std::string departmentOf(const Principal& who)
{
    return who.roles.empty() ? std::string() : who.roles.front().department;
}

} // namespace

ReadingService::ReadingService(const core::Clock& clock, store::ConnectionPool& readers,
                               store::WriteQueue& writer, const AuditLog& audit)
    : m_clock(clock), m_readers(readers), m_writer(writer), m_audit(audit)
{
}

std::optional<std::int64_t> ReadingService::visibleStudyPatient(const Principal& who,
                                                                const std::string& studyUid)
{
    auto db = m_readers.lease();
    const auto study = store::DicomIndexRepository(*db).findStudyByUid(studyUid, true);
    if (!study || (study->confidential && !who.can(Permission::PatientConfidential)))
        throw Error(ErrorKind::NotFound, "not_found", "No such study.");
    return study->patientId;
}

json ReadingService::studyAnnotations(const Principal& who, const std::string& studyUid)
{
    who.require(Permission::PatientRead);
    const auto patient = visibleStudyPatient(who, studyUid);
    std::vector<store::ImageAnnotationRow> rows;
    {
        auto db = m_readers.lease();
        rows = store::ReadingRepository(*db).annotationsOfStudy(studyUid);
    }
    json images = json::array();
    for (const auto& r : rows)
        images.push_back({{"sopInstanceUid", r.sopInstanceUid},
                          {"frame", r.frame},
                          {"items", json::parse(r.itemsJson)},
                          {"updatedBy", r.updatedBy},
                          {"updatedAt", r.updatedAt}});
    m_audit.record({0, core::formatIsoTimestamp(m_clock.now()), who.username, who.clientAddress,
                    "annotation.read", "study", studyUid, patient, std::to_string(rows.size()) + " image(s)",
                    "", ""});
    return {{"images", images}};
}

json ReadingService::saveAnnotations(const Principal& who, const std::string& studyUid,
                                     const std::string& sopUid, const json& body)
{
    if (!who.can(Permission::ExamReport) && !who.can(Permission::ImageStore))
        throw Error(ErrorKind::Forbidden, "forbidden",
                    "Your roles do not allow this action (needs exam.report or image.store).");
    int frame = 0;
    if (body.contains("frame")) {
        if (!body["frame"].is_number_integer() || body["frame"].get<long long>() < 0 ||
            body["frame"].get<long long>() > 100000)
            throw invalid("frame", "a frame index from 0.");
        frame = body["frame"].get<int>();
    }
    const json items = validatedItems(body);
    const auto patient = visibleStudyPatient(who, studyUid);
    {
        auto db = m_readers.lease();
        const auto instance = store::DicomIndexRepository(*db).findInstance(sopUid);
        if (!instance || instance->studyUid != studyUid)
            throw Error(ErrorKind::NotFound, "not_found", "No such image in this study.");
    }
    const auto now = core::formatIsoTimestamp(m_clock.now());
    const store::ImageAnnotationRow row{sopUid, frame, studyUid, items.dump(), who.username, now};
    m_writer
        .submit([&](store::Database& db) {
            store::ReadingRepository(db).saveAnnotations(row, items.empty());
            m_audit.appendInJob(db, {0, now, who.username, who.clientAddress, "annotation.save", "image",
                                     sopUid + "/" + std::to_string(frame), patient,
                                     std::to_string(items.size()) + " item(s)", "", ""});
        })
        .get();
    return {{"sopInstanceUid", sopUid},
            {"frame", frame},
            {"items", items},
            {"updatedBy", who.username},
            {"updatedAt", now}};
}

json ReadingService::settings(const Principal& who, const std::string& key)
{
    if (!validKey(key))
        throw invalid("key", "letters, digits, '_' and '.', at most 64 characters.");
    std::optional<store::ViewerSettingRow> mine, department;
    {
        auto db = m_readers.lease();
        store::ReadingRepository repo(*db);
        mine = repo.setting(key, "user", who.username);
        department = repo.setting(key, "department", departmentOf(who));
    }
    return {{"key", key},
            {"user", mine ? json::parse(mine->valueJson) : json(nullptr)},
            {"department", department ? json::parse(department->valueJson) : json(nullptr)},
            {"userVersion", mine ? mine->version : 0},
            {"departmentVersion", department ? department->version : 0}};
}

json ReadingService::saveSettings(const Principal& who, const std::string& key, const std::string& scope,
                                  const json& body)
{
    if (!validKey(key))
        throw invalid("key", "letters, digits, '_' and '.', at most 64 characters.");
    if (scope != "user" && scope != "department")
        throw invalid("scope", "user or department.");
    // The department's head (who approves its reports) keeps its hanging protocols, as do administrators.
    if (scope == "department" && !who.can(Permission::SchedulingAdmin) && !who.can(Permission::UserAdmin) &&
        !who.can(Permission::ExamApprove))
        throw Error(ErrorKind::Forbidden, "forbidden",
                    "Department settings need exam.approve, scheduling.admin or user.admin.");
    if (!body.contains("value") || !body["value"].is_object())
        throw invalid("value", "must be a JSON object.");
    if (!body.contains("version") || !body["version"].is_number_integer())
        throw invalid("version", "the version read (0 for a new document).");
    const std::string value = body["value"].dump();
    if (value.size() > kMaxSettingsBytes)
        throw Error(ErrorKind::TooLarge, "too_large", "Viewer settings are at most 256 KiB.");
    const std::string owner = scope == "user" ? who.username : departmentOf(who);
    const std::int64_t expected = body["version"].get<std::int64_t>();
    const auto now = core::formatIsoTimestamp(m_clock.now());
    m_writer
        .submit([&](store::Database& db) {
            store::ReadingRepository repo(db);
            const auto current = repo.setting(key, scope, owner);
            const std::int64_t version = current ? current->version : 0;
            if (version != expected)
                throw Error(ErrorKind::Conflict, "version_conflict",
                            "These settings were changed meanwhile (version " + std::to_string(version) +
                                ").");
            repo.saveSetting({key, scope, owner, value, version + 1, who.username, now});
            m_audit.appendInJob(db, {0, now, who.username, who.clientAddress, "viewer_settings.save", scope,
                                     key, std::nullopt, owner, "", ""});
        })
        .get();
    return settings(who, key);
}

} // namespace lumen::server
