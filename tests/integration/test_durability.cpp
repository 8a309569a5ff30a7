// What the real lumen-server keeps across crashes and restarts: an acknowledged write survives
// SIGKILL, a write is all-or-nothing, and SIGTERM/SIGINT stop it cleanly.
#include "http_client.h"
#include "server_process.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSet>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <memory>
#include <vector>

using namespace lumen::test;

namespace {
const QString patientsPath = QStringLiteral("/api/v1/patients");
QString patientPath(qint64 id)
{
    return patientsPath + QStringLiteral("/%1").arg(id);
}
} // namespace

#define START_SERVER(server, dir) QVERIFY2((server).start((dir).path()), qPrintable((server).errorString()))

class DurabilityTest : public QObject
{
    Q_OBJECT

private slots:
    void acknowledged_patient_survives_sigkill_and_audit_chain_verifies();
    void burst_of_acknowledged_writes_survives_sigkill();
    void sigkill_during_concurrent_writes_leaves_no_half_written_patient();
    void sigterm_shuts_down_cleanly_within_seconds();
    void sigint_shuts_down_cleanly_within_seconds();
    void shutdown_is_not_held_up_by_idle_or_half_sent_connections();
    void sigterm_still_answers_requests_in_progress();
    void restart_keeps_data_once_and_forgets_old_tokens();
};

// req: 003 7x24 stable operation; no acknowledged registration is lost
void DurabilityTest::acknowledged_patient_survives_sigkill_and_audit_chain_verifies()
{
    QTemporaryDir dir;
    ServerProcess server;
    START_SERVER(server, dir);
    QJsonObject stored;
    {
        HttpClient http(server.httpPort());
        const auto token = http.login(QStringLiteral("registrar"));
        const auto created =
            http.call("POST", patientsPath,
                      QJsonObject{{"name", "测断电"}, {"sex", "M"}, {"medicalCardNo", "IT-KILL-1"}}, token);
        LUMEN_COMPARE_STATUS(created, 201);
        stored = created.object();
        server.kill(); // SIGKILL straight after the 201
    }
    QCOMPARE(server.exitStatus(), QProcess::CrashExit);

    // The chain is intact on disk before the server ever runs again.
    const auto offline = ServerProcess::runCommand({"audit", "verify", "--data", dir.path()});
    QVERIFY2(offline.finished && offline.exitCode == 0, offline.output.constData());

    START_SERVER(server, dir);
    HttpClient http(server.httpPort());
    const auto token = http.login(QStringLiteral("registrar"));
    const auto id = stored.value(QStringLiteral("id")).toInteger();
    const auto fetched = http.get(patientPath(id), token);
    LUMEN_COMPARE_STATUS(fetched, 200);
    QCOMPARE(fetched.object(), stored);
    const auto search = http.get(HttpClient::withQuery(patientsPath, {{"q", "IT-KILL-1"}}), token);
    QCOMPARE(search.value(QStringLiteral("items")).toArray().size(), 1);

    const auto admin = http.login(QStringLiteral("admin"));
    const auto verdict = http.get(QStringLiteral("/api/v1/audit/verify"), admin);
    LUMEN_COMPARE_STATUS(verdict, 200);
    QVERIFY2(verdict.value(QStringLiteral("ok")).toBool(), verdict.describe().constData());
    const auto created =
        http.get(QStringLiteral("/api/v1/audit?action=patient.create&patientId=%1").arg(id), admin);
    QCOMPARE(created.value(QStringLiteral("items")).toArray().size(), 1);
    QVERIFY(server.terminate());
    QCOMPARE(server.exitCode(), 0);
}

// req: 003 7x24 stable operation; no acknowledged registration is lost
void DurabilityTest::burst_of_acknowledged_writes_survives_sigkill()
{
    QTemporaryDir dir;
    ServerProcess server;
    START_SERVER(server, dir);
    QList<QJsonObject> acknowledged;
    {
        HttpClient http(server.httpPort());
        const auto token = http.login(QStringLiteral("registrar"));
        for (int i = 0; i < 20; ++i) {
            const auto r =
                http.call("POST", patientsPath,
                          QJsonObject{{"name", QStringLiteral("测连写%1").arg(i, 2, 10, QLatin1Char('0'))},
                                      {"sex", "F"},
                                      {"outpatientNo", QStringLiteral("IT-BURST-%1").arg(i)}},
                          token);
            LUMEN_COMPARE_STATUS(r, 201);
            acknowledged.append(r.object());
        }
        for (int i = 0; i < 5; ++i) {
            const auto id = acknowledged[i].value(QStringLiteral("id")).toInteger();
            const auto r = http.call("PATCH", patientPath(id),
                                     QJsonObject{{"phone", "13900000000"}, {"version", 1}}, token);
            LUMEN_COMPARE_STATUS(r, 200);
            acknowledged[i] = r.object();
        }
        server.kill();
    }
    START_SERVER(server, dir);
    HttpClient http(server.httpPort());
    const auto token = http.login(QStringLiteral("registrar"));
    for (const auto& expected : acknowledged) {
        const auto fetched = http.get(patientPath(expected.value(QStringLiteral("id")).toInteger()), token);
        LUMEN_COMPARE_STATUS(fetched, 200);
        QCOMPARE(fetched.object(), expected);
    }
    const auto page =
        http.get(HttpClient::withQuery(patientsPath, {{"q", "测连写"}, {"limit", "100"}}), token);
    QCOMPARE(page.value(QStringLiteral("items")).toArray().size(), 20);
    QVERIFY(server.terminate());
}

