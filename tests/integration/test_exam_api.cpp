// Exams (orders) through the real lumen-server: registration with accession numbers, field
// validation, idempotent HIS orders, search, edits allowed per status, and durability.
#include "concurrent_calls.h"
#include "exam_flow.h"
#include "http_client.h"
#include "server_process.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

using namespace lumen::test;

namespace {

qint64 idOf(const HttpReply& reply)
{
    return reply.value(QStringLiteral("id")).toInteger();
}

QList<qint64> itemIds(const HttpReply& page)
{
    QList<qint64> ids;
    for (const auto& item : page.value(QStringLiteral("items")).toArray())
        ids.append(item.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}

QJsonArray items(std::initializer_list<std::pair<const char*, const char*>> methodAndPart)
{
    QJsonArray list;
    for (const auto& [method, part] : methodAndPart)
        list.append(QJsonObject{{"method", method}, {"bodyPart", part}});
    return list;
}

// Today or yesterday in the local calendar (a test may run across midnight).
bool isRecentLocalDay(const QString& yyyymmdd)
{
    const auto today = QDate::currentDate();
    return yyyymmdd == today.toString(QStringLiteral("yyyyMMdd")) ||
           yyyymmdd == today.addDays(-1).toString(QStringLiteral("yyyyMMdd"));
}

} // namespace

class ExamApiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void create_registers_a_requested_exam_with_an_accession_number();
    void departments_imply_their_modality_and_accession_letter();
    void create_validates_every_field_naming_it_data();
    void create_validates_every_field_naming_it();
    void malformed_bodies_are_refused_and_change_nothing();
    void injection_strings_are_stored_verbatim_or_refused();
    void exams_of_a_merged_patient_follow_it_and_new_ones_are_refused();
    void accession_numbers_stay_unique_under_20_concurrent_creates();
    void repeated_his_request_returns_the_existing_exam();
    void concurrent_repeats_of_one_his_request_create_one_exam();
    void search_filters_by_every_criterion_and_pages();
    void bad_search_parameters_are_refused();
    void patch_changes_only_the_fields_the_status_allows();
    void patch_with_stale_version_is_conflict_and_changes_nothing();
    void acknowledged_exam_survives_sigkill();

private:
    HttpReply create(const QJsonObject& body) { return m_http->call("POST", examsPath, body, m_registrar); }
    HttpReply search(std::initializer_list<std::pair<QString, QString>> params)
    {
        return m_http->get(HttpClient::withQuery(examsPath, params), m_registrar);
    }
    int examCountOf(qint64 patientId);

    std::optional<QTemporaryDir> m_dir; // made in initTestCase, so `-functions` leaves nothing behind
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<ExamFlow> m_flow;
    QString m_registrar;
};

void ExamApiTest::initTestCase()
{
    m_dir.emplace();
    QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
    QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_flow = std::make_unique<ExamFlow>(*m_http);
    QVERIFY(m_flow->ready());
    m_registrar = m_flow->token(QStringLiteral("registrar"));
}

void ExamApiTest::cleanupTestCase()
{
    QVERIFY(m_server.terminate());
}

int ExamApiTest::examCountOf(qint64 patientId)
{
    const auto page = search({{"patientId", QString::number(patientId)}, {"limit", "200"}});
    return page.status == 200 ? int(page.value(QStringLiteral("items")).toArray().size()) : -1;
}

