#pragma once
// Exams, their items, their timeline and the accession number counters in SQLite. Callers own
// transactions; accession numbers are allocated in the transaction that inserts the exam, so
// a rolled-back registration gives its number back.
#include "lumen/core/exam.h"
#include "lumen/core/exam_event.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

struct ExamSearch
{
    std::optional<core::PatientId> patientId; // also finds exams of patients merged into it
    std::vector<core::ExamStatus> statuses;   // any of these; empty: every status
    std::optional<core::Department> department;
    std::optional<std::string> modality;
    std::optional<std::string> createdFrom; // UTC timestamps; ranges are [from, before)
    std::optional<std::string> createdBefore;
    std::optional<std::string> scheduledFrom;
    std::optional<std::string> scheduledBefore;
    std::optional<std::string> accessionNumber;
    std::optional<std::string> hisSystem; // with hisRequestNo; '' is "the HIS"
    std::optional<std::string> hisRequestNo;
    bool includeConfidential = false;
    bool bySchedule = false; // earliest scheduled first, instead of newest first
    int limit = 50;
    int offset = 0;
};

class ExamRepository
{
public:
    explicit ExamRepository(Database& db) : m_db(db) {}

    std::optional<core::Exam> find(core::ExamId id);
    std::optional<core::Exam> findByAccessionNumber(const std::string& accessionNumber);
    std::optional<core::Exam> findByHisRequest(const std::string& hisSystem, const std::string& hisRequestNo);
    std::vector<core::Exam> search(const ExamSearch& search);
    std::int64_t count();

    // The next accession number for `prefix` ("R20261122" -> "R20261122-0008").
    std::string allocateAccessionNumber(const std::string& prefix);
    // Stores a new exam with its items (version 1); exam.accessionNumber must be set.
    core::ExamId insert(const core::Exam& exam, const std::string& nowIso);
    // Writes every mutable field, the status and the items when the stored version equals
    // exam.version; bumps the version. False when the row is stale or missing.
    bool update(const core::Exam& exam, const std::string& nowIso);

    void appendEvent(const core::ExamEvent& event);
    // Oldest first: the loop as it happened.
    std::vector<core::ExamEvent> timeline(core::ExamId examId);

private:
    std::vector<core::ExamItem> items(core::ExamId examId);
    void writeItems(core::ExamId examId, const std::vector<core::ExamItem>& items);

    Database& m_db;
};

} // namespace lumen::store
