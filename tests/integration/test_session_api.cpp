// Sign-in, tokens, lock-out and the unauthenticated surface of the HTTP API, against the real
// lumen-server binary.
#include "http_client.h"
#include "server_process.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace lumen::test;

namespace {
const QString sessionPath = QStringLiteral("/api/v1/session");
const QString patientsPath = QStringLiteral("/api/v1/patients");
const QString bogusToken = QString(64, QLatin1Char('a'));

QSet<QString> stringSet(const QJsonValue& array)
{
    QSet<QString> out;
    for (const auto& v : array.toArray())
        out.insert(v.toString());
    return out;
}
} // namespace

class SessionApiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void health_without_token_reports_ok_and_version();
    void endpoints_without_token_are_unauthorized_data();
    void endpoints_without_token_are_unauthorized();
    void endpoints_with_bogus_token_are_unauthorized_data();
    void endpoints_with_bogus_token_are_unauthorized();
    void malformed_authorization_header_is_unauthorized();
    void login_returns_token_expiry_and_permissions();
    void login_with_wrong_password_is_invalid_credentials();
    void login_without_password_is_missing_field();
    void get_session_describes_signed_in_user();
    void logout_revokes_only_that_token();
    void account_locks_after_threshold_failures_and_refuses_right_password();
    void successful_login_resets_failure_count();
    void token_expires_after_configured_lifetime();

private:
    void addEndpointRows();
    void checkNothingChanged();

    std::optional<QTemporaryDir> m_dir; // made in initTestCase, so `-functions` leaves nothing behind
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    QString m_adminToken;
};

void SessionApiTest::initTestCase()
{
    m_dir.emplace();
    QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
    QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    HttpReply reply;
    m_adminToken = m_http->login(QStringLiteral("admin"), QString::fromLatin1(demoPassword), &reply);
    QVERIFY2(!m_adminToken.isEmpty(), reply.describe().constData());
}

void SessionApiTest::cleanupTestCase()
{
    QVERIFY(m_server.terminate());
}

void SessionApiTest::health_without_token_reports_ok_and_version()
{
    const auto reply = m_http->call("GET", QStringLiteral("/api/v1/health"));
    LUMEN_COMPARE_STATUS(reply, 200);
    QCOMPARE(reply.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    static const QRegularExpression semver(QStringLiteral("^\\d+\\.\\d+\\.\\d+"));
    QVERIFY2(semver.match(reply.value(QStringLiteral("version")).toString()).hasMatch(),
             reply.describe().constData());
    QVERIFY(QDateTime::fromString(reply.value(QStringLiteral("time")).toString(), Qt::ISODate).isValid());
}

void SessionApiTest::addEndpointRows()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    const QByteArray patient = R"({"name":"测无令牌","sex":"F"})";
    QTest::newRow("GET session") << QByteArray("GET") << sessionPath << QByteArray();
    QTest::newRow("DELETE session") << QByteArray("DELETE") << sessionPath << QByteArray();
    QTest::newRow("GET patients") << QByteArray("GET") << patientsPath << QByteArray();
    QTest::newRow("GET patients?q=") << QByteArray("GET") << patientsPath + QStringLiteral("?q=JZK10000001")
                                     << QByteArray();
    QTest::newRow("POST patients") << QByteArray("POST") << patientsPath << patient;
    QTest::newRow("GET patient") << QByteArray("GET") << patientsPath + QStringLiteral("/1") << QByteArray();
    QTest::newRow("PATCH patient") << QByteArray("PATCH") << patientsPath + QStringLiteral("/1") << patient;
    QTest::newRow("GET history") << QByteArray("GET") << patientsPath + QStringLiteral("/1/history")
                                 << QByteArray();
    QTest::newRow("POST merge") << QByteArray("POST") << patientsPath + QStringLiteral("/1/merge")
                                << QByteArray(R"({"sourceId":2})");
    QTest::newRow("POST unmerge") << QByteArray("POST") << patientsPath + QStringLiteral("/1/unmerge")
                                  << QByteArray(R"({"sourceId":2})");
    QTest::newRow("GET audit") << QByteArray("GET") << QStringLiteral("/api/v1/audit") << QByteArray();
    QTest::newRow("GET audit/verify")
        << QByteArray("GET") << QStringLiteral("/api/v1/audit/verify") << QByteArray();
}

