// Storage Commitment Push Model with the real lumen-server as SCP: Orthanc as the modality that
// asks (after a C-STORE, or for instances it never sent) and receives the N-EVENT-REPORT on an
// association Lumen opens; a DcmSCU client for requests no real modality sends; a report that
// must survive kill -9 of the server; retries and audit. Every peer runs on loopback.
#include "commitment_scu.h"
#include "dicom_tools.h"
#include "http_client.h"
#include "orthanc_peer.h"
#include "server_process.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace lumen::test;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);
const QString ctSeries = testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_5mm");
const QString mrImageStorage = QStringLiteral("1.2.840.10008.5.1.4.1.1.4");
constexpr int noSuchObjectInstance = 0x0112;
constexpr int classInstanceConflict = 0x0119;

#define REQUIRE_ORTHANC()                                                                                    \
    do {                                                                                                     \
        if (!OrthancPeer::installed())                                                                       \
            QSKIP("Orthanc is not installed (Debian package orthanc): /usr/sbin/Orthanc is missing");        \
    } while (false)

QString sopInstance(const QString& file)
{
    return dumpValue(file, QStringLiteral("SOPInstanceUID"));
}

QString sopClass(const QString& file)
{
    return dumpValue(file, QStringLiteral("SOPClassUID"));
}

// Orthanc's report for `transaction` once it is no longer pending (empty object on timeout).
QJsonObject awaitOrthancReport(quint16 orthancHttpPort, const QString& transaction, int timeoutMs = 30000)
{
    HttpClient http(orthancHttpPort);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        const auto reply = http.get(QStringLiteral("/storage-commitment/") + transaction, {});
        if (reply.status == 200 &&
            reply.value(QStringLiteral("Status")).toString() != QStringLiteral("Pending"))
            return reply.object();
        QTest::qWait(100);
    }
    return {};
}

QStringList instancesIn(const QJsonArray& items)
{
    QStringList uids;
    for (const auto& item : items)
        uids << item.toObject().value(QStringLiteral("SOPInstanceUID")).toString();
    uids.sort();
    return uids;
}

} // namespace

class DicomCommitTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ServerProcess m_server;

    QString db() const { return m_server.databasePath(); }

    qint64 count(const QString& sql) const { return countRows(db(), sql); }

    HttpReply registerAe(const QString& aeTitle, quint16 port, bool canStore = true)
    {
        return HttpClient(m_server.httpPort())
            .registerDicomAe(aeTitle, port, QJsonObject{{QStringLiteral("canStore"), canStore}});
    }

    QJsonArray auditEntries(const QString& action)
    {
        HttpClient http(m_server.httpPort());
        return http.get(QStringLiteral("/api/v1/audit?action=") + action, http.login(QStringLiteral("admin")))
            .value(QStringLiteral("items"))
            .toArray();
    }

    // A valid request for `files` (SOP class and instance read from each file).
    CommitmentAction requestFor(const QString& callingAe, const QString& transaction,
                                const QStringList& files)
    {
        CommitmentAction action;
        action.callingAe = callingAe;
        action.transactionUid = transaction;
        for (const QString& file : files)
            action.references.append({sopClass(file), sopInstance(file)});
        return action;
    }

    bool startServer(const QStringList& extraArgs = {})
    {
        m_server.kill();
        m_dir = std::make_unique<QTemporaryDir>();
        return m_server.start(m_dir->path(), extraArgs);
    }

