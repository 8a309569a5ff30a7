// Integration tests of the CORS policy: browser pages from configured origins may call the
// server; others get no permission headers. Raw HTTP, because headers are what is tested.
#include "http_client.h"
#include "server_process.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace lumen::test;

namespace {
QByteArray request(const QByteArray& method, const QByteArray& path, const QByteArray& origin,
                   const QByteArray& extra = {})
{
    return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: " + origin + "\r\n" + extra +
           "Connection: close\r\n\r\n";
}

bool hasHeader(const QByteArray& raw, const QByteArray& header)
{
    const int end = raw.indexOf("\r\n\r\n");
    return raw.left(end < 0 ? raw.size() : end).toLower().contains("\r\n" + header.toLower());
}
} // namespace

class CorsTest : public QObject
{
    Q_OBJECT
private slots:
    void allowed_origin_gets_preflight_and_response_headers()
    {
        QTemporaryDir dir;
        ServerProcess server;
        QVERIFY2(server.start(dir.path(), {QStringLiteral("--cors-origins"),
                                           QStringLiteral("https://emr.example, https://pacs.example")}),
                 qPrintable(server.errorString()));
        HttpClient http(server.httpPort());
        const auto preflight = http.sendRaw(request("OPTIONS", "/dicom-web/studies", "https://emr.example",
                                                    "Access-Control-Request-Method: GET\r\n"
                                                    "Access-Control-Request-Headers: authorization\r\n"));
        QVERIFY2(preflight.received.startsWith("HTTP/1.1 204"), preflight.received.constData());
        QVERIFY(hasHeader(preflight.received, "Access-Control-Allow-Origin: https://emr.example"));
        QVERIFY(hasHeader(preflight.received, "Access-Control-Allow-Headers: Authorization"));

        const auto health = http.sendRaw(request("GET", "/api/v1/health", "https://pacs.example"));
        QVERIFY2(health.received.startsWith("HTTP/1.1 200"), health.received.constData());
        QVERIFY(hasHeader(health.received, "Access-Control-Allow-Origin: https://pacs.example"));
    }

    void other_origins_get_no_permission()
    {
        QTemporaryDir dir;
        ServerProcess server;
        QVERIFY2(server.start(dir.path(),
                              {QStringLiteral("--cors-origins"), QStringLiteral("https://emr.example")}),
                 qPrintable(server.errorString()));
        HttpClient http(server.httpPort());
        const auto preflight = http.sendRaw(request("OPTIONS", "/dicom-web/studies", "https://evil.example",
                                                    "Access-Control-Request-Method: GET\r\n"));
        QVERIFY2(preflight.received.startsWith("HTTP/1.1 403"), preflight.received.constData());
        QVERIFY(!hasHeader(preflight.received, "Access-Control-Allow-Origin"));
        const auto health = http.sendRaw(request("GET", "/api/v1/health", "https://evil.example"));
        QVERIFY(!hasHeader(health.received, "Access-Control-Allow-Origin"));
    }

    void without_configuration_no_origin_is_allowed()
    {
        QTemporaryDir dir;
        ServerProcess server;
        QVERIFY2(server.start(dir.path()), qPrintable(server.errorString()));
        HttpClient http(server.httpPort());
        const auto health = http.sendRaw(request("GET", "/api/v1/health", "https://emr.example"));
        QVERIFY2(health.received.startsWith("HTTP/1.1 200"), health.received.constData());
        QVERIFY(!hasHeader(health.received, "Access-Control-Allow-Origin"));
    }
};

QTEST_GUILESS_MAIN(CorsTest)
#include "test_cors.moc"
