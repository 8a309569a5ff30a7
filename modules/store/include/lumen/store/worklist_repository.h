#pragma once
// What the modality worklist adds to an exam: the Study Instance UID it was served with. Kept
// apart from ExamRepository because only the worklist and MPPS give or look it up.
#include "lumen/core/exam.h"

#include <optional>
#include <string>

namespace lumen::store {

class Database;

class WorklistRepository
{
public:
    explicit WorklistRepository(Database& db) : m_db(db) {}

    std::optional<std::string> studyInstanceUid(core::ExamId examId);
    // Gives the exam `uid` unless it has one already; returns the exam's UID either way.
    std::string assignStudyInstanceUid(core::ExamId examId, const std::string& uid);
    std::optional<core::ExamId> examByStudyInstanceUid(const std::string& uid);

private:
    Database& m_db;
};

} // namespace lumen::store