// Each registration is one transaction: patient row, history entry and audit entry together.
void DurabilityTest::sigkill_during_concurrent_writes_leaves_no_half_written_patient()
{
    QTemporaryDir dir;
    ServerProcess server;
    START_SERVER(server, dir);
    QSet<qint64> acknowledgedIds;
    {
        HttpClient login(server.httpPort());
        const auto token = login.login(QStringLiteral("registrar"));
        QVERIFY(!token.isEmpty());
        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);
        QEventLoop loop;
        int answered = 0;
        const int total = 60;
        QList<QNetworkReply*> replies;
        for (int i = 0; i < total; ++i) {
            QNetworkRequest request(
                QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/patients").arg(server.httpPort())));
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            const QByteArray body =
                QJsonDocument(QJsonObject{{"name", QStringLiteral("测并发断电%1").arg(i)},
                                          {"sex", "M"},
                                          {"registrationNo", QStringLiteral("IT-RACE-%1").arg(i)}})
                    .toJson(QJsonDocument::Compact);
            auto* reply = nam.post(request, body);
            replies.append(reply);
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                // A response cut off by the kill (headers but not the whole body) is no acknowledgement.
                const auto id = QJsonDocument::fromJson(reply->readAll()).object().value("id").toInteger();
                if (reply->error() == QNetworkReply::NoError &&
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201 && id > 0)
                    acknowledgedIds.insert(id);
                if (++answered == total / 3)
                    loop.quit();
            });
        }
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        server.kill(); // mid-stream: some requests are in flight, some not yet sent
        for (auto* reply : replies)
            reply->abort();
        qDeleteAll(replies);
    }
    QVERIFY2(acknowledgedIds.size() >= 10, "too few writes were acknowledged before the kill");

    START_SERVER(server, dir);
    HttpClient http(server.httpPort());
    const auto token = http.login(QStringLiteral("registrar"));
    const auto admin = http.login(QStringLiteral("admin"));
    for (auto id : acknowledgedIds)
        LUMEN_COMPARE_STATUS(http.get(patientPath(id), token), 200);
    // Every patient that exists, acknowledged or not, was written completely.
    const auto page =
        http.get(HttpClient::withQuery(patientsPath, {{"q", "测并发断电"}, {"limit", "200"}}), token);
    const auto items = page.value(QStringLiteral("items")).toArray();
    QVERIFY(items.size() >= acknowledgedIds.size());
    qInfo("%lld of 60 registrations acknowledged before SIGKILL, %lld stored", qint64(acknowledgedIds.size()),
          qint64(items.size()));
    for (const auto& item : items) {
        const auto id = item.toObject().value(QStringLiteral("id")).toInteger();
        const auto history = http.get(patientPath(id) + QStringLiteral("/history"), token);
        QCOMPARE(history.value(QStringLiteral("items")).toArray().size(), 1);
        const auto audit =
            http.get(QStringLiteral("/api/v1/audit?action=patient.create&patientId=%1").arg(id), admin);
        QCOMPARE(audit.value(QStringLiteral("items")).toArray().size(), 1);
    }
    const auto verdict = http.get(QStringLiteral("/api/v1/audit/verify"), admin);
    QVERIFY2(verdict.value(QStringLiteral("ok")).toBool(), verdict.describe().constData());
    QVERIFY(server.terminate());
}

void DurabilityTest::sigterm_shuts_down_cleanly_within_seconds()
{
    QTemporaryDir dir;
    ServerProcess server;
    START_SERVER(server, dir);
    {
        HttpClient http(server.httpPort());
        LUMEN_COMPARE_STATUS(http.call("GET", QStringLiteral("/api/v1/health")), 200);
        QVERIFY(!http.login(QStringLiteral("registrar")).isEmpty());
    }
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(server.terminate(5000), "lumen-server did not stop within 5 s of SIGTERM");
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QVERIFY2(server.exitCode() == 0, server.output().constData());
    QVERIFY2(server.output().contains("stopped"), server.output().constData());
    // A clean stop leaves a chain that verifies.
    const auto verify = ServerProcess::runCommand({"audit", "verify", "--data", dir.path()});
    QVERIFY2(verify.finished && verify.exitCode == 0, verify.output.constData());
}

