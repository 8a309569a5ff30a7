// Bad, hostile and malformed requests against the real lumen-server: each is refused with the
// documented error, and none of them changes anything.
#include "http_client.h"
#include "server_process.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace lumen::test;

namespace {
const QString patientsPath = QStringLiteral("/api/v1/patients");
QString patientPath(qint64 id)
{
    return patientsPath + QStringLiteral("/%1").arg(id);
}

// What a refused request must leave as it was.
struct State
{
    qsizetype patientCount = 0;
    QJsonObject fixture;
    qsizetype fixtureHistory = 0;
};

QByteArray rawRequest(const QByteArray& method, const QByteArray& target, const QString& token,
                      const QByteArray& body = {})
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.isEmpty())
        r += "Authorization: Bearer " + token.toLatin1() + "\r\n";
    if (!body.isEmpty() || method == "POST")
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}
} // namespace

class BadInputTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void malformed_json_is_refused_and_changes_nothing();
    void non_object_json_body_is_refused();
    void deeply_nested_json_is_refused_and_server_survives();
    void wrong_field_types_are_invalid_field_naming_the_field_data();
    void wrong_field_types_are_invalid_field_naming_the_field();
    void unknown_field_is_refused();
    void body_over_limit_is_too_large_and_server_keeps_serving();
    void bad_paging_parameters_are_refused_data();
    void bad_paging_parameters_are_refused();
    void non_numeric_patient_id_is_not_found();
    void unknown_endpoint_is_not_found_and_wrong_method_not_allowed();
    void sql_injection_in_search_returns_no_items();
    void sql_injection_in_identifier_is_refused();
    void sql_injection_in_name_is_stored_verbatim();
    void invalid_percent_encoding_in_url_is_bad_request_data();
    void invalid_percent_encoding_in_url_is_bad_request();
    void invalid_utf8_in_url_is_bad_request_data();
    void invalid_utf8_in_url_is_bad_request();
    void garbage_bytes_on_socket_are_refused_and_server_keeps_serving_data();
    void garbage_bytes_on_socket_are_refused_and_server_keeps_serving();

private:
    State snapshot();
    void expectUnchanged(const State& before);
    int countMatching(const QString& query);

    std::optional<QTemporaryDir> m_dir; // made in initTestCase, so `-functions` leaves nothing behind
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    QString m_registrar;
    QString m_admin;
    qint64 m_fixtureId = 0;
};

void BadInputTest::initTestCase()
{
    m_dir.emplace();
    QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
    QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_registrar = m_http->login(QStringLiteral("registrar"));
    m_admin = m_http->login(QStringLiteral("admin"));
    QVERIFY(!m_registrar.isEmpty() && !m_admin.isEmpty());
    const auto fixture = m_http->call(
        "POST", patientsPath,
        QJsonObject{
            {"name", "测坏输入"}, {"sex", "F"}, {"medicalCardNo", "IT-BAD-FIX"}, {"phone", "13800009999"}},
        m_registrar);
    LUMEN_COMPARE_STATUS(fixture, 201);
    m_fixtureId = fixture.value(QStringLiteral("id")).toInteger();
}

void BadInputTest::cleanupTestCase()
{
    QVERIFY(m_server.terminate());
}

State BadInputTest::snapshot()
{
    State s;
    for (int offset = 0;; offset += 200) {
        const auto page =
            m_http->get(patientsPath + QStringLiteral("?limit=200&offset=%1").arg(offset), m_admin);
        if (page.status != 200)
            qFatal("listing failed: %s", page.describe().constData());
        s.patientCount += page.value(QStringLiteral("items")).toArray().size();
        if (!page.value(QStringLiteral("hasMore")).toBool())
            break;
    }
    s.fixture = m_http->get(patientPath(m_fixtureId), m_admin).object();
    s.fixtureHistory = m_http->get(patientPath(m_fixtureId) + QStringLiteral("/history"), m_admin)
                           .value("items")
                           .toArray()
                           .size();
    return s;
}

