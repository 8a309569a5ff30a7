#include "http_client.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <vector>

namespace lumen::test {

QString HttpReply::errorCode() const
{
    return json.object().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QString HttpReply::errorMessage() const
{
    return json.object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

QJsonObject HttpReply::errorDetails() const
{
    return json.object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("details"))
        .toObject();
}

QByteArray HttpReply::describe() const
{
    if (status == 0)
        return "no HTTP answer: " + transportError.toUtf8();
    return QByteArray::number(status) + " " + body.left(2000);
}

HttpClient::HttpClient(quint16 port) : m_port(port)
{
    // Never route test traffic through a proxy from the environment.
    m_nam.setProxy(QNetworkProxy::NoProxy);
}

HttpReply HttpClient::call(const QByteArray& method, const QString& path, const QJsonValue& jsonBody,
                           const QString& token)
{
    QByteArray body;
    if (jsonBody.isObject())
        body = QJsonDocument(jsonBody.toObject()).toJson(QJsonDocument::Compact);
    else if (jsonBody.isArray())
        body = QJsonDocument(jsonBody.toArray()).toJson(QJsonDocument::Compact);
    else if (!jsonBody.isUndefined())
        qFatal("HttpClient::call: the body must be a JSON object or array");
    return callRaw(method, path, body, token);
}

HttpReply HttpClient::callRaw(const QByteArray& method, const QString& path, const QByteArray& body,
                              const QString& token, const QByteArray& contentType)
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!token.isEmpty())
        headers.append({"Authorization", "Bearer " + token.toLatin1()});
    if (!body.isEmpty())
        headers.append({"Content-Type", contentType});
    return send(method, path, body, headers);
}

QNetworkReply* HttpClient::start(const QByteArray& method, const QString& path, const QByteArray& body,
                                 const QList<std::pair<QByteArray, QByteArray>>& headers)
{
    const QUrl url = QUrl::fromEncoded("http://127.0.0.1:" + QByteArray::number(m_port) + path.toUtf8());
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    if (method == "GET" && body.isEmpty())
        return m_nam.get(request);
    if (method == "DELETE" && body.isEmpty())
        return m_nam.deleteResource(request);
    return m_nam.sendCustomRequest(request, method, body);
}

HttpReply HttpClient::finish(QNetworkReply* reply) const
{
    HttpReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.transportError = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    if (result.status == 0)
        result.transportError = reply->errorString();
    if (!result.body.isEmpty())
        result.json = QJsonDocument::fromJson(result.body);
    return result;
}

HttpReply HttpClient::send(const QByteArray& method, const QString& path, const QByteArray& body,
                           const QList<std::pair<QByteArray, QByteArray>>& headers)
{
    std::unique_ptr<QNetworkReply> reply(start(method, path, body, headers));
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    return finish(reply.get());
}

QList<HttpReply> HttpClient::callAll(const QList<Request>& requests)
{
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    QEventLoop loop;
    qsizetype pending = requests.size();
    for (const auto& r : requests) {
        const QByteArray body = r.body.isUndefined()
                                    ? QByteArray()
                                    : QJsonDocument(r.body.toObject()).toJson(QJsonDocument::Compact);
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!r.token.isEmpty())
            headers.append({"Authorization", "Bearer " + r.token.toLatin1()});
        if (!body.isEmpty())
            headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        replies.emplace_back(start(r.method, r.path, body, headers));
        QObject::connect(replies.back().get(), &QNetworkReply::finished, &loop, [&] {
            if (--pending == 0)
                loop.quit();
        });
    }
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (pending > 0)
        loop.exec();
    QList<HttpReply> results;
    for (const auto& reply : replies)
        results.append(finish(reply.get()));
    return results;
}

QString HttpClient::login(const QString& username, const QString& password, HttpReply* replyOut)
{
    const auto reply =
        call("POST", QStringLiteral("/api/v1/session"),
             QJsonObject{{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
    if (replyOut)
        *replyOut = reply;
    return reply.status == 200 ? reply.value(QStringLiteral("token")).toString() : QString();
}

QString HttpClient::withQuery(const QString& path, std::initializer_list<std::pair<QString, QString>> params)
{
    QString out = path;
    QChar separator = QLatin1Char('?');
    for (const auto& [name, value] : params) {
        out += separator + encode(name) + QLatin1Char('=') + encode(value);
        separator = QLatin1Char('&');
    }
    return out;
}

namespace {

// True once `raw` holds a whole response whose length is known from its Content-Length.
bool responseComplete(const QByteArray& raw)
{
    const auto headerEnd = raw.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const auto headers = raw.left(headerEnd).toLower();
    const auto at = headers.indexOf("\r\ncontent-length:");
    if (at < 0)
        return false;
    const auto lineEnd = headers.indexOf("\r\n", at + 2);
    const auto length = headers.mid(at + 17, lineEnd < 0 ? -1 : lineEnd - at - 17).trimmed().toLongLong();
    return raw.size() >= headerEnd + 4 + length;
}

} // namespace

HttpClient::RawResult HttpClient::sendRaw(const QByteArray& bytes, int timeoutMs) const
{
    RawResult result;
    QTcpSocket socket;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        result.closedByServer = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        result.received += socket.readAll();
        if (responseComplete(result.received))
            loop.quit();
    });
    timer.start(timeoutMs);
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
    if (socket.state() != QAbstractSocket::ConnectedState)
        loop.exec();
    if (socket.state() != QAbstractSocket::ConnectedState)
        return result;
    result.connected = true;
    socket.write(bytes);
    while (timer.isActive() && !result.closedByServer && !responseComplete(result.received) &&
           socket.state() == QAbstractSocket::ConnectedState)
        loop.exec();
    result.received += socket.readAll();
    if (socket.state() != QAbstractSocket::ConnectedState)
        result.closedByServer = true;
    return result;
}

HttpReply HttpClient::parseResponse(const QByteArray& raw)
{
    HttpReply reply;
    const auto headerEnd = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.") || headerEnd < 0) {
        reply.transportError = QStringLiteral("not an HTTP response: ") + QString::fromLatin1(raw.left(200));
        return reply;
    }
    const auto statusLine = raw.left(raw.indexOf("\r\n"));
    reply.status = statusLine.split(' ').value(1).toInt();
    reply.body = raw.mid(headerEnd + 4);
    if (!reply.body.isEmpty())
        reply.json = QJsonDocument::fromJson(reply.body);
    return reply;
}

HttpReply HttpClient::registerDicomAe(const QString& aeTitle, quint16 dicomPort, const QJsonObject& fields)
{
    QJsonObject ae{{QStringLiteral("aeTitle"), aeTitle},
                   {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                   {QStringLiteral("port"), dicomPort}};
    for (auto it = fields.begin(); it != fields.end(); ++it)
        ae.insert(it.key(), it.value());
    return call("POST", QStringLiteral("/api/v1/dicom/aes"), ae, login(QStringLiteral("admin")));
}

} // namespace lumen::test
