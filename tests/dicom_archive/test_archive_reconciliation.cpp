// Integration tests of the archive's repair paths: studies nobody matched, assigning them to a
// patient and back, matching on arrival by hospital identifier, moving a misfiled series, and
// rejection notes that hide instances until revoked. The real lumen-server, DCMTK's tools.
#include "dicom_tools.h"
#include "http_client.h"
#include "server_process.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen::test;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);
const QString ctSeries = testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_5mm");
const QString mrSeries = testData + QStringLiteral("/mr/ge_signa_16slice");

} // namespace

class ArchiveReconciliationTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ServerProcess m_server;

    ToolResult store(const QStringList& files) { return storescu(m_server.dicomPort(), files); }
    qint64 visibleInstances()
    {
        return countRows(m_server.databasePath(),
                         QStringLiteral("SELECT count(*) FROM dicom_instances WHERE hidden = 0"));
    }
    QJsonArray unmatched(HttpClient& http, const QString& token)
    {
        const auto reply = http.get(QStringLiteral("/api/v1/archive/unmatched"), token);
        return reply.value(QStringLiteral("items")).toArray();
    }

private slots:
    void initTestCase()
    {
        if (!QDir(ctSeries).exists())
            QSKIP("../shared/testdata is absent: these tests need its real DICOM files");
        QVERIFY2(m_server.start(m_dir.path()), qPrintable(m_server.errorString()));
    }

    // req: 000 §2.3.1.2 match images to patients; 003 §2 repair of wrong data
    void unmatched_study_is_listed_assigned_and_unassigned()
    {
        QCOMPARE(store(filesIn(ctSeries)).exitCode, 0);
        HttpClient http(m_server.httpPort());
        const QString registrar = http.login(QStringLiteral("registrar"));
        auto items = unmatched(http, registrar);
        QCOMPARE(items.size(), 1);
        const QString study = items.at(0).toObject().value(QStringLiteral("studyUid")).toString();
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("dicomPatientId")).toString(),
                 QStringLiteral("PLASTIC"));

        const auto assigned =
            http.call("POST", QStringLiteral("/api/v1/archive/studies/%1/assign").arg(study),
                      QJsonObject{{QStringLiteral("patientId"), 1}}, registrar);
        QVERIFY2(assigned.status == 200, assigned.describe().constData());
        QCOMPARE(assigned.value(QStringLiteral("patientId")).toInt(), 1);
        QCOMPARE(unmatched(http, registrar).size(), 0);

        // Undo: back to unmatched, and both changes are in the audit trail.
        const auto undone =
            http.call("POST", QStringLiteral("/api/v1/archive/studies/%1/assign").arg(study),
                      QJsonObject{{QStringLiteral("patientId"), QJsonValue::Null}}, registrar);
        QVERIFY2(undone.status == 200, undone.describe().constData());
        QCOMPARE(unmatched(http, registrar).size(), 1);
        const auto audit = http.get(QStringLiteral("/api/v1/audit?action=archive.assign"),
                                    http.login(QStringLiteral("admin")));
        const auto entries = audit.value(QStringLiteral("items")).toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).toObject().value(QStringLiteral("detail")).toString(),
                 QStringLiteral("from 1 to unmatched"));
        QCOMPARE(entries.at(1).toObject().value(QStringLiteral("detail")).toString(),
                 QStringLiteral("from unmatched to 1"));
    }

    void assigning_needs_write_permission_and_a_real_patient()
    {
        QCOMPARE(store(filesIn(ctSeries).mid(0, 2)).exitCode, 0);
        HttpClient http(m_server.httpPort());
        const QString study = dumpValue(filesIn(ctSeries).first(), QStringLiteral("StudyInstanceUID"));
        const auto path = QStringLiteral("/api/v1/archive/studies/%1/assign").arg(study);
        QCOMPARE(http.call("POST", path, QJsonObject{{QStringLiteral("patientId"), 1}},
                           http.login(QStringLiteral("radiologist")))
                     .status,
                 403);
        const QString registrar = http.login(QStringLiteral("registrar"));
        QCOMPARE(
            http.call("POST", path, QJsonObject{{QStringLiteral("patientId"), 999999}}, registrar).status,
            404);
        QCOMPARE(http.call("POST", path, QJsonObject{{QStringLiteral("patientId"), QStringLiteral("1")}},
                           registrar)
                     .status,
                 400);
        QCOMPARE(http.call("POST", QStringLiteral("/api/v1/archive/studies/1.2.3/assign"),
                           QJsonObject{{QStringLiteral("patientId"), 1}}, registrar)
                     .status,
                 404);
        QCOMPARE(unmatched(http, registrar).size(), 1);
    }

    void study_is_matched_on_arrival_by_any_hospital_identifier()
    {
        HttpClient http(m_server.httpPort());
        const QString registrar = http.login(QStringLiteral("registrar"));
        const auto created =
            http.call("POST", QStringLiteral("/api/v1/patients"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("模体")},
                                  {QStringLiteral("sex"), QStringLiteral("O")},
                                  {QStringLiteral("outpatientNo"), QStringLiteral("PLASTIC")}},
                      registrar);
        QVERIFY2(created.status == 201, created.describe().constData());
        QCOMPARE(store(filesIn(ctSeries).mid(0, 3)).exitCode, 0);
        QCOMPARE(unmatched(http, registrar).size(), 0);
        QCOMPARE(countRows(m_server.databasePath(),
                           QStringLiteral("SELECT count(*) FROM dicom_studies WHERE patient_id = %1")
                               .arg(created.value(QStringLiteral("id")).toInt())),
                 qint64(1));
    }

    void misfiled_series_moves_to_another_study()
    {
        if (!QDir(mrSeries).exists())
            QSKIP("the MR test series is absent");
        QCOMPARE(store(filesIn(ctSeries).mid(0, 2) + filesIn(mrSeries)).exitCode, 0);
        HttpClient http(m_server.httpPort());
        const QString registrar = http.login(QStringLiteral("registrar"));
        const QString ctStudy = dumpValue(filesIn(ctSeries).first(), QStringLiteral("StudyInstanceUID"));
        const QString mrSeriesUid = dumpValue(filesIn(mrSeries).first(), QStringLiteral("SeriesInstanceUID"));
        const auto moved =
            http.call("POST", QStringLiteral("/api/v1/archive/series/%1/move").arg(mrSeriesUid),
                      QJsonObject{{QStringLiteral("studyUid"), ctStudy}}, registrar);
        QVERIFY2(moved.status == 204, moved.describe().constData());
        const auto series = http.get(QStringLiteral("/dicom-web/studies/%1/series").arg(ctStudy), registrar);
        QVERIFY2(series.status == 200, series.describe().constData());
        QCOMPARE(series.json.array().size(), 2);
        // The emptied MR study no longer answers queries.
        QCOMPARE(unmatched(http, registrar).size(), 1);
    }

    // req: imaging object change management (IHE IOCM) rejection notes, reversible
    void rejection_note_hides_instances_until_revoked()
    {
        const auto files = filesIn(ctSeries);
        QCOMPARE(store(files).exitCode, 0);
        QCOMPARE(visibleInstances(), qint64(28));
        const QString note = writeRejectionNote(m_dir.path(), files.first(), QStringLiteral("113001"));
        QVERIFY(!note.isEmpty());
        QCOMPARE(store({note}).exitCode, 0);
        // The 28 CT slices less the rejected one, plus the note itself.
        QCOMPARE(visibleInstances(), qint64(28));
        QCOMPARE(countRows(m_server.databasePath(),
                           QStringLiteral("SELECT count(*) FROM dicom_instances WHERE hidden = 1 AND "
                                          "sop_instance_uid = '%1'")
                               .arg(dumpValue(files.first(), QStringLiteral("SOPInstanceUID")))),
                 qint64(1));
        const auto find = runTool(
            QStringLiteral("findscu"),
            {QStringLiteral("-S"), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
             QStringLiteral("LUMEN"), QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=IMAGE"),
             QStringLiteral("-k"),
             QStringLiteral("SOPInstanceUID=") + dumpValue(files.first(), QStringLiteral("SOPInstanceUID")),
             QStringLiteral("127.0.0.1"), QString::number(m_server.dicomPort())});
        QCOMPARE(find.exitCode, 0);
        QVERIFY2(!find.output.contains(QStringLiteral("(0008,0018)")), qPrintable(find.output));

        HttpClient http(m_server.httpPort());
        QCOMPARE(http.call("POST",
                           QStringLiteral("/api/v1/archive/rejections/2.25.4711000000000000000001/revoke"),
                           QJsonObject{}, http.login(QStringLiteral("registrar")))
                     .status,
                 403);
        const auto revoked =
            http.call("POST", QStringLiteral("/api/v1/archive/rejections/2.25.4711000000000000000001/revoke"),
                      QJsonObject{}, http.login(QStringLiteral("admin")));
        QVERIFY2(revoked.status == 200, revoked.describe().constData());
        QCOMPARE(revoked.value(QStringLiteral("shown")).toInt(), 1);
        QCOMPARE(visibleInstances(), qint64(29));
    }

    void key_object_that_is_not_a_rejection_hides_nothing()
    {
        const auto files = filesIn(ctSeries).mid(0, 3);
        QCOMPARE(store(files).exitCode, 0);
        // 113000 "Of Interest" is a KOS too, but selects rather than rejects.
        const QString note = writeRejectionNote(m_dir.path(), files.first(), QStringLiteral("113000"));
        QCOMPARE(store({note}).exitCode, 0);
        QCOMPARE(visibleInstances(), qint64(4));
    }
};

QTEST_GUILESS_MAIN(ArchiveReconciliationTest)
#include "test_archive_reconciliation.moc"
