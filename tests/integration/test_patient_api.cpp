// Patient registration, identifiers, search, history and merges through the real lumen-server.
#include "http_client.h"
#include "patient_samples.h"
#include "server_process.h"

#include <QDateTime>
#include <QSet>
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

const char* const identifierKinds[] = {"nationalId",     "medicalCardNo",    "outpatientNo", "inpatientNo",
                                       "registrationNo", "socialSecurityNo", "hisPatientId"};
} // namespace

class PatientApiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void create_derives_sex_and_birth_date_from_national_id();
    void create_trims_strings_and_normalises_national_id();
    void create_requires_name_and_sex();
    void get_returns_the_created_patient();
    void patch_with_current_version_updates_and_null_clears();
    void patch_with_stale_version_is_conflict_and_changes_nothing();
    void history_lists_create_and_updates_newest_first();
    void duplicate_identifier_is_refused_per_kind_data();
    void duplicate_identifier_is_refused_per_kind();
    void identifier_value_may_repeat_across_kinds();
    void same_name_and_birth_date_is_possible_duplicate_until_confirmed();
    void national_id_with_wrong_check_digit_is_invalid_field();
    void sex_or_birth_date_contradicting_national_id_is_unprocessable();
    void search_finds_patient_by_every_identifier_kind();
    void search_finds_patient_by_exact_phone();
    void search_finds_patients_by_name_prefix();
    void search_pages_with_limit_offset_and_has_more();
    void merge_hides_source_and_resolves_its_identifier_to_target();
    void unmerge_restores_source();
    void merge_into_itself_is_bad_request();
    void concurrent_creates_with_same_identifier_store_exactly_one();
    void concurrent_patches_with_same_version_let_exactly_one_win();

private:
    HttpReply create(const QJsonObject& body);
    int countMatching(const QString& query);
    HttpReply fetch(qint64 id) { return m_http->get(patientPath(id), m_registrar); }

    std::optional<QTemporaryDir> m_dir; // made in initTestCase, so `-functions` leaves nothing behind
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    QString m_registrar;
};

void PatientApiTest::initTestCase()
{
    m_dir.emplace();
    QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
    QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_registrar = m_http->login(QStringLiteral("registrar"));
    QVERIFY(!m_registrar.isEmpty());
}

void PatientApiTest::cleanupTestCase()
{
    QVERIFY(m_server.terminate());
}

HttpReply PatientApiTest::create(const QJsonObject& body)
{
    return m_http->call("POST", patientsPath, body, m_registrar);
}

int PatientApiTest::countMatching(const QString& query)
{
    const auto page =
        m_http->get(HttpClient::withQuery(patientsPath, {{"q", query}, {"limit", "200"}}), m_registrar);
    return page.status == 200 ? int(page.value(QStringLiteral("items")).toArray().size()) : -1;
}

// req: 000 §2.3.1.1 patient with every hospital identifier
void PatientApiTest::create_derives_sex_and_birth_date_from_national_id()
{
    const QString male = makeNationalId(QStringLiteral("19800503"), 123);
    const auto man = create({{"name", "测创建男"}, {"nationalId", male}, {"medicalCardNo", "IT-CREATE-M"}});
    LUMEN_COMPARE_STATUS(man, 201);
    QVERIFY(idOf(man) > 200);
    QCOMPARE(man.value(QStringLiteral("sex")).toString(), QStringLiteral("M"));
    QCOMPARE(man.value(QStringLiteral("birthDate")).toString(), QStringLiteral("1980-05-03"));
    QCOMPARE(man.value(QStringLiteral("nationalId")).toString(), male);
    QCOMPARE(man.value(QStringLiteral("medicalCardNo")).toString(), QStringLiteral("IT-CREATE-M"));
    QCOMPARE(man.value(QStringLiteral("version")).toInteger(), 1);
    QCOMPARE(man.value(QStringLiteral("confidential")).toBool(), false);
    QVERIFY(man.value(QStringLiteral("mergedInto")).isNull());
    QVERIFY(man.value(QStringLiteral("inpatientNo")).isNull());
    QVERIFY(QDateTime::fromString(man.value(QStringLiteral("createdAt")).toString(), Qt::ISODate).isValid());

    const auto woman =
        create({{"name", "测创建女"}, {"nationalId", makeNationalId(QStringLiteral("20010229"), 0)}});
    // 2001-02-29 does not exist: the ID is invalid.
    LUMEN_COMPARE_STATUS(woman, 400);
    const auto realWoman =
        create({{"name", "测创建女"}, {"nationalId", makeNationalId(QStringLiteral("20000229"), 246)}});
    LUMEN_COMPARE_STATUS(realWoman, 201);
    QCOMPARE(realWoman.value(QStringLiteral("sex")).toString(), QStringLiteral("F"));
    QCOMPARE(realWoman.value(QStringLiteral("birthDate")).toString(), QStringLiteral("2000-02-29"));
}