// The unauthenticated calls above must not have touched patients 1 and 2 or created one.
void SessionApiTest::checkNothingChanged()
{
    for (int id : {1, 2}) {
        const auto patient = m_http->get(patientsPath + QStringLiteral("/%1").arg(id), m_adminToken);
        LUMEN_COMPARE_STATUS(patient, 200);
        QCOMPARE(patient.value(QStringLiteral("version")).toInteger(), 1);
        QVERIFY(patient.value(QStringLiteral("mergedInto")).isNull());
    }
    const auto search =
        m_http->get(HttpClient::withQuery(patientsPath, {{"q", QStringLiteral("测无令牌")}}), m_adminToken);
    LUMEN_COMPARE_STATUS(search, 200);
    QCOMPARE(search.value(QStringLiteral("items")).toArray().size(), 0);
}

void SessionApiTest::endpoints_without_token_are_unauthorized_data()
{
    addEndpointRows();
}

void SessionApiTest::endpoints_without_token_are_unauthorized()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const auto reply = m_http->callRaw(method, path, body);
    LUMEN_COMPARE_STATUS(reply, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("unauthorized"));
    QVERIFY(!reply.errorMessage().isEmpty());
    checkNothingChanged();
}

void SessionApiTest::endpoints_with_bogus_token_are_unauthorized_data()
{
    addEndpointRows();
}

void SessionApiTest::endpoints_with_bogus_token_are_unauthorized()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const auto reply = m_http->callRaw(method, path, body, bogusToken);
    LUMEN_COMPARE_STATUS(reply, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("unauthorized"));
    checkNothingChanged();
}

void SessionApiTest::malformed_authorization_header_is_unauthorized()
{
    const QByteArray headers[] = {"Bearer",
                                  "Bearer ",
                                  "bearer " + m_adminToken.toLatin1(),
                                  "Basic YWRtaW46THVtZW5AMjAyNg==",
                                  m_adminToken.toLatin1(),
                                  "Bearer " + m_adminToken.toLatin1() + "x",
                                  "Bearer  " + m_adminToken.toLatin1()};
    for (const auto& header : headers) {
        const auto reply = m_http->send("GET", patientsPath, {}, {{"Authorization", header}});
        QVERIFY2(reply.status == 401, header + " -> " + reply.describe());
        QCOMPARE(reply.errorCode(), QStringLiteral("unauthorized"));
    }
}

void SessionApiTest::login_returns_token_expiry_and_permissions()
{
    const auto before = QDateTime::currentDateTimeUtc();
    const auto reply =
        m_http->call("POST", sessionPath,
                     QJsonObject{{"username", "registrar"}, {"password", QString::fromLatin1(demoPassword)}});
    LUMEN_COMPARE_STATUS(reply, 200);
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    QVERIFY2(hex64.match(reply.value(QStringLiteral("token")).toString()).hasMatch(),
             reply.describe().constData());

    // Default lifetime is 8 hours.
    const auto expiresAt =
        QDateTime::fromString(reply.value(QStringLiteral("expiresAt")).toString(), Qt::ISODate);
    QVERIFY2(expiresAt.isValid(), reply.describe().constData());
    QVERIFY(expiresAt > before.addSecs(8 * 3600 - 60));
    QVERIFY(expiresAt < before.addSecs(8 * 3600 + 60));

    const auto user = reply.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("username")).toString(), QStringLiteral("registrar"));
    QVERIFY(user.value(QStringLiteral("id")).toInteger() > 0);
    QVERIFY(!user.value(QStringLiteral("displayName")).toString().isEmpty());
    const auto roles = user.value(QStringLiteral("roles")).toArray();
    QCOMPARE(roles.size(), 1);
    QCOMPARE(roles.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("registrar"));
    QCOMPARE(stringSet(user.value(QStringLiteral("permissions"))),
             (QSet<QString>{"patient.read", "patient.write", "patient.merge", "exam.read", "exam.register",
                            "exam.release"}));
    // Nothing about the stored password leaves the server.
    QVERIFY(!reply.body.contains("argon"));
    QVERIFY(!reply.body.toLower().contains("hash"));
    QVERIFY(!reply.body.contains(demoPassword));
}

