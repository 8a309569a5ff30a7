#include "services/attachment_service.h"

#include "http/streamed_body.h"

#include "lumen/core/clock.h"
#include "lumen/core/date.h"
#include "lumen/core/error.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/database.h"
#include "lumen/store/dicom_file_store.h"
#include "lumen/store/exam_attachment_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"
#include "services/exam_service.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using core::Permission;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kFolder = "attachments";

// The type the bytes are, from their signature; empty when not one we take.
std::string sniffType(const std::string& bytes)
{
    if (bytes.rfind("\xFF\xD8\xFF", 0) == 0)
        return "image/jpeg";
    if (bytes.rfind("\x89PNG\r\n\x1A\n", 0) == 0)
        return "image/png";
    if (bytes.rfind("%PDF-", 0) == 0)
        return "application/pdf";
    return {};
}

std::string extensionOf(const std::string& type)
{
    return type == "image/jpeg" ? ".jpg" : type == "image/png" ? ".png" : ".pdf";
}

json attachmentJson(const store::ExamAttachment& a)
{
    return {{"id", a.id},
            {"examId", a.examId},
            {"fileName", a.fileName},
            {"contentType", a.contentType},
            {"size", a.size},
            {"createdAt", a.createdAt},
            {"createdBy", a.createdBy}};
}

core::AuditEntry entry(const core::Clock& clock, const Principal& who, std::string action,
                       const core::Exam& exam, std::string detail)
{
    return {0,
            core::formatIsoTimestamp(clock.now()),
            who.username,
            who.clientAddress,
            std::move(action),
            "exam",
            std::to_string(exam.id),
            exam.patientId,
            std::move(detail),
            "",
            ""};
}

} // namespace

AttachmentService::AttachmentService(const core::Clock& clock, std::string dataDir,
                                     store::ConnectionPool& readers, store::WriteQueue& writer,
                                     const AuditLog& audit, ExamService& exams)
    : m_clock(clock), m_dataDir(std::move(dataDir)), m_readers(readers), m_writer(writer), m_audit(audit),
      m_exams(exams)
{
}

void AttachmentService::removeOrphans()
{
    const auto root = fs::path(m_dataDir) / kFolder;
    if (!fs::exists(root))
        return;
    std::set<std::string> known;
    {
        auto db = m_readers.lease();
        for (auto& p : store::ExamAttachmentRepository(*db).allPaths())
            known.insert(std::move(p));
    }
    for (const auto& f : fs::recursive_directory_iterator(root))
        if (f.is_regular_file() && !known.count(fs::relative(f.path(), m_dataDir).string()))
            fs::remove(f.path());
}

json AttachmentService::upload(const Principal& who, core::ExamId examId, const std::string& fileName,
                               const std::string& contentType, const std::string& bytes)
{
    who.require(Permission::ExamRegister);
    core::Exam exam;
    {
        auto db = m_readers.lease();
        exam = m_exams.visibleExam(who, *db, examId);
    }
    if (bytes.empty())
        throw Error(ErrorKind::BadRequest, "empty_body", "The file is empty.");
    if (bytes.size() > kMaxAttachmentBytes)
        throw Error(ErrorKind::TooLarge, "too_large", "Attachments are at most 20 MiB.");
    const auto type = sniffType(bytes);
    if (type.empty())
        throw Error(ErrorKind::Unprocessable, "unsupported_file",
                    "Only JPEG, PNG or PDF files can be attached.");
    if (!contentType.empty() && contentType.rfind(type, 0) != 0 && contentType != "application/octet-stream")
        throw Error(ErrorKind::Unprocessable, "unsupported_file",
                    "The file is " + type + " but was sent as " + contentType + ".");
    std::string name = fileName.empty() ? "requisition" + extensionOf(type) : fileName;
    if (name.size() > 200 || name.find_first_of("/\\") != std::string::npos)
        throw Error(ErrorKind::BadRequest, "invalid_field", "name: at most 200 characters, no slashes.",
                    json{{"field", "name"}}.dump());

    // The file first, durable under its final name; the row only after.
    static std::atomic<unsigned> counter{0};
    const auto folder = fs::path(kFolder) / std::to_string(examId);
    fs::create_directories(fs::path(m_dataDir) / folder);
    const auto stem = std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) + "-" +
                      std::to_string(counter++) + "-" + std::to_string(std::random_device{}() % 100000);
    const auto relative = (folder / (stem + extensionOf(type))).string();
    const auto finalPath = (fs::path(m_dataDir) / relative).string();
    const auto tempPath = finalPath + ".part";
    {
        std::ofstream out(tempPath, std::ios::binary);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        if (!out.flush())
            throw Error(ErrorKind::Internal, "storage_failed", "The file could not be stored.");
    }
    store::syncFile(tempPath);
    fs::rename(tempPath, finalPath);
    store::syncDirectory((fs::path(m_dataDir) / folder).string());

    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    store::ExamAttachment a{0,        examId, name,        type, std::int64_t(bytes.size()),
                            relative, nowIso, who.username};
    try {
        a.id = m_writer
                   .submit([&](store::Database& db) {
                       const auto id = store::ExamAttachmentRepository(db).insert(a);
                       m_audit.appendInJob(
                           db, entry(m_clock, who, "exam.attachment.add", exam,
                                     name + " (" + type + ", " + std::to_string(bytes.size()) + " bytes)"));
                       return id;
                   })
                   .get();
    } catch (...) {
        std::error_code ignored;
        fs::remove(finalPath, ignored);
        throw;
    }
    return attachmentJson(a);
}

json AttachmentService::list(const Principal& who, core::ExamId examId)
{
    who.require(Permission::ExamRead);
    auto db = m_readers.lease();
    const auto exam = m_exams.visibleExam(who, *db, examId);
    json items = json::array();
    for (const auto& a : store::ExamAttachmentRepository(*db).ofExam(examId))
        items.push_back(attachmentJson(a));
    return {{"items", items}};
}

HttpResponse AttachmentService::download(const Principal& who, core::ExamId examId, std::int64_t attachmentId)
{
    who.require(Permission::ExamRead);
    core::Exam exam;
    std::optional<store::ExamAttachment> a;
    {
        auto db = m_readers.lease();
        exam = m_exams.visibleExam(who, *db, examId);
        a = store::ExamAttachmentRepository(*db).find(attachmentId);
    }
    if (!a || a->examId != examId)
        throw Error(ErrorKind::NotFound, "not_found", "No such attachment.");
    // Sent from the page cache like archive files, not read into memory.
    HttpResponse response;
    response.status = 200;
    response.contentType = a->contentType;
    response.streamedBody.push_back(storedFile((fs::path(m_dataDir) / a->path).string()));
    m_audit.record(entry(m_clock, who, "exam.attachment.read", exam, a->fileName));
    return response;
}

} // namespace lumen::server