void PatientApiTest::create_trims_strings_and_normalises_national_id()
{
    // Find an order code whose check character is X, and send it as a lower-case x.
    QString withX;
    for (int seq = 1; seq < 999 && withX.isEmpty(); seq += 2) {
        const auto id = makeNationalId(QStringLiteral("19910817"), seq);
        if (id.endsWith(QLatin1Char('X')))
            withX = id;
    }
    QVERIFY(!withX.isEmpty());
    const auto reply = create({{"name", "  测修剪  "},
                               {"sex", "M"},
                               {"nationalId", withX.toLower()},
                               {"phone", " 13800000001 "},
                               {"address", ""},
                               {"outpatientNo", "  IT-TRIM-OP "}});
    LUMEN_COMPARE_STATUS(reply, 201);
    QCOMPARE(reply.value(QStringLiteral("name")).toString(), QStringLiteral("测修剪"));
    QCOMPARE(reply.value(QStringLiteral("nationalId")).toString(), withX);
    QCOMPARE(reply.value(QStringLiteral("phone")).toString(), QStringLiteral("13800000001"));
    QVERIFY(reply.value(QStringLiteral("address")).isNull());
    QCOMPARE(reply.value(QStringLiteral("outpatientNo")).toString(), QStringLiteral("IT-TRIM-OP"));
    // The lower-case form finds it too.
    QCOMPARE(countMatching(withX.toLower()), 1);
}

void PatientApiTest::create_requires_name_and_sex()
{
    const auto noName = create({{"sex", "F"}, {"medicalCardNo", "IT-NONAME"}});
    LUMEN_COMPARE_STATUS(noName, 400);
    QCOMPARE(noName.errorCode(), QStringLiteral("missing_field"));
    QVERIFY2(noName.errorMessage().contains(QStringLiteral("name")), noName.describe().constData());

    const auto blankName = create({{"name", "   "}, {"sex", "F"}, {"medicalCardNo", "IT-NONAME"}});
    LUMEN_COMPARE_STATUS(blankName, 400);
    QCOMPARE(blankName.errorCode(), QStringLiteral("missing_field"));
    QCOMPARE(countMatching(QStringLiteral("IT-NONAME")), 0);

    // API.md: "`name` and `sex` are required" (sex may come from a national ID, see above).
    const auto noSex = create({{"name", "测无性别"}, {"medicalCardNo", "IT-NOSEX"}});
    LUMEN_COMPARE_STATUS(noSex, 400);
    QCOMPARE(noSex.errorCode(), QStringLiteral("missing_field"));
    QVERIFY2(noSex.errorMessage().contains(QStringLiteral("sex")), noSex.describe().constData());
    QCOMPARE(countMatching(QStringLiteral("IT-NOSEX")), 0);
}

void PatientApiTest::get_returns_the_created_patient()
{
    const auto created = create({{"name", "测读取"},
                                 {"sex", "O"},
                                 {"birthDate", "1966-06-06"},
                                 {"phone", "010-12345678"},
                                 {"address", "北京市东城区测试路1号"},
                                 {"hisPatientId", "IT-GET-HIS"}});
    LUMEN_COMPARE_STATUS(created, 201);
    const auto fetched = fetch(idOf(created));
    LUMEN_COMPARE_STATUS(fetched, 200);
    QCOMPARE(fetched.object(), created.object());
    LUMEN_COMPARE_STATUS(fetch(987654), 404);
    QCOMPARE(fetch(987654).errorCode(), QStringLiteral("not_found"));
}

