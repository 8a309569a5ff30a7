#include "services/exam_dictionary_service.h"

#include "lumen/core/error.h"
#include "lumen/protocol/his_code_mapping_json.h"
#include "lumen/protocol/json_fields.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"
#include "services/field_problems.h"

#include <nlohmann/json.hpp>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using core::Permission;
using nlohmann::json;

namespace {

const Error rowNotFound(ErrorKind::NotFound, "not_found", "No such dictionary entry.");

void validate(core::HisCodeMapping& m)
{
    core::normalizeHisCodeMapping(m);
    if (const auto problems = core::validateHisCodeMapping(m); !problems.empty())
        throwFieldProblems(problems);
}

// Another row already holds (HIS, kind, code): name it so the editor can open it.
void checkCodeFree(store::HisCodeMappingRepository& repo, const core::HisCodeMapping& m)
{
    store::HisCodeMappingSearch same;
    same.kind = m.kind;
    same.hisSystem = m.hisSystem;
    same.hisCode = m.hisCode;
    same.limit = 1;
    const auto holder = repo.search(same);
    if (!holder.empty() && holder.front().id != m.id)
        throw Error(ErrorKind::Conflict, "duplicate_code",
                    "hisCode: " + std::string(core::toCode(m.kind)) + " code " + m.hisCode +
                        (m.hisSystem.empty() ? "" : " of HIS " + m.hisSystem) + " is already entry " +
                        std::to_string(holder.front().id) + ".",
                    json{{"field", "hisCode"}, {"id", holder.front().id}}.dump());
}

std::string describe(const core::HisCodeMapping& m)
{
    return std::string(core::toCode(m.kind)) + " " + (m.hisSystem.empty() ? "" : m.hisSystem + ":") +
           m.hisCode + " -> " + m.method.value_or("") + (m.method && m.bodyPart ? " / " : "") +
           m.bodyPart.value_or("");
}

} // namespace

ExamDictionaryService::ExamDictionaryService(const core::Clock& clock, store::ConnectionPool& readers,
                                             store::WriteQueue& writer, const AuditLog& audit)
    : m_clock(clock), m_readers(readers), m_writer(writer), m_audit(audit)
{
}

core::AuditEntry ExamDictionaryService::auditEntry(const Principal& who, std::string action, std::int64_t id,
                                                   std::string detail) const
{
    return core::AuditEntry{0,
                            core::formatIsoTimestamp(m_clock.now()),
                            who.username,
                            who.clientAddress,
                            std::move(action),
                            "exam_dictionary",
                            std::to_string(id),
                            std::nullopt,
                            std::move(detail),
                            "",
                            ""};
}

HisCodeMappingPage ExamDictionaryService::list(const Principal& who, store::HisCodeMappingSearch search)
{
    who.require(Permission::ExamRead);
    const int limit = search.limit;
    ++search.limit;
    HisCodeMappingPage page;
    {
        auto db = m_readers.lease();
        page.items = store::HisCodeMappingRepository(*db).search(search);
    }
    if (int(page.items.size()) > limit) {
        page.items.pop_back();
        page.hasMore = true;
    }
    return page;
}

core::HisCodeMapping ExamDictionaryService::get(const Principal& who, std::int64_t id)
{
    who.require(Permission::ExamRead);
    auto db = m_readers.lease();
    auto row = store::HisCodeMappingRepository(*db).find(id);
    if (!row)
        throw rowNotFound;
    return *row;
}

core::HisCodeMapping ExamDictionaryService::create(const Principal& who, const json& body)
{
    who.require(Permission::ExamDictionary);
    core::HisCodeMapping row;
    if (!body.contains("kind"))
        throw Error(ErrorKind::BadRequest, "missing_field",
                    "kind: Say whether the code is an item or a body_part.", json{{"field", "kind"}}.dump());
    protocol::applyHisCodeMappingJson(row, body);
    validate(row);
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    return m_writer
        .submit([&](store::Database& db) {
            store::HisCodeMappingRepository repo(db);
            checkCodeFree(repo, row);
            const auto id = repo.insert(row, nowIso);
            auto stored = *repo.find(id);
            m_audit.appendInJob(db, auditEntry(who, "exam.dictionary.create", id, describe(stored)));
            return stored;
        })
        .get();
}

core::HisCodeMapping ExamDictionaryService::update(const Principal& who, std::int64_t id, const json& body)
{
    who.require(Permission::ExamDictionary);
    const auto expectedVersion = protocol::optionalInteger(body, "version");
    {
        core::HisCodeMapping probe;
        protocol::applyHisCodeMappingJson(probe, body, {"version"});
    }
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    return m_writer
        .submit([&](store::Database& db) {
            store::HisCodeMappingRepository repo(db);
            const auto before = repo.find(id);
            if (!before)
                throw rowNotFound;
            if (expectedVersion && *expectedVersion != before->version)
                throw Error(ErrorKind::Conflict, "conflict",
                            "The entry was changed by someone else; reload and try again.");
            auto after = *before;
            protocol::applyHisCodeMappingJson(after, body, {"version"});
            validate(after);
            if (protocol::toJson(after) == protocol::toJson(*before))
                return *before;
            checkCodeFree(repo, after);
            if (!repo.update(after, nowIso))
                throw Error(ErrorKind::Conflict, "conflict",
                            "The entry was changed by someone else; reload and try again.");
            auto stored = *repo.find(id);
            m_audit.appendInJob(db, auditEntry(who, "exam.dictionary.update", id,
                                               describe(*before) + " => " + describe(stored)));
            return stored;
        })
        .get();
}

void ExamDictionaryService::remove(const Principal& who, std::int64_t id)
{
    who.require(Permission::ExamDictionary);
    m_writer
        .submit([&](store::Database& db) {
            store::HisCodeMappingRepository repo(db);
            const auto before = repo.find(id);
            if (!before || !repo.remove(id))
                throw rowNotFound;
            m_audit.appendInJob(db, auditEntry(who, "exam.dictionary.delete", id, describe(*before)));
        })
        .get();
}

} // namespace lumen::server