// req: 000 §2.3.7.5 registration of exam information with clinical diagnosis and history
void ExamApiTest::create_registers_a_requested_exam_with_an_accession_number()
{
    const auto patient = m_flow->newPatient(QStringLiteral("测登记"));
    QVERIFY(patient > 0);
    const auto reply =
        create(ctOrder(patient, {{"modality", " ct "},
                                 {"items", items({{"CT平扫", "胸部"}, {" CT平扫 ", " 上腹部 "}})},
                                 {"requestingDoctor", "  王建华  "},
                                 {"clinicalHistory", "吸烟二十年\n咳嗽两周"},
                                 {"patientSource", "inpatient"},
                                 {"priority", "urgent"},
                                 {"feeStatus", "paid"},
                                 {"hisRequestNo", "IT-CREATE-1"}}));
    LUMEN_COMPARE_STATUS(reply, 201);
    const auto exam = reply.object();
    QVERIFY(idOf(reply) > 0);
    QCOMPARE(exam.value("patientId").toInteger(), patient);
    QCOMPARE(exam.value("status").toString(), QStringLiteral("requested"));
    QCOMPARE(exam.value("department").toString(), QStringLiteral("radiology"));
    QCOMPARE(exam.value("modality").toString(), QStringLiteral("CT"));
    QCOMPARE(exam.value("items").toArray(), (QJsonArray{QJsonObject{{"method", "CT平扫"},
                                                                    {"bodyPart", "胸部"},
                                                                    {"hisItemCode", QJsonValue::Null},
                                                                    {"hisBodyPartCode", QJsonValue::Null}},
                                                        QJsonObject{{"method", "CT平扫"},
                                                                    {"bodyPart", "上腹部"},
                                                                    {"hisItemCode", QJsonValue::Null},
                                                                    {"hisBodyPartCode", QJsonValue::Null}}}));
    QCOMPARE(exam.value("requestingDoctor").toString(), QStringLiteral("王建华"));
    QCOMPARE(exam.value("requestingDepartment").toString(), QStringLiteral("呼吸内科"));
    QCOMPARE(exam.value("clinicalDiagnosis").toString(), QStringLiteral("咳嗽待查"));
    QCOMPARE(exam.value("clinicalHistory").toString(), QStringLiteral("吸烟二十年\n咳嗽两周"));
    QCOMPARE(exam.value("patientSource").toString(), QStringLiteral("inpatient"));
    QCOMPARE(exam.value("priority").toString(), QStringLiteral("urgent"));
    QCOMPARE(exam.value("feeStatus").toString(), QStringLiteral("paid"));
    QCOMPARE(exam.value("hisRequestNo").toString(), QStringLiteral("IT-CREATE-1"));
    QVERIFY(exam.value("hisSystem").isNull());
    QVERIFY(exam.value("scheduledAt").isNull());
    QVERIFY(exam.value("room").isNull());
    QCOMPARE(exam.value("version").toInteger(), 1);
    QVERIFY(QDateTime::fromString(exam.value("createdAt").toString(), Qt::ISODate).isValid());

    const auto accession = exam.value("accessionNumber").toString();
    const auto match = QRegularExpression(QStringLiteral("^R(\\d{8})-(\\d{4,5})$")).match(accession);
    QVERIFY2(match.hasMatch(), qPrintable(accession));
    QVERIFY2(isRecentLocalDay(match.captured(1)), qPrintable(accession));
    QVERIFY(accession.size() <= 16); // DICOM SH

    const auto fetched = m_http->get(examPath(idOf(reply)), m_registrar);
    LUMEN_COMPARE_STATUS(fetched, 200);
    QCOMPARE(fetched.object(), exam);
    LUMEN_COMPARE_STATUS(m_http->get(examPath(98765432), m_registrar), 404);
    QCOMPARE(m_http->get(examPath(98765432), m_registrar).errorCode(), QStringLiteral("not_found"));
}

void ExamApiTest::departments_imply_their_modality_and_accession_letter()
{
    const auto patient = m_flow->newPatient(QStringLiteral("测科室"));
    struct Case
    {
        const char* department;
        const char* modality; // sent
        const char* expected;
        QChar letter;
    };
    for (const Case& c : {Case{"ultrasound", nullptr, "US", 'U'}, Case{"endoscopy", nullptr, "ES", 'E'},
                          Case{"ecg", nullptr, "ECG", 'C'}, Case{"radiology", "dr", "DR", 'R'},
                          Case{"other", "EEG", "EEG", 'X'}}) {
        QJsonObject order{
            {"patientId", patient}, {"department", c.department}, {"items", items({{"检查", "部位"}})}};
        if (c.modality)
            order.insert("modality", c.modality);
        const auto reply = create(order);
        LUMEN_COMPARE_STATUS(reply, 201);
        QCOMPARE(reply.value("modality").toString(), QString::fromLatin1(c.expected));
        QCOMPARE(reply.value("accessionNumber").toString().at(0), c.letter);
        // Defaults for what the desk left out.
        QCOMPARE(reply.value("patientSource").toString(), QStringLiteral("outpatient"));
        QCOMPARE(reply.value("priority").toString(), QStringLiteral("routine"));
        QCOMPARE(reply.value("feeStatus").toString(), QStringLiteral("unpaid"));
    }
}