void BadInputTest::expectUnchanged(const State& before)
{
    const auto now = snapshot();
    QCOMPARE(now.patientCount, before.patientCount);
    QCOMPARE(now.fixture, before.fixture);
    QCOMPARE(now.fixtureHistory, before.fixtureHistory);
}

#define EXPECT_UNCHANGED(state)                                                                              \
    do {                                                                                                     \
        expectUnchanged(state);                                                                              \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

int BadInputTest::countMatching(const QString& query)
{
    const auto page =
        m_http->get(HttpClient::withQuery(patientsPath, {{"q", query}, {"limit", "200"}}), m_registrar);
    return page.status == 200 ? int(page.value(QStringLiteral("items")).toArray().size()) : -1;
}

void BadInputTest::malformed_json_is_refused_and_changes_nothing()
{
    const auto before = snapshot();
    const QByteArray bodies[] = {
        R"({"name":"测坏","sex":"M")",           "not json at all",
        R"({'name':'测坏','sex':'M'})",          R"({"name":"测坏","sex":"M"} trailing)",
        R"({"name":"测坏","sex":"M",})",         "\xff\xfe\x00{",
        "{\"name\":\"\xff\xfe\",\"sex\":\"M\"}", R"({"name":"测坏","sex":"M")" + QByteArray(1000, '['),
    };
    for (const auto& body : bodies) {
        for (const QString& path : {patientsPath, patientPath(m_fixtureId)}) {
            const QByteArray method = path == patientsPath ? "POST" : "PATCH";
            const auto reply = m_http->callRaw(method, path, body, m_registrar);
            QVERIFY2(reply.status == 400, method + " " + body.left(60) + " -> " + reply.describe());
            QCOMPARE(reply.errorCode(), QStringLiteral("malformed_json"));
        }
        const auto login = m_http->callRaw("POST", QStringLiteral("/api/v1/session"), body);
        QVERIFY2(login.status == 400 && login.errorCode() == QLatin1String("malformed_json"),
                 login.describe());
        EXPECT_UNCHANGED(before);
    }
    // A body that is not there at all is malformed too.
    const auto empty = m_http->callRaw("POST", patientsPath, {}, m_registrar);
    LUMEN_COMPARE_STATUS(empty, 400);
    QCOMPARE(empty.errorCode(), QStringLiteral("malformed_json"));
    EXPECT_UNCHANGED(before);
}

void BadInputTest::non_object_json_body_is_refused()
{
    const auto before = snapshot();
    const QByteArray bodies[] = {
        R"([{"name":"测数组","sex":"M"}])", "[]", R"("测数组")", "42", "null", "true"};
    for (const auto& body : bodies) {
        for (const QString& path : {patientsPath, patientPath(m_fixtureId)}) {
            const QByteArray method = path == patientsPath ? "POST" : "PATCH";
            const auto reply = m_http->callRaw(method, path, body, m_registrar);
            QVERIFY2(reply.status == 400, method + " " + body + " -> " + reply.describe());
            QVERIFY2(reply.errorCode() == QLatin1String("malformed_json") ||
                         reply.errorCode() == QLatin1String("bad_request"),
                     reply.describe());
        }
        const auto merge =
            m_http->callRaw("POST", patientPath(m_fixtureId) + QStringLiteral("/merge"), body, m_registrar);
        QVERIFY2(merge.status == 400, merge.describe());
        EXPECT_UNCHANGED(before);
    }
}

// Nesting a million levels deep must not exhaust the parser's (or the destructor's) stack.
void BadInputTest::deeply_nested_json_is_refused_and_server_survives()
{
    const auto before = snapshot();
    const QByteArray arrays = QByteArray(400000, '[') + QByteArray(400000, ']');
    const QByteArray unclosed = QByteArray(1000000, '[');
    const QByteArray objects = R"({"name":)" + QByteArray(100000, '{').replace("{", R"({"a":)") + "1" +
                               QByteArray(100000, '}') + R"(,"sex":"M"})";
    for (const auto& body : {arrays, unclosed, objects}) {
        const auto reply = m_http->callRaw("POST", patientsPath, body, m_registrar);
        QVERIFY2(reply.status == 400, reply.describe().constData());
    }
    LUMEN_COMPARE_STATUS(m_http->call("GET", QStringLiteral("/api/v1/health")), 200);
    EXPECT_UNCHANGED(before);
}

void BadInputTest::wrong_field_types_are_invalid_field_naming_the_field_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("value"); // JSON text
    QTest::addColumn<bool>("onCreate");
    QTest::addColumn<bool>("onPatch");
    QTest::newRow("sex: 5") << "sex" << QByteArray("5") << true << true;
    QTest::newRow("sex: \"X\"") << "sex" << QByteArray(R"("X")") << true << true;
    QTest::newRow("sex: \"male\"") << "sex" << QByteArray(R"("male")") << true << true;
    QTest::newRow("name: []") << "name" << QByteArray("[]") << true << true;
    QTest::newRow("name: 65 characters")
        << "name" << ('"' + QString(65, QChar(0x6D4B)).toUtf8() + '"') << true << true;
    QTest::newRow("name: control character") << "name" << QByteArray(R"("测\u0007坏")") << true << true;
    QTest::newRow("confidential: \"yes\"") << "confidential" << QByteArray(R"("yes")") << true << true;
    QTest::newRow("confidential: 1") << "confidential" << QByteArray("1") << true << true;
    QTest::newRow("birthDate: 19800101") << "birthDate" << QByteArray("19800101") << true << true;
    QTest::newRow("birthDate: \"1980-13-01\"")
        << "birthDate" << QByteArray(R"("1980-13-01")") << true << true;
    QTest::newRow("birthDate: \"1981-02-29\"")
        << "birthDate" << QByteArray(R"("1981-02-29")") << true << true;
    QTest::newRow("birthDate: in the future") << "birthDate" << QByteArray(R"("2999-01-01")") << true << true;
    QTest::newRow("birthDate: \"01/02/1980\"")
        << "birthDate" << QByteArray(R"("01/02/1980")") << true << true;
    QTest::newRow("phone: {}") << "phone" << QByteArray("{}") << true << true;
    QTest::newRow("phone: letters") << "phone" << QByteArray(R"("call me")") << true << true;
    QTest::newRow("address: 3.5") << "address" << QByteArray("3.5") << true << true;
    QTest::newRow("medicalCardNo: 123") << "medicalCardNo" << QByteArray("123") << true << true;
    QTest::newRow("medicalCardNo: space") << "medicalCardNo" << QByteArray(R"("MC 1")") << true << true;
    QTest::newRow("nationalId: true") << "nationalId" << QByteArray("true") << true << true;
    QTest::newRow("nationalId: 17 digits")
        << "nationalId" << QByteArray(R"("11010119800101123")") << true << true;
    QTest::newRow("confirmDuplicate: \"yes\"")
        << "confirmDuplicate" << QByteArray(R"("yes")") << true << false;
    QTest::newRow("version: \"1\"") << "version" << QByteArray(R"("1")") << false << true;
    QTest::newRow("version: 1.5") << "version" << QByteArray("1.5") << false << true;
}

