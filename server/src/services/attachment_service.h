#pragma once
// Files attached to an exam, such as the scanned paper requisition (issue 4 §4): JPEG, PNG or
// PDF checked by their first bytes, at most 20 MiB, written durably (temp file, fsync, rename)
// before the row, readable by whoever may read the exam, every read and upload audited.
// Files a crash left without a row are removed at start.
#include "http/http_types.h"
#include "lumen/core/exam.h"
#include "services/principal.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace lumen::store {
class ConnectionPool;
class WriteQueue;
} // namespace lumen::store

namespace lumen::core {
class Clock;
}

namespace lumen::server {

class AuditLog;
class ExamService;

inline constexpr std::size_t kMaxAttachmentBytes = 20 * 1024 * 1024;

class AttachmentService
{
public:
    AttachmentService(const core::Clock& clock, std::string dataDir, store::ConnectionPool& readers,
                      store::WriteQueue& writer, const AuditLog& audit, ExamService& exams);

    // Removes attachment files without a row (left by a crash between file and row).
    void removeOrphans();

    nlohmann::json upload(const Principal& who, core::ExamId examId, const std::string& fileName,
                          const std::string& contentType, const std::string& bytes);
    nlohmann::json list(const Principal& who, core::ExamId examId);
    // The file as the response body, with its content type.
    HttpResponse download(const Principal& who, core::ExamId examId, std::int64_t attachmentId);

private:
    const core::Clock& m_clock;
    std::string m_dataDir;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
    ExamService& m_exams;
};

} // namespace lumen::server