void ExamApiTest::create_validates_every_field_naming_it_data()
{
    QTest::addColumn<QJsonObject>("changes");
    QTest::addColumn<QString>("removed");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    auto row = [](const char* name, QJsonObject changes, const char* removed, int status, const char* code,
                  const char* field) {
        QTest::newRow(name) << changes << QString::fromLatin1(removed) << status << QString::fromLatin1(code)
                            << QString::fromLatin1(field);
    };
    QJsonArray tooMany;
    for (int i = 0; i < 21; ++i)
        tooMany.append(QJsonObject{{"method", "CT平扫"}, {"bodyPart", QStringLiteral("部位%1").arg(i)}});

    row("patientId missing", {}, "patientId", 400, "missing_field", "patientId");
    row("patientId as text", {{"patientId", "1"}}, "", 400, "invalid_field", "patientId");
    row("patientId negative", {{"patientId", -5}}, "", 400, "invalid_field", "patientId");
    row("patientId fraction", {{"patientId", 1.5}}, "", 400, "invalid_field", "patientId");
    row("patientId unknown", {{"patientId", 98765432}}, "", 404, "not_found", "patientId");
    row("department unknown", {{"department", "cardiology"}}, "", 400, "invalid_field", "department");
    row("department number", {{"department", 3}}, "", 400, "invalid_field", "department");
    row("department missing", {}, "department", 400, "missing_field", "department");
    row("modality of another department", {{"modality", "US"}}, "", 400, "invalid_field", "modality");
    row("modality unknown", {{"modality", "XYZ"}}, "", 400, "invalid_field", "modality");
    row("modality number", {{"modality", 5}}, "", 400, "invalid_field", "modality");
    row("modality missing for radiology", {}, "modality", 400, "missing_field", "modality");
    row("items as text", {{"items", "CT胸部"}}, "", 400, "invalid_field", "items");
    row("items empty", {{"items", QJsonArray{}}}, "", 400, "missing_field", "items");
    row("items missing", {}, "items", 400, "missing_field", "items");
    row("item not an object", {{"items", QJsonArray{"胸部"}}}, "", 400, "invalid_field", "items[0]");
    row("item without method", {{"items", QJsonArray{QJsonObject{{"bodyPart", "胸部"}}}}}, "", 400,
        "missing_field", "items[0].method");
    row("item with blank body part",
        {{"items", QJsonArray{QJsonObject{{"method", "CT平扫"}, {"bodyPart", "  "}}}}}, "", 400,
        "missing_field", "items[0].bodyPart");
    row("item method number", {{"items", QJsonArray{QJsonObject{{"method", 1}, {"bodyPart", "胸部"}}}}}, "",
        400, "invalid_field", "items[0].method");
    row("item unknown field",
        {{"items", QJsonArray{QJsonObject{{"method", "CT平扫"}, {"bodyPart", "胸部"}, {"side", "L"}}}}}, "",
        400, "invalid_field", "items[0].side");
    row("too many items", {{"items", tooMany}}, "", 400, "invalid_field", "items");
    row("same item twice", {{"items", items({{"CT平扫", "胸部"}, {"CT平扫", "胸部"}})}}, "", 400,
        "invalid_field", "items[1].bodyPart");
    row("item code with quotes",
        {{"items", QJsonArray{QJsonObject{
                       {"method", "CT平扫"}, {"bodyPart", "胸部"}, {"hisItemCode", "1' OR '1'='1"}}}}},
        "", 400, "invalid_field", "items[0].hisItemCode");
    row("method too long",
        {{"items", QJsonArray{QJsonObject{{"method", QString(65, QChar(0x626B))}, {"bodyPart", "胸部"}}}}},
        "", 400, "too_long", "items[0].method");
    row("patientSource unknown", {{"patientSource", "walk_in"}}, "", 400, "invalid_field", "patientSource");
    row("patientSource null", {{"patientSource", QJsonValue::Null}}, "", 400, "invalid_field",
        "patientSource");
    row("priority boolean", {{"priority", true}}, "", 400, "invalid_field", "priority");
    row("priority upper case", {{"priority", "URGENT"}}, "", 400, "invalid_field", "priority");
    row("feeStatus unknown", {{"feeStatus", "free"}}, "", 400, "invalid_field", "feeStatus");
    row("requestingDoctor too long", {{"requestingDoctor", QString(65, QChar(0x738B))}}, "", 400, "too_long",
        "requestingDoctor");
    row("requestingDepartment object", {{"requestingDepartment", QJsonObject{}}}, "", 400, "invalid_field",
        "requestingDepartment");
    row("clinicalDiagnosis control character", {{"clinicalDiagnosis", QStringLiteral("咳\u0007嗽")}}, "", 400,
        "invalid_field", "clinicalDiagnosis");
    row("clinicalHistory too long", {{"clinicalHistory", QString(2001, QLatin1Char('a'))}}, "", 400,
        "too_long", "clinicalHistory");
    row("hisRequestNo with SQL", {{"hisRequestNo", "SQ1'; DROP TABLE exams;--"}}, "", 400, "invalid_field",
        "hisRequestNo");
    row("hisRequestNo number", {{"hisRequestNo", 12345}}, "", 400, "invalid_field", "hisRequestNo");
    row("hisSystem with space", {{"hisSystem", "HIS 2"}, {"hisRequestNo", "SQ1"}}, "", 400, "invalid_field",
        "hisSystem");
    row("scheduledAt at registration", {{"scheduledAt", "2030-01-15T01:30:00Z"}}, "", 400, "invalid_field",
        "scheduledAt");
    row("room at registration", {{"room", "CT1"}}, "", 400, "invalid_field", "room");
    row("status at registration", {{"status", "approved"}}, "", 400, "invalid_field", "status");
    row("accession number at registration", {{"accessionNumber", "R20300101-0001"}}, "", 400, "invalid_field",
        "accessionNumber");
    row("unknown field", {{"bed", "12"}}, "", 400, "invalid_field", "bed");
}