void BadInputTest::wrong_field_types_are_invalid_field_naming_the_field()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, value);
    QFETCH(bool, onCreate);
    QFETCH(bool, onPatch);
    const auto before = snapshot();
    const QByteArray key = '"' + field.toUtf8() + "\":";
    if (onCreate) {
        QByteArray body = "{" + key + value;
        if (field != QLatin1String("name"))
            body += R"(,"name":"测类型")";
        if (field != QLatin1String("sex"))
            body += R"(,"sex":"M")";
        body += "}";
        const auto reply = m_http->callRaw("POST", patientsPath, body, m_registrar);
        QVERIFY2(reply.status == 400, body + " -> " + reply.describe());
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid_field"));
        QVERIFY2(reply.errorMessage().contains(field), reply.describe());
        EXPECT_UNCHANGED(before);
    }
    if (onPatch) {
        const QByteArray body = "{" + key + value + "}";
        const auto reply = m_http->callRaw("PATCH", patientPath(m_fixtureId), body, m_registrar);
        QVERIFY2(reply.status == 400, body + " -> " + reply.describe());
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid_field"));
        QVERIFY2(reply.errorMessage().contains(field), reply.describe());
        EXPECT_UNCHANGED(before);
    }
}

void BadInputTest::unknown_field_is_refused()
{
    const auto before = snapshot();
    const QList<std::pair<QString, QJsonValue>> extras = {{"favouriteColour", "blue"},
                                                          {"id", 5},
                                                          {"mergedInto", 3},
                                                          {"createdAt", "2020-01-01T00:00:00Z"},
                                                          {"Name", "测大小写"}};
    for (const auto& [field, value] : extras) {
        QJsonObject createBody{{"name", "测未知"}, {"sex", "M"}};
        createBody.insert(field, value);
        const auto create = m_http->call("POST", patientsPath, createBody, m_registrar);
        QVERIFY2(create.status == 400,
                 qPrintable(field + QStringLiteral(" -> ") + QString::fromUtf8(create.describe())));
        QCOMPARE(create.errorCode(), QStringLiteral("invalid_field"));
        QVERIFY2(create.errorMessage().contains(field), create.describe());

        const auto patch =
            m_http->call("PATCH", patientPath(m_fixtureId), QJsonObject{{field, value}}, m_registrar);
        QVERIFY2(patch.status == 400,
                 qPrintable(field + QStringLiteral(" -> ") + QString::fromUtf8(patch.describe())));
        QCOMPARE(patch.errorCode(), QStringLiteral("invalid_field"));
        EXPECT_UNCHANGED(before);
    }
    // A valid change next to an unknown field is not applied either.
    const auto mixed = m_http->call("PATCH", patientPath(m_fixtureId),
                                    QJsonObject{{"phone", "13811112222"}, {"shoeSize", 42}}, m_registrar);
    LUMEN_COMPARE_STATUS(mixed, 400);
    EXPECT_UNCHANGED(before);
}

