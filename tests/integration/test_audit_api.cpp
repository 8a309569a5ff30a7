// The audit trail of the real lumen-server: what is recorded, how administrators query it, and
// that its HMAC-SM3 hash chain exposes rows changed or deleted behind the server's back.
#include "http_client.h"
#include "server_process.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <memory>
#include <optional>

using namespace lumen::test;

namespace {
const QString patientsPath = QStringLiteral("/api/v1/patients");
const QString auditPath = QStringLiteral("/api/v1/audit");
QString patientPath(qint64 id)
{
    return patientsPath + QStringLiteral("/%1").arg(id);
}

QString isoUtc(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODate);
}

// Runs SQL on a database file the server does not have open; returns the rows changed, or -1.
int execSql(const QString& databasePath, const QByteArray& sql, QByteArray* error)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(databasePath.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) !=
        SQLITE_OK) {
        *error = sqlite3_errmsg(db);
        sqlite3_close(db);
        return -1;
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message);
    const int changed = sqlite3_changes(db);
    if (rc != SQLITE_OK) {
        *error = message ? QByteArray(message) : QByteArray("error");
        sqlite3_free(message);
    }
    sqlite3_close(db);
    return rc == SQLITE_OK ? changed : -1;
}

// The first column of the first row of `sql`, or -1.
qint64 queryInteger(const QString& databasePath, const QByteArray& sql)
{
    sqlite3* db = nullptr;
    qint64 value = -1;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_open_v2(databasePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql.constData(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
}

#define EXEC_SQL(path, sql, expectedRows)                                                                    \
    do {                                                                                                     \
        QByteArray sqlError;                                                                                 \
        const int changed = execSql(path, sql, &sqlError);                                                   \
        QVERIFY2(changed == (expectedRows),                                                                  \
                 sqlError.isEmpty() ? QByteArray(sql).constData() : sqlError.constData());                   \
    } while (false)

#define RECORD_HISTORY_AND_STOP(dir, lastSeq)                                                                \
    do {                                                                                                     \
        recordHistoryAndStop(dir, &(lastSeq));                                                               \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)
} // namespace

class AuditApiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void audit_lists_registrar_login_and_patient_create_with_client_address();
    void audit_records_reads_and_filters_by_patient_and_action();
    void audit_filters_by_time_range();
    void audit_pages_with_limit_and_has_more();
    void audit_chain_verifies_online();
    void audit_verify_command_reports_intact_chain();
    void tampered_audit_row_is_named_by_verify_command();
    void deleted_middle_audit_row_is_reported_missing();
    void deleted_last_audit_row_is_detected();
    void appended_forged_audit_row_is_detected();

private:
    QJsonArray auditItems(const QString& query);
    // Starts a server on `dir`, does some audited work and stops it cleanly; `lastSeq` is the
    // newest audit entry's seq.
    void recordHistoryAndStop(const QTemporaryDir& dir, qint64* lastSeq);

    std::optional<QTemporaryDir> m_dir; // made in initTestCase, so `-functions` leaves nothing behind
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    QString m_admin;
    QString m_registrar;
};

void AuditApiTest::initTestCase()
{
    m_dir.emplace();
    QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
    QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_admin = m_http->login(QStringLiteral("admin"));
    m_registrar = m_http->login(QStringLiteral("registrar"));
    QVERIFY(!m_admin.isEmpty() && !m_registrar.isEmpty());
}

void AuditApiTest::cleanupTestCase()
{
    QVERIFY(m_server.terminate());
}

QJsonArray AuditApiTest::auditItems(const QString& query)
{
    const auto reply = m_http->get(auditPath + QLatin1Char('?') + query, m_admin);
    if (reply.status != 200)
        qWarning("audit query %s failed: %s", qPrintable(query), reply.describe().constData());
    return reply.value(QStringLiteral("items")).toArray();
}

