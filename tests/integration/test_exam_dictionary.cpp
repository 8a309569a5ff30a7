// The exam dictionary (HIS item / body part codes -> Lumen methods and body parts) through the
// real lumen-server: CRUD for administrators, validation, and its use when orders carry codes.
#include "exam_flow.h"
#include "http_client.h"
#include "server_process.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace lumen::test;

namespace {

const QString dictionaryPath = QStringLiteral("/api/v1/exam-dictionary");
QString entryPath(qint64 id)
{
    return dictionaryPath + QStringLiteral("/%1").arg(id);
}
qint64 idOf(const HttpReply& reply)
{
    return reply.value(QStringLiteral("id")).toInteger();
}

QJsonObject itemCode(const char* code, const char* method, const char* bodyPart = nullptr)
{
    QJsonObject row{{"kind", "item"},
                    {"hisCode", code},
                    {"hisName", QStringLiteral("HIS项目%1").arg(QString::fromLatin1(code))},
                    {"method", method},
                    {"department", "radiology"},
                    {"modality", "CT"}};
    if (bodyPart)
        row.insert("bodyPart", bodyPart);
    return row;
}

} // namespace

class ExamDictionaryTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void administrators_create_read_update_and_delete_entries();
    void only_exam_dictionary_permission_changes_entries();
    void entries_are_validated_and_unique_per_his_kind_and_code();
    void order_with_his_codes_takes_terms_from_the_dictionary();
    void stated_terms_win_over_the_dictionary();
    void the_his_own_entry_wins_over_the_shared_one();
    void unknown_his_code_is_refused_naming_the_item();
    void dictionary_changes_are_audited();

private:
    HttpReply createEntry(const QJsonObject& row)
    {
        return m_http->call("POST", dictionaryPath, row, m_admin);
    }
    HttpReply order(const QJsonObject& body) { return m_http->call("POST", examsPath, body, m_registrar); }

    std::optional<QTemporaryDir> m_dir;
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<ExamFlow> m_flow;
    QString m_admin;
    QString m_registrar;
    qint64 m_patient = 0;
};

void ExamDictionaryTest::initTestCase()
{
    m_dir.emplace();
    QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
    QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_flow = std::make_unique<ExamFlow>(*m_http);
    QVERIFY(m_flow->ready());
    m_admin = m_http->login(QStringLiteral("admin"));
    m_registrar = m_flow->token(QStringLiteral("registrar"));
    m_patient = m_flow->newPatient(QStringLiteral("测字典"));
    QVERIFY(m_patient > 0);
}

void ExamDictionaryTest::cleanupTestCase()
{
    QVERIFY(m_server.terminate());
}

// req: 000 §2.3.6.4 part dictionary mapping HIS items and parts to RIS methods and parts
void ExamDictionaryTest::administrators_create_read_update_and_delete_entries()
{
    const auto created = createEntry(itemCode("IT-C1", "CT平扫", "胸部"));
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = idOf(created);
    QCOMPARE(created.value("kind").toString(), QStringLiteral("item"));
    QCOMPARE(created.value("hisCode").toString(), QStringLiteral("IT-C1"));
    QVERIFY(created.value("hisSystem").isNull());
    QCOMPARE(created.value("method").toString(), QStringLiteral("CT平扫"));
    QCOMPARE(created.value("bodyPart").toString(), QStringLiteral("胸部"));
    QCOMPARE(created.value("department").toString(), QStringLiteral("radiology"));
    QCOMPARE(created.value("modality").toString(), QStringLiteral("CT"));
    QCOMPARE(created.value("version").toInteger(), 1);

    // The desk reads the dictionary (to show the HIS wording), by code or as a list.
    const auto fetched = m_http->get(entryPath(id), m_registrar);
    LUMEN_COMPARE_STATUS(fetched, 200);
    QCOMPARE(fetched.object(), created.object());
    const auto byCode = m_http->get(dictionaryPath + QStringLiteral("?kind=item&hisCode=IT-C1"), m_registrar);
    QCOMPARE(byCode.value("items").toArray().size(), 1);
    QCOMPARE(byCode.value("items").toArray().at(0).toObject().value("id").toInteger(), id);
    const auto all = m_http->get(dictionaryPath + QStringLiteral("?limit=1000"), m_registrar);
    QVERIFY(all.value("items").toArray().size() > 10); // the demo's codes are there too

    const auto updated = m_http->call(
        "PATCH", entryPath(id),
        QJsonObject{{"bodyPart", "胸部+上腹部"}, {"hisName", QJsonValue::Null}, {"version", 1}}, m_admin);
    LUMEN_COMPARE_STATUS(updated, 200);
    QCOMPARE(updated.value("bodyPart").toString(), QStringLiteral("胸部+上腹部"));
    QVERIFY(updated.value("hisName").isNull());
    QCOMPARE(updated.value("version").toInteger(), 2);
    const auto stale =
        m_http->call("PATCH", entryPath(id), QJsonObject{{"method", "CT增强"}, {"version", 1}}, m_admin);
    LUMEN_COMPARE_STATUS(stale, 409);

    LUMEN_COMPARE_STATUS(m_http->call("DELETE", entryPath(id), QJsonValue::Undefined, m_admin), 204);
    LUMEN_COMPARE_STATUS(m_http->get(entryPath(id), m_registrar), 404);
    LUMEN_COMPARE_STATUS(m_http->call("DELETE", entryPath(id), QJsonValue::Undefined, m_admin), 404);
    LUMEN_COMPARE_STATUS(m_http->call("PATCH", entryPath(id), QJsonObject{{"method", "x"}}, m_admin), 404);
}

