// `lumen-server import FOLDER --data DIR`, the migration of an old archive's folder: good files
// are archived whole, junk and truncated files are reported, a second run adds nothing, and the
// source folder is left exactly as it was.
#include "dicomweb_support.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace lumen::test;
using namespace lumen::test::dicomweb;

class ImportCommandTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void import_stores_good_files_and_reports_junk_and_truncated();
    void imported_files_are_searchable_once_the_server_starts();
    void second_import_stores_nothing_new();
    void import_leaves_the_source_folder_unchanged();

private:
    ServerProcess::CommandResult runImport();
    qint64 instanceRows() const
    {
        return queryScalar(m_data->path() + QStringLiteral("/lumen.db"),
                           QStringLiteral("SELECT count(*) FROM dicom_instances"));
    }
    // relative path -> SHA-256 of every file under the source folder
    QMap<QString, QByteArray> sourceSnapshot() const;

    std::optional<QTemporaryDir> m_source;
    std::optional<QTemporaryDir> m_data;
    QStringList m_good;  // copies in the source folder that must be archived
    QString m_junk;      // a text file
    QString m_truncated; // a DICOM file cut short
};

void ImportCommandTest::initTestCase()
{
    if (!haveTestData())
        QSKIP("../shared/testdata is absent: the import tests need its real DICOM files");
    if (!haveTool(QStringLiteral("dcmdump")))
        QSKIP("DCMTK's dcmdump is not installed (Debian package dcmtk)");
}

// A fresh copy of a small old archive for every test function.
void ImportCommandTest::init()
{
    m_source.emplace();
    m_data.emplace();
    QVERIFY(m_source->isValid() && m_data->isValid());
    m_good.clear();
    const QDir root(m_source->path());
    auto copy = [&](const QString& from, const QString& relative) {
        QVERIFY(root.mkpath(QFileInfo(root.filePath(relative)).path()));
        QVERIFY2(QFile::copy(from, root.filePath(relative)), qPrintable(from));
        m_good << root.filePath(relative);
    };
    for (const auto& f : dicomFilesIn(testData(QStringLiteral("mr/ge_signa_16slice"))))
        copy(f, QStringLiteral("2017/MR/") + QFileInfo(f).fileName());
    for (const auto& f : dicomFilesIn(testData(QStringLiteral("sr"))))
        copy(f, QStringLiteral("reports/") + QFileInfo(f).fileName());
    copy(testData(QStringLiteral("us/US1_UNCR_rgb_single.dcm")), QStringLiteral("US1"));
    copy(testData(QStringLiteral("compressed/US1_J2KR.dcm")), QStringLiteral("2004/us1-j2k.dcm"));
    QCOMPARE(m_good.size(), 22);

    m_junk = root.filePath(QStringLiteral("2017/README.txt"));
    QFile junk(m_junk);
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("Exported from the old PACS on 2017-07-16. Not a DICOM file.\n");
    junk.close();

    // The first 40 % of a good file: the archive must not keep half an image.
    const QByteArray whole = readFileBytes(testData(QStringLiteral("mr/MR-SIEMENS-DICOM-WithOverlays.dcm")));
    m_truncated = root.filePath(QStringLiteral("2005/cut-short.dcm"));
    QVERIFY(root.mkpath(QStringLiteral("2005")));
    QFile truncated(m_truncated);
    QVERIFY(truncated.open(QIODevice::WriteOnly));
    truncated.write(whole.left(whole.size() * 2 / 5));
    truncated.close();
}

ServerProcess::CommandResult ImportCommandTest::runImport()
{
    return ServerProcess::runCommand(
        {QStringLiteral("import"), m_source->path(), QStringLiteral("--data"), m_data->path()}, 120000);
}

QMap<QString, QByteArray> ImportCommandTest::sourceSnapshot() const
{
    QMap<QString, QByteArray> out;
    const QDir root(m_source->path());
    for (const auto& f : allFilesIn(m_source->path()))
        out.insert(root.relativeFilePath(f), sha256Hex(readFileBytes(f)));
    return out;
}