// req: 000 §2.3.2.1 user login log that can be viewed
// req: 001 access log with who, when and what, queryable by several conditions
void AuditApiTest::audit_lists_registrar_login_and_patient_create_with_client_address()
{
    const auto created =
        m_http->call("POST", patientsPath, QJsonObject{{"name", "测审计创建"}, {"sex", "M"}}, m_registrar);
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = created.value(QStringLiteral("id")).toInteger();

    const auto items = auditItems(QStringLiteral("user=registrar&limit=1000"));
    bool sawLogin = false, sawCreate = false;
    qint64 previousSeq = std::numeric_limits<qint64>::max();
    for (const auto& v : items) {
        const auto e = v.toObject();
        QCOMPARE(e.value(QStringLiteral("user")).toString(), QStringLiteral("registrar"));
        QCOMPARE(e.value(QStringLiteral("clientAddress")).toString(), QStringLiteral("127.0.0.1"));
        QVERIFY(QDateTime::fromString(e.value(QStringLiteral("at")).toString(), Qt::ISODate).isValid());
        const auto seq = e.value(QStringLiteral("seq")).toInteger();
        QVERIFY2(seq < previousSeq, "entries must come newest first");
        previousSeq = seq;
        const auto action = e.value(QStringLiteral("action")).toString();
        if (action == QLatin1String("login"))
            sawLogin = true;
        if (action == QLatin1String("patient.create") &&
            e.value(QStringLiteral("patientId")).toInteger() == id) {
            QCOMPARE(e.value(QStringLiteral("objectType")).toString(), QStringLiteral("patient"));
            QCOMPARE(e.value(QStringLiteral("objectId")).toString(), QString::number(id));
            sawCreate = true;
        }
    }
    QVERIFY2(sawLogin, "no login entry for registrar");
    QVERIFY2(sawCreate, "no patient.create entry for the new patient");

    // Failed sign-ins are recorded too, with where they came from.
    QVERIFY(m_http->login(QStringLiteral("registrar"), QStringLiteral("not-the-password")).isEmpty());
    const auto failed = auditItems(QStringLiteral("user=registrar&action=login.failed"));
    QVERIFY(!failed.isEmpty());
    QCOMPARE(failed.at(0).toObject().value(QStringLiteral("clientAddress")).toString(),
             QStringLiteral("127.0.0.1"));
}

// req: 001 access log with who, when and what, queryable by several conditions
void AuditApiTest::audit_records_reads_and_filters_by_patient_and_action()
{
    const auto created =
        m_http->call("POST", patientsPath, QJsonObject{{"name", "测审计读取"}, {"sex", "F"}}, m_registrar);
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = created.value(QStringLiteral("id")).toInteger();
    const auto clinician = m_http->login(QStringLiteral("clinician"));
    for (int i = 0; i < 2; ++i)
        LUMEN_COMPARE_STATUS(m_http->get(patientPath(id), clinician), 200);
    LUMEN_COMPARE_STATUS(
        m_http->call("PATCH", patientPath(id), QJsonObject{{"phone", "13800007777"}}, m_registrar), 200);
    LUMEN_COMPARE_STATUS(m_http->get(patientPath(id) + QStringLiteral("/history"), clinician), 200);

    const auto forPatient = auditItems(QStringLiteral("patientId=%1").arg(id));
    QStringList actions;
    for (const auto& v : forPatient) {
        QCOMPARE(v.toObject().value(QStringLiteral("patientId")).toInteger(), id);
        actions << v.toObject().value(QStringLiteral("action")).toString();
    }
    QCOMPARE(actions, (QStringList{"patient.history", "patient.update", "patient.read", "patient.read",
                                   "patient.create"}));

    const auto reads = auditItems(QStringLiteral("patientId=%1&action=patient.read").arg(id));
    QCOMPARE(reads.size(), 2);
    for (const auto& v : reads)
        QCOMPARE(v.toObject().value(QStringLiteral("user")).toString(), QStringLiteral("clinician"));
    QCOMPARE(auditItems(QStringLiteral("patientId=%1&action=patient.read&user=registrar").arg(id)).size(), 0);

    // Searches are recorded with what was asked and what was shown.
    LUMEN_COMPARE_STATUS(m_http->get(HttpClient::withQuery(patientsPath, {{"q", "测审计读取"}}), clinician),
                         200);
    const auto searches = auditItems(QStringLiteral("user=clinician&action=patient.search&limit=1"));
    QCOMPARE(searches.size(), 1);
    const auto detail = searches.at(0).toObject().value(QStringLiteral("detail")).toString();
    QVERIFY2(detail.contains(QStringLiteral("测审计读取")) && detail.contains(QString::number(id)),
             qPrintable(detail));

    const auto badPatient = m_http->get(auditPath + QStringLiteral("?patientId=abc"), m_admin);
    LUMEN_COMPARE_STATUS(badPatient, 400);
}

