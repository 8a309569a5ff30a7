// Role-based access and confidential patients, enforced by the real lumen-server over HTTP.
// Demo data: patients 8, 58, 108 and 158 are confidential.
#include "http_client.h"
#include "patient_samples.h"
#include "server_process.h"

#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

using namespace lumen::test;

namespace {
const QString patientsPath = QStringLiteral("/api/v1/patients");
const QList<qint64> confidentialIds = {8, 58, 108, 158};
const QStringList demoUsers = {"admin",     "registrar", "technologist", "radiologist", "approver",
                               "clinician", "labtech",   "labqa",        "consultant"};

QString patientPath(qint64 id)
{
    return patientsPath + QStringLiteral("/%1").arg(id);
}

// How many of the 200 demo patients (ids 1..200) are among `ids`; other tests may add patients.
qsizetype demoIdsIn(const QSet<qint64>& ids)
{
    return std::count_if(ids.begin(), ids.end(), [](qint64 id) { return id >= 1 && id <= 200; });
}
} // namespace

class AccessControlTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void every_demo_account_signs_in_with_its_role_permissions_data();
    void every_demo_account_signs_in_with_its_role_permissions();
    void lab_qa_cannot_search_or_read_patients();
    void read_only_roles_cannot_create_or_change_patients_data();
    void read_only_roles_cannot_create_or_change_patients();
    void only_administrators_read_the_audit_trail_data();
    void only_administrators_read_the_audit_trail();
    void registrar_search_does_not_list_confidential_patients();
    void registrar_gets_not_found_for_confidential_patient();
    void registrar_cannot_change_or_merge_confidential_patient();
    void approver_and_admin_see_confidential_patients();
    void registrar_cannot_mark_patient_confidential();
    void duplicate_candidates_hide_confidential_patients();
    void duplicate_identifier_does_not_reveal_confidential_patient();

private:
    QString token(const QString& user) const { return m_tokens.value(user); }
    // Every patient the user can list (the demo has 200, the limit allows 200 per page).
    QSet<qint64> listedIds(const QString& user);
    qint64 versionOf(qint64 id);

    std::optional<QTemporaryDir> m_dir; // made in initTestCase, so `-functions` leaves nothing behind
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    QHash<QString, QString> m_tokens;
};

void AccessControlTest::initTestCase()
{
    m_dir.emplace();
    QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
    QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    for (const auto& user : demoUsers) {
        HttpReply reply;
        const auto t = m_http->login(user, QString::fromLatin1(demoPassword), &reply);
        QVERIFY2(!t.isEmpty(), qPrintable(user + QStringLiteral(": ") + QString::fromUtf8(reply.describe())));
        m_tokens.insert(user, t);
    }
}

void AccessControlTest::cleanupTestCase()
{
    QVERIFY(m_server.terminate());
}

QSet<qint64> AccessControlTest::listedIds(const QString& user)
{
    QSet<qint64> ids;
    for (int offset = 0;; offset += 200) {
        const auto page =
            m_http->get(patientsPath + QStringLiteral("?limit=200&offset=%1").arg(offset), token(user));
        if (page.status != 200)
            qFatal("listing patients failed: %s", page.describe().constData());
        for (const auto& item : page.value(QStringLiteral("items")).toArray())
            ids.insert(item.toObject().value(QStringLiteral("id")).toInteger());
        if (!page.value(QStringLiteral("hasMore")).toBool())
            break;
    }
    return ids;
}

qint64 AccessControlTest::versionOf(qint64 id)
{
    const auto reply = m_http->get(patientPath(id), token(QStringLiteral("admin")));
    return reply.status == 200 ? reply.value(QStringLiteral("version")).toInteger() : -1;
}

void AccessControlTest::every_demo_account_signs_in_with_its_role_permissions_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QStringList>("permissions");
    const QStringList readOnly{"patient.read", "exam.read"};
    QTest::newRow("admin") << "admin"
                           << "administrator"
                           << QStringList{"patient.read",         "patient.write",   "patient.merge",
                                          "patient.confidential", "audit.read",      "user.admin",
                                          "archive.admin",        "image.store",     "exam.read",
                                          "exam.register",        "exam.perform",    "exam.release",
                                          "exam.dictionary",      "scheduling.admin"};
    QTest::newRow("registrar") << "registrar"
                               << "registrar" << QStringList{"patient.read", "patient.write", "patient.merge",
                                                             "exam.read",    "exam.register", "exam.release"};
    QTest::newRow("technologist") << "technologist"
                                  << "technologist"
                                  << QStringList{"patient.read", "image.store", "exam.read", "exam.perform"};
    QTest::newRow("radiologist") << "radiologist"
                                 << "radiologist"
                                 << QStringList{"patient.read", "image.store", "exam.read", "exam.report"};
    QTest::newRow("approver") << "approver"
                              << "approving_radiologist"
                              << QStringList{"patient.read", "patient.confidential", "image.store",
                                             "exam.read",    "exam.report",          "exam.approve",
                                             "exam.release"};
    QTest::newRow("clinician") << "clinician"
                               << "clinician" << readOnly;
    QTest::newRow("labtech") << "labtech"
                             << "lab_technician" << QStringList{"patient.read"};
    QTest::newRow("labqa") << "labqa"
                           << "lab_qa" << QStringList{};
    QTest::newRow("consultant") << "consultant"
                                << "consultant" << readOnly;
}

