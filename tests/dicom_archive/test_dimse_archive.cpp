// Integration tests of the archive's DIMSE services: the real lumen-server driven by DCMTK's
// own command-line tools over loopback, with the shared real-world test data.
#include "dicom_tools.h"
#include "server_process.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace lumen::test;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);
const QString ctSeries = testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_5mm");
const QString ctSeriesJpegLossless =
    testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_1mm_jpegll");

} // namespace

class DimseArchiveTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString port() const { return QString::number(m_server.dicomPort()); }

    // CTest runs every test function in its own process with a new server, so each test
    // stores what it needs itself.
    ToolResult store(const QStringList& files) { return storescu(m_server.dicomPort(), files); }
    // The thick series and ten slices of the thin one: one study, two series, 38 instances.
    void storeStudy()
    {
        const auto r = store(filesIn(ctSeries) + filesIn(ctSeriesJpegLossless).mid(0, 10));
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    }

private slots:
    void initTestCase()
    {
        if (!QDir(ctSeries).exists())
            QSKIP("../shared/testdata is absent: the DIMSE archive tests need its real DICOM files");
        QVERIFY2(m_server.start(m_dir.path()), qPrintable(m_server.errorString()));
        QVERIFY(m_server.dicomPort() != 0);
    }

    void echoscu_from_known_ae_succeeds()
    {
        const auto r = runTool(QStringLiteral("echoscu"),
                               {QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
                                QStringLiteral("LUMEN"), QStringLiteral("127.0.0.1"), port()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    }

    // req: 000 §2.3.1.2 storage from known devices only
    void unknown_calling_ae_is_refused()
    {
        const auto r = runTool(QStringLiteral("echoscu"),
                               {QStringLiteral("-aet"), QStringLiteral("INTRUDER"), QStringLiteral("-aec"),
                                QStringLiteral("LUMEN"), QStringLiteral("127.0.0.1"), port()});
        QVERIFY2(r.exitCode != 0, qPrintable(r.output));
        QVERIFY2(r.output.contains(QStringLiteral("Rejected"), Qt::CaseInsensitive), qPrintable(r.output));
    }

    void wrong_called_ae_is_refused()
    {
        const auto r = runTool(QStringLiteral("echoscu"),
                               {QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
                                QStringLiteral("NOT_LUMEN"), QStringLiteral("127.0.0.1"), port()});
        QVERIFY2(r.exitCode != 0, qPrintable(r.output));
    }

    void storescu_series_is_stored_byte_identical_and_indexed()
    {
        const auto originals = filesIn(ctSeries);
        QCOMPARE(originals.size(), 28);
        const auto r = store(originals);
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        const auto stored = filesIn(m_dir.path() + QStringLiteral("/dicom"));
        QCOMPARE(stored.size(), originals.size());
        QCOMPARE(hashes(stored), hashes(originals));
        QCOMPARE(countRows(m_server.databasePath(),
                           QStringLiteral("SELECT count(*) FROM dicom_instances i JOIN dicom_series se ON "
                                          "se.id = i.series_id JOIN dicom_studies st ON st.id = se.study_id "
                                          "WHERE st.dicom_patient_id = 'PLASTIC' AND se.modality = 'CT'")),
                 qint64(28));
    }

    void jpeg_lossless_files_are_stored_as_received()
    {
        const auto originals = filesIn(ctSeriesJpegLossless).mid(0, 10);
        const auto r = store(originals);
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        const QStringList storedHashes = hashes(filesIn(m_dir.path() + QStringLiteral("/dicom")));
        for (const auto& h : hashes(originals))
            QVERIFY2(storedHashes.contains(h), "a JPEG Lossless file was not stored byte-identical");
    }

    void repeated_store_keeps_the_first_copy()
    {
        const QString file = filesIn(ctSeries).first();
        QCOMPARE(store({file}).exitCode, 0);
        const auto first = filesIn(m_dir.path() + QStringLiteral("/dicom"));
        QCOMPARE(first.size(), 1);
        const auto r = store({file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QCOMPARE(countRows(m_server.databasePath(), QStringLiteral("SELECT count(*) FROM dicom_instances")),
                 qint64(1));
        QCOMPARE(filesIn(m_dir.path() + QStringLiteral("/dicom")), first);
    }

    void findscu_study_level_answers_requested_attributes()
    {
        storeStudy();
        const QString study = dumpValue(filesIn(ctSeries).first(), QStringLiteral("StudyInstanceUID"));
        QVERIFY(!study.isEmpty());
        const auto r = runTool(
            QStringLiteral("findscu"),
            {QStringLiteral("-S"), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
             QStringLiteral("LUMEN"), QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=STUDY"),
             QStringLiteral("-k"), QStringLiteral("PatientID=PLAS*"), QStringLiteral("-k"),
             QStringLiteral("StudyInstanceUID"), QStringLiteral("-k"), QStringLiteral("ModalitiesInStudy"),
             QStringLiteral("-k"), QStringLiteral("NumberOfStudyRelatedInstances"),
             QStringLiteral("127.0.0.1"), port()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QVERIFY2(r.output.contains(study), qPrintable(r.output));
        QVERIFY2(r.output.contains(QStringLiteral("(0008,0061) CS [CT]")), qPrintable(r.output));
        QVERIFY2(r.output.contains(QStringLiteral("(0020,1208) IS [38]")), qPrintable(r.output));
    }

    void findscu_series_level_by_study_uid_lists_both_series()
    {
        storeStudy();
        const QString study = dumpValue(filesIn(ctSeries).first(), QStringLiteral("StudyInstanceUID"));
        const auto r = runTool(
            QStringLiteral("findscu"),
            {QStringLiteral("-S"), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
             QStringLiteral("LUMEN"), QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=SERIES"),
             QStringLiteral("-k"), QStringLiteral("StudyInstanceUID=") + study, QStringLiteral("-k"),
             QStringLiteral("SeriesInstanceUID"), QStringLiteral("-k"),
             QStringLiteral("NumberOfSeriesRelatedInstances"), QStringLiteral("127.0.0.1"), port()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QCOMPARE(r.output.count(QStringLiteral("(0020,000e) UI")), 2);
        QVERIFY2(r.output.contains(QStringLiteral("(0020,1209) IS [28]")), qPrintable(r.output));
    }

    void findscu_without_match_returns_nothing()
    {
        const auto r = runTool(QStringLiteral("findscu"),
                               {QStringLiteral("-S"), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"),
                                QStringLiteral("-aec"), QStringLiteral("LUMEN"), QStringLiteral("-k"),
                                QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"),
                                QStringLiteral("PatientID=NOBODY"), QStringLiteral("-k"),
                                QStringLiteral("StudyInstanceUID"), QStringLiteral("127.0.0.1"), port()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QVERIFY2(!r.output.contains(QStringLiteral("(0020,000d)")), qPrintable(r.output));
    }

    // req: 003 §2 7x24 operation: a bad object never takes the archive down
    void malformed_files_are_refused_and_the_server_keeps_serving()
    {
        const auto before =
            countRows(m_server.databasePath(), QStringLiteral("SELECT count(*) FROM dicom_instances"));
        for (const QString& name :
             {QStringLiteral("MR_truncated.dcm"), QStringLiteral("bad_sequence.dcm"),
              QStringLiteral("meta_missing_tsyntax.dcm"), QStringLiteral("badVR.dcm")}) {
            // storescu may itself refuse to send a broken file; either way nothing partial is stored.
            runTool(QStringLiteral("storescu"),
                    {QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
                     QStringLiteral("LUMEN"), QStringLiteral("127.0.0.1"), port(),
                     testData + QStringLiteral("/malformed/") + name});
        }
        QVERIFY(m_server.isRunning());
        QVERIFY(countRows(m_server.databasePath(), QStringLiteral("SELECT count(*) FROM dicom_instances")) >=
                before);
        QCOMPARE(QDir(m_dir.path() + QStringLiteral("/incoming")).entryList(QDir::Files).size(), 0);
        const auto echo = runTool(QStringLiteral("echoscu"),
                                  {QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
                                   QStringLiteral("LUMEN"), QStringLiteral("127.0.0.1"), port()});
        QVERIFY2(echo.exitCode == 0, qPrintable(echo.output));
    }

    // req: 003 §2 7x24 operation: a full disk refuses new images, loses none, keeps answering
    void full_disk_refuses_stores_and_keeps_serving()
    {
        QTemporaryDir mountPoint;
        // A small file system of its own; skipped where this process may not mount one.
        if (QProcess::execute(QStringLiteral("mount"),
                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                               QStringLiteral("size=4m"), QStringLiteral("tmpfs"), mountPoint.path()}) != 0)
            QSKIP("cannot mount a small tmpfs here (needs root); the disk-full test is skipped");
        struct Unmount
        {
            QString path;
            ~Unmount() { QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), path}); }
        } unmount{mountPoint.path()};

        ServerProcess server;
        QVERIFY2(server.start(mountPoint.path()), qPrintable(server.errorString()));
        const auto files = filesIn(ctSeries); // 28 x 0.5 MB: far more than the 4 MB file system holds
        const auto r =
            runTool(QStringLiteral("storescu"),
                    QStringList{QStringLiteral("-v"), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"),
                                QStringLiteral("-aec"), QStringLiteral("LUMEN"), QStringLiteral("127.0.0.1"),
                                QString::number(server.dicomPort())} +
                        files);
        // The sender learns of the failure: an A700 status when the archive fails after
        // receiving, an aborted association when even the incoming file cannot be written.
        QVERIFY2(r.exitCode != 0 || r.output.contains(QStringLiteral("Out of Resources")),
                 qPrintable(r.output.right(2000)));
        QVERIFY(server.isRunning());

        // Every indexed instance has its whole file; nothing else is left on the disk.
        const qint64 indexed =
            countRows(server.databasePath(), QStringLiteral("SELECT count(*) FROM dicom_instances"));
        const auto stored = filesIn(mountPoint.path() + QStringLiteral("/dicom"));
        QCOMPARE(qint64(stored.size()), indexed);
        QVERIFY(indexed < files.size());
        const QStringList originals = hashes(files);
        for (const auto& h : hashes(stored))
            QVERIFY2(originals.contains(h), "a stored file is incomplete");
        QCOMPARE(QDir(mountPoint.path() + QStringLiteral("/incoming")).entryList(QDir::Files).size(), 0);

        // Still answering: verification, queries and the API.
        const auto echo = runTool(QStringLiteral("echoscu"),
                                  {QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
                                   QStringLiteral("LUMEN"), QStringLiteral("127.0.0.1"),
                                   QString::number(server.dicomPort())});
        QCOMPARE(echo.exitCode, 0);
        const auto find = runTool(QStringLiteral("findscu"),
                                  {QStringLiteral("-S"), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"),
                                   QStringLiteral("-aec"), QStringLiteral("LUMEN"), QStringLiteral("-k"),
                                   QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"),
                                   QStringLiteral("StudyInstanceUID"), QStringLiteral("127.0.0.1"),
                                   QString::number(server.dicomPort())});
        QCOMPARE(find.exitCode, 0);
        QVERIFY(server.terminate());
    }

    void sigkill_during_storescu_loses_no_acknowledged_instance()
    {
        QTemporaryDir dir;
        ServerProcess server;
        QVERIFY2(server.start(dir.path()), qPrintable(server.errorString()));
        const auto files = filesIn(ctSeriesJpegLossless);
        QProcess storescu;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TCP_NODELAY"), QStringLiteral("1"));
        storescu.setProcessEnvironment(env);
        storescu.setProcessChannelMode(QProcess::MergedChannels);
        storescu.start(QStringLiteral("storescu"),
                       QStringList{QStringLiteral("-v"), QStringLiteral("-xs"), QStringLiteral("-aet"),
                                   QStringLiteral("DEMO_CT"), QStringLiteral("-aec"), QStringLiteral("LUMEN"),
                                   QStringLiteral("127.0.0.1"), QString::number(server.dicomPort())} +
                           files);
        QVERIFY(storescu.waitForStarted());
        // Kill the server once some, but not all, instances are acknowledged.
        QByteArray log;
        QElapsedTimer timer;
        timer.start();
        while (log.count("Received Store Response (Success)") < 20 && timer.elapsed() < 30000) {
            storescu.waitForReadyRead(100);
            log += storescu.readAll();
        }
        server.kill();
        storescu.waitForFinished(30000);
        log += storescu.readAll();

        // Pair each "Sending file" with the response that follows it.
        QStringList acknowledged;
        QString current;
        for (const auto& line : QString::fromUtf8(log).split(QLatin1Char('\n'))) {
            if (line.contains(QStringLiteral("Sending file: ")))
                current = line.section(QStringLiteral("Sending file: "), 1).trimmed();
            else if (line.contains(QStringLiteral("Received Store Response (Success)")) && !current.isEmpty())
                acknowledged << current;
        }
        QVERIFY2(acknowledged.size() >= 20, log.constData());
        QVERIFY2(acknowledged.size() < files.size(), "the kill came too late to test anything");

        ServerProcess restarted;
        QVERIFY2(restarted.start(dir.path()), qPrintable(restarted.errorString()));
        for (const auto& file : acknowledged) {
            const QString uid = dumpValue(file, QStringLiteral("SOPInstanceUID"));
            QCOMPARE(
                countRows(restarted.databasePath(),
                          QStringLiteral("SELECT count(*) FROM dicom_instances WHERE sop_instance_uid = '%1'")
                              .arg(uid)),
                qint64(1));
        }
        // Every indexed instance has its complete file, and no unindexed file remains.
        const auto indexed =
            countRows(restarted.databasePath(), QStringLiteral("SELECT count(*) FROM dicom_instances"));
        QCOMPARE(qint64(filesIn(dir.path() + QStringLiteral("/dicom")).size()), indexed);
        // Objects are received beside their final place under a hidden temp name: an
        // interrupted one must be gone after the restart too.
        qint64 everyFile = 0;
        QDirIterator all(dir.path() + QStringLiteral("/dicom"), QDir::Files | QDir::Hidden | QDir::System,
                         QDirIterator::Subdirectories);
        while (all.hasNext()) {
            all.next();
            ++everyFile;
        }
        QCOMPARE(everyFile, indexed);
        const QStringList originals = hashes(files);
        for (const auto& h : hashes(filesIn(dir.path() + QStringLiteral("/dicom"))))
            QVERIFY2(originals.contains(h), "a stored file differs from every original: half-written?");
    }
};

QTEST_GUILESS_MAIN(DimseArchiveTest)
#include "test_dimse_archive.moc"