void DurabilityTest::sigint_shuts_down_cleanly_within_seconds()
{
    QTemporaryDir dir;
    ServerProcess server;
    START_SERVER(server, dir);
    QCOMPARE(::kill(pid_t(server.processId()), SIGINT), 0);
    QVERIFY2(server.terminate(5000), "lumen-server did not stop within 5 s of SIGINT");
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
}

void DurabilityTest::shutdown_is_not_held_up_by_idle_or_half_sent_connections()
{
    QTemporaryDir dir;
    ServerProcess server;
    START_SERVER(server, dir);
    HttpClient http(server.httpPort());
    // A keep-alive connection left open by an ordinary client...
    LUMEN_COMPARE_STATUS(http.call("GET", QStringLiteral("/api/v1/health")), 200);
    // ...and a client that sent half a request and went quiet.
    QTcpSocket halfSent;
    halfSent.connectToHost(QStringLiteral("127.0.0.1"), server.httpPort());
    QVERIFY(halfSent.waitForConnected(5000));
    halfSent.write("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"user");
    QVERIFY(halfSent.waitForBytesWritten(5000));
    QTest::qWait(200);

    QVERIFY2(server.terminate(5000), "lumen-server did not stop within 5 s of SIGTERM");
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
}

// A request the server has accepted and is working on when SIGTERM arrives gets its answer:
// otherwise a client is told nothing about a change that was in fact committed.
void DurabilityTest::sigterm_still_answers_requests_in_progress()
{
    QTemporaryDir dir;
    ServerProcess server;
    START_SERVER(server, dir);
    // Sign-ins hash with Argon2, so several at once keep the workers busy for a while.
    const QByteArray body = R"({"username":"registrar","password":"Lumen@2026"})";
    const QByteArray request =
        "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
        QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const int clients = 8;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < clients; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QStringLiteral("127.0.0.1"), server.httpPort());
        QVERIFY(socket->waitForConnected(5000));
        sockets.push_back(std::move(socket));
    }
    for (auto& socket : sockets) {
        socket->write(request);
        QVERIFY(socket->waitForBytesWritten(5000));
    }
    QTest::qWait(30);
    QVERIFY2(server.terminate(10000), "lumen-server did not stop within 10 s of SIGTERM");
    QCOMPARE(server.exitCode(), 0);

    int answered = 0;
    for (auto& socket : sockets) {
        QByteArray received = socket->readAll();
        while (socket->state() == QAbstractSocket::ConnectedState && socket->waitForReadyRead(2000))
            received += socket->readAll();
        if (HttpClient::parseResponse(received).status == 200)
            ++answered;
    }
    // Every sign-in the server recorded as done must have been answered.
    ServerProcess reader;
    START_SERVER(reader, dir);
    HttpClient http(reader.httpPort());
    const auto logins = http.get(QStringLiteral("/api/v1/audit?user=registrar&action=login"),
                                 http.login(QStringLiteral("admin")));
    const auto recorded = logins.value(QStringLiteral("items")).toArray().size();
    QVERIFY(reader.terminate());
    QVERIFY2(
        answered == recorded,
        qPrintable(
            QStringLiteral("%1 sign-ins were recorded but only %2 answered").arg(recorded).arg(answered)));
}

void DurabilityTest::restart_keeps_data_once_and_forgets_old_tokens()
{
    QTemporaryDir dir;
    ServerProcess server;
    START_SERVER(server, dir);
    QString oldToken;
    qint64 id = 0;
    {
        HttpClient http(server.httpPort());
        oldToken = http.login(QStringLiteral("registrar"));
        const auto r =
            http.call("POST", patientsPath, QJsonObject{{"name", "测重启"}, {"sex", "F"}}, oldToken);
        LUMEN_COMPARE_STATUS(r, 201);
        id = r.value(QStringLiteral("id")).toInteger();
    }
    QVERIFY(server.terminate());
    // --demo again on a folder that has data adds nothing.
    START_SERVER(server, dir);
    HttpClient http(server.httpPort());
    const auto stale = http.get(patientsPath, oldToken);
    LUMEN_COMPARE_STATUS(stale, 401);
    const auto admin = http.login(QStringLiteral("admin"));
    QVERIFY(!admin.isEmpty());
    qsizetype total = 0;
    for (int offset = 0;; offset += 200) {
        const auto page = http.get(patientsPath + QStringLiteral("?limit=200&offset=%1").arg(offset), admin);
        LUMEN_COMPARE_STATUS(page, 200);
        total += page.value(QStringLiteral("items")).toArray().size();
        if (!page.value(QStringLiteral("hasMore")).toBool())
            break;
    }
    QCOMPARE(total, 201);
    LUMEN_COMPARE_STATUS(http.get(patientPath(id), admin), 200);
    QVERIFY(server.terminate());
}

QTEST_GUILESS_MAIN(DurabilityTest)
#include "test_durability.moc"