// req: 000 §2.3.7.5 query and modify patient information
void PatientApiTest::patch_with_current_version_updates_and_null_clears()
{
    const auto created =
        create({{"name", "测修改"}, {"sex", "F"}, {"address", "旧地址"}, {"phone", "13700000001"}});
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = idOf(created);
    const auto patched = m_http->call("PATCH", patientPath(id),
                                      QJsonObject{{"version", 1}, {"phone", "13700000002"}}, m_registrar);
    LUMEN_COMPARE_STATUS(patched, 200);
    QCOMPARE(patched.value(QStringLiteral("version")).toInteger(), 2);
    QCOMPARE(patched.value(QStringLiteral("phone")).toString(), QStringLiteral("13700000002"));
    QCOMPARE(patched.value(QStringLiteral("address")).toString(), QStringLiteral("旧地址"));
    QCOMPARE(patched.value(QStringLiteral("createdAt")), created.value(QStringLiteral("createdAt")));

    // Without a version the change applies to whatever is current; null clears the field.
    const auto cleared =
        m_http->call("PATCH", patientPath(id), QJsonObject{{"address", QJsonValue::Null}}, m_registrar);
    LUMEN_COMPARE_STATUS(cleared, 200);
    QVERIFY(cleared.value(QStringLiteral("address")).isNull());
    QCOMPARE(cleared.value(QStringLiteral("version")).toInteger(), 3);
    QCOMPARE(fetch(id).object(), cleared.object());
}

void PatientApiTest::patch_with_stale_version_is_conflict_and_changes_nothing()
{
    const auto created = create({{"name", "测并发"}, {"sex", "M"}, {"phone", "13600000001"}});
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = idOf(created);
    LUMEN_COMPARE_STATUS(m_http->call("PATCH", patientPath(id),
                                      QJsonObject{{"version", 1}, {"phone", "13600000002"}}, m_registrar),
                         200);

    // A second desk still holding version 1.
    const auto stale = m_http->call("PATCH", patientPath(id),
                                    QJsonObject{{"version", 1}, {"phone", "13600000003"}}, m_registrar);
    LUMEN_COMPARE_STATUS(stale, 409);
    QCOMPARE(stale.errorCode(), QStringLiteral("conflict"));
    const auto now = fetch(id);
    QCOMPARE(now.value(QStringLiteral("version")).toInteger(), 2);
    QCOMPARE(now.value(QStringLiteral("phone")).toString(), QStringLiteral("13600000002"));

    const auto future = m_http->call("PATCH", patientPath(id),
                                     QJsonObject{{"version", 7}, {"phone", "13600000004"}}, m_registrar);
    LUMEN_COMPARE_STATUS(future, 409);
    QCOMPARE(fetch(id).value(QStringLiteral("version")).toInteger(), 2);
}

// req: 000 §2.3.7.5 query and modify patient information
void PatientApiTest::history_lists_create_and_updates_newest_first()
{
    const auto created = create({{"name", "测历史"}, {"sex", "F"}, {"phone", "13500000001"}});
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = idOf(created);
    LUMEN_COMPARE_STATUS(
        m_http->call("PATCH", patientPath(id), QJsonObject{{"phone", "13500000002"}}, m_registrar), 200);
    const auto admin = m_http->login(QStringLiteral("admin"));
    LUMEN_COMPARE_STATUS(m_http->call("PATCH", patientPath(id), QJsonObject{{"phone", "13500000003"}}, admin),
                         200);

    const auto history = m_http->get(patientPath(id) + QStringLiteral("/history"), m_registrar);
    LUMEN_COMPARE_STATUS(history, 200);
    const auto items = history.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 3);
    const auto newest = items.at(0).toObject();
    const auto middle = items.at(1).toObject();
    const auto oldest = items.at(2).toObject();
    QCOMPARE(newest.value(QStringLiteral("action")).toString(), QStringLiteral("update"));
    QCOMPARE(newest.value(QStringLiteral("user")).toString(), QStringLiteral("admin"));
    QCOMPARE(newest.value(QStringLiteral("before")).toObject().value(QStringLiteral("phone")).toString(),
             QStringLiteral("13500000002"));
    QCOMPARE(newest.value(QStringLiteral("after")).toObject().value(QStringLiteral("phone")).toString(),
             QStringLiteral("13500000003"));
    QCOMPARE(middle.value(QStringLiteral("action")).toString(), QStringLiteral("update"));
    QCOMPARE(middle.value(QStringLiteral("user")).toString(), QStringLiteral("registrar"));
    QCOMPARE(middle.value(QStringLiteral("after")).toObject().value(QStringLiteral("version")).toInteger(),
             2);
    QCOMPARE(oldest.value(QStringLiteral("action")).toString(), QStringLiteral("create"));
    QVERIFY(oldest.value(QStringLiteral("before")).isNull());
    QCOMPARE(oldest.value(QStringLiteral("after")).toObject().value(QStringLiteral("phone")).toString(),
             QStringLiteral("13500000001"));
    QVERIFY(newest.value(QStringLiteral("at")).toString() >= oldest.value(QStringLiteral("at")).toString());
}