void AuditApiTest::audit_filters_by_time_range()
{
    const auto now = QDateTime::currentDateTimeUtc();
    const auto created =
        m_http->call("POST", patientsPath, QJsonObject{{"name", "测审计时间"}, {"sex", "F"}}, m_registrar);
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = created.value(QStringLiteral("id")).toInteger();
    const auto base = QStringLiteral("patientId=%1&").arg(id);

    auto count = [&](const QString& range) { return auditItems(base + range).size(); };
    const auto enc = [](const QDateTime& t) { return HttpClient::encode(isoUtc(t)); };
    QCOMPARE(count(QStringLiteral("from=") + enc(now.addSecs(-3600))), 1);
    QCOMPARE(count(QStringLiteral("from=") + enc(now.addSecs(-3600)) + QStringLiteral("&to=") +
                   enc(now.addSecs(3600))),
             1);
    QCOMPARE(count(QStringLiteral("from=") + enc(now.addSecs(3600))), 0);
    QCOMPARE(count(QStringLiteral("to=") + enc(now.addSecs(-3600))), 0);
    // Whole days work as well.
    QCOMPARE(count(QStringLiteral("from=") + now.addDays(-1).toString(QStringLiteral("yyyy-MM-dd"))), 1);
    QCOMPARE(count(QStringLiteral("to=2000-01-01")), 0);

    for (const char* bad : {"from=yesterday", "to=2026-13-01", "from=1700000000"}) {
        const auto reply = m_http->get(auditPath + QLatin1Char('?') + QLatin1String(bad), m_admin);
        QVERIFY2(reply.status == 400, QByteArray(bad) + " -> " + reply.describe());
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid_field"));
    }
}

void AuditApiTest::audit_pages_with_limit_and_has_more()
{
    for (int i = 0; i < 3; ++i)
        LUMEN_COMPARE_STATUS(m_http->get(patientPath(1), m_registrar), 200);
    // Filter on the registrar: each audit query adds an admin entry, which would shift the pages.
    const auto first = m_http->get(auditPath + QStringLiteral("?user=registrar&limit=2"), m_admin);
    LUMEN_COMPARE_STATUS(first, 200);
    const auto firstItems = first.value(QStringLiteral("items")).toArray();
    QCOMPARE(firstItems.size(), 2);
    QCOMPARE(first.value(QStringLiteral("hasMore")).toBool(), true);
    const auto second = m_http->get(auditPath + QStringLiteral("?user=registrar&limit=2&offset=2"), m_admin);
    LUMEN_COMPARE_STATUS(second, 200);
    const auto secondItems = second.value(QStringLiteral("items")).toArray();
    QCOMPARE(secondItems.size(), 2);
    QVERIFY2(secondItems.at(0).toObject().value("seq").toInteger() <
                 firstItems.at(1).toObject().value("seq").toInteger(),
             second.describe().constData());
    // The very first entry is the system's own, from creating the demo data.
    const auto oldest = auditItems(QStringLiteral("user=system"));
    QVERIFY(!oldest.isEmpty());
    QCOMPARE(oldest.last().toObject().value(QStringLiteral("seq")).toInteger(), 1);
    LUMEN_COMPARE_STATUS(m_http->get(auditPath + QStringLiteral("?limit=0"), m_admin), 400);
    LUMEN_COMPARE_STATUS(m_http->get(auditPath + QStringLiteral("?limit=1001"), m_admin), 400);
}

