#pragma once
// Synchronous HTTP calls to a running lumen-server for integration tests: QNetworkAccessManager
// for ordinary requests, a raw socket for bytes no well-behaved client would send.
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

#include <QList>

#include <initializer_list>
#include <utility>

namespace lumen::test {

// Every demo account (`--demo`) has this password.
inline constexpr const char* demoPassword = "Lumen@2026";

struct HttpReply
{
    int status = 0; // 0: no HTTP answer (refused, reset, timed out)
    QByteArray body;
    QJsonDocument json;
    QString transportError; // set when status is 0

    QJsonObject object() const { return json.object(); }
    QJsonValue value(const QString& key) const { return json.object().value(key); }
    QString errorCode() const;
    QString errorMessage() const;
    QJsonObject errorDetails() const;
    // "status body" for test failure messages.
    QByteArray describe() const;
};

class HttpClient
{
public:
    explicit HttpClient(quint16 port);

    // `path` is already percent-encoded and may carry a query ("/api/v1/patients?q=...").
    // An undefined `jsonBody` sends no body; objects and arrays are sent as JSON.
    HttpReply call(const QByteArray& method, const QString& path,
                   const QJsonValue& jsonBody = QJsonValue::Undefined, const QString& token = {});
    HttpReply callRaw(const QByteArray& method, const QString& path, const QByteArray& body,
                      const QString& token = {}, const QByteArray& contentType = "application/json");
    // Full control over the request headers (e.g. a malformed Authorization header).
    HttpReply send(const QByteArray& method, const QString& path, const QByteArray& body,
                   const QList<std::pair<QByteArray, QByteArray>>& headers);
    HttpReply get(const QString& path, const QString& token)
    {
        return call("GET", path, QJsonValue::Undefined, token);
    }

    // Sends all requests at once (QNetworkAccessManager runs up to six in parallel) and waits for
    // every answer; replies come back in request order.
    struct Request
    {
        QByteArray method;
        QString path;
        QJsonValue body = QJsonValue::Undefined; // an object, or undefined for none
        QString token;
    };
    QList<HttpReply> callAll(const QList<Request>& requests);

    // Signs in and returns the token, or an empty string (the reply tells why).
    QString login(const QString& username, const QString& password = QString::fromLatin1(demoPassword),
                  HttpReply* reply = nullptr);

    // Sends `bytes` as they are on a fresh connection and returns what came back before the
    // server closed it, a complete response arrived or `timeoutMs` passed.
    struct RawResult
    {
        QByteArray received;
        bool closedByServer = false;
        bool connected = false;
    };
    RawResult sendRaw(const QByteArray& bytes, int timeoutMs = 5000) const;
    // Parses a raw HTTP/1.1 response (status line, headers, Content-Length body).
    static HttpReply parseResponse(const QByteArray& raw);

    // Registers (or updates) the known DICOM AE `aeTitle` at 127.0.0.1:`dicomPort`, signed in
    // as admin; `fields` adds or overrides the rest (canStore, canRetrieve, room, ...).
    HttpReply registerDicomAe(const QString& aeTitle, quint16 dicomPort, const QJsonObject& fields = {});

    quint16 port() const { return m_port; }
    static QString encode(const QString& text) { return QString::fromLatin1(QUrl::toPercentEncoding(text)); }
    // "/api/v1/patients" + {{"q", "张"}} -> "/api/v1/patients?q=%E5%BC%A0"
    static QString withQuery(const QString& path, std::initializer_list<std::pair<QString, QString>> params);

    int timeoutMs = 15000;

private:
    QNetworkReply* start(const QByteArray& method, const QString& path, const QByteArray& body,
                         const QList<std::pair<QByteArray, QByteArray>>& headers);
    HttpReply finish(QNetworkReply* reply) const;

    quint16 m_port;
    QNetworkAccessManager m_nam;
};

} // namespace lumen::test

// QtTest check of a reply's status that prints the reply when it fails (use inside a test function).
// `reply` is evaluated once, so it may be the call itself.
#define LUMEN_COMPARE_STATUS(reply, expected)                                                                \
    do {                                                                                                     \
        const ::lumen::test::HttpReply& lumenReply_ = (reply);                                               \
        const int lumenExpected_ = (expected);                                                               \
        QVERIFY2(lumenReply_.status == lumenExpected_,                                                       \
                 qPrintable(QStringLiteral("expected HTTP %1, got %2")                                       \
                                .arg(lumenExpected_)                                                         \
                                .arg(QString::fromUtf8(lumenReply_.describe()))));                           \
    } while (false)