void BadInputTest::body_over_limit_is_too_large_and_server_keeps_serving()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.path(), {QStringLiteral("--max-body-bytes"), QStringLiteral("2048")}),
             qPrintable(server.errorString()));
    HttpClient http(server.httpPort());
    const auto token = http.login(QStringLiteral("registrar"));
    QVERIFY(!token.isEmpty());

    // Valid JSON, padded with whitespace: only its size is wrong.
    const QByteArray small = R"({"name":"测大小","sex":"M")";
    const QByteArray big = small + QByteArray(10 * 1024 - small.size() - 1, ' ') + "}";
    QCOMPARE(big.size(), 10 * 1024);

    const auto raw = http.sendRaw(rawRequest("POST", "/api/v1/patients", token, big));
    QVERIFY2(raw.connected, "no connection");
    const auto reply = HttpClient::parseResponse(raw.received);
    LUMEN_COMPARE_STATUS(reply, 413);
    QCOMPARE(reply.errorCode(), QStringLiteral("body_too_large"));

    // The same through an ordinary client.
    const auto viaNam = http.callRaw("POST", patientsPath, big, token);
    LUMEN_COMPARE_STATUS(viaNam, 413);

    // A chunked body has no Content-Length to check up front; it is cut off all the same.
    QByteArray chunked = "POST /api/v1/patients HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                         "Authorization: Bearer " +
                         token.toLatin1() +
                         "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (qsizetype at = 0; at < big.size(); at += 1024)
        chunked += QByteArray::number(qMin<qsizetype>(1024, big.size() - at), 16) + "\r\n" +
                   big.mid(at, 1024) + "\r\n";
    chunked += "0\r\n\r\n";
    const auto chunkedReply = HttpClient::parseResponse(http.sendRaw(chunked).received);
    LUMEN_COMPARE_STATUS(chunkedReply, 413);

    // Nothing was stored, and the server still serves; a body within the limit is accepted.
    QCOMPARE(http.get(HttpClient::withQuery(patientsPath, {{"q", "测大小"}}), token)
                 .value("items")
                 .toArray()
                 .size(),
             0);
    LUMEN_COMPARE_STATUS(http.call("GET", QStringLiteral("/api/v1/health")), 200);
    const QByteArray fits = small + QByteArray(1500, ' ') + "}";
    LUMEN_COMPARE_STATUS(http.callRaw("POST", patientsPath, fits, token), 201);
    QVERIFY(server.terminate());
}