void AccessControlTest::every_demo_account_signs_in_with_its_role_permissions()
{
    QFETCH(QString, user);
    QFETCH(QString, role);
    QFETCH(QStringList, permissions);
    const auto reply = m_http->get(QStringLiteral("/api/v1/session"), token(user));
    LUMEN_COMPARE_STATUS(reply, 200);
    const auto who = reply.value(QStringLiteral("user")).toObject();
    QCOMPARE(who.value(QStringLiteral("roles"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("role"))
                 .toString(),
             role);
    QSet<QString> got;
    for (const auto& p : who.value(QStringLiteral("permissions")).toArray())
        got.insert(p.toString());
    QCOMPARE(got, QSet<QString>(permissions.begin(), permissions.end()));
}

void AccessControlTest::lab_qa_cannot_search_or_read_patients()
{
    const QString labqa = token(QStringLiteral("labqa"));
    for (const QString& path : {patientsPath, patientsPath + QStringLiteral("?q=JZK10000001"), patientPath(1),
                                patientPath(1) + QStringLiteral("/history")}) {
        const auto reply = m_http->get(path, labqa);
        QVERIFY2(reply.status == 403,
                 qPrintable(path + QStringLiteral(" -> ") + QString::fromUtf8(reply.describe())));
        QCOMPARE(reply.errorCode(), QStringLiteral("forbidden"));
        QVERIFY(!reply.body.contains("JZK"));
    }
}

void AccessControlTest::read_only_roles_cannot_create_or_change_patients_data()
{
    QTest::addColumn<QString>("user");
    for (const char* user :
         {"technologist", "radiologist", "approver", "clinician", "labtech", "labqa", "consultant"})
        QTest::newRow(user) << QString::fromLatin1(user);
}

void AccessControlTest::read_only_roles_cannot_create_or_change_patients()
{
    QFETCH(QString, user);
    const QString t = token(user);
    const QString name = QStringLiteral("测只读") + user;

    const auto create = m_http->call("POST", patientsPath, QJsonObject{{"name", name}, {"sex", "M"}}, t);
    LUMEN_COMPARE_STATUS(create, 403);
    QCOMPARE(create.errorCode(), QStringLiteral("forbidden"));

    const auto patch = m_http->call("PATCH", patientPath(3), QJsonObject{{"phone", "13900000000"}}, t);
    LUMEN_COMPARE_STATUS(patch, 403);
    QCOMPARE(patch.errorCode(), QStringLiteral("forbidden"));

    const auto merge =
        m_http->call("POST", patientPath(3) + QStringLiteral("/merge"), QJsonObject{{"sourceId", 4}}, t);
    LUMEN_COMPARE_STATUS(merge, 403);
    const auto unmerge =
        m_http->call("POST", patientPath(3) + QStringLiteral("/unmerge"), QJsonObject{{"sourceId", 4}}, t);
    LUMEN_COMPARE_STATUS(unmerge, 403);

    // Nothing changed.
    const auto admin = token(QStringLiteral("admin"));
    const auto search = m_http->get(HttpClient::withQuery(patientsPath, {{"q", name}}), admin);
    QCOMPARE(search.value(QStringLiteral("items")).toArray().size(), 0);
    QCOMPARE(versionOf(3), 1);
    QCOMPARE(versionOf(4), 1);
    QVERIFY(m_http->get(patientPath(4), admin).value(QStringLiteral("mergedInto")).isNull());
}

void AccessControlTest::only_administrators_read_the_audit_trail_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("expected");
    for (const auto& user : demoUsers)
        QTest::newRow(qPrintable(user)) << user << (user == QLatin1String("admin") ? 200 : 403);
}

void AccessControlTest::only_administrators_read_the_audit_trail()
{
    QFETCH(QString, user);
    QFETCH(int, expected);
    for (const QString& path :
         {QStringLiteral("/api/v1/audit"), QStringLiteral("/api/v1/audit?user=registrar"),
          QStringLiteral("/api/v1/audit/verify")}) {
        const auto reply = m_http->get(path, token(user));
        QVERIFY2(reply.status == expected,
                 qPrintable(path + QStringLiteral(" -> ") + QString::fromUtf8(reply.describe())));
        if (expected == 403)
            QCOMPARE(reply.errorCode(), QStringLiteral("forbidden"));
    }
}

