// Who sees what on the archive's HTTP side: studies of a confidential Lumen patient (matched by a
// hospital identifier equal to the DICOM Patient ID) are hidden from users without
// patient.confidential on QIDO-RS, WADO-RS and WADO-URI, and never answered over DIMSE; every
// DICOMweb and DIMSE access lands in the audit trail with the user or calling AE.
#include "dicomweb_support.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace lumen::test;
using namespace lumen::test::dicomweb;

namespace {
// The GE MR series' Patient ID (mr/ge_signa_16slice), used as the Lumen patient's card number.
const QString mrPatientId = QStringLiteral("583295");
} // namespace

class DicomWebAccessTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    // req: 000 §2.3.1.3 confidential patients
    void confidential_patient_studies_are_hidden_from_registrar_and_radiologist();
    void approver_sees_confidential_patient_studies();
    void confidential_studies_are_never_answered_over_dimse();
    void patient_registered_after_storage_is_matched_and_hidden();
    void dicomweb_search_retrieve_and_store_are_audited_with_the_user();
    void dimse_store_and_find_are_audited_with_the_calling_ae();

private:
    // Registers the MR's patient (not yet confidential), stores the MR and the CT series by
    // C-STORE, then marks the patient confidential as administrator.
    void storeWithConfidentialPatient();
    qint64 createPatient(const QJsonObject& fields);
    ToolResult findStudies(const QString& patientId);
    QJsonArray audit(const QString& query);
    int wadoStatus(const QString& path, const QString& token);

    std::optional<QTemporaryDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<WebClient> m_http;
    QString m_admin;
    QStringList m_mr, m_ct;
    DicomUids m_mrUids, m_ctUids;
};

void DicomWebAccessTest::initTestCase()
{
    if (!haveTestData())
        QSKIP("../shared/testdata is absent: the DICOMweb access tests need its real DICOM files");
    if (!haveTool(QStringLiteral("storescu")) || !haveTool(QStringLiteral("findscu")) ||
        !haveTool(QStringLiteral("dcmdump")))
        QSKIP("DCMTK's storescu/findscu/dcmdump are not installed (Debian package dcmtk)");
    m_mr = dicomFilesIn(testData(QStringLiteral("mr/ge_signa_16slice")));
    m_ct = dicomFilesIn(testData(QStringLiteral("ct/philips_ingenuity_head_phantom_5mm")));
    m_mrUids = readUids(m_mr.first());
    m_ctUids = readUids(m_ct.first());
    QVERIFY(m_mrUids.complete() && m_ctUids.complete());
    QCOMPARE(dumpValue(m_mr.first(), QStringLiteral("PatientID")), mrPatientId);
}

// A fresh archive per function (audit counts, patients), also when the whole executable runs.
void DicomWebAccessTest::init()
{
    m_http.reset();
    m_server.reset();
    m_dir.emplace();
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(m_server->start(m_dir->path()), qPrintable(m_server->errorString()));
    m_http = std::make_unique<WebClient>(m_server->httpPort());
    m_admin = m_http->login(QStringLiteral("admin"));
    QVERIFY(!m_admin.isEmpty());
}

qint64 DicomWebAccessTest::createPatient(const QJsonObject& fields)
{
    const auto reply = m_http->json("POST", QStringLiteral("/api/v1/patients"), m_admin, fields);
    if (reply.status != 201) {
        qWarning("create patient -> %s", reply.describe().constData());
        return -1;
    }
    return qint64(reply.jsonObject().value(QStringLiteral("id")).toDouble());
}

void DicomWebAccessTest::storeWithConfidentialPatient()
{
    const qint64 id = createPatient({{QStringLiteral("name"), QStringLiteral("影像保密测试")},
                                     {QStringLiteral("sex"), QStringLiteral("M")},
                                     {QStringLiteral("medicalCardNo"), mrPatientId}});
    QVERIFY(id > 0);
    const auto r = storescu(m_server->dicomPort(), m_mr + m_ct);
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const auto patch = m_http->json("PATCH", QStringLiteral("/api/v1/patients/%1").arg(id), m_admin,
                                    {{QStringLiteral("confidential"), true}});
    LUMEN_COMPARE_WEB_STATUS(patch, 200);
}

ToolResult DicomWebAccessTest::findStudies(const QString& patientId)
{
    return runTool(QStringLiteral("findscu"),
                   {QStringLiteral("-S"), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"),
                    QStringLiteral("-aec"), QStringLiteral("LUMEN"), QStringLiteral("-k"),
                    QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"),
                    QStringLiteral("PatientID=") + patientId, QStringLiteral("-k"),
                    QStringLiteral("StudyInstanceUID"), QStringLiteral("127.0.0.1"),
                    QString::number(m_server->dicomPort())});
}

QJsonArray DicomWebAccessTest::audit(const QString& query)
{
    const auto reply = m_http->get(QStringLiteral("/api/v1/audit?limit=200&") + query, m_admin);
    if (reply.status != 200) {
        qWarning("audit %s -> %s", qPrintable(query), reply.describe().constData());
        return {};
    }
    return reply.jsonObject().value(QStringLiteral("items")).toArray();
}