// A bad request names its field and never changes state.
void ExamApiTest::create_validates_every_field_naming_it()
{
    QFETCH(QJsonObject, changes);
    QFETCH(QString, removed);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const auto patient = m_flow->newPatient(QStringLiteral("测校验%1").arg(QTest::currentDataTag()));
    QVERIFY(patient > 0);
    auto order = ctOrder(patient, changes);
    if (!removed.isEmpty())
        order.remove(removed);
    const auto reply = create(order);
    LUMEN_COMPARE_STATUS(reply, status);
    QVERIFY2(reply.errorCode() == code || (code == "too_long" && reply.errorCode() == "invalid_field"),
             reply.describe().constData());
    QCOMPARE(reply.errorDetails().value("field").toString(), field);
    QVERIFY2(reply.errorMessage().contains(field.section('.', -1).section('[', 0, 0)),
             reply.describe().constData());
    if (code == "too_long")
        QVERIFY2(reply.body.contains("too_long") || reply.errorMessage().contains("at most"),
                 reply.describe().constData());
    QCOMPARE(examCountOf(patient), 0);
}

void ExamApiTest::malformed_bodies_are_refused_and_change_nothing()
{
    const auto before = search({{"limit", "200"}});
    for (const QByteArray& body : {QByteArray("{"), QByteArray("[]"), QByteArray("null"),
                                   QByteArray("\"exam\""), QByteArray("{\"patientId\": 1,}")}) {
        const auto reply = m_http->callRaw("POST", examsPath, body, m_registrar);
        LUMEN_COMPARE_STATUS(reply, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("malformed_json"));
    }
    QCOMPARE(itemIds(search({{"limit", "200"}})), itemIds(before));
}

void ExamApiTest::injection_strings_are_stored_verbatim_or_refused()
{
    const auto patient = m_flow->newPatient(QStringLiteral("测注入"));
    const QString sql = QStringLiteral("'); DROP TABLE exams; --");
    const QString html = QStringLiteral("<script>alert('x')</script>");
    const auto reply = create(ctOrder(patient, {{"clinicalDiagnosis", sql},
                                                {"clinicalHistory", html},
                                                {"requestingDepartment", "\" OR 1=1 --"},
                                                {"items", items({{"CT平扫", "胸部' OR '1'='1"}})}}));
    LUMEN_COMPARE_STATUS(reply, 201);
    const auto fetched = m_http->get(examPath(idOf(reply)), m_registrar);
    QCOMPARE(fetched.value("clinicalDiagnosis").toString(), sql);
    QCOMPARE(fetched.value("clinicalHistory").toString(), html);
    QCOMPARE(fetched.value("requestingDepartment").toString(), QStringLiteral("\" OR 1=1 --"));
    QCOMPARE(fetched.value("items").toArray().at(0).toObject().value("bodyPart").toString(),
             QStringLiteral("胸部' OR '1'='1"));
    // Search values are bound, never spliced into SQL: these match nothing and break nothing.
    for (const auto& [name, value] : {std::pair<QString, QString>{"accessionNumber", "' OR '1'='1"},
                                      {"hisRequestNo", "x' OR 1=1 --"},
                                      {"modality", "CT' OR '1'='1"}}) {
        const auto page = search({{name, value}});
        LUMEN_COMPARE_STATUS(page, 200);
        QCOMPARE(page.value("items").toArray().size(), 0);
    }
    QCOMPARE(examCountOf(patient), 1);
    LUMEN_COMPARE_STATUS(search({{"limit", "5"}}), 200);
}

void ExamApiTest::exams_of_a_merged_patient_follow_it_and_new_ones_are_refused()
{
    const auto target = m_flow->newPatient(QStringLiteral("测合并目标"));
    const auto duplicate = m_flow->newPatient(QStringLiteral("测合并重复"));
    const auto earlier = create(ctOrder(duplicate));
    LUMEN_COMPARE_STATUS(earlier, 201);
    LUMEN_COMPARE_STATUS(m_http->call("POST", QStringLiteral("/api/v1/patients/%1/merge").arg(target),
                                      QJsonObject{{"sourceId", duplicate}}, m_registrar),
                         200);
    const auto refused = create(ctOrder(duplicate));
    LUMEN_COMPARE_STATUS(refused, 409);
    QCOMPARE(refused.errorCode(), QStringLiteral("patient_merged"));
    QCOMPARE(refused.errorDetails().value("mergedInto").toInteger(), target);
    QCOMPARE(refused.errorDetails().value("field").toString(), QStringLiteral("patientId"));
    // The exam registered before the merge is found under the patient it was merged into.
    const auto page = search({{"patientId", QString::number(target)}});
    QCOMPARE(itemIds(page), QList<qint64>{idOf(earlier)});
    LUMEN_COMPARE_STATUS(create(ctOrder(target)), 201);
    QCOMPARE(examCountOf(target), 2);
}

