#pragma once
// Exams (orders) and their closed loop: registration with accession numbers, idempotent HIS
// orders, search, edits allowed in the current status, status transitions with their timeline,
// all with the permission checks, the confidential-patient rule and audit entries.
#include "lumen/core/clock.h"
#include "lumen/core/exam.h"
#include "lumen/core/exam_event.h"
#include "lumen/store/exam_repository.h"
#include "services/principal.h"

#include <nlohmann/json_fwd.hpp>

#include <functional>

namespace lumen::store {
class ConnectionPool;
class Database;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;

struct ExamPage
{
    std::vector<core::Exam> items;
    bool hasMore = false;
};

struct ExamCreateResult
{
    core::Exam exam;
    bool created = true; // false: the HIS request was already registered; this is that exam
};

class ExamService
{
public:
    ExamService(const core::Clock& clock, store::ConnectionPool& readers, store::WriteQueue& writer,
                const AuditLog& audit);

    ExamCreateResult create(const Principal& who, const nlohmann::json& body);
    core::Exam get(const Principal& who, core::ExamId id);
    // `search.includeConfidential` is decided here from the caller's permissions.
    ExamPage search(const Principal& who, store::ExamSearch search);
    core::Exam update(const Principal& who, core::ExamId id, const nlohmann::json& body);
    // Body {"to", "note"?, "scheduledAt"?, "room"?, "version"?}.
    core::Exam transition(const Principal& who, core::ExamId id, const nlohmann::json& body);
    std::vector<core::ExamEvent> timeline(const Principal& who, core::ExamId id);

    // Registers an order inside the caller's write job (HL7 messages apply in one transaction):
    // patient checks, dictionary translation, validation, accession number, timeline, audit.
    core::Exam registerExam(const Principal& who, store::Database& db, core::Exam draft, bool departmentGiven,
                            const std::string& nowIso) const;

    // Loads an exam the caller may see, else 404 (exams of confidential patients are not revealed).
    core::Exam visibleExam(const Principal& who, store::Database& db, core::ExamId id) const;

    // Told of every status step taken through transition(), inside its writer job before the
    // step is written; it may refuse the step by throwing. The appointment book uses it to
    // follow check-in, no-show and cancellation.
    using StepHook = std::function<void(store::Database&, const Principal&, const core::Exam& before,
                                        const core::Exam& after)>;
    void setStepHook(StepHook hook) { m_stepHook = std::move(hook); }

private:
    core::AuditEntry auditEntry(const Principal& who, std::string action, const core::Exam* exam,
                                std::string detail) const;

    const core::Clock& m_clock;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
    StepHook m_stepHook;
};

} // namespace lumen::server