int DicomWebAccessTest::wadoStatus(const QString& path, const QString& token)
{
    return m_http->get(path, token).status;
}

void DicomWebAccessTest::confidential_patient_studies_are_hidden_from_registrar_and_radiologist()
{
    storeWithConfidentialPatient();
    const auto& mr = m_mrUids;
    for (const QString& user : {QStringLiteral("registrar"), QStringLiteral("radiologist")}) {
        const QString token = m_http->login(user);
        QVERIFY(!token.isEmpty());
        const auto all = m_http->get(QStringLiteral("/dicom-web/studies"), token);
        LUMEN_COMPARE_WEB_STATUS(all, 200);
        const QStringList studies = jsonStrings(all.jsonArray(), QStringLiteral("0020000D"));
        QVERIFY2(studies.contains(m_ctUids.study), qPrintable(user)); // the ordinary study is listed
        QVERIFY2(!studies.contains(mr.study),
                 qPrintable(user + QStringLiteral(" sees the confidential study")));
        for (const QString& query :
             {QStringLiteral("/dicom-web/studies?PatientID=") + mrPatientId,
              QStringLiteral("/dicom-web/studies?StudyInstanceUID=") + mr.study,
              QStringLiteral("/dicom-web/studies/%1/series").arg(mr.study),
              QStringLiteral("/dicom-web/series?StudyInstanceUID=") + mr.study,
              QStringLiteral("/dicom-web/studies/%1/series/%2/instances").arg(mr.study, mr.series),
              QStringLiteral("/dicom-web/instances?SOPInstanceUID=") + mr.sopInstance}) {
            const auto reply = m_http->get(query, token);
            LUMEN_COMPARE_WEB_STATUS(reply, 200);
            QVERIFY2(reply.jsonArray().isEmpty(), qPrintable(user + QStringLiteral(": ") + query));
        }
        for (const QString& path :
             {QStringLiteral("/dicom-web/studies/") + mr.study,
              QStringLiteral("/dicom-web/studies/%1/series/%2").arg(mr.study, mr.series),
              QStringLiteral("/dicom-web/studies/%1/series/%2/instances/%3")
                  .arg(mr.study, mr.series, mr.sopInstance),
              QStringLiteral("/wado?requestType=WADO&studyUID=%1&seriesUID=%2&objectUID=%3")
                  .arg(mr.study, mr.series, mr.sopInstance)})
            QVERIFY2(wadoStatus(path, token) == 404, qPrintable(user + QStringLiteral(": ") + path));
        QCOMPARE(wadoStatus(QStringLiteral("/dicom-web/studies/") + m_ctUids.study, token), 200);
    }
}

void DicomWebAccessTest::approver_sees_confidential_patient_studies()
{
    storeWithConfidentialPatient();
    const auto& mr = m_mrUids;
    for (const QString& user : {QStringLiteral("approver"), QStringLiteral("admin")}) {
        const QString token = m_http->login(user);
        const auto found = m_http->get(QStringLiteral("/dicom-web/studies?PatientID=") + mrPatientId, token);
        LUMEN_COMPARE_WEB_STATUS(found, 200);
        QCOMPARE(jsonStrings(found.jsonArray(), QStringLiteral("0020000D")), QStringList{mr.study});
        const auto study = m_http->get(QStringLiteral("/dicom-web/studies/") + mr.study, token);
        LUMEN_COMPARE_WEB_STATUS(study, 200);
        QList<MultipartPart> parts;
        QString error;
        QVERIFY2(parseMultipart(study.contentType, study.body, &parts, &error), qPrintable(error));
        QCOMPARE(parts.size(), m_mr.size());
        QCOMPARE(wadoStatus(QStringLiteral("/wado?requestType=WADO&studyUID=%1&seriesUID=%2&objectUID=%3")
                                .arg(mr.study, mr.series, mr.sopInstance),
                            token),
                 200);
    }
}

void DicomWebAccessTest::confidential_studies_are_never_answered_over_dimse()
{
    storeWithConfidentialPatient();
    const auto hidden = findStudies(mrPatientId);
    QVERIFY2(hidden.exitCode == 0, qPrintable(hidden.output));
    QVERIFY2(!hidden.output.contains(m_mrUids.study), qPrintable(hidden.output));
    const auto wildcard = findStudies(QStringLiteral("*"));
    QVERIFY2(wildcard.exitCode == 0, qPrintable(wildcard.output));
    QVERIFY2(!wildcard.output.contains(m_mrUids.study), qPrintable(wildcard.output));
    QVERIFY2(wildcard.output.contains(m_ctUids.study), qPrintable(wildcard.output)); // control
}