void BadInputTest::bad_paging_parameters_are_refused_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("limit=abc") << "limit=abc"
                               << "limit";
    QTest::newRow("limit=100000") << "limit=100000"
                                  << "limit";
    QTest::newRow("limit=201") << "limit=201"
                               << "limit";
    QTest::newRow("limit=0") << "limit=0"
                             << "limit";
    QTest::newRow("limit=-1") << "limit=-1"
                              << "limit";
    QTest::newRow("limit=1.5") << "limit=1.5"
                               << "limit";
    QTest::newRow("limit=10abc") << "limit=10abc"
                                 << "limit";
    QTest::newRow("limit=99999999999999999999") << "limit=99999999999999999999"
                                                << "limit";
    QTest::newRow("offset=-1") << "offset=-1"
                               << "offset";
    QTest::newRow("offset=abc") << "offset=abc"
                                << "offset";
    QTest::newRow("q too long") << "q=" + QString(300, QLatin1Char('a')) << "q";
}

void BadInputTest::bad_paging_parameters_are_refused()
{
    QFETCH(QString, query);
    QFETCH(QString, parameter);
    const auto reply = m_http->get(patientsPath + QLatin1Char('?') + query, m_registrar);
    LUMEN_COMPARE_STATUS(reply, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("invalid_field"));
    QVERIFY2(reply.errorMessage().contains(parameter), reply.describe().constData());
}

void BadInputTest::non_numeric_patient_id_is_not_found()
{
    const auto before = snapshot();
    for (const char* id : {"abc", "0", "-1", "1abc", "1.0", "0x10", "99999999999999999999", "%20"}) {
        for (const QString& suffix : {QString(), QStringLiteral("/history")}) {
            const auto reply =
                m_http->get(patientsPath + QLatin1Char('/') + QLatin1String(id) + suffix, m_registrar);
            QVERIFY2(reply.status == 404, QByteArray(id) + " -> " + reply.describe());
            QCOMPARE(reply.errorCode(), QStringLiteral("not_found"));
        }
        const auto patch = m_http->call("PATCH", patientsPath + QLatin1Char('/') + QLatin1String(id),
                                        QJsonObject{{"phone", "13811112222"}}, m_registrar);
        QVERIFY2(patch.status == 404, QByteArray(id) + " -> " + patch.describe());
    }
    EXPECT_UNCHANGED(before);
}

void BadInputTest::unknown_endpoint_is_not_found_and_wrong_method_not_allowed()
{
    const auto before = snapshot();
    for (const char* path : {"/api/v1/nothing", "/api/v2/patients", "/", "/api/v1/patients/1/unknown"}) {
        const auto reply = m_http->get(QString::fromLatin1(path), m_registrar);
        QVERIFY2(reply.status == 404, QByteArray(path) + " -> " + reply.describe());
        QCOMPARE(reply.errorCode(), QStringLiteral("not_found"));
    }
    const auto put = m_http->callRaw("PUT", patientsPath, R"({"name":"测方法","sex":"M"})", m_registrar);
    LUMEN_COMPARE_STATUS(put, 405);
    QCOMPARE(put.errorCode(), QStringLiteral("method_not_allowed"));
    const auto del = m_http->call("DELETE", patientPath(m_fixtureId), QJsonValue::Undefined, m_registrar);
    LUMEN_COMPARE_STATUS(del, 405);
    EXPECT_UNCHANGED(before);
}