// req: 000 §2.3.6.1 unique exam identification across departments, under load
void ExamApiTest::accession_numbers_stay_unique_under_20_concurrent_creates()
{
    const auto patient = m_flow->newPatient(QStringLiteral("测并发"));
    QList<HttpClient::Request> requests;
    for (int i = 0; i < 20; ++i)
        requests.append(
            {"POST", examsPath,
             ctOrder(patient,
                     {{"items", QJsonArray{QJsonObject{{"method", "CT平扫"},
                                                       {"bodyPart", QStringLiteral("部位%1").arg(i)}}}}}),
             m_registrar});
    const auto replies = callConcurrently(m_server.httpPort(), requests);
    QSet<QString> accessions;
    QSet<int> sequences;
    QString prefix;
    for (const auto& reply : replies) {
        LUMEN_COMPARE_STATUS(reply, 201);
        const auto accession = reply.value("accessionNumber").toString();
        accessions.insert(accession);
        if (prefix.isEmpty())
            prefix = accession.section('-', 0, 0);
        QCOMPARE(accession.section('-', 0, 0), prefix);
        sequences.insert(accession.section('-', 1).toInt());
    }
    QCOMPARE(accessions.size(), 20);
    // Nobody else registered radiology exams meanwhile, so the numbers leave no gaps.
    const auto [low, high] = std::minmax_element(sequences.begin(), sequences.end());
    QCOMPARE(*high - *low + 1, 20);
    QCOMPARE(examCountOf(patient), 20);
    for (const auto& accession : accessions) {
        const auto found = search({{"accessionNumber", accession}});
        QCOMPARE(found.value("items").toArray().size(), 1);
    }
}

// req: 000 §2.3.6.1 orders taken from the HIS without duplicates
void ExamApiTest::repeated_his_request_returns_the_existing_exam()
{
    const auto patient = m_flow->newPatient(QStringLiteral("测重复申请"));
    const auto first = create(ctOrder(patient, {{"hisRequestNo", "IT-HIS-REPEAT"}}));
    LUMEN_COMPARE_STATUS(first, 201);
    const auto again = create(ctOrder(patient, {{"hisRequestNo", "IT-HIS-REPEAT"}}));
    LUMEN_COMPARE_STATUS(again, 200);
    QCOMPARE(again.object(), first.object());
    // A resend with other content still answers with what was registered; changes go by PATCH.
    const auto changed =
        create(ctOrder(patient, {{"hisRequestNo", " IT-HIS-REPEAT "}, {"priority", "urgent"}}));
    LUMEN_COMPARE_STATUS(changed, 200);
    QCOMPARE(idOf(changed), idOf(first));
    QCOMPARE(changed.value("priority").toString(), QStringLiteral("routine"));

    // The same number from another HIS is another order.
    const auto other = create(ctOrder(patient, {{"hisRequestNo", "IT-HIS-REPEAT"}, {"hisSystem", "TIJIAN"}}));
    LUMEN_COMPARE_STATUS(other, 201);
    QVERIFY(idOf(other) != idOf(first));
    QCOMPARE(other.value("hisSystem").toString(), QStringLiteral("TIJIAN"));

    // Reusing the number for another patient is refused.
    const auto stranger = m_flow->newPatient(QStringLiteral("测重复他人"));
    const auto clash = create(ctOrder(stranger, {{"hisRequestNo", "IT-HIS-REPEAT"}}));
    LUMEN_COMPARE_STATUS(clash, 409);
    QCOMPARE(clash.errorCode(), QStringLiteral("duplicate_his_request"));
    QCOMPARE(examCountOf(stranger), 0);
    QCOMPARE(examCountOf(patient), 2);

    const auto byNumber = search({{"hisRequestNo", "IT-HIS-REPEAT"}});
    QCOMPARE(byNumber.value("items").toArray().size(), 2);
    const auto bySystem = search({{"hisRequestNo", "IT-HIS-REPEAT"}, {"hisSystem", "TIJIAN"}});
    QCOMPARE(itemIds(bySystem), QList<qint64>{idOf(other)});
}