// Images often arrive before the patient is registered (emergencies): once a confidential
// patient with that identifier exists, the earlier studies must be theirs and hidden too.
void DicomWebAccessTest::patient_registered_after_storage_is_matched_and_hidden()
{
    const auto r = storescu(m_server->dicomPort(), m_mr);
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QString registrar = m_http->login(QStringLiteral("registrar"));
    const auto before = m_http->get(QStringLiteral("/dicom-web/studies?PatientID=") + mrPatientId, registrar);
    QCOMPARE(before.jsonArray().size(), 1); // not confidential yet: listed
    QVERIFY(createPatient({{QStringLiteral("name"), QStringLiteral("后登记患者")},
                           {QStringLiteral("sex"), QStringLiteral("F")},
                           {QStringLiteral("medicalCardNo"), mrPatientId},
                           {QStringLiteral("confidential"), true}}) > 0);
    const auto after = m_http->get(QStringLiteral("/dicom-web/studies?PatientID=") + mrPatientId, registrar);
    LUMEN_COMPARE_WEB_STATUS(after, 200);
    QVERIFY2(after.jsonArray().isEmpty(),
             "a study stored before its confidential patient was registered stays visible to the registrar");
    QCOMPARE(wadoStatus(QStringLiteral("/dicom-web/studies/") + m_mrUids.study, registrar), 404);
}

void DicomWebAccessTest::dicomweb_search_retrieve_and_store_are_audited_with_the_user()
{
    const auto r = storescu(m_server->dicomPort(), m_ct);
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QString registrar = m_http->login(QStringLiteral("registrar"));
    const QString radiologist = m_http->login(QStringLiteral("radiologist"));
    const QString technologist = m_http->login(QStringLiteral("technologist"));
    LUMEN_COMPARE_WEB_STATUS(m_http->get(QStringLiteral("/dicom-web/studies?PatientID=PLASTIC"), registrar),
                             200);
    LUMEN_COMPARE_WEB_STATUS(m_http->get(QStringLiteral("/dicom-web/studies/") + m_ctUids.study, radiologist),
                             200);
    const QString us = testData(QStringLiteral("us/US1_UNCR_rgb_single.dcm"));
    LUMEN_COMPARE_WEB_STATUS(stow(*m_http, technologist, {us}), 200);

    const auto searches = audit(QStringLiteral("action=dicomweb.search&user=registrar"));
    QVERIFY2(!searches.isEmpty(), "no dicomweb.search entry for the registrar");
    QCOMPARE(searches.first().toObject().value(QStringLiteral("user")).toString(),
             QStringLiteral("registrar"));
    QCOMPARE(searches.first().toObject().value(QStringLiteral("clientAddress")).toString(),
             QStringLiteral("127.0.0.1"));

    const auto retrievals = audit(QStringLiteral("action=dicomweb.retrieve"));
    QCOMPARE(retrievals.size(), 1);
    QCOMPARE(retrievals.first().toObject().value(QStringLiteral("user")).toString(),
             QStringLiteral("radiologist"));
    QCOMPARE(retrievals.first().toObject().value(QStringLiteral("objectId")).toString(), m_ctUids.study);

    const auto stores = audit(QStringLiteral("action=dicomweb.store"));
    QCOMPARE(stores.size(), 1);
    QCOMPARE(stores.first().toObject().value(QStringLiteral("user")).toString(),
             QStringLiteral("technologist"));
    // The stored object itself is recorded like a C-STORE, by the user who sent it.
    const auto stored = audit(QStringLiteral("action=dicom.store&user=technologist"));
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().toObject().value(QStringLiteral("objectId")).toString(),
             readUids(us).sopInstance);
    // Only administrators read the trail.
    LUMEN_COMPARE_WEB_STATUS(m_http->get(QStringLiteral("/api/v1/audit?action=dicomweb.search"), registrar),
                             403);
}

void DicomWebAccessTest::dimse_store_and_find_are_audited_with_the_calling_ae()
{
    const auto r = storescu(m_server->dicomPort(), m_ct);
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QSet<QString> expected;
    for (const auto& f : m_ct)
        expected.insert(readUids(f).sopInstance);
    const auto stores = audit(QStringLiteral("action=dicom.store&user=AE%3ADEMO_CT"));
    QCOMPARE(stores.size(), m_ct.size());
    QSet<QString> audited;
    for (const auto& e : stores) {
        QCOMPARE(e.toObject().value(QStringLiteral("user")).toString(), QStringLiteral("AE:DEMO_CT"));
        audited.insert(e.toObject().value(QStringLiteral("objectId")).toString());
    }
    QCOMPARE(audited, expected);

    const auto find = findStudies(QStringLiteral("PLASTIC"));
    QVERIFY2(find.exitCode == 0, qPrintable(find.output));
    const auto finds = audit(QStringLiteral("action=dicom.find"));
    QCOMPARE(finds.size(), 1);
    QCOMPARE(finds.first().toObject().value(QStringLiteral("user")).toString(), QStringLiteral("AE:DEMO_CT"));
}

QTEST_GUILESS_MAIN(DicomWebAccessTest)
#include "test_dicomweb_access.moc"
