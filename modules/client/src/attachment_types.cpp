#include "lumen/client/attachment_types.h"

#include "lumen/core/error.h"

#include <nlohmann/json.hpp>

namespace lumen::client {

using nlohmann::json;

namespace {

[[noreturn]] void invalid(const char* field, const char* what)
{
    throw core::Error(core::ErrorKind::BadRequest, "invalid_field",
                      std::string("Field '") + field + "' " + what + ".");
}

const json& required(const json& j, const char* field)
{
    if (!j.is_object())
        throw core::Error(core::ErrorKind::BadRequest, "invalid_document",
                          "An attachment must be an object.");
    const auto it = j.find(field);
    if (it == j.end() || it->is_null())
        throw core::Error(core::ErrorKind::BadRequest, "missing_field",
                          std::string("Field '") + field + "' is required.");
    return *it;
}

QString text(const json& j, const char* field, bool mandatory)
{
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) {
        if (mandatory)
            required(j, field);
        return {};
    }
    if (!it->is_string())
        invalid(field, "must be a string");
    return QString::fromStdString(it->get<std::string>());
}

std::int64_t integer(const json& j, const char* field)
{
    const auto& v = required(j, field);
    if (!v.is_number_integer())
        invalid(field, "must be an integer");
    return v.get<std::int64_t>();
}

} // namespace

QString attachmentTypeOf(const QByteArray& head)
{
    if (head.startsWith("\xFF\xD8\xFF"))
        return QStringLiteral("image/jpeg");
    if (head.startsWith("\x89PNG\r\n\x1A\n"))
        return QStringLiteral("image/png");
    if (head.startsWith("%PDF-"))
        return QStringLiteral("application/pdf");
    return {};
}

bool isImageType(const QString& contentType)
{
    return contentType == QLatin1String("image/jpeg") || contentType == QLatin1String("image/png");
}

ExamAttachment examAttachmentFromJson(const json& j)
{
    ExamAttachment a;
    a.id = integer(j, "id");
    a.examId = integer(j, "examId");
    a.fileName = text(j, "fileName", true);
    a.contentType = text(j, "contentType", true);
    a.size = integer(j, "size");
    a.createdAt = text(j, "createdAt", false);
    a.createdBy = text(j, "createdBy", false);
    return a;
}

std::vector<ExamAttachment> examAttachmentsFromJson(const json& j)
{
    const auto& items = required(j, "items");
    if (!items.is_array())
        invalid("items", "must be an array");
    std::vector<ExamAttachment> out;
    out.reserve(items.size());
    for (const auto& item : items)
        out.push_back(examAttachmentFromJson(item));
    return out;
}

} // namespace lumen::client