void SessionApiTest::login_with_wrong_password_is_invalid_credentials()
{
    HttpReply wrongPassword;
    QVERIFY(m_http->login(QStringLiteral("clinician"), QStringLiteral("wrong-password"), &wrongPassword)
                .isEmpty());
    LUMEN_COMPARE_STATUS(wrongPassword, 401);
    QCOMPARE(wrongPassword.errorCode(), QStringLiteral("invalid_credentials"));
    QVERIFY(!wrongPassword.body.contains("token"));

    // An unknown user gets the very same answer, so user names cannot be probed.
    HttpReply unknownUser;
    QVERIFY(
        m_http->login(QStringLiteral("nobody"), QStringLiteral("wrong-password"), &unknownUser).isEmpty());
    LUMEN_COMPARE_STATUS(unknownUser, 401);
    QCOMPARE(unknownUser.errorCode(), QStringLiteral("invalid_credentials"));
    QCOMPARE(unknownUser.errorMessage(), wrongPassword.errorMessage());

    // User names are exact: no case folding.
    HttpReply upperCase;
    QVERIFY(
        m_http->login(QStringLiteral("CLINICIAN"), QString::fromLatin1(demoPassword), &upperCase).isEmpty());
    LUMEN_COMPARE_STATUS(upperCase, 401);
}

void SessionApiTest::login_without_password_is_missing_field()
{
    const auto reply = m_http->call("POST", sessionPath, QJsonObject{{"username", "clinician"}});
    LUMEN_COMPARE_STATUS(reply, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("missing_field"));
    QVERIFY2(reply.errorMessage().contains(QStringLiteral("password")), reply.describe().constData());

    const auto wrongType =
        m_http->call("POST", sessionPath, QJsonObject{{"username", "clinician"}, {"password", 2026}});
    LUMEN_COMPARE_STATUS(wrongType, 400);
    QCOMPARE(wrongType.errorCode(), QStringLiteral("invalid_field"));
}

void SessionApiTest::get_session_describes_signed_in_user()
{
    HttpReply login;
    const auto token = m_http->login(QStringLiteral("approver"), QString::fromLatin1(demoPassword), &login);
    QVERIFY2(!token.isEmpty(), login.describe().constData());
    const auto reply = m_http->get(sessionPath, token);
    LUMEN_COMPARE_STATUS(reply, 200);
    const auto user = reply.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("username")).toString(), QStringLiteral("approver"));
    QCOMPARE(user.value(QStringLiteral("roles"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("role"))
                 .toString(),
             QStringLiteral("approving_radiologist"));
    QVERIFY(stringSet(user.value(QStringLiteral("permissions")))
                .contains(QStringLiteral("patient.confidential")));
    QCOMPARE(reply.value(QStringLiteral("expiresAt")).toString(),
             login.value(QStringLiteral("expiresAt")).toString());
}

void SessionApiTest::logout_revokes_only_that_token()
{
    const auto first = m_http->login(QStringLiteral("technologist"));
    const auto second = m_http->login(QStringLiteral("technologist"));
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QVERIFY(first != second);
    LUMEN_COMPARE_STATUS(m_http->get(sessionPath, first), 200);

    const auto logout = m_http->call("DELETE", sessionPath, QJsonValue::Undefined, first);
    LUMEN_COMPARE_STATUS(logout, 204);

    const auto afterLogout = m_http->get(patientsPath, first);
    LUMEN_COMPARE_STATUS(afterLogout, 401);
    QCOMPARE(afterLogout.errorCode(), QStringLiteral("unauthorized"));
    LUMEN_COMPARE_STATUS(m_http->get(sessionPath, first), 401);
    // A second logout with the revoked token is refused too.
    LUMEN_COMPARE_STATUS(m_http->call("DELETE", sessionPath, QJsonValue::Undefined, first), 401);
    // The user's other session is untouched.
    LUMEN_COMPARE_STATUS(m_http->get(patientsPath, second), 200);
}