void ExamApiTest::concurrent_repeats_of_one_his_request_create_one_exam()
{
    const auto patient = m_flow->newPatient(QStringLiteral("测并发重复"));
    QList<HttpClient::Request> requests;
    for (int i = 0; i < 12; ++i)
        requests.append(
            {"POST", examsPath, ctOrder(patient, {{"hisRequestNo", "IT-HIS-RACE"}}), m_registrar});
    const auto replies = callConcurrently(m_server.httpPort(), requests);
    int created = 0;
    QSet<qint64> ids;
    for (const auto& reply : replies) {
        QVERIFY2(reply.status == 201 || reply.status == 200, reply.describe().constData());
        created += reply.status == 201;
        ids.insert(idOf(reply));
    }
    QCOMPARE(created, 1);
    QCOMPARE(ids.size(), 1);
    QCOMPARE(examCountOf(patient), 1);
}

// req: 000 §2.3.6.5 query exam, fee and status information
void ExamApiTest::search_filters_by_every_criterion_and_pages()
{
    const auto patient = m_flow->newPatient(QStringLiteral("测查询"));
    QString error;
    const auto ct = m_flow->examAt(patient, QStringLiteral("booked"), &error,
                                   ctOrder(patient, {{"hisRequestNo", "IT-SEARCH-CT"}}));
    QVERIFY2(ct, qPrintable(error));
    const auto us = create({{"patientId", patient},
                            {"department", "ultrasound"},
                            {"items", items({{"彩超", "甲状腺"}})},
                            {"feeStatus", "paid"}});
    LUMEN_COMPARE_STATUS(us, 201);
    const auto mr = create(ctOrder(patient, {{"modality", "MR"}, {"items", items({{"MR平扫", "腰椎"}})}}));
    LUMEN_COMPARE_STATUS(mr, 201);
    const auto ctAccession = m_http->get(examPath(ct), m_registrar).value("accessionNumber").toString();
    const QString p = QString::number(patient);
    const QString tomorrow = QDate::currentDate().addDays(1).toString(Qt::ISODate);
    const QString longAgo = QStringLiteral("2020-01-01");

    auto ids = [&](std::initializer_list<std::pair<QString, QString>> params) {
        const auto page = search(params);
        const auto list = itemIds(page);
        return page.status == 200 ? QSet<qint64>(list.begin(), list.end()) : QSet<qint64>{-1};
    };
    QCOMPARE(ids({{"patientId", p}}), (QSet<qint64>{ct, idOf(us), idOf(mr)}));
    QCOMPARE(ids({{"patientId", p}, {"status", "booked"}}), QSet<qint64>{ct});
    QCOMPARE(ids({{"patientId", p}, {"status", "requested,booked"}}), (QSet<qint64>{ct, idOf(us), idOf(mr)}));
    QCOMPARE(ids({{"patientId", p}, {"department", "ultrasound"}}), QSet<qint64>{idOf(us)});
    QCOMPARE(ids({{"patientId", p}, {"modality", "mr"}}), QSet<qint64>{idOf(mr)});
    QCOMPARE(ids({{"accessionNumber", ctAccession}}), QSet<qint64>{ct});
    QCOMPARE(ids({{"hisRequestNo", "IT-SEARCH-CT"}}), QSet<qint64>{ct});
    // Registration dates: the UTC day may differ from the local one, so allow both sides.
    QCOMPARE(ids({{"patientId", p}, {"from", longAgo}, {"to", tomorrow}}),
             (QSet<qint64>{ct, idOf(us), idOf(mr)}));
    QCOMPARE(ids({{"patientId", p}, {"to", longAgo}}), QSet<qint64>{});
    QCOMPARE(ids({{"patientId", p}, {"from", "2099-01-01T00:00:00Z"}}), QSet<qint64>{});
    // Booked for 2030-01-15T01:30:00Z (ExamFlow): the day is included, the day before is not.
    QCOMPARE(ids({{"patientId", p}, {"scheduledFrom", "2030-01-15"}, {"scheduledTo", "2030-01-15"}}),
             QSet<qint64>{ct});
    QCOMPARE(ids({{"patientId", p}, {"scheduledTo", "2030-01-14"}}), QSet<qint64>{});
    QCOMPARE(ids({{"patientId", p}, {"scheduledFrom", "2030-01-15T01:30:01Z"}}), QSet<qint64>{});

    // Newest first by default; scheduled ones first with sort=scheduled.
    const auto newest = itemIds(search({{"patientId", p}}));
    QCOMPARE(newest, (QList<qint64>{idOf(mr), idOf(us), ct}));
    QCOMPARE(itemIds(search({{"patientId", p}, {"sort", "scheduled"}})).first(), ct);

    const auto first = search({{"patientId", p}, {"limit", "2"}});
    QCOMPARE(first.value("items").toArray().size(), 2);
    QCOMPARE(first.value("hasMore").toBool(), true);
    const auto second = search({{"patientId", p}, {"limit", "2"}, {"offset", "2"}});
    QCOMPARE(itemIds(second), QList<qint64>{ct});
    QCOMPARE(second.value("hasMore").toBool(), false);
}

