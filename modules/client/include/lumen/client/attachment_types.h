#pragma once
// Files attached to exams (server/API.md, "Attachments (scanned requisitions)"): the scanned
// paper requisition as JPEG, PNG or PDF, at most 20 MiB.
#include <nlohmann/json_fwd.hpp>

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace lumen::client {

// The server refuses larger files (413); check before sending.
inline constexpr qint64 maxAttachmentBytes = 20 * 1024 * 1024;

// One row of GET /exams/{id}/attachments, or the answer of the upload.
struct ExamAttachment
{
    std::int64_t id = 0;
    std::int64_t examId = 0;
    QString fileName;
    QString contentType; // image/jpeg, image/png or application/pdf
    qint64 size = 0;     // bytes
    QString createdAt;   // ISO 8601 UTC
    QString createdBy;   // user name
};

// The bytes of one attachment with the type the server stored.
struct AttachmentFile
{
    QString contentType;
    QByteArray bytes;
};

// The type the server takes for these first bytes (it recognises files the same way):
// image/jpeg, image/png, application/pdf, or empty when the file is none of these.
QString attachmentTypeOf(const QByteArray& firstBytes);
bool isImageType(const QString& contentType);

// Parsers; they throw core::Error on a document that does not have the documented shape.
ExamAttachment examAttachmentFromJson(const nlohmann::json& json);
// {"items": [...]}
std::vector<ExamAttachment> examAttachmentsFromJson(const nlohmann::json& json);

} // namespace lumen::client