void BadInputTest::sql_injection_in_search_returns_no_items()
{
    const auto before = snapshot();
    for (const char* q : {"' OR 1=1 --", "' OR '1'='1", "\" OR \"\"=\"", "%", "_", "*",
                          "1; DROP TABLE patients; --", "') UNION SELECT * FROM users --"}) {
        const auto reply =
            m_http->get(HttpClient::withQuery(patientsPath, {{"q", QString::fromUtf8(q)}}), m_registrar);
        QVERIFY2(reply.status == 200, QByteArray(q) + " -> " + reply.describe());
        QVERIFY2(reply.value(QStringLiteral("items")).toArray().isEmpty(),
                 QByteArray(q) + " -> " + reply.describe());
    }
    EXPECT_UNCHANGED(before);
    // The tables are all still there.
    QCOMPARE(countMatching(QStringLiteral("IT-BAD-FIX")), 1);
    QVERIFY(!m_http->login(QStringLiteral("clinician")).isEmpty());
}

void BadInputTest::sql_injection_in_identifier_is_refused()
{
    const auto before = snapshot();
    for (const char* field : {"medicalCardNo", "outpatientNo", "hisPatientId"}) {
        const QJsonObject body{{"name", "测注入标识"}, {"sex", "M"}, {QLatin1String(field), "1' OR '1'='1"}};
        const auto create = m_http->call("POST", patientsPath, body, m_registrar);
        QVERIFY2(create.status == 400, QByteArray(field) + " -> " + create.describe());
        QCOMPARE(create.errorCode(), QStringLiteral("invalid_field"));
        QVERIFY(create.errorMessage().contains(QLatin1String(field)));
        const auto patch =
            m_http->call("PATCH", patientPath(m_fixtureId),
                         QJsonObject{{QLatin1String(field), "x'; DELETE FROM patients; --"}}, m_registrar);
        QVERIFY2(patch.status == 400, QByteArray(field) + " -> " + patch.describe());
        EXPECT_UNCHANGED(before);
    }
}

void BadInputTest::sql_injection_in_name_is_stored_verbatim()
{
    const auto before = snapshot();
    const QString name = QStringLiteral("测注入'); DROP TABLE patients;--");
    const auto created =
        m_http->call("POST", patientsPath, QJsonObject{{"name", name}, {"sex", "F"}}, m_registrar);
    LUMEN_COMPARE_STATUS(created, 201);
    QCOMPARE(created.value(QStringLiteral("name")).toString(), name);
    const auto id = created.value(QStringLiteral("id")).toInteger();
    QCOMPARE(m_http->get(patientPath(id), m_registrar).value(QStringLiteral("name")).toString(), name);

    const auto byName = m_http->get(HttpClient::withQuery(patientsPath, {{"q", name}}), m_registrar);
    LUMEN_COMPARE_STATUS(byName, 200);
    QCOMPARE(byName.value(QStringLiteral("items")).toArray().size(), 1);
    // Everything else is still there.
    QCOMPARE(snapshot().patientCount, before.patientCount + 1);
    QCOMPARE(countMatching(QStringLiteral("IT-BAD-FIX")), 1);
    QCOMPARE(countMatching(QStringLiteral("JZK10000001")), 1);
}

void BadInputTest::invalid_percent_encoding_in_url_is_bad_request_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("q=%zz") << QByteArray("/api/v1/patients?q=%zz");
    QTest::newRow("q=%4") << QByteArray("/api/v1/patients?q=%4");
    QTest::newRow("q=%") << QByteArray("/api/v1/patients?q=%");
    QTest::newRow("key %g1") << QByteArray("/api/v1/patients?%g1=1");
    QTest::newRow("path %zz") << QByteArray("/api/v1/patients/%zz");
    QTest::newRow("path %") << QByteArray("/api/v1/pat%");
}

void BadInputTest::invalid_percent_encoding_in_url_is_bad_request()
{
    QFETCH(QByteArray, target);
    const auto before = snapshot();
    const auto raw = m_http->sendRaw(rawRequest("GET", target, m_registrar));
    const auto reply = HttpClient::parseResponse(raw.received);
    LUMEN_COMPARE_STATUS(reply, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));
    EXPECT_UNCHANGED(before);
}