void ExamApiTest::bad_search_parameters_are_refused()
{
    for (const auto& [name, value] : {std::pair<QString, QString>{"status", "finished"},
                                      {"status", "booked,,called"},
                                      {"department", "ct"},
                                      {"from", "2026-13-01"},
                                      {"to", "yesterday"},
                                      {"scheduledFrom", "2026-01-01T25:00:00Z"},
                                      {"sort", "name"},
                                      {"limit", "0"},
                                      {"limit", "201"},
                                      {"offset", "-1"},
                                      {"patientId", "abc"}}) {
        const auto reply = search({{name, value}});
        QVERIFY2(reply.status == 400,
                 qPrintable(name + "=" + value + " -> " + QString::fromUtf8(reply.describe())));
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid_field"));
        QVERIFY2(reply.errorMessage().contains(name), reply.describe().constData());
    }
}

// req: 000 §2.3.7.5 query and modify exam information
void ExamApiTest::patch_changes_only_the_fields_the_status_allows()
{
    const auto patient = m_flow->newPatient(QStringLiteral("测修改"));
    const auto created = create(ctOrder(patient));
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = idOf(created);
    auto patch = [&](const QJsonObject& body) {
        return m_http->call("PATCH", examPath(id), body, m_registrar);
    };

    const auto changed = patch({{"modality", "MR"},
                                {"items", items({{"MR平扫", "头颅"}, {"MR增强", "头颅"}})},
                                {"clinicalDiagnosis", "头痛待查"},
                                {"requestingDoctor", QJsonValue::Null},
                                {"priority", "urgent"}});
    LUMEN_COMPARE_STATUS(changed, 200);
    QCOMPARE(changed.value("modality").toString(), QStringLiteral("MR"));
    QCOMPARE(changed.value("items").toArray().size(), 2);
    QCOMPARE(changed.value("clinicalDiagnosis").toString(), QStringLiteral("头痛待查"));
    QVERIFY(changed.value("requestingDoctor").isNull());
    QCOMPARE(changed.value("version").toInteger(), 2);
    QCOMPARE(changed.value("accessionNumber"), created.value("accessionNumber"));

    // A PATCH that changes nothing writes nothing.
    const auto same = patch({{"priority", "urgent"}});
    LUMEN_COMPARE_STATUS(same, 200);
    QCOMPARE(same.value("version").toInteger(), 2);

    // The slot belongs to booking.
    const auto slot = patch({{"scheduledAt", "2030-02-01T02:00:00Z"}});
    LUMEN_COMPARE_STATUS(slot, 409);
    QCOMPARE(slot.errorCode(), QStringLiteral("field_locked"));
    QCOMPARE(slot.errorDetails().value("field").toString(), QStringLiteral("scheduledAt"));

    for (const auto& [field, value] : {std::pair<QString, QJsonValue>{"status", "approved"},
                                       {"accessionNumber", "R1"},
                                       {"patientId", 1},
                                       {"department", "ultrasound"},
                                       {"hisRequestNo", "X1"},
                                       {"modality", 3},
                                       {"feeStatus", "gratis"}}) {
        const auto refused = patch({{field, value}});
        LUMEN_COMPARE_STATUS(refused, 400);
        QCOMPARE(refused.errorDetails().value("field").toString(), field);
    }

    // Booked: the time may move, but not away.
    LUMEN_COMPARE_STATUS(m_flow->step(id, QStringLiteral("booked")), 200);
    const auto moved = patch({{"scheduledAt", "2030-02-01T02:00:00Z"}, {"room", "CT2"}});
    LUMEN_COMPARE_STATUS(moved, 200);
    QCOMPARE(moved.value("scheduledAt").toString(), QStringLiteral("2030-02-01T02:00:00Z"));
    QCOMPARE(moved.value("room").toString(), QStringLiteral("CT2"));
    const auto cleared = patch({{"scheduledAt", QJsonValue::Null}});
    LUMEN_COMPARE_STATUS(cleared, 400);
    QCOMPARE(cleared.errorDetails().value("field").toString(), QStringLiteral("scheduledAt"));
    LUMEN_COMPARE_STATUS(patch({{"scheduledAt", "tomorrow"}}), 400);

    // After the exam: what was done is fixed, the clinical notes and the fee are not.
    for (const char* to : {"checked_in", "called", "examined"})
        LUMEN_COMPARE_STATUS(m_flow->step(id, QString::fromLatin1(to)), 200);
    const auto lockedItems = patch({{"items", items({{"MR平扫", "腰椎"}})}});
    LUMEN_COMPARE_STATUS(lockedItems, 409);
    QCOMPARE(lockedItems.errorCode(), QStringLiteral("field_locked"));
    QVERIFY2(lockedItems.errorMessage().contains(QStringLiteral("examined")),
             lockedItems.describe().constData());
    LUMEN_COMPARE_STATUS(patch({{"clinicalHistory", "既往体健"}}), 200);
    LUMEN_COMPARE_STATUS(patch({{"room", "CT3"}}), 409);

    for (const char* to : {"images_received", "reported"})
        LUMEN_COMPARE_STATUS(m_flow->step(id, QString::fromLatin1(to)), 200);
    LUMEN_COMPARE_STATUS(patch({{"clinicalHistory", "改写"}}), 409);
    const auto fee = patch({{"feeStatus", "paid"}});
    LUMEN_COMPARE_STATUS(fee, 200);
    QCOMPARE(fee.value("feeStatus").toString(), QStringLiteral("paid"));
    QCOMPARE(fee.value("status").toString(), QStringLiteral("reported"));
    QCOMPARE(fee.value("clinicalHistory").toString(), QStringLiteral("既往体健"));
}