void ExamDictionaryTest::only_exam_dictionary_permission_changes_entries()
{
    const auto created = createEntry(itemCode("IT-P1", "CT平扫", "头颅"));
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = idOf(created);
    for (const char* user : {"registrar", "technologist", "radiologist", "approver", "clinician"}) {
        const auto token = m_http->login(QString::fromLatin1(user));
        LUMEN_COMPARE_STATUS(m_http->call("POST", dictionaryPath, itemCode("IT-P2", "CT平扫"), token), 403);
        LUMEN_COMPARE_STATUS(m_http->call("PATCH", entryPath(id), QJsonObject{{"method", "CT增强"}}, token),
                             403);
        LUMEN_COMPARE_STATUS(m_http->call("DELETE", entryPath(id), QJsonValue::Undefined, token), 403);
        LUMEN_COMPARE_STATUS(m_http->get(entryPath(id), token), 200);
    }
    const auto labqa = m_http->login(QStringLiteral("labqa"));
    LUMEN_COMPARE_STATUS(m_http->get(dictionaryPath, labqa), 403);
    LUMEN_COMPARE_STATUS(m_http->get(dictionaryPath, QString()), 401);
    QCOMPARE(m_http->get(entryPath(id), m_admin).object(), created.object());
}

void ExamDictionaryTest::entries_are_validated_and_unique_per_his_kind_and_code()
{
    struct Case
    {
        QJsonObject row;
        const char* field;
    };
    const QList<Case> bad = {
        {QJsonObject{{"hisCode", "V1"}, {"method", "CT平扫"}}, "kind"},
        {QJsonObject{{"kind", "procedure"}, {"hisCode", "V1"}, {"method", "CT平扫"}}, "kind"},
        {QJsonObject{{"kind", "item"}, {"method", "CT平扫"}}, "hisCode"},
        {QJsonObject{{"kind", "item"}, {"hisCode", "V 1"}, {"method", "CT平扫"}}, "hisCode"},
        {QJsonObject{{"kind", "item"}, {"hisCode", "V1'--"}, {"method", "CT平扫"}}, "hisCode"},
        {QJsonObject{{"kind", "item"}, {"hisCode", 101}, {"method", "CT平扫"}}, "hisCode"},
        {QJsonObject{{"kind", "item"}, {"hisCode", "V1"}}, "method"},
        {QJsonObject{{"kind", "body_part"}, {"hisCode", "V1"}}, "bodyPart"},
        {QJsonObject{{"kind", "body_part"}, {"hisCode", "V1"}, {"bodyPart", "胸部"}, {"method", "CT平扫"}},
         "method"},
        {QJsonObject{{"kind", "item"}, {"hisCode", "V1"}, {"method", "CT平扫"}, {"modality", "CT"}},
         "department"},
        {QJsonObject{{"kind", "item"},
                     {"hisCode", "V1"},
                     {"method", "彩超"},
                     {"department", "ultrasound"},
                     {"modality", "CT"}},
         "modality"},
        {QJsonObject{{"kind", "item"}, {"hisCode", "V1"}, {"method", "CT平扫"}, {"department", "cardiology"}},
         "department"},
        {QJsonObject{{"kind", "item"}, {"hisCode", "V1"}, {"method", "CT平扫"}, {"hisSystem", "HIS A"}},
         "hisSystem"},
        {QJsonObject{{"kind", "item"}, {"hisCode", "V1"}, {"method", "CT平扫"}, {"color", "red"}}, "color"},
    };
    for (const auto& c : bad) {
        const auto reply = createEntry(c.row);
        LUMEN_COMPARE_STATUS(reply, 400);
        QCOMPARE(reply.errorDetails().value("field").toString(), QString::fromLatin1(c.field));
    }
    QVERIFY(m_http->get(dictionaryPath + QStringLiteral("?hisCode=V1"), m_admin)
                .value("items")
                .toArray()
                .isEmpty());

    LUMEN_COMPARE_STATUS(createEntry(itemCode("IT-U1", "CT平扫")), 201);
    const auto again = createEntry(itemCode("IT-U1", "CT增强"));
    LUMEN_COMPARE_STATUS(again, 409);
    QCOMPARE(again.errorCode(), QStringLiteral("duplicate_code"));
    // The same code is free as a body part, and for another HIS.
    LUMEN_COMPARE_STATUS(
        createEntry(QJsonObject{{"kind", "body_part"}, {"hisCode", "IT-U1"}, {"bodyPart", "胸部"}}), 201);
    auto otherHis = itemCode("IT-U1", "CT增强");
    otherHis.insert("hisSystem", "TIJIAN");
    LUMEN_COMPARE_STATUS(createEntry(otherHis), 201);
    // Renaming onto a taken code is refused too.
    const auto spare = createEntry(itemCode("IT-U2", "CT平扫"));
    const auto rename =
        m_http->call("PATCH", entryPath(idOf(spare)), QJsonObject{{"hisCode", "IT-U1"}}, m_admin);
    LUMEN_COMPARE_STATUS(rename, 409);
    QCOMPARE(rename.errorCode(), QStringLiteral("duplicate_code"));
}