void ImportCommandTest::import_stores_good_files_and_reports_junk_and_truncated()
{
    const auto r = runImport();
    QVERIFY2(r.finished, r.output.constData());
    QCOMPARE(r.exitCode, 1); // something was refused
    const QString output = QString::fromUtf8(r.output);
    QVERIFY2(output.contains(QStringLiteral("22 stored")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("2 refused")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("refused ") + m_junk), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("refused ") + m_truncated), qPrintable(output));
    for (const auto& good : m_good)
        QVERIFY2(!output.contains(QStringLiteral("refused ") + good + QLatin1Char(':')), qPrintable(output));

    // The report file names the same refusals.
    const auto reports = QDir(m_data->path()).entryList({QStringLiteral("import-report-*.txt")}, QDir::Files);
    QCOMPARE(reports.size(), 1);
    const QString report =
        QString::fromUtf8(readFileBytes(m_data->path() + QLatin1Char('/') + reports.first()));
    QVERIFY2(report.contains(QStringLiteral("refused\t") + m_junk + QLatin1Char('\t')), qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("refused\t") + m_truncated + QLatin1Char('\t')),
             qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("stored\t22\n")), qPrintable(report));

    // Every good file archived whole, nothing else.
    QCOMPARE(instanceRows(), qint64(22));
    QStringList archived, expected;
    for (const auto& f : archivedFiles(m_data->path()))
        archived << QString::fromLatin1(sha256Hex(readFileBytes(f)));
    for (const auto& f : m_good)
        expected << QString::fromLatin1(sha256Hex(readFileBytes(f)));
    archived.sort();
    expected.sort();
    QCOMPARE(archived, expected);
    QCOMPARE(allFilesIn(m_data->path() + QStringLiteral("/incoming")).size(), 0);
}

void ImportCommandTest::imported_files_are_searchable_once_the_server_starts()
{
    const auto r = runImport();
    QVERIFY2(r.finished && r.exitCode == 1, r.output.constData());
    ServerProcess server;
    QVERIFY2(server.start(m_data->path()), qPrintable(server.errorString())); // --demo adds the users
    WebClient http(server.httpPort());
    const QString token = http.login(QStringLiteral("radiologist"));
    QVERIFY(!token.isEmpty());
    const auto studies = http.get(QStringLiteral("/dicom-web/studies?PatientID=583295"), token);
    LUMEN_COMPARE_WEB_STATUS(studies, 200);
    QCOMPARE(studies.jsonArray().size(), 1);
    QCOMPARE(jsonValues(studies.jsonArray().first().toObject(), QStringLiteral("00201208")).first().toInt(),
             16);
    for (const auto& file : m_good) {
        const auto uids = readUids(file);
        const auto found =
            http.get(QStringLiteral("/dicom-web/instances?SOPInstanceUID=") + uids.sopInstance, token);
        LUMEN_COMPARE_WEB_STATUS(found, 200);
        QVERIFY2(found.jsonArray().size() == 1, qPrintable(file));
        QCOMPARE(jsonString(found.jsonArray().first().toObject(), QStringLiteral("0020000D")), uids.study);
        const auto wado =
            http.get(QStringLiteral("/wado?requestType=WADO&studyUID=%1&seriesUID=%2&objectUID=%3")
                         .arg(uids.study, uids.series, uids.sopInstance),
                     token);
        LUMEN_COMPARE_WEB_STATUS(wado, 200);
        QVERIFY2(wado.body == readFileBytes(file), qPrintable(file));
    }
}

void ImportCommandTest::second_import_stores_nothing_new()
{
    const auto first = runImport();
    QVERIFY2(first.finished && first.exitCode == 1, first.output.constData());
    const QStringList filesAfterFirst = archivedFiles(m_data->path());
    const auto second = runImport();
    QVERIFY2(second.finished, second.output.constData());
    QCOMPARE(second.exitCode, 1); // the junk is still refused
    const QString output = QString::fromUtf8(second.output);
    QVERIFY2(output.contains(QStringLiteral("0 stored, 22 already archived, 2 refused")), qPrintable(output));
    QCOMPARE(instanceRows(), qint64(22));
    QCOMPARE(archivedFiles(m_data->path()), filesAfterFirst);
    // Only the first run's objects are audited as stored.
    QCOMPARE(queryScalar(m_data->path() + QStringLiteral("/lumen.db"),
                         QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'dicom.store'")),
             qint64(22));
}

void ImportCommandTest::import_leaves_the_source_folder_unchanged()
{
    const auto before = sourceSnapshot();
    QCOMPARE(before.size(), 24);
    const auto r = runImport();
    QVERIFY2(r.finished && r.exitCode == 1, r.output.constData());
    QCOMPARE(sourceSnapshot(), before);
    const auto again = runImport();
    QVERIFY2(again.finished, again.output.constData());
    QCOMPARE(sourceSnapshot(), before);
}

QTEST_GUILESS_MAIN(ImportCommandTest)
#include "test_import_command.moc"