void PatientApiTest::duplicate_identifier_is_refused_per_kind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("value");
    int seq = 301;
    for (const char* kind : identifierKinds) {
        const QString value = QLatin1String(kind) == QLatin1String("nationalId")
                                  ? makeNationalId(QStringLiteral("19700101"), seq += 2)
                                  : QStringLiteral("IT-DUP-%1").arg(QLatin1String(kind));
        QTest::newRow(kind) << QString::fromLatin1(kind) << value;
    }
}

// req: 000 §2.3.1.1 patient with every hospital identifier
void PatientApiTest::duplicate_identifier_is_refused_per_kind()
{
    QFETCH(QString, kind);
    QFETCH(QString, value);
    const auto first = create({{"name", "测唯一甲" + kind}, {"sex", "U"}, {kind, value}});
    LUMEN_COMPARE_STATUS(first, 201);

    const QString secondName = "测唯一乙" + kind;
    const auto second = create({{"name", secondName}, {"sex", "U"}, {kind, value}});
    LUMEN_COMPARE_STATUS(second, 409);
    QCOMPARE(second.errorCode(), QStringLiteral("duplicate_identifier"));
    QCOMPARE(second.errorDetails().value(QStringLiteral("patientId")).toInteger(), idOf(first));
    QCOMPARE(countMatching(secondName), 0);

    // Taking the identifier over by an edit is refused the same way.
    const auto other = create({{"name", secondName}, {"sex", "U"}});
    LUMEN_COMPARE_STATUS(other, 201);
    const auto patch =
        m_http->call("PATCH", patientPath(idOf(other)), QJsonObject{{kind, value}}, m_registrar);
    LUMEN_COMPARE_STATUS(patch, 409);
    QCOMPARE(patch.errorCode(), QStringLiteral("duplicate_identifier"));
    QCOMPARE(patch.errorDetails().value(QStringLiteral("patientId")).toInteger(), idOf(first));
    QCOMPARE(fetch(idOf(other)).value(QStringLiteral("version")).toInteger(), 1);
    QVERIFY(fetch(idOf(other)).value(kind).isNull());
}

void PatientApiTest::identifier_value_may_repeat_across_kinds()
{
    const auto a = create({{"name", "测跨类甲"}, {"sex", "M"}, {"medicalCardNo", "IT-SHARED-9"}});
    LUMEN_COMPARE_STATUS(a, 201);
    const auto b = create({{"name", "测跨类乙"}, {"sex", "M"}, {"outpatientNo", "IT-SHARED-9"}});
    LUMEN_COMPARE_STATUS(b, 201);
    QCOMPARE(countMatching(QStringLiteral("IT-SHARED-9")), 2);
}

void PatientApiTest::same_name_and_birth_date_is_possible_duplicate_until_confirmed()
{
    const QJsonObject person{{"name", "测疑似重复"}, {"sex", "F"}, {"birthDate", "1975-02-14"}};
    const auto first = create(person);
    LUMEN_COMPARE_STATUS(first, 201);

    const auto second = create(person);
    LUMEN_COMPARE_STATUS(second, 409);
    QCOMPARE(second.errorCode(), QStringLiteral("possible_duplicate"));
    const auto candidates = second.errorDetails().value(QStringLiteral("candidates")).toArray();
    QCOMPARE(candidates.size(), 1);
    QCOMPARE(candidates.at(0).toObject().value(QStringLiteral("id")).toInteger(), idOf(first));
    QCOMPARE(candidates.at(0).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("测疑似重复"));
    QCOMPARE(countMatching(QStringLiteral("测疑似重复")), 1);

    QJsonObject confirmed = person;
    confirmed.insert(QStringLiteral("confirmDuplicate"), true);
    const auto third = create(confirmed);
    LUMEN_COMPARE_STATUS(third, 201);
    QVERIFY(idOf(third) != idOf(first));
    QCOMPARE(countMatching(QStringLiteral("测疑似重复")), 2);

    // A different birth date is simply another patient.
    LUMEN_COMPARE_STATUS(create({{"name", "测疑似重复"}, {"sex", "F"}, {"birthDate", "1975-02-15"}}), 201);
}