// req: 000 §2.3.6.1 HIS orders taken in; §2.3.6.4 HIS items mapped to RIS methods and parts
void ExamDictionaryTest::order_with_his_codes_takes_terms_from_the_dictionary()
{
    LUMEN_COMPARE_STATUS(createEntry(itemCode("IT-M1", "CT增强", "上腹部")), 201);
    LUMEN_COMPARE_STATUS(createEntry(QJsonObject{{"kind", "item"},
                                                 {"hisCode", "IT-M2"},
                                                 {"method", "MR平扫"},
                                                 {"department", "radiology"},
                                                 {"modality", "MR"}}),
                         201);
    LUMEN_COMPARE_STATUS(
        createEntry(QJsonObject{{"kind", "body_part"}, {"hisCode", "IT-BP-LKNEE"}, {"bodyPart", "左膝关节"}}),
        201);
    // No department, modality, method or body part: all from the codes.
    const auto ct = order(
        QJsonObject{{"patientId", m_patient}, {"items", QJsonArray{QJsonObject{{"hisItemCode", "IT-M1"}}}}});
    LUMEN_COMPARE_STATUS(ct, 201);
    QCOMPARE(ct.value("department").toString(), QStringLiteral("radiology"));
    QCOMPARE(ct.value("modality").toString(), QStringLiteral("CT"));
    const auto item = ct.value("items").toArray().at(0).toObject();
    QCOMPARE(item.value("method").toString(), QStringLiteral("CT增强"));
    QCOMPARE(item.value("bodyPart").toString(), QStringLiteral("上腹部"));
    QCOMPARE(item.value("hisItemCode").toString(), QStringLiteral("IT-M1"));
    QVERIFY(ct.value("accessionNumber").toString().startsWith(QLatin1Char('R')));

    const auto mr = order(QJsonObject{
        {"patientId", m_patient},
        {"items", QJsonArray{QJsonObject{{"hisItemCode", "IT-M2"}, {"hisBodyPartCode", "IT-BP-LKNEE"}}}}});
    LUMEN_COMPARE_STATUS(mr, 201);
    QCOMPARE(mr.value("modality").toString(), QStringLiteral("MR"));
    QCOMPARE(mr.value("items").toArray().at(0).toObject().value("method").toString(),
             QStringLiteral("MR平扫"));
    QCOMPARE(mr.value("items").toArray().at(0).toObject().value("bodyPart").toString(),
             QStringLiteral("左膝关节"));
    QCOMPARE(mr.value("items").toArray().at(0).toObject().value("hisBodyPartCode").toString(),
             QStringLiteral("IT-BP-LKNEE"));

    // An item code without a body part needs one from somewhere.
    const auto noPart = order(
        QJsonObject{{"patientId", m_patient}, {"items", QJsonArray{QJsonObject{{"hisItemCode", "IT-M2"}}}}});
    LUMEN_COMPARE_STATUS(noPart, 400);
    QCOMPARE(noPart.errorDetails().value("field").toString(), QStringLiteral("items[0].bodyPart"));

    // The demo dictionary maps the HIS charge codes of the demo orders.
    const auto demo = order(QJsonObject{
        {"patientId", m_patient},
        {"items", QJsonArray{QJsonObject{{"hisItemCode", "400100"}, {"hisBodyPartCode", "B0201"}}}}});
    LUMEN_COMPARE_STATUS(demo, 201);
    QCOMPARE(demo.value("department").toString(), QStringLiteral("ultrasound"));
    QCOMPARE(demo.value("items").toArray().at(0).toObject().value("bodyPart").toString(),
             QStringLiteral("甲状腺"));

    // Changing the dictionary later does not rewrite registered exams.
    const auto rows = m_http->get(dictionaryPath + QStringLiteral("?kind=item&hisCode=IT-M1"), m_admin);
    const auto rowId = rows.value("items").toArray().at(0).toObject().value("id").toInteger();
    LUMEN_COMPARE_STATUS(m_http->call("PATCH", entryPath(rowId), QJsonObject{{"method", "CTA"}}, m_admin),
                         200);
    QCOMPARE(m_http->get(examPath(idOf(ct)), m_registrar)
                 .value("items")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value("method")
                 .toString(),
             QStringLiteral("CT增强"));
    // A row removed later does not block edits of exams registered with it.
    LUMEN_COMPARE_STATUS(m_http->call("DELETE", entryPath(rowId), QJsonValue::Undefined, m_admin), 204);
    LUMEN_COMPARE_STATUS(
        m_http->call("PATCH", examPath(idOf(ct)), QJsonObject{{"feeStatus", "paid"}}, m_registrar), 200);
}