private slots:
    void initTestCase()
    {
        if (!QDir(ctSeries).exists())
            QSKIP("../shared/testdata is absent: the commitment tests send its real CT series");
        for (const char* tool : {"storescu", "dcmdump", "dump2dcm"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP("DCMTK's command-line tools are not installed (Debian package dcmtk)");
    }

    void init() { QVERIFY2(startServer(), qPrintable(m_server.errorString())); }

    void cleanup() { m_server.kill(); }

    // req: issue 3 storage commitment, so modalities can safely delete their copies
    void orthanc_store_with_commitment_is_reported_committed_and_audited()
    {
        REQUIRE_ORTHANC();
        QTemporaryDir orthancDir;
        OrthancPeer orthanc;
        QString error;
        QVERIFY2(orthanc.start(orthancDir.path(), {{"LUMEN", "LUMEN", m_server.dicomPort()}}, error),
                 qPrintable(error));
        QCOMPARE(registerAe(QStringLiteral("ORTHANC"), orthanc.dicomPort).status, 200);

        HttpClient http(orthanc.httpPort);
        const QStringList originals = filesIn(ctSeries).mid(0, 5);
        QJsonArray ids;
        for (const QString& path : originals) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const auto uploaded =
                http.callRaw("POST", QStringLiteral("/instances"), file.readAll(), {}, "application/dicom");
            QVERIFY2(uploaded.status == 200, uploaded.describe().constData());
            ids.append(uploaded.value(QStringLiteral("ID")));
        }
        // C-STORE of the five, then N-ACTION on a new association (Orthanc >= 1.6).
        const auto sent = http.call("POST", QStringLiteral("/modalities/LUMEN/store"),
                                    QJsonObject{{QStringLiteral("Resources"), ids},
                                                {QStringLiteral("StorageCommitment"), true},
                                                {QStringLiteral("Synchronous"), true}});
        QVERIFY2(sent.status == 200, sent.describe().constData());
        const QString transaction = sent.value(QStringLiteral("StorageCommitmentTransactionUID")).toString();
        QVERIFY2(!transaction.isEmpty(), sent.describe().constData());

        const QJsonObject report = awaitOrthancReport(orthanc.httpPort, transaction);
        QVERIFY2(!report.isEmpty(), "Orthanc got no storage commitment report within 30 s");
        QCOMPARE(report.value(QStringLiteral("Status")).toString(), QStringLiteral("Success"));
        QCOMPARE(report.value(QStringLiteral("RemoteAET")).toString(), QStringLiteral("LUMEN"));
        QStringList expected;
        for (const QString& file : originals)
            expected << sopInstance(file);
        expected.sort();
        QCOMPARE(instancesIn(report.value(QStringLiteral("Success")).toArray()), expected);
        QVERIFY(report.value(QStringLiteral("Failures")).toArray().isEmpty());

        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM storage_commitments WHERE transaction_uid = '%1' "
                                      "AND state = 'reported' AND committed_count = 5 AND failed_count = 0 "
                                      "AND calling_ae = 'ORTHANC' AND attempts = 1")
                           .arg(transaction)),
                 qint64(1));
        const QJsonArray audit = auditEntries(QStringLiteral("dicom.commit"));
        QCOMPARE(audit.size(), 1);
        const QJsonObject entry = audit.at(0).toObject();
        QCOMPARE(entry.value(QStringLiteral("user")).toString(), QStringLiteral("AE:ORTHANC"));
        QCOMPARE(entry.value(QStringLiteral("objectType")).toString(), QStringLiteral("commitment"));
        QCOMPARE(entry.value(QStringLiteral("objectId")).toString(), transaction);
        QCOMPARE(entry.value(QStringLiteral("detail")).toString(),
                 QStringLiteral("5 committed, 0 failed, reported to AE ORTHANC"));
    }

    // req: issue 3 an instance the archive does not hold is never reported as committed
    void instances_lumen_does_not_hold_are_listed_as_failed_with_their_reason()
    {
        REQUIRE_ORTHANC();
        const QStringList files = filesIn(ctSeries).mid(0, 3);
        QCOMPARE(storescu(m_server.dicomPort(), files).exitCode, 0);
        QTemporaryDir work;
        const QString note = writeRejectionNote(work.path(), files[0]); // hides files[0]
        QVERIFY(!note.isEmpty());
        QCOMPARE(storescu(m_server.dicomPort(), {note}).exitCode, 0);

        QTemporaryDir orthancDir;
        OrthancPeer orthanc;
        QString error;
        QVERIFY2(orthanc.start(orthancDir.path(), {{"LUMEN", "LUMEN", m_server.dicomPort()}}, error),
                 qPrintable(error));
        QCOMPARE(registerAe(QStringLiteral("ORTHANC"), orthanc.dicomPort).status, 200);
        const QString neverSent = newUid();
        const auto instance = [](const QString& sopClassUid, const QString& sopInstanceUid) {
            return QJsonObject{{QStringLiteral("SOPClassUID"), sopClassUid},
                               {QStringLiteral("SOPInstanceUID"), sopInstanceUid}};
        };
        const QJsonArray asked{instance(sopClass(files[1]), sopInstance(files[1])),
                               instance(sopClass(files[2]), sopInstance(files[2])),
                               instance(sopClass(files[0]), sopInstance(files[0])), // rejected
                               instance(sopClass(files[1]), neverSent),
                               instance(mrImageStorage, sopInstance(files[2]))}; // wrong class
        HttpClient http(orthanc.httpPort);
        const auto asking = http.call("POST", QStringLiteral("/modalities/LUMEN/storage-commitment"),
                                      QJsonObject{{QStringLiteral("DicomInstances"), asked}});
        QVERIFY2(asking.status == 200, asking.describe().constData());
        const QString transaction = asking.value(QStringLiteral("ID")).toString();
        QVERIFY(!transaction.isEmpty());

        const QJsonObject report = awaitOrthancReport(orthanc.httpPort, transaction);
        QVERIFY2(!report.isEmpty(), "Orthanc got no storage commitment report within 30 s");
        QCOMPARE(report.value(QStringLiteral("Status")).toString(), QStringLiteral("Failure"));
        QStringList committed{sopInstance(files[1]), sopInstance(files[2])};
        committed.sort();
        QCOMPARE(instancesIn(report.value(QStringLiteral("Success")).toArray()), committed);
        QMap<QString, QList<int>> reasons; // instance -> failure reasons
        for (const auto& failure : report.value(QStringLiteral("Failures")).toArray()) {
            const QJsonObject f = failure.toObject();
            reasons[f.value(QStringLiteral("SOPInstanceUID")).toString()]
                << f.value(QStringLiteral("FailureReason")).toInt();
        }
        QCOMPARE(reasons.size(), 3);
        QCOMPARE(reasons.value(sopInstance(files[0])), QList<int>{noSuchObjectInstance});
        QCOMPARE(reasons.value(neverSent), QList<int>{noSuchObjectInstance});
        QCOMPARE(reasons.value(sopInstance(files[2])), QList<int>{classInstanceConflict});

        const QJsonArray audit = auditEntries(QStringLiteral("dicom.commit"));
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.at(0).toObject().value(QStringLiteral("detail")).toString(),
                 QStringLiteral("2 committed, 3 failed, reported to AE ORTHANC"));
    }

    void malformed_commitment_requests_are_refused_with_a_reason()
    {
        const QString ct = QStringLiteral("1.2.840.10008.5.1.4.1.1.2");
        const QPair<QString, QString> good{ct, QStringLiteral("1.2.3.4")};
        struct Case
        {
            const char* name;
            CommitmentAction action;
            int status;
            QString comment;
        };
        QList<Case> cases;
        const auto make = [&](auto change) {
            CommitmentAction action;
            action.transactionUid = newUid();
            action.references = {good};
            change(action);
            return action;
        };
        cases.append({"no TransactionUID", make([](CommitmentAction& a) { a.transactionUid.reset(); }),
                      0x0115, QStringLiteral("TransactionUID (0008,1195) is missing")});
        cases.append({"malformed TransactionUID",
                      make([](CommitmentAction& a) { a.transactionUid = QStringLiteral("1.2.abc"); }), 0x0115,
                      QStringLiteral("TransactionUID is not a valid UID")});
        cases.append({"no sequence", make([](CommitmentAction& a) { a.withReferencedSopSequence = false; }),
                      0x0115, QStringLiteral("ReferencedSOPSequence (0008,1199) is missing")});
        cases.append({"empty sequence", make([](CommitmentAction& a) { a.references.clear(); }), 0x0115,
                      QStringLiteral("ReferencedSOPSequence is empty")});
        cases.append({"item without instance", make([&](CommitmentAction& a) {
                          a.references.append({ct, QString()});
                      }),
                      0x0115, QStringLiteral("ReferencedSOPSequence item 2: no ReferencedSOPInstanceUID")});
        cases.append({"item with a bad UID", make([&](CommitmentAction& a) {
                          a.references = {{ct, QStringLiteral("1.02.3")}};
                      }),
                      0x0115, QStringLiteral("ReferencedSOPSequence item 1: invalid UID")});
        cases.append({"no data set", make([](CommitmentAction& a) { a.withDataSet = false; }), 0x0115,
                      QStringLiteral("no Action Information data set")});
        cases.append({"action type 2", make([](CommitmentAction& a) { a.actionTypeId = 2; }), 0x0123,
                      QStringLiteral("Action Type ID 2 is unknown; 1 requests storage commitment")});
        cases.append({"wrong SOP instance",
                      make([](CommitmentAction& a) { a.requestedSopInstanceUid = QStringLiteral("1.2.3"); }),
                      0x0112, QStringLiteral("Requested SOP Instance must be 1.2.840.10008.1.20.1.1")});
        for (const Case& c : cases) {
            const ActionAnswer answer = sendCommitmentAction(m_server.dicomPort(), c.action);
            QVERIFY2(answer.answered, qPrintable(QString::fromLatin1(c.name) + ": " + answer.problem));
            QVERIFY2(answer.status == c.status, qPrintable(QStringLiteral("%1: status %2")
                                                               .arg(QString::fromLatin1(c.name))
                                                               .arg(answer.status, 4, 16)));
            QCOMPARE(answer.errorComment, c.comment);
        }
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM storage_commitments")), qint64(0));
        // Each refusal is logged with its reason (DCMTK's logger, on the server's stderr).
        QTRY_VERIFY_WITH_TIMEOUT(m_server.output().contains("storage commitment request from DEMO_CT refused "
                                                            "with status 0x123: Action Type ID 2 is unknown"),
                                 5000);
        QVERIFY(m_server.output().contains("refused with status 0x115: ReferencedSOPSequence is empty"));
        // And the server still takes a well-formed request.
        const ActionAnswer accepted =
            sendCommitmentAction(m_server.dicomPort(), make([](CommitmentAction&) {}));
        QVERIFY2(accepted.answered && accepted.status == 0,
                 qPrintable(accepted.problem + QStringLiteral(" status %1").arg(accepted.status)));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM storage_commitments")), qint64(1));
    }

    // req: 000 §2.3.1.2 each device has its own rights: store, query, retrieve
    void commitment_from_an_ae_the_archive_cannot_report_to_is_refused()
    {
        QCOMPARE(registerAe(QStringLiteral("NO_STORE"), 11119, false).status, 200);
        auto action = requestFor(QStringLiteral("NO_STORE"), newUid(), filesIn(ctSeries).mid(0, 1));
        const ActionAnswer noStore = sendCommitmentAction(m_server.dicomPort(), action);
        QVERIFY2(noStore.answered, qPrintable(noStore.problem));
        QCOMPARE(noStore.status, 0x0124);
        QCOMPARE(noStore.errorComment, QStringLiteral("AE NO_STORE may not store"));

        // Unknown AEs are refused at association time, unless the archive is promiscuous; then
        // the N-ACTION is refused, as no report could reach them.
        action.callingAe = QStringLiteral("STRANGER");
        const ActionAnswer unknown = sendCommitmentAction(m_server.dicomPort(), action);
        QVERIFY(!unknown.answered);
        QVERIFY2(startServer({QStringLiteral("--dicom-promiscuous"), QStringLiteral("true")}),
                 qPrintable(m_server.errorString()));
        const ActionAnswer promiscuous = sendCommitmentAction(m_server.dicomPort(), action);
        QVERIFY2(promiscuous.answered, qPrintable(promiscuous.problem));
        QCOMPARE(promiscuous.status, 0x0124);
        QCOMPARE(promiscuous.errorComment,
                 QStringLiteral("AE STRANGER is unknown: no address for the report"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM storage_commitments")), qint64(0));
    }

    // req: issue 3 a request answered with success is reported even if the server dies first
    void pending_report_survives_kill_9_and_is_sent_after_restart()
    {
        REQUIRE_ORTHANC();
        // The modality's port has no listener yet: the first delivery fails, the next one is
        // scheduled 30 s later, and the server is killed before that.
        const quint16 modalityPort = freePort();
        QCOMPARE(registerAe(QStringLiteral("MODALITY"), modalityPort).status, 200);
        const QStringList files = filesIn(ctSeries).mid(0, 2);
        QCOMPARE(storescu(m_server.dicomPort(), files).exitCode, 0);
        const QString transaction = newUid();
        const ActionAnswer answer = sendCommitmentAction(
            m_server.dicomPort(), requestFor(QStringLiteral("MODALITY"), transaction, files));
        QVERIFY2(answer.answered && answer.status == 0, qPrintable(answer.problem));
        const QString attempted =
            QStringLiteral("SELECT count(*) FROM storage_commitments WHERE transaction_uid "
                           "= '%1' AND state = 'pending' AND attempts = 1")
                .arg(transaction);
        QTRY_COMPARE_WITH_TIMEOUT(count(attempted), qint64(1), 10000);
        m_server.kill(); // SIGKILL

        QTemporaryDir orthancDir;
        OrthancPeer modality;
        QString error;
        QVERIFY2(modality.start(orthancDir.path(), {{"LUMEN", "LUMEN", 104}}, error, modalityPort),
                 qPrintable(error));
        QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
        const QJsonObject report = awaitOrthancReport(modality.httpPort, transaction, 20000);
        QVERIFY2(!report.isEmpty(), "no report reached the modality after the restart");
        QCOMPARE(report.value(QStringLiteral("Status")).toString(), QStringLiteral("Success"));
        QStringList expected{sopInstance(files[0]), sopInstance(files[1])};
        expected.sort();
        QCOMPARE(instancesIn(report.value(QStringLiteral("Success")).toArray()), expected);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM storage_commitments WHERE transaction_uid = '%1' "
                                      "AND state = 'reported' AND attempts = 2")
                           .arg(transaction)),
                 qint64(1));
    }

    void undeliverable_report_is_retried_then_recorded_as_failed_and_audited()
    {
        QVERIFY2(startServer({QStringLiteral("--commitment-report-attempts"), QStringLiteral("3"),
                              QStringLiteral("--commitment-retry-seconds"), QStringLiteral("1")}),
                 qPrintable(m_server.errorString()));
        QCOMPARE(registerAe(QStringLiteral("MODALITY"), freePort()).status, 200);
        const QString transaction = newUid();
        const ActionAnswer answer =
            sendCommitmentAction(m_server.dicomPort(), requestFor(QStringLiteral("MODALITY"), transaction,
                                                                  filesIn(ctSeries).mid(0, 1)));
        QVERIFY2(answer.answered && answer.status == 0, qPrintable(answer.problem));
        // Attempts at 0 s, 1 s and 3 s.
        const QString failed =
            QStringLiteral("SELECT count(*) FROM storage_commitments WHERE transaction_uid = "
                           "'%1' AND state = 'failed' AND attempts = 3 AND failed_count = 1")
                .arg(transaction);
        QTRY_COMPARE_WITH_TIMEOUT(count(failed), qint64(1), 15000);
        const QJsonArray audit = auditEntries(QStringLiteral("dicom.commit"));
        QCOMPARE(audit.size(), 1);
        const QString detail = audit.at(0).toObject().value(QStringLiteral("detail")).toString();
        QVERIFY2(
            detail.startsWith(QStringLiteral("0 committed, 1 failed, report not delivered after 3 attempts: "
                                             "cannot associate with MODALITY at 127.0.0.1:")),
            qPrintable(detail));
        QVERIFY(m_server.output().contains("storage commitment report not delivered, will retry"));
    }
};

QTEST_GUILESS_MAIN(DicomCommitTest)
#include "test_dicom_commit.moc"