void PatientApiTest::national_id_with_wrong_check_digit_is_invalid_field()
{
    const QString bad = withWrongCheckDigit(makeNationalId(QStringLiteral("19880808"), 555));
    const auto reply = create({{"name", "测校验位"}, {"sex", "M"}, {"nationalId", bad}});
    LUMEN_COMPARE_STATUS(reply, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("invalid_field"));
    QVERIFY2(reply.errorMessage().contains(QStringLiteral("nationalId")), reply.describe().constData());
    QCOMPARE(reply.errorDetails().value(QStringLiteral("field")).toString(), QStringLiteral("nationalId"));
    QCOMPARE(countMatching(QStringLiteral("测校验位")), 0);

    for (const QString& malformed :
         {QStringLiteral("11010119880808555"), QStringLiteral("1101011988080855A1"),
          makeNationalId(QStringLiteral("29880808"), 555)}) {
        const auto r = create({{"name", "测校验位"}, {"sex", "M"}, {"nationalId", malformed}});
        QVERIFY2(r.status == 400 && r.errorCode() == QLatin1String("invalid_field"),
                 qPrintable(malformed + QStringLiteral(" -> ") + QString::fromUtf8(r.describe())));
    }
    QCOMPARE(countMatching(QStringLiteral("测校验位")), 0);
}

void PatientApiTest::sex_or_birth_date_contradicting_national_id_is_unprocessable()
{
    const QString male = makeNationalId(QStringLiteral("19650312"), 17);
    const auto wrongSex = create({{"name", "测矛盾"}, {"sex", "F"}, {"nationalId", male}});
    LUMEN_COMPARE_STATUS(wrongSex, 422);
    QCOMPARE(wrongSex.errorCode(), QStringLiteral("inconsistent_national_id"));
    QCOMPARE(wrongSex.errorDetails().value(QStringLiteral("field")).toString(), QStringLiteral("sex"));

    const auto wrongBirth =
        create({{"name", "测矛盾"}, {"sex", "M"}, {"birthDate", "1965-03-13"}, {"nationalId", male}});
    LUMEN_COMPARE_STATUS(wrongBirth, 422);
    QCOMPARE(wrongBirth.errorCode(), QStringLiteral("inconsistent_national_id"));
    QCOMPARE(wrongBirth.errorDetails().value(QStringLiteral("field")).toString(),
             QStringLiteral("birthDate"));
    QCOMPARE(countMatching(QStringLiteral("测矛盾")), 0);

    // The same check guards edits.
    const auto created = create({{"name", "测矛盾"}, {"nationalId", male}});
    LUMEN_COMPARE_STATUS(created, 201);
    const auto patch =
        m_http->call("PATCH", patientPath(idOf(created)), QJsonObject{{"sex", "F"}}, m_registrar);
    LUMEN_COMPARE_STATUS(patch, 422);
    QCOMPARE(fetch(idOf(created)).value(QStringLiteral("sex")).toString(), QStringLiteral("M"));
    QCOMPARE(fetch(idOf(created)).value(QStringLiteral("version")).toInteger(), 1);
}

// req: 000 §2.3.1.1 patient with every hospital identifier, fast search
void PatientApiTest::search_finds_patient_by_every_identifier_kind()
{
    QJsonObject body{{"name", "测全标识"}, {"sex", "F"}};
    QHash<QString, QString> values;
    for (const char* kind : identifierKinds) {
        const QString value = QLatin1String(kind) == QLatin1String("nationalId")
                                  ? makeNationalId(QStringLiteral("19920202"), 88)
                                  : QStringLiteral("IT-ALL.%1/7").arg(QLatin1String(kind));
        values.insert(QString::fromLatin1(kind), value);
        body.insert(QString::fromLatin1(kind), value);
    }
    const auto created = create(body);
    LUMEN_COMPARE_STATUS(created, 201);
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const auto page = m_http->get(HttpClient::withQuery(patientsPath, {{"q", it.value()}}), m_registrar);
        LUMEN_COMPARE_STATUS(page, 200);
        QVERIFY2(itemIds(page) == QList<qint64>{idOf(created)},
                 qPrintable(it.key() + QStringLiteral(": ") + QString::fromUtf8(page.describe())));
        QCOMPARE(page.value(QStringLiteral("items")).toArray().at(0).toObject().value(it.key()).toString(),
                 it.value());
    }
    // Identifiers match exactly, not by prefix.
    QCOMPARE(countMatching(QStringLiteral("IT-ALL.medicalCardNo")), 0);
    // Demo identifiers are found the same way.
    const auto demo = m_http->get(HttpClient::withQuery(patientsPath, {{"q", "HIS1000002"}}), m_registrar);
    QCOMPARE(itemIds(demo), QList<qint64>{3});
}

