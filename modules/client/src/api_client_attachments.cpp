// The exam attachment calls of ApiClient: the scanned requisition uploaded as the raw body
// (not JSON, so not through send()), listed, and downloaded with its type.
#include "lumen/client/api_client.h"
#include "lumen/client/attachment_types.h"

#include "api_client_internal.h"

#include "lumen/protocol/endpoints.h"

#include <nlohmann/json.hpp>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace lumen::client {

namespace {

QString attachmentsPath(core::ExamId examId)
{
    return internal::path(protocol::endpoints::exams) + QLatin1Char('/') + QString::number(examId) +
           QStringLiteral("/attachments");
}

} // namespace

void ApiClient::uploadAttachment(core::ExamId examId, const QString& fileName, const QString& contentType,
                                 const QByteArray& bytes, QObject* context, Callback<ExamAttachment> done)
{
    QUrl url = m_serverUrl;
    url.setPath(attachmentsPath(examId));
    if (!fileName.isEmpty()) {
        // Encoded by hand as send() does: the server reads '+' as a space.
        url.setQuery(QStringLiteral("name=") + QString::fromLatin1(QUrl::toPercentEncoding(fileName)),
                     QUrl::StrictMode);
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType.toLatin1());
    request.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(m_session.token));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    QNetworkReply* reply = m_network->post(request, bytes);
    const QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    auto handler = parsed<ExamAttachment>(std::move(done),
                                          [](const nlohmann::json& j) { return examAttachmentFromJson(j); });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, guard, hadContext, handler] { finish(reply, true, guard, hadContext, handler); });
}

void ApiClient::listAttachments(core::ExamId examId, QObject* context,
                                Callback<std::vector<ExamAttachment>> done)
{
    send("GET", attachmentsPath(examId), {}, {}, true, context,
         parsed<std::vector<ExamAttachment>>(
             std::move(done), [](const nlohmann::json& j) { return examAttachmentsFromJson(j); }));
}

void ApiClient::downloadAttachment(core::ExamId examId, std::int64_t attachmentId, QObject* context,
                                   Callback<AttachmentFile> done)
{
    QUrl url = m_serverUrl;
    url.setPath(attachmentsPath(examId) + QLatin1Char('/') + QString::number(attachmentId));
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(m_session.token));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    QNetworkReply* reply = m_network->get(request);
    const QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, hadContext, done = std::move(done)] {
        // The body is the file itself, not JSON: only errors go through the JSON path.
        const QString type = reply->header(QNetworkRequest::ContentTypeHeader).toString();
        finish(reply, true, guard, hadContext, [type, done](const RawReply& raw) {
            if (raw.httpStatus == 0) {
                done(Result<AttachmentFile>::failure(raw.transportError));
                return;
            }
            if (raw.httpStatus < 200 || raw.httpStatus > 299) {
                done(Result<AttachmentFile>::failure(errorFromHttp(raw.httpStatus, raw.body)));
                return;
            }
            AttachmentFile file;
            // "application/pdf; charset=..." is not expected, but the type alone is what matters.
            file.contentType = type.section(QLatin1Char(';'), 0, 0).trimmed();
            file.bytes = raw.body;
            done(Result<AttachmentFile>::success(std::move(file)));
        });
    });
}

} // namespace lumen::client