// req: 001 HMAC-SM3 integrity protection of logs
void AuditApiTest::audit_chain_verifies_online()
{
    const auto first = m_http->get(auditPath + QStringLiteral("/verify"), m_admin);
    LUMEN_COMPARE_STATUS(first, 200);
    QCOMPARE(first.value(QStringLiteral("ok")).toBool(), true);
    const auto entries = first.value(QStringLiteral("entries")).toInteger();
    QVERIFY(entries >= 3);
    LUMEN_COMPARE_STATUS(
        m_http->call("POST", patientsPath, QJsonObject{{"name", "测审计链"}, {"sex", "M"}}, m_registrar),
        201);
    const auto second = m_http->get(auditPath + QStringLiteral("/verify"), m_admin);
    QCOMPARE(second.value(QStringLiteral("ok")).toBool(), true);
    QVERIFY(second.value(QStringLiteral("entries")).toInteger() > entries);
}

void AuditApiTest::recordHistoryAndStop(const QTemporaryDir& dir, qint64* lastSeq)
{
    ServerProcess server;
    QVERIFY2(server.start(dir.path()), qPrintable(server.errorString()));
    HttpClient http(server.httpPort());
    const auto registrar = http.login(QStringLiteral("registrar"));
    for (int i = 0; i < 4; ++i) {
        const auto created =
            http.call("POST", patientsPath,
                      QJsonObject{{"name", QStringLiteral("测篡改%1").arg(i)}, {"sex", "F"}}, registrar);
        LUMEN_COMPARE_STATUS(created, 201);
        LUMEN_COMPARE_STATUS(
            http.get(patientPath(created.value(QStringLiteral("id")).toInteger()), registrar), 200);
    }
    const auto admin = http.login(QStringLiteral("admin"));
    const auto verdict = http.get(auditPath + QStringLiteral("/verify"), admin);
    QVERIFY2(verdict.value(QStringLiteral("ok")).toBool(), verdict.describe().constData());
    QVERIFY2(server.terminate() && server.exitCode() == 0, server.output().constData());
    *lastSeq = queryInteger(server.databasePath(), "SELECT max(seq) FROM audit_log");
    QVERIFY(*lastSeq > 10);
}

// req: 001 HMAC-SM3 integrity protection of logs
void AuditApiTest::audit_verify_command_reports_intact_chain()
{
    QTemporaryDir dir;
    qint64 lastSeq = 0;
    RECORD_HISTORY_AND_STOP(dir, lastSeq);
    const auto result = ServerProcess::runCommand({"audit", "verify", "--data", dir.path()});
    QVERIFY2(result.finished && result.exitCode == 0, result.output.constData());
    QVERIFY2(result.output.contains("intact") && result.output.contains(QByteArray::number(lastSeq)),
             result.output.constData());

    QTemporaryDir empty;
    const auto none = ServerProcess::runCommand({"audit", "verify", "--data", empty.path()});
    QVERIFY2(none.finished && none.exitCode != 0 && none.exitCode != 1, none.output.constData());
}

