#pragma once
// Files attached to exams (scanned requisitions): the rows; the bytes are files in the data folder.
#include "lumen/core/exam.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

struct ExamAttachment
{
    std::int64_t id = 0;
    core::ExamId examId = 0;
    std::string fileName;
    std::string contentType;
    std::int64_t size = 0;
    std::string path; // relative to the data folder
    std::string createdAt;
    std::string createdBy;
};

class ExamAttachmentRepository
{
public:
    explicit ExamAttachmentRepository(Database& db) : m_db(db) {}

    std::int64_t insert(const ExamAttachment& a);
    std::optional<ExamAttachment> find(std::int64_t id);
    std::vector<ExamAttachment> ofExam(core::ExamId examId);
    std::vector<std::string> allPaths();

private:
    Database& m_db;
};

} // namespace lumen::store