void ExamDictionaryTest::stated_terms_win_over_the_dictionary()
{
    LUMEN_COMPARE_STATUS(createEntry(itemCode("IT-S1", "CT平扫", "胸部")), 201);
    const auto reply = order(QJsonObject{
        {"patientId", m_patient},
        {"department", "radiology"},
        {"modality", "DR"},
        {"items",
         QJsonArray{QJsonObject{{"hisItemCode", "IT-S1"}, {"method", "DR摄影"}, {"bodyPart", "胸部正位"}}}}});
    LUMEN_COMPARE_STATUS(reply, 201);
    QCOMPARE(reply.value("modality").toString(), QStringLiteral("DR"));
    QCOMPARE(reply.value("items").toArray().at(0).toObject().value("method").toString(),
             QStringLiteral("DR摄影"));
    QCOMPARE(reply.value("items").toArray().at(0).toObject().value("bodyPart").toString(),
             QStringLiteral("胸部正位"));
}

void ExamDictionaryTest::the_his_own_entry_wins_over_the_shared_one()
{
    LUMEN_COMPARE_STATUS(createEntry(itemCode("IT-H1", "CT平扫", "胸部")), 201);
    auto own = itemCode("IT-H1", "CT平扫", "头颅");
    own.insert("hisSystem", "TIJIAN");
    LUMEN_COMPARE_STATUS(createEntry(own), 201);
    auto codes = QJsonArray{QJsonObject{{"hisItemCode", "IT-H1"}}};
    const auto shared = order(QJsonObject{{"patientId", m_patient}, {"items", codes}});
    const auto fromTijian =
        order(QJsonObject{{"patientId", m_patient}, {"hisSystem", "TIJIAN"}, {"items", codes}});
    const auto fromOther =
        order(QJsonObject{{"patientId", m_patient}, {"hisSystem", "EMR2"}, {"items", codes}});
    for (const auto* reply : {&shared, &fromTijian, &fromOther})
        LUMEN_COMPARE_STATUS(*reply, 201);
    auto part = [](const HttpReply& r) {
        return r.value("items").toArray().at(0).toObject().value("bodyPart").toString();
    };
    QCOMPARE(part(shared), QStringLiteral("胸部"));
    QCOMPARE(part(fromTijian), QStringLiteral("头颅"));
    QCOMPARE(part(fromOther), QStringLiteral("胸部"));
}