// req: 001 HMAC-SM3 integrity protection of logs
void AuditApiTest::tampered_audit_row_is_named_by_verify_command()
{
    QTemporaryDir dir;
    qint64 lastSeq = 0;
    RECORD_HISTORY_AND_STOP(dir, lastSeq);
    EXEC_SQL(QDir(dir.path()).filePath("lumen.db"), "UPDATE audit_log SET detail = 'x' WHERE seq = 5", 1);

    const auto result = ServerProcess::runCommand({"audit", "verify", "--data", dir.path()});
    QVERIFY2(result.finished && result.exitCode == 1, result.output.constData());
    static const QRegularExpression entry5(QStringLiteral("entry 5\\b"));
    QVERIFY2(entry5.match(QString::fromUtf8(result.output)).hasMatch(), result.output.constData());

    // The running server reports the same break to administrators.
    ServerProcess server;
    QVERIFY2(server.start(dir.path()), qPrintable(server.errorString()));
    HttpClient http(server.httpPort());
    const auto verdict = http.get(auditPath + QStringLiteral("/verify"), http.login(QStringLiteral("admin")));
    LUMEN_COMPARE_STATUS(verdict, 200);
    QCOMPARE(verdict.value(QStringLiteral("ok")).toBool(), false);
    QCOMPARE(verdict.value(QStringLiteral("firstBadSeq")).toInteger(), 5);
    QVERIFY(!verdict.value(QStringLiteral("reason")).toString().isEmpty());
    QVERIFY(server.terminate());
}

// req: 001 HMAC-SM3 integrity protection of logs
void AuditApiTest::deleted_middle_audit_row_is_reported_missing()
{
    QTemporaryDir dir;
    qint64 lastSeq = 0;
    RECORD_HISTORY_AND_STOP(dir, lastSeq);
    EXEC_SQL(QDir(dir.path()).filePath("lumen.db"), "DELETE FROM audit_log WHERE seq = 5", 1);
    const auto result = ServerProcess::runCommand({"audit", "verify", "--data", dir.path()});
    QVERIFY2(result.finished && result.exitCode == 1, result.output.constData());
    QVERIFY2(result.output.contains("entry 5") && result.output.contains("missing"),
             result.output.constData());
}

// req: 001 HMAC-SM3 integrity protection of logs
void AuditApiTest::deleted_last_audit_row_is_detected()
{
    QTemporaryDir dir;
    qint64 lastSeq = 0;
    RECORD_HISTORY_AND_STOP(dir, lastSeq);
    EXEC_SQL(QDir(dir.path()).filePath("lumen.db"),
             "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)", 1);
    const auto result = ServerProcess::runCommand({"audit", "verify", "--data", dir.path()});
    QVERIFY2(result.finished && result.exitCode == 1, result.output.constData());
    QVERIFY2(result.output.contains("entry " + QByteArray::number(lastSeq)), result.output.constData());

    // Deleting the tail and the recorded head together is caught as well.
    EXEC_SQL(QDir(dir.path()).filePath("lumen.db"), "DELETE FROM meta WHERE key = 'audit_head'", 1);
    const auto again = ServerProcess::runCommand({"audit", "verify", "--data", dir.path()});
    QVERIFY2(again.finished && again.exitCode == 1, again.output.constData());
}

// req: 001 HMAC-SM3 integrity protection of logs
void AuditApiTest::appended_forged_audit_row_is_detected()
{
    QTemporaryDir dir;
    qint64 lastSeq = 0;
    RECORD_HISTORY_AND_STOP(dir, lastSeq);
    const QByteArray forge = "INSERT INTO audit_log (seq, at, user, client_address, action, object_type, "
                             "object_id, patient_id, detail, "
                             "prev_hash, hash) SELECT seq + 1, at, 'admin', client_address, 'patient.read', "
                             "'patient', '1', 1, '', hash, "
                             "hash FROM audit_log WHERE seq = " +
                             QByteArray::number(lastSeq);
    EXEC_SQL(QDir(dir.path()).filePath("lumen.db"), forge, 1);
    const auto result = ServerProcess::runCommand({"audit", "verify", "--data", dir.path()});
    QVERIFY2(result.finished && result.exitCode == 1, result.output.constData());
    QVERIFY2(result.output.contains("entry " + QByteArray::number(lastSeq + 1)), result.output.constData());
}

QTEST_GUILESS_MAIN(AuditApiTest)
#include "test_audit_api.moc"