void ExamApiTest::patch_with_stale_version_is_conflict_and_changes_nothing()
{
    const auto patient = m_flow->newPatient(QStringLiteral("测版本"));
    const auto id = idOf(create(ctOrder(patient)));
    LUMEN_COMPARE_STATUS(
        m_http->call("PATCH", examPath(id), QJsonObject{{"priority", "urgent"}, {"version", 1}}, m_registrar),
        200);
    const auto stale = m_http->call("PATCH", examPath(id),
                                    QJsonObject{{"priority", "emergency"}, {"version", 1}}, m_registrar);
    LUMEN_COMPARE_STATUS(stale, 409);
    QCOMPARE(stale.errorCode(), QStringLiteral("conflict"));
    const auto now = m_http->get(examPath(id), m_registrar);
    QCOMPARE(now.value("priority").toString(), QStringLiteral("urgent"));
    QCOMPARE(now.value("version").toInteger(), 2);
}

// req: 003 7x24 stable operation; no acknowledged registration is lost
void ExamApiTest::acknowledged_exam_survives_sigkill()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.path()), qPrintable(server.errorString()));
    QJsonObject stored;
    qint64 patient = 0;
    {
        HttpClient http(server.httpPort());
        ExamFlow flow(http);
        patient = flow.newPatient(QStringLiteral("测断电检查"));
        const auto created = http.call(
            "POST", examsPath, ctOrder(patient, {{"hisRequestNo", "IT-KILL-EXAM"}}), flow.token("registrar"));
        LUMEN_COMPARE_STATUS(created, 201);
        stored = created.object();
        server.kill(); // SIGKILL straight after the 201
    }
    QCOMPARE(server.exitStatus(), QProcess::CrashExit);
    const auto offline = ServerProcess::runCommand({"audit", "verify", "--data", dir.path()});
    QVERIFY2(offline.finished && offline.exitCode == 0, offline.output.constData());

    QVERIFY2(server.start(dir.path()), qPrintable(server.errorString()));
    HttpClient http(server.httpPort());
    const auto token = http.login(QStringLiteral("registrar"));
    const auto id = stored.value("id").toInteger();
    const auto fetched = http.get(examPath(id), token);
    LUMEN_COMPARE_STATUS(fetched, 200);
    QCOMPARE(fetched.object(), stored);
    const auto timeline = http.get(timelinePath(id), token);
    QCOMPARE(timeline.value("items").toArray().size(), 1);
    // The HIS resending after the crash gets the same exam.
    const auto resent =
        http.call("POST", examsPath, ctOrder(patient, {{"hisRequestNo", "IT-KILL-EXAM"}}), token);
    LUMEN_COMPARE_STATUS(resent, 200);
    QCOMPARE(resent.value("id").toInteger(), id);
    // The accession counter went on from where it was.
    const auto next = http.call("POST", examsPath, ctOrder(patient), token);
    LUMEN_COMPARE_STATUS(next, 201);
    QVERIFY(next.value("accessionNumber").toString() > stored.value("accessionNumber").toString());

    const auto admin = http.login(QStringLiteral("admin"));
    const auto audit =
        http.get(QStringLiteral("/api/v1/audit?action=exam.create&patientId=%1").arg(patient), admin);
    QCOMPARE(audit.value("items").toArray().size(), 2);
    QVERIFY(server.terminate());
    QCOMPARE(server.exitCode(), 0);
}

QTEST_GUILESS_MAIN(ExamApiTest)
#include "test_exam_api.moc"