void SessionApiTest::account_locks_after_threshold_failures_and_refuses_right_password()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.path(), {QStringLiteral("--lockout-threshold"), QStringLiteral("3")}),
             qPrintable(server.errorString()));
    HttpClient http(server.httpPort());

    HttpReply reply;
    for (int attempt = 1; attempt <= 2; ++attempt) {
        QVERIFY(http.login(QStringLiteral("technologist"), QStringLiteral("guess%1").arg(attempt), &reply)
                    .isEmpty());
        LUMEN_COMPARE_STATUS(reply, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid_credentials"));
    }
    QVERIFY(http.login(QStringLiteral("technologist"), QStringLiteral("guess3"), &reply).isEmpty());
    LUMEN_COMPARE_STATUS(reply, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("account_locked"));
    QVERIFY2(reply.errorMessage().contains(QStringLiteral("until")), reply.describe().constData());

    // Locked means locked: the right password is refused as well.
    QVERIFY(http.login(QStringLiteral("technologist"), QString::fromLatin1(demoPassword), &reply).isEmpty());
    LUMEN_COMPARE_STATUS(reply, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("account_locked"));

    // Other accounts are not affected.
    QVERIFY(!http.login(QStringLiteral("radiologist")).isEmpty());

    // The lock survives a restart (it is stored, not kept in memory).
    QVERIFY(server.terminate());
    QVERIFY2(server.start(dir.path(), {QStringLiteral("--lockout-threshold"), QStringLiteral("3")}),
             qPrintable(server.errorString()));
    HttpClient restarted(server.httpPort());
    QVERIFY(
        restarted.login(QStringLiteral("technologist"), QString::fromLatin1(demoPassword), &reply).isEmpty());
    LUMEN_COMPARE_STATUS(reply, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("account_locked"));
    QVERIFY(server.terminate());
}

void SessionApiTest::successful_login_resets_failure_count()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.path(), {QStringLiteral("--lockout-threshold"), QStringLiteral("3")}),
             qPrintable(server.errorString()));
    HttpClient http(server.httpPort());
    HttpReply reply;
    for (int round = 0; round < 2; ++round) {
        for (int attempt = 0; attempt < 2; ++attempt) {
            QVERIFY(http.login(QStringLiteral("consultant"), QStringLiteral("typo"), &reply).isEmpty());
            LUMEN_COMPARE_STATUS(reply, 401);
        }
        QVERIFY2(
            !http.login(QStringLiteral("consultant"), QString::fromLatin1(demoPassword), &reply).isEmpty(),
            reply.describe().constData());
    }
    QVERIFY(server.terminate());
}

void SessionApiTest::token_expires_after_configured_lifetime()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.path(), {QStringLiteral("--token-lifetime-seconds"), QStringLiteral("2")}),
             qPrintable(server.errorString()));
    HttpClient http(server.httpPort());
    HttpReply login;
    const auto token = http.login(QStringLiteral("registrar"), QString::fromLatin1(demoPassword), &login);
    QVERIFY(!token.isEmpty());
    const auto issued = QDateTime::currentDateTimeUtc();
    const auto expiresAt =
        QDateTime::fromString(login.value(QStringLiteral("expiresAt")).toString(), Qt::ISODate);
    QVERIFY2(qAbs(issued.secsTo(expiresAt) - 2) <= 1, login.describe().constData());
    LUMEN_COMPARE_STATUS(http.get(patientsPath, token), 200);

    QTest::qWait(3000);
    const auto expired = http.get(patientsPath, token);
    LUMEN_COMPARE_STATUS(expired, 401);
    QCOMPARE(expired.errorCode(), QStringLiteral("token_expired"));
    // Signing in again gives a working token.
    const auto fresh = http.login(QStringLiteral("registrar"));
    QVERIFY(!fresh.isEmpty());
    LUMEN_COMPARE_STATUS(http.get(patientsPath, fresh), 200);
    QVERIFY(server.terminate());
}

QTEST_GUILESS_MAIN(SessionApiTest)
#include "test_session_api.moc"