void PatientApiTest::search_finds_patient_by_exact_phone()
{
    const auto created = create({{"name", "测电话"}, {"sex", "M"}, {"phone", "13912340001"}});
    LUMEN_COMPARE_STATUS(created, 201);
    const auto page = m_http->get(HttpClient::withQuery(patientsPath, {{"q", "13912340001"}}), m_registrar);
    LUMEN_COMPARE_STATUS(page, 200);
    QCOMPARE(itemIds(page), QList<qint64>{idOf(created)});
    QCOMPARE(countMatching(QStringLiteral("1391234000")), 0);
}

// req: 000 §2.3.1.1 fast search
void PatientApiTest::search_finds_patients_by_name_prefix()
{
    QSet<qint64> ids;
    for (const char* name : {"测前缀甲", "测前缀乙", "测前缀丙一"}) {
        const auto r = create({{"name", QString::fromUtf8(name)}, {"sex", "U"}});
        LUMEN_COMPARE_STATUS(r, 201);
        ids.insert(idOf(r));
    }
    const auto page = m_http->get(HttpClient::withQuery(patientsPath, {{"q", "测前缀"}}), m_registrar);
    LUMEN_COMPARE_STATUS(page, 200);
    const auto found = itemIds(page);
    QCOMPARE(QSet<qint64>(found.begin(), found.end()), ids);
    QCOMPARE(countMatching(QStringLiteral("测前缀丙")), 1);
    QCOMPARE(countMatching(QStringLiteral("前缀")), 0);
    QCOMPARE(countMatching(QStringLiteral("测前缀丁")), 0);
}

void PatientApiTest::search_pages_with_limit_offset_and_has_more()
{
    for (int i = 1; i <= 5; ++i)
        LUMEN_COMPARE_STATUS(create({{"name", QStringLiteral("测分页%1").arg(i)}, {"sex", "U"}}), 201);
    QList<qint64> all;
    const int expectedSizes[] = {2, 2, 1};
    const bool expectedMore[] = {true, true, false};
    for (int pageNo = 0; pageNo < 3; ++pageNo) {
        const auto page = m_http->get(
            HttpClient::withQuery(patientsPath,
                                  {{"q", "测分页"}, {"limit", "2"}, {"offset", QString::number(pageNo * 2)}}),
            m_registrar);
        LUMEN_COMPARE_STATUS(page, 200);
        QCOMPARE(page.value(QStringLiteral("limit")).toInt(), 2);
        QCOMPARE(page.value(QStringLiteral("offset")).toInt(), pageNo * 2);
        QCOMPARE(page.value(QStringLiteral("items")).toArray().size(), expectedSizes[pageNo]);
        QCOMPARE(page.value(QStringLiteral("hasMore")).toBool(), expectedMore[pageNo]);
        all += itemIds(page);
    }
    QCOMPARE(QSet<qint64>(all.begin(), all.end()).size(), 5);
    const auto past =
        m_http->get(HttpClient::withQuery(patientsPath, {{"q", "测分页"}, {"offset", "10"}}), m_registrar);
    LUMEN_COMPARE_STATUS(past, 200);
    QCOMPARE(past.value(QStringLiteral("items")).toArray().size(), 0);
    QCOMPARE(past.value(QStringLiteral("hasMore")).toBool(), false);
    const auto exact =
        m_http->get(HttpClient::withQuery(patientsPath, {{"q", "测分页"}, {"limit", "5"}}), m_registrar);
    QCOMPARE(exact.value(QStringLiteral("items")).toArray().size(), 5);
    QCOMPARE(exact.value(QStringLiteral("hasMore")).toBool(), false);
    // Without q the default page holds 50 patients.
    const auto first = m_http->get(patientsPath, m_registrar);
    QCOMPARE(first.value(QStringLiteral("limit")).toInt(), 50);
    QCOMPARE(first.value(QStringLiteral("items")).toArray().size(), 50);
    QCOMPARE(first.value(QStringLiteral("hasMore")).toBool(), true);
}