void BadInputTest::invalid_utf8_in_url_is_bad_request_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("q=%FF") << QByteArray("/api/v1/patients?q=%FF");
    QTest::newRow("q=%C3%28") << QByteArray("/api/v1/patients?q=%C3%28");
    QTest::newRow("q=%E6%B5 (truncated)") << QByteArray("/api/v1/patients?q=%E6%B5");
    QTest::newRow("q=%C0%AF (overlong)") << QByteArray("/api/v1/patients?q=%C0%AF");
    QTest::newRow("q=%ED%A0%80 (surrogate)") << QByteArray("/api/v1/patients?q=%ED%A0%80");
    QTest::newRow("q=%F4%90%80%80 (beyond U+10FFFF)") << QByteArray("/api/v1/patients?q=%F4%90%80%80");
    QTest::newRow("path %FF") << QByteArray("/api/v1/patients/%FF");
    QTest::newRow("raw byte 0xFF") << QByteArray("/api/v1/patients?q=\xff");
}

void BadInputTest::invalid_utf8_in_url_is_bad_request()
{
    QFETCH(QByteArray, target);
    const auto before = snapshot();
    const auto raw = m_http->sendRaw(rawRequest("GET", target, m_registrar));
    const auto reply = HttpClient::parseResponse(raw.received);
    LUMEN_COMPARE_STATUS(reply, 400);
    EXPECT_UNCHANGED(before);
    // Well-formed UTF-8 in the same place is fine.
    const auto good = m_http->sendRaw(rawRequest("GET", "/api/v1/patients?q=%E6%B5%8B", m_registrar));
    LUMEN_COMPARE_STATUS(HttpClient::parseResponse(good.received), 200);
}

void BadInputTest::garbage_bytes_on_socket_are_refused_and_server_keeps_serving_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QByteArray random(4096, Qt::Uninitialized);
    QRandomGenerator generator(20261122);
    for (auto& b : random)
        b = char(generator.bounded(256));
    QTest::newRow("random bytes") << random;
    QTest::newRow("random bytes then blank line") << random + "\r\n\r\n";
    QTest::newRow("NUL bytes") << QByteArray(512, '\0');
    QTest::newRow("not HTTP") << QByteArray("HELLO SERVER\r\n\r\n");
    QTest::newRow("TLS client hello")
        << QByteArray::fromHex("16030100a5010000a10303") + QByteArray(160, '\x01');
    QTest::newRow("bad version") << QByteArray("GET /api/v1/health HTTP/9.9\r\n\r\n");
    QTest::newRow("header without colon")
        << QByteArray("GET /api/v1/health HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n");
    QTest::newRow("negative content length")
        << QByteArray("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}");
    QTest::newRow("two content lengths") << QByteArray(
        "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 9\r\n\r\n{}");
    QTest::newRow("bad chunk size") << QByteArray(
        "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
        "chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
    QTest::newRow("huge header") << "GET /api/v1/health HTTP/1.1\r\nX-Junk: " + QByteArray(64 * 1024, 'a') +
                                        "\r\n\r\n";
    QTest::newRow("cut off mid-request")
        << QByteArray("POST /api/v1/session HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"us");
}

void BadInputTest::garbage_bytes_on_socket_are_refused_and_server_keeps_serving()
{
    QFETCH(QByteArray, bytes);
    const auto before = snapshot();
    const auto raw = m_http->sendRaw(bytes, 3000);
    QVERIFY(raw.connected);
    if (!raw.received.isEmpty()) {
        const auto reply = HttpClient::parseResponse(raw.received);
        // 431 is the transport's answer to oversized headers.
        QVERIFY2(reply.status == 400 || reply.status == 431, raw.received.left(300));
    }
    // Either way the server still answers, and nothing changed.
    LUMEN_COMPARE_STATUS(m_http->call("GET", QStringLiteral("/api/v1/health")), 200);
    QVERIFY(!m_http->login(QStringLiteral("technologist")).isEmpty());
    EXPECT_UNCHANGED(before);
}

QTEST_GUILESS_MAIN(BadInputTest)
#include "test_bad_input.moc"