void ExamDictionaryTest::unknown_his_code_is_refused_naming_the_item()
{
    LUMEN_COMPARE_STATUS(createEntry(itemCode("IT-K1", "CT平扫", "胸部")), 201);
    const auto before =
        m_http->get(examsPath + QStringLiteral("?patientId=%1&limit=200").arg(m_patient), m_registrar);
    const auto item = order(QJsonObject{{"patientId", m_patient},
                                        {"items", QJsonArray{QJsonObject{{"hisItemCode", "IT-K1"}},
                                                             QJsonObject{{"hisItemCode", "NOPE-1"}}}}});
    LUMEN_COMPARE_STATUS(item, 422);
    QCOMPARE(item.errorCode(), QStringLiteral("unknown_his_code"));
    QCOMPARE(item.errorDetails().value("field").toString(), QStringLiteral("items[1].hisItemCode"));
    QVERIFY2(item.errorMessage().contains(QStringLiteral("NOPE-1")), item.describe().constData());
    const auto part = order(QJsonObject{
        {"patientId", m_patient},
        {"items", QJsonArray{QJsonObject{{"hisItemCode", "IT-K1"}, {"hisBodyPartCode", "NOPE-2"}}}}});
    LUMEN_COMPARE_STATUS(part, 422);
    QCOMPARE(part.errorDetails().value("field").toString(), QStringLiteral("items[0].hisBodyPartCode"));
    // A code of one HIS is not known to another when no shared entry exists.
    auto own = itemCode("IT-K2", "CT平扫", "胸部");
    own.insert("hisSystem", "TIJIAN");
    LUMEN_COMPARE_STATUS(createEntry(own), 201);
    const auto foreign = order(
        QJsonObject{{"patientId", m_patient}, {"items", QJsonArray{QJsonObject{{"hisItemCode", "IT-K2"}}}}});
    LUMEN_COMPARE_STATUS(foreign, 422);
    const auto after =
        m_http->get(examsPath + QStringLiteral("?patientId=%1&limit=200").arg(m_patient), m_registrar);
    QCOMPARE(after.value("items"), before.value("items"));
}

void ExamDictionaryTest::dictionary_changes_are_audited()
{
    const auto created = createEntry(itemCode("IT-A1", "CT平扫", "胸部"));
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = idOf(created);
    LUMEN_COMPARE_STATUS(m_http->call("PATCH", entryPath(id), QJsonObject{{"bodyPart", "头颅"}}, m_admin),
                         200);
    LUMEN_COMPARE_STATUS(m_http->call("DELETE", entryPath(id), QJsonValue::Undefined, m_admin), 204);
    for (const auto& [action, detailPart] :
         {std::pair<QString, QString>{"exam.dictionary.create", "IT-A1 -> CT平扫 / 胸部"},
          {"exam.dictionary.update", "=> item IT-A1 -> CT平扫 / 头颅"},
          {"exam.dictionary.delete", "IT-A1"}}) {
        const auto entries =
            m_http->get(QStringLiteral("/api/v1/audit?action=") + action, m_admin).value("items").toArray();
        bool found = false;
        for (const auto& e : entries) {
            const auto entry = e.toObject();
            found = found || (entry.value("objectId").toString() == QString::number(id) &&
                              entry.value("user").toString() == QStringLiteral("admin") &&
                              entry.value("detail").toString().contains(detailPart));
        }
        QVERIFY2(found, qPrintable(action));
    }
}

QTEST_GUILESS_MAIN(ExamDictionaryTest)
#include "test_exam_dictionary.moc"