// req: 000 §2.3.1.3 confidential patients
void AccessControlTest::registrar_search_does_not_list_confidential_patients()
{
    const auto registrar = token(QStringLiteral("registrar"));
    const auto listed = listedIds(QStringLiteral("registrar"));
    QCOMPARE(demoIdsIn(listed), 200 - confidentialIds.size());
    for (auto id : confidentialIds)
        QVERIFY2(!listed.contains(id), qPrintable(QStringLiteral("confidential patient %1 listed").arg(id)));

    // Nor can it be found by any of its identifiers, its phone or its full name.
    const auto hidden = m_http->get(patientPath(8), token(QStringLiteral("approver")));
    LUMEN_COMPARE_STATUS(hidden, 200);
    const auto p = hidden.object();
    QVERIFY(p.value(QStringLiteral("confidential")).toBool());
    for (const char* field :
         {"name", "phone", "nationalId", "medicalCardNo", "outpatientNo", "registrationNo", "hisPatientId"}) {
        const QString value = p.value(QLatin1String(field)).toString();
        QVERIFY2(!value.isEmpty(), field);
        const auto search = m_http->get(HttpClient::withQuery(patientsPath, {{"q", value}}), registrar);
        LUMEN_COMPARE_STATUS(search, 200);
        QVERIFY2(!itemsContainId(search.object(), 8),
                 qPrintable(QStringLiteral("found by ") + QLatin1String(field)));
    }
}

// req: 000 §2.3.1.3 confidential patients
void AccessControlTest::registrar_gets_not_found_for_confidential_patient()
{
    const auto registrar = token(QStringLiteral("registrar"));
    const auto absent = m_http->get(patientPath(99999), registrar);
    LUMEN_COMPARE_STATUS(absent, 404);
    for (auto id : confidentialIds) {
        const auto reply = m_http->get(patientPath(id), registrar);
        LUMEN_COMPARE_STATUS(reply, 404);
        QCOMPARE(reply.errorCode(), QStringLiteral("not_found"));
        // Indistinguishable from a patient that does not exist.
        QCOMPARE(reply.errorMessage(), absent.errorMessage());
        const auto history = m_http->get(patientPath(id) + QStringLiteral("/history"), registrar);
        LUMEN_COMPARE_STATUS(history, 404);
    }
    // Other read-only roles are refused the same way.
    for (const char* user : {"radiologist", "technologist", "clinician", "consultant", "labtech"})
        LUMEN_COMPARE_STATUS(m_http->get(patientPath(8), token(QLatin1String(user))), 404);
}

// req: 000 §2.3.1.3 confidential patients
void AccessControlTest::registrar_cannot_change_or_merge_confidential_patient()
{
    const auto registrar = token(QStringLiteral("registrar"));
    const auto patch =
        m_http->call("PATCH", patientPath(58), QJsonObject{{"phone", "13900000058"}}, registrar);
    LUMEN_COMPARE_STATUS(patch, 404);
    const auto mergeIn = m_http->call("POST", patientPath(5) + QStringLiteral("/merge"),
                                      QJsonObject{{"sourceId", 58}}, registrar);
    LUMEN_COMPARE_STATUS(mergeIn, 404);
    const auto mergeInto = m_http->call("POST", patientPath(58) + QStringLiteral("/merge"),
                                        QJsonObject{{"sourceId", 5}}, registrar);
    LUMEN_COMPARE_STATUS(mergeInto, 404);
    QCOMPARE(versionOf(58), 1);
    QCOMPARE(versionOf(5), 1);
}

// req: 000 §2.3.1.3 confidential patients
void AccessControlTest::approver_and_admin_see_confidential_patients()
{
    for (const char* user : {"approver", "admin"}) {
        const auto listed = listedIds(QLatin1String(user));
        QCOMPARE(demoIdsIn(listed), 200);
        for (auto id : confidentialIds) {
            QVERIFY(listed.contains(id));
            const auto reply = m_http->get(patientPath(id), token(QLatin1String(user)));
            LUMEN_COMPARE_STATUS(reply, 200);
            QVERIFY(reply.value(QStringLiteral("confidential")).toBool());
        }
        const auto search = m_http->get(
            HttpClient::withQuery(patientsPath, {{"q", QStringLiteral("JZK10000007")}}), token(user));
        QVERIFY(itemsContainId(search.object(), 8));
    }
}