// req: 000 §2.3.7.5 merge patient information
void PatientApiTest::merge_hides_source_and_resolves_its_identifier_to_target()
{
    const auto target = create({{"name", "测合并目标"}, {"sex", "M"}, {"medicalCardNo", "IT-MRG-T"}});
    const auto source = create({{"name", "测合并来源"}, {"sex", "M"}, {"medicalCardNo", "IT-MRG-S"}});
    LUMEN_COMPARE_STATUS(target, 201);
    LUMEN_COMPARE_STATUS(source, 201);
    const auto t = idOf(target), s = idOf(source);

    const auto merge = m_http->call("POST", patientPath(t) + QStringLiteral("/merge"),
                                    QJsonObject{{"sourceId", s}}, m_registrar);
    LUMEN_COMPARE_STATUS(merge, 200);
    QVERIFY(merge.value(QStringLiteral("mergeId")).toInteger() > 0);
    QCOMPARE(merge.value(QStringLiteral("target")).toObject().value(QStringLiteral("id")).toInteger(), t);
    QCOMPARE(merge.value(QStringLiteral("source")).toObject().value(QStringLiteral("mergedInto")).toInteger(),
             t);

    // Searching for the duplicate's card number finds the surviving patient.
    const auto bySourceId =
        m_http->get(HttpClient::withQuery(patientsPath, {{"q", "IT-MRG-S"}}), m_registrar);
    QCOMPARE(itemIds(bySourceId), QList<qint64>{t});
    const auto byPrefix = m_http->get(HttpClient::withQuery(patientsPath, {{"q", "测合并"}}), m_registrar);
    QCOMPARE(itemIds(byPrefix), QList<qint64>{t});
    // The duplicate stays on record, pointing at the target, and can no longer be edited.
    const auto kept = fetch(s);
    LUMEN_COMPARE_STATUS(kept, 200);
    QCOMPARE(kept.value(QStringLiteral("mergedInto")).toInteger(), t);
    const auto edit =
        m_http->call("PATCH", patientPath(s), QJsonObject{{"phone", "13300000000"}}, m_registrar);
    LUMEN_COMPARE_STATUS(edit, 409);
    const auto history = m_http->get(patientPath(s) + QStringLiteral("/history"), m_registrar);
    QCOMPARE(history.value(QStringLiteral("items"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("action"))
                 .toString(),
             QStringLiteral("merge"));

    // A merged patient cannot be merged again, nor receive another patient.
    const auto third = create({{"name", "测合并第三"}, {"sex", "M"}});
    LUMEN_COMPARE_STATUS(third, 201);
    LUMEN_COMPARE_STATUS(m_http->call("POST", patientPath(idOf(third)) + QStringLiteral("/merge"),
                                      QJsonObject{{"sourceId", s}}, m_registrar),
                         409);
    LUMEN_COMPARE_STATUS(m_http->call("POST", patientPath(s) + QStringLiteral("/merge"),
                                      QJsonObject{{"sourceId", idOf(third)}}, m_registrar),
                         409);
    QCOMPARE(fetch(idOf(third)).value(QStringLiteral("version")).toInteger(), 1);
}

// req: 000 §2.3.7.5 merge patient information (and repair of wrong merges)
void PatientApiTest::unmerge_restores_source()
{
    const auto target = create({{"name", "测拆分目标"}, {"sex", "F"}, {"inpatientNo", "IT-UNM-T"}});
    const auto source = create({{"name", "测拆分来源"}, {"sex", "F"}, {"inpatientNo", "IT-UNM-S"}});
    const auto t = idOf(target), s = idOf(source);
    LUMEN_COMPARE_STATUS(m_http->call("POST", patientPath(t) + QStringLiteral("/merge"),
                                      QJsonObject{{"sourceId", s}}, m_registrar),
                         200);
    QCOMPARE(itemIds(m_http->get(HttpClient::withQuery(patientsPath, {{"q", "IT-UNM-S"}}), m_registrar)),
             QList<qint64>{t});

    const auto unmerge = m_http->call("POST", patientPath(t) + QStringLiteral("/unmerge"),
                                      QJsonObject{{"sourceId", s}}, m_registrar);
    LUMEN_COMPARE_STATUS(unmerge, 200);
    const auto restored = unmerge.value(QStringLiteral("source")).toObject();
    QCOMPARE(restored.value(QStringLiteral("id")).toInteger(), s);
    QVERIFY(restored.value(QStringLiteral("mergedInto")).isNull());

    QCOMPARE(itemIds(m_http->get(HttpClient::withQuery(patientsPath, {{"q", "IT-UNM-S"}}), m_registrar)),
             QList<qint64>{s});
    QCOMPARE(itemIds(m_http->get(HttpClient::withQuery(patientsPath, {{"q", "IT-UNM-T"}}), m_registrar)),
             QList<qint64>{t});
    QCOMPARE(countMatching(QStringLiteral("测拆分")), 2);
    // Editable again.
    LUMEN_COMPARE_STATUS(
        m_http->call("PATCH", patientPath(s), QJsonObject{{"phone", "13300000001"}}, m_registrar), 200);
    // Unmerging twice is a conflict and changes nothing.
    const auto again = m_http->call("POST", patientPath(t) + QStringLiteral("/unmerge"),
                                    QJsonObject{{"sourceId", s}}, m_registrar);
    LUMEN_COMPARE_STATUS(again, 409);
    QVERIFY(fetch(s).value(QStringLiteral("mergedInto")).isNull());
    const auto history = m_http->get(patientPath(s) + QStringLiteral("/history"), m_registrar);
    QStringList actions;
    for (const auto& h : history.value(QStringLiteral("items")).toArray())
        actions << h.toObject().value(QStringLiteral("action")).toString();
    QCOMPARE(actions, (QStringList{"update", "unmerge", "merge", "create"}));
}

void PatientApiTest::merge_into_itself_is_bad_request()
{
    const auto p = create({{"name", "测自合并"}, {"sex", "M"}});
    LUMEN_COMPARE_STATUS(p, 201);
    const auto reply = m_http->call("POST", patientPath(idOf(p)) + QStringLiteral("/merge"),
                                    QJsonObject{{"sourceId", idOf(p)}}, m_registrar);
    LUMEN_COMPARE_STATUS(reply, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("invalid_field"));
    QVERIFY(reply.errorMessage().contains(QStringLiteral("sourceId")));
    const auto after = fetch(idOf(p));
    QCOMPARE(after.value(QStringLiteral("version")).toInteger(), 1);
    QVERIFY(after.value(QStringLiteral("mergedInto")).isNull());

    const auto missingSource =
        m_http->call("POST", patientPath(idOf(p)) + QStringLiteral("/merge"), QJsonObject{}, m_registrar);
    LUMEN_COMPARE_STATUS(missingSource, 400);
    QCOMPARE(missingSource.errorCode(), QStringLiteral("missing_field"));
    const auto unknownSource = m_http->call("POST", patientPath(idOf(p)) + QStringLiteral("/merge"),
                                            QJsonObject{{"sourceId", 987654}}, m_registrar);
    LUMEN_COMPARE_STATUS(unknownSource, 404);
    QCOMPARE(fetch(idOf(p)).value(QStringLiteral("version")).toInteger(), 1);
}

// Two desks registering the same card at the same moment: one wins, the other hears why.
void PatientApiTest::concurrent_creates_with_same_identifier_store_exactly_one()
{
    QList<HttpClient::Request> requests;
    for (int i = 0; i < 12; ++i)
        requests.append({"POST", patientsPath,
                         QJsonObject{{"name", QStringLiteral("测同卡%1").arg(i)},
                                     {"sex", "M"},
                                     {"medicalCardNo", "IT-RACE-CARD"}},
                         m_registrar});
    const auto replies = m_http->callAll(requests);
    int created = 0;
    for (const auto& r : replies) {
        QVERIFY2(r.status == 201 ||
                     (r.status == 409 && r.errorCode() == QLatin1String("duplicate_identifier")),
                 r.describe().constData());
        created += r.status == 201;
    }
    QCOMPARE(created, 1);
    QCOMPARE(countMatching(QStringLiteral("IT-RACE-CARD")), 1);
    QCOMPARE(countMatching(QStringLiteral("测同卡")), 1);
}

void PatientApiTest::concurrent_patches_with_same_version_let_exactly_one_win()
{
    const auto created = create({{"name", "测同改"}, {"sex", "F"}});
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = idOf(created);
    QList<HttpClient::Request> requests;
    for (int i = 0; i < 12; ++i)
        requests.append(
            {"PATCH", patientPath(id),
             QJsonObject{{"version", 1},
                         {"phone", QStringLiteral("137000000%1").arg(i, 2, 10, QLatin1Char('0'))}},
             m_registrar});
    const auto replies = m_http->callAll(requests);
    QString winner;
    for (const auto& r : replies) {
        QVERIFY2(r.status == 200 || (r.status == 409 && r.errorCode() == QLatin1String("conflict")),
                 r.describe().constData());
        if (r.status == 200) {
            QVERIFY2(winner.isEmpty(), "two edits of version 1 were both accepted");
            winner = r.value(QStringLiteral("phone")).toString();
        }
    }
    QVERIFY(!winner.isEmpty());
    const auto now = fetch(id);
    QCOMPARE(now.value(QStringLiteral("version")).toInteger(), 2);
    QCOMPARE(now.value(QStringLiteral("phone")).toString(), winner);
    QCOMPARE(m_http->get(patientPath(id) + QStringLiteral("/history"), m_registrar)
                 .value("items")
                 .toArray()
                 .size(),
             2);
}

QTEST_GUILESS_MAIN(PatientApiTest)
#include "test_patient_api.moc"