// req: 000 §2.3.1.3 confidential patients
void AccessControlTest::registrar_cannot_mark_patient_confidential()
{
    const auto registrar = token(QStringLiteral("registrar"));
    const QString name = QStringLiteral("测保密登记");
    const auto create = m_http->call(
        "POST", patientsPath, QJsonObject{{"name", name}, {"sex", "F"}, {"confidential", true}}, registrar);
    LUMEN_COMPARE_STATUS(create, 403);
    QCOMPARE(create.errorCode(), QStringLiteral("forbidden"));
    const auto admin = token(QStringLiteral("admin"));
    QCOMPARE(m_http->get(HttpClient::withQuery(patientsPath, {{"q", name}}), admin)
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             0);

    const auto patch = m_http->call("PATCH", patientPath(6), QJsonObject{{"confidential", true}}, registrar);
    LUMEN_COMPARE_STATUS(patch, 403);
    QCOMPARE(patch.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(versionOf(6), 1);
    LUMEN_COMPARE_STATUS(m_http->get(patientPath(6), registrar), 200);

    // Nor may a registrar lift the mark (the patient is invisible to them anyway).
    const auto unmark =
        m_http->call("PATCH", patientPath(108), QJsonObject{{"confidential", false}}, registrar);
    LUMEN_COMPARE_STATUS(unmark, 404);
    QCOMPARE(versionOf(108), 1);

    // An administrator may mark a patient; from then on the registrar no longer sees it.
    const auto adminPatch = m_http->call("PATCH", patientPath(6), QJsonObject{{"confidential", true}}, admin);
    LUMEN_COMPARE_STATUS(adminPatch, 200);
    QVERIFY(adminPatch.value(QStringLiteral("confidential")).toBool());
    LUMEN_COMPARE_STATUS(m_http->get(patientPath(6), registrar), 404);
    LUMEN_COMPARE_STATUS(m_http->get(patientPath(6), token(QStringLiteral("approver"))), 200);
    LUMEN_COMPARE_STATUS(m_http->call("PATCH", patientPath(6), QJsonObject{{"confidential", false}}, admin),
                         200);
    LUMEN_COMPARE_STATUS(m_http->get(patientPath(6), registrar), 200);
}

// req: 000 §2.3.1.3 confidential patients
void AccessControlTest::duplicate_candidates_hide_confidential_patients()
{
    const auto hidden = m_http->get(patientPath(158), token(QStringLiteral("admin"))).object();
    const QJsonObject body{{"name", hidden.value(QStringLiteral("name"))},
                           {"sex", hidden.value(QStringLiteral("sex"))},
                           {"birthDate", hidden.value(QStringLiteral("birthDate"))}};
    const auto reply = m_http->call("POST", patientsPath, body, token(QStringLiteral("registrar")));
    // Either accepted or a possible duplicate, but never one that shows the confidential patient.
    QVERIFY2(reply.status == 201 || reply.status == 409, reply.describe().constData());
    for (const auto& c : reply.errorDetails().value(QStringLiteral("candidates")).toArray())
        QVERIFY2(c.toObject().value(QStringLiteral("id")).toInteger() != 158, reply.describe().constData());
    QVERIFY(!reply.body.contains(hidden.value(QStringLiteral("nationalId")).toString().toLatin1()));
}

// req: 000 §2.3.1.3 confidential patients
// The card number must stay unique, but a user who may not see patient 8 must not learn its id
// (or anything else about it) from the refusal either.
void AccessControlTest::duplicate_identifier_does_not_reveal_confidential_patient()
{
    const auto registrar = token(QStringLiteral("registrar"));
    const auto reply = m_http->call(
        "POST", patientsPath,
        QJsonObject{{"name", "测保密卡号"}, {"sex", "M"}, {"medicalCardNo", "JZK10000007"}}, registrar);
    LUMEN_COMPARE_STATUS(reply, 409);
    QCOMPARE(reply.errorCode(), QStringLiteral("duplicate_identifier"));
    QVERIFY2(reply.errorDetails().value(QStringLiteral("patientId")).toInteger() != 8,
             reply.describe().constData());
    QVERIFY2(!reply.errorMessage().contains(QStringLiteral("patient 8")), reply.describe().constData());
    // A user allowed to see the patient is told who holds the card.
    const auto approverView =
        m_http->call("POST", patientsPath,
                     QJsonObject{{"name", "测保密卡号"}, {"sex", "M"}, {"medicalCardNo", "JZK10000007"}},
                     token(QStringLiteral("admin")));
    LUMEN_COMPARE_STATUS(approverView, 409);
    QCOMPARE(approverView.errorDetails().value(QStringLiteral("patientId")).toInteger(), 8);
}

QTEST_GUILESS_MAIN(AccessControlTest)
#include "test_access_control.moc"
