// STOW-RS on the real lumen-server: real third-party files go up as multipart/related, come back
// byte-identical over WADO-RS; broken files fail one by one without leaving anything half-stored.
#include "dicomweb_support.h"

#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace lumen::test;
using namespace lumen::test::dicomweb;

namespace {

// Files the test data README reports as cut short or unparsable by dcmdump: no archive may keep them.
const QStringList brokenMalformed = {QStringLiteral("MR_truncated.dcm"),
                                     QStringLiteral("rtplan_truncated.dcm"), QStringLiteral("no_meta.dcm"),
                                     QStringLiteral("emri_small_jpeg_2k_lossless_too_short.dcm"),
                                     QStringLiteral("Deeply-Nested-Sequence.dcm")};

struct Candidate
{
    QString path;
    QByteArray bytes;
    DicomUids uids;
    bool storable() const { return hasPart10Header(bytes) && uids.complete(); }
};

} // namespace

class StowRsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void real_files_are_stored_whole_and_retrieved_byte_identical();
    void files_without_part10_header_or_uids_fail_with_409();
    void malformed_files_fail_without_partial_storage_and_server_survives();
    void deeply_nested_sequence_is_refused_and_server_survives();
    void good_and_bad_parts_together_answer_202();
    void instance_of_another_study_is_refused_under_a_study_url();
    void non_multipart_or_broken_multipart_body_is_bad_request();
    void radiologist_and_technologist_may_store_registrar_and_lab_qa_may_not();

private:
    // us/, mr/, vl/, sr/ and compressed/, each file with the UIDs dcmdump reads from it.
    QList<Candidate> candidates();
    qint64 instanceRows() const
    {
        return queryScalar(m_server->databasePath(), QStringLiteral("SELECT count(*) FROM dicom_instances"));
    }
    qint64 incomingFiles() const { return allFilesIn(m_dir->path() + QStringLiteral("/incoming")).size(); }
    void verifyHealthy();
    // The single part of a WADO-RS instance retrieval, or an empty array.
    QByteArray retrieveInstance(const DicomUids& uids);

    std::optional<QTemporaryDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<WebClient> m_http;
    QString m_technologist;
};

void StowRsTest::initTestCase()
{
    if (!haveTestData())
        QSKIP("../shared/testdata is absent: the STOW-RS tests need its real DICOM files");
    if (!haveTool(QStringLiteral("dcmdump")))
        QSKIP("DCMTK's dcmdump is not installed (Debian package dcmtk)");
}

// Every function counts rows and files, so each gets an empty archive, also when the whole
// executable runs in one process.
void StowRsTest::init()
{
    m_http.reset();
    m_server.reset();
    m_dir.emplace();
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(m_server->start(m_dir->path()), qPrintable(m_server->errorString()));
    m_http = std::make_unique<WebClient>(m_server->httpPort());
    m_technologist = m_http->login(QStringLiteral("technologist"));
    QVERIFY(!m_technologist.isEmpty());
}

QList<Candidate> StowRsTest::candidates()
{
    QList<Candidate> out;
    for (const QString& folder : {QStringLiteral("us"), QStringLiteral("mr"), QStringLiteral("vl"),
                                  QStringLiteral("sr"), QStringLiteral("compressed")})
        for (const auto& path : dicomFilesIn(testData(folder)))
            out.append({path, readFileBytes(path), readUids(path)});
    return out;
}

void StowRsTest::verifyHealthy()
{
    QVERIFY(m_server->isRunning());
    const auto health = m_http->get(QStringLiteral("/api/v1/health"), QString());
    LUMEN_COMPARE_WEB_STATUS(health, 200);
}

QByteArray StowRsTest::retrieveInstance(const DicomUids& uids)
{
    const auto reply = m_http->get(QStringLiteral("/dicom-web/studies/%1/series/%2/instances/%3")
                                       .arg(uids.study, uids.series, uids.sopInstance),
                                   m_technologist);
    QList<MultipartPart> parts;
    QString error;
    if (reply.status != 200 || !parseMultipart(reply.contentType, reply.body, &parts, &error) ||
        parts.size() != 1) {
        qWarning("WADO-RS %s -> %s %s", qPrintable(uids.sopInstance), reply.describe().left(300).constData(),
                 qPrintable(error));
        return {};
    }
    return parts.first().body;
}

void StowRsTest::real_files_are_stored_whole_and_retrieved_byte_identical()
{
    QStringList files;
    QStringList sentUids;
    QHash<QString, QByteArray> firstCopy; // keep-first: the first file sent with a SOP Instance UID wins
    QHash<QString, DicomUids> uidsOf;
    for (const auto& c : candidates()) {
        if (!c.storable())
            continue;
        files << c.path;
        sentUids << c.uids.sopInstance;
        if (!firstCopy.contains(c.uids.sopInstance)) {
            firstCopy.insert(c.uids.sopInstance, c.bytes);
            uidsOf.insert(c.uids.sopInstance, c.uids);
        }
    }
    QVERIFY2(files.size() >= 40, "too few storable files found in the test data");

    const auto reply = stow(*m_http, m_technologist, files);
    LUMEN_COMPARE_WEB_STATUS(reply, 200);
    QVERIFY2(reply.contentType.startsWith("application/dicom+json"), reply.contentType.constData());
    const auto answer = reply.jsonObject();
    QCOMPARE(jsonVr(answer, QStringLiteral("00081199")), QStringLiteral("SQ"));
    QCOMPARE(sequenceInstanceUids(answer, QStringLiteral("00081199")), sentUids);
    QVERIFY(!answer.contains(QStringLiteral("00081198")));
    for (const auto& item : jsonValues(answer, QStringLiteral("00081199"))) {
        const auto o = item.toObject();
        QCOMPARE(jsonString(o, QStringLiteral("00081150")),
                 uidsOf.value(jsonString(o, QStringLiteral("00081155"))).sopClass);
    }

    QCOMPARE(instanceRows(), qint64(firstCopy.size()));
    QCOMPARE(archivedFiles(m_dir->path()).size(), firstCopy.size());
    QCOMPARE(incomingFiles(), 0);
    for (auto it = firstCopy.begin(); it != firstCopy.end(); ++it) {
        const QByteArray got = retrieveInstance(uidsOf.value(it.key()));
        QVERIFY2(got == it.value(),
                 qPrintable(QStringLiteral("instance %1 differs from the uploaded file").arg(it.key())));
    }
}

void StowRsTest::files_without_part10_header_or_uids_fail_with_409()
{
    QStringList files;
    for (const auto& c : candidates())
        if (!c.storable())
            files << c.path;
    QVERIFY2(!files.isEmpty(), "the test data has no file without a Part 10 header or UIDs");
    const auto reply = stow(*m_http, m_technologist, files);
    LUMEN_COMPARE_WEB_STATUS(reply, 409);
    const auto answer = reply.jsonObject();
    QCOMPARE(sequenceLength(answer, QStringLiteral("00081198")), int(files.size()));
    QVERIFY(!answer.contains(QStringLiteral("00081199")));
    for (const auto& item : jsonValues(answer, QStringLiteral("00081198"))) {
        // FailureReason (0008,1197) is a US number.
        const auto reason = jsonValues(item.toObject(), QStringLiteral("00081197"));
        QVERIFY(!reason.isEmpty() && reason.first().isDouble() && reason.first().toInt() != 0);
    }
    QCOMPARE(instanceRows(), qint64(0));
    QCOMPARE(archivedFiles(m_dir->path()).size(), 0);
    QCOMPARE(incomingFiles(), 0);
}

// req: 003 §2 7x24 operation: a bad object never takes the archive down
void StowRsTest::malformed_files_fail_without_partial_storage_and_server_survives()
{
    const QStringList all = dicomFilesIn(testData(QStringLiteral("malformed")));
    QStringList mustFail;
    QSet<QByteArray> sentHashes;
    for (const auto& f : all) {
        const QByteArray bytes = readFileBytes(f);
        sentHashes.insert(sha256Hex(bytes));
        if (brokenMalformed.contains(QFileInfo(f).fileName()) || !hasPart10Header(bytes))
            mustFail << f;
    }
    QVERIFY(mustFail.size() >= brokenMalformed.size());

    // Truncated, unparsable and header-less files: every one fails, nothing is kept.
    const auto broken = stow(*m_http, m_technologist, mustFail);
    LUMEN_COMPARE_WEB_STATUS(broken, 409);
    QCOMPARE(sequenceLength(broken.jsonObject(), QStringLiteral("00081198")), int(mustFail.size()));
    verifyHealthy();
    QCOMPARE(instanceRows(), qint64(0));
    QCOMPARE(archivedFiles(m_dir->path()).size(), 0);
    QCOMPARE(incomingFiles(), 0);

    // The whole folder at once: some odd but well-formed files may be kept; each part is answered
    // once, and whatever is kept is complete, indexed and retrievable as sent.
    const auto reply = stow(*m_http, m_technologist, all);
    QVERIFY2(reply.status == 200 || reply.status == 202 || reply.status == 409, reply.describe().constData());
    const auto answer = reply.jsonObject();
    const QStringList referenced = sequenceInstanceUids(answer, QStringLiteral("00081199"));
    QCOMPARE(referenced.size() + sequenceLength(answer, QStringLiteral("00081198")), int(all.size()));
    QVERIFY(sequenceLength(answer, QStringLiteral("00081198")) >= int(mustFail.size()));
    verifyHealthy();
    const QSet<QString> unique(referenced.begin(), referenced.end());
    QCOMPARE(instanceRows(), qint64(unique.size()));
    QCOMPARE(archivedFiles(m_dir->path()).size(), unique.size());
    QCOMPARE(incomingFiles(), 0);
    for (const auto& uid : unique) {
        const auto found =
            m_http->get(QStringLiteral("/dicom-web/instances?SOPInstanceUID=") + uid, m_technologist);
        LUMEN_COMPARE_WEB_STATUS(found, 200);
        QCOMPARE(found.jsonArray().size(), 1);
        const auto o = found.jsonArray().first().toObject();
        const QByteArray got = retrieveInstance({QString(), uid, jsonString(o, QStringLiteral("0020000D")),
                                                 jsonString(o, QStringLiteral("0020000E"))});
        QVERIFY2(sentHashes.contains(sha256Hex(got)),
                 qPrintable(QStringLiteral("%1 is not a file that was sent").arg(uid)));
    }
}

void StowRsTest::deeply_nested_sequence_is_refused_and_server_survives()
{
    // Never handed to DCMTK's dcmdump here: it overflows that parser's stack (see the test data README).
    const QString nested = testData(QStringLiteral("malformed/Deeply-Nested-Sequence.dcm"));
    for (int round = 0; round < 3; ++round) {
        const auto reply = stow(*m_http, m_technologist, {nested});
        LUMEN_COMPARE_WEB_STATUS(reply, 409);
        QCOMPARE(sequenceLength(reply.jsonObject(), QStringLiteral("00081198")), 1);
        verifyHealthy();
    }
    QCOMPARE(instanceRows(), qint64(0));
    QCOMPARE(incomingFiles(), 0);
    // Still storing afterwards.
    LUMEN_COMPARE_WEB_STATUS(
        stow(*m_http, m_technologist, {testData(QStringLiteral("sr/reportsi_basic_text.dcm"))}), 200);
    QCOMPARE(instanceRows(), qint64(1));
}

void StowRsTest::good_and_bad_parts_together_answer_202()
{
    const QString us = testData(QStringLiteral("us/US1_UNCR_rgb_single.dcm"));
    const QString sr = testData(QStringLiteral("sr/MarekLatin2_basic_text_SR.dcm"));
    const QString truncated = testData(QStringLiteral("malformed/MR_truncated.dcm"));
    const auto reply = stow(*m_http, m_technologist, {us, truncated, sr});
    LUMEN_COMPARE_WEB_STATUS(reply, 202);
    const auto answer = reply.jsonObject();
    QCOMPARE(sequenceInstanceUids(answer, QStringLiteral("00081199")),
             (QStringList{readUids(us).sopInstance, readUids(sr).sopInstance}));
    QCOMPARE(sequenceLength(answer, QStringLiteral("00081198")), 1);
    QCOMPARE(instanceRows(), qint64(2));
    QCOMPARE(archivedFiles(m_dir->path()).size(), 2);
    QCOMPARE(incomingFiles(), 0);
    QVERIFY(retrieveInstance(readUids(us)) == readFileBytes(us));
    QVERIFY(retrieveInstance(readUids(sr)) == readFileBytes(sr));
}

// PS3.18 10.5: with a Study Instance UID in the target URL, an instance of another study is not
// stored and is listed in FailedSOPSequence.
void StowRsTest::instance_of_another_study_is_refused_under_a_study_url()
{
    const QString us = testData(QStringLiteral("us/US1_UNCR_rgb_single.dcm"));
    const QString other = testData(QStringLiteral("sr/reportsi_basic_text.dcm"));
    const auto usUids = readUids(us);
    const auto otherUids = readUids(other);
    QVERIFY(usUids.study != otherUids.study);
    const auto reply = stow(*m_http, m_technologist, {us, other}, usUids.study);
    LUMEN_COMPARE_WEB_STATUS(reply, 202);
    const auto answer = reply.jsonObject();
    QCOMPARE(sequenceInstanceUids(answer, QStringLiteral("00081199")), QStringList{usUids.sopInstance});
    QCOMPARE(sequenceInstanceUids(answer, QStringLiteral("00081198")), QStringList{otherUids.sopInstance});
    // Reported as failed, so it must not be in the archive either.
    const auto found = m_http->get(
        QStringLiteral("/dicom-web/instances?SOPInstanceUID=") + otherUids.sopInstance, m_technologist);
    LUMEN_COMPARE_WEB_STATUS(found, 200);
    QVERIFY2(found.jsonArray().isEmpty(), "an instance reported in FailedSOPSequence was stored");
    QCOMPARE(instanceRows(), qint64(1));
    QCOMPARE(archivedFiles(m_dir->path()).size(), 1);
    QCOMPARE(incomingFiles(), 0);
}

void StowRsTest::non_multipart_or_broken_multipart_body_is_bad_request()
{
    const QByteArray file = readFileBytes(testData(QStringLiteral("sr/reportsi_basic_text.dcm")));
    const QString path = QStringLiteral("/dicom-web/studies");
    struct Case
    {
        const char* what;
        QByteArray body;
        QByteArray contentType;
    };
    const QByteArray good = buildMultipart({file}, "b0undary");
    const QList<Case> cases = {
        {"a bare DICOM file", file, "application/dicom"},
        {"JSON", "{}", "application/json"},
        {"multipart without boundary", good, "multipart/related; type=\"application/dicom\""},
        {"a boundary that never occurs", good,
         "multipart/related; type=\"application/dicom\"; boundary=elsewhere"},
        {"a part that is never closed", good.left(good.size() - 20),
         "multipart/related; type=\"application/dicom\"; boundary=b0undary"},
        {"an empty body", QByteArray(), "multipart/related; type=\"application/dicom\"; boundary=b0undary"},
    };
    for (const auto& c : cases) {
        const auto reply = m_http->post(path, m_technologist, c.body, c.contentType);
        QVERIFY2(
            reply.status == 400,
            qPrintable(
                QStringLiteral("%1 -> %2").arg(QLatin1String(c.what), QString::fromUtf8(reply.describe()))));
    }
    // A well-formed multipart body whose part is not application/dicom: that part fails.
    const auto notDicom =
        m_http->post(path, m_technologist, buildMultipart({"{}"}, "b0undary", "application/json"),
                     "multipart/related; type=\"application/dicom\"; boundary=b0undary");
    LUMEN_COMPARE_WEB_STATUS(notDicom, 409);
    QCOMPARE(instanceRows(), qint64(0));
    QCOMPARE(incomingFiles(), 0);
    verifyHealthy();
}

void StowRsTest::radiologist_and_technologist_may_store_registrar_and_lab_qa_may_not()
{
    const QString file = testData(QStringLiteral("vl/ColorTestMalaterre_sc_rgb.dcm"));
    for (const QString& user : {QStringLiteral("registrar"), QStringLiteral("labqa")}) {
        const QString token = m_http->login(user);
        QVERIFY(!token.isEmpty());
        const auto reply = stow(*m_http, token, {file});
        QVERIFY2(reply.status == 403,
                 qPrintable(user + QStringLiteral(" -> ") + QString::fromUtf8(reply.describe())));
    }
    LUMEN_COMPARE_WEB_STATUS(stow(*m_http, QString(), {file}), 401);
    QCOMPARE(instanceRows(), qint64(0));
    QCOMPARE(incomingFiles(), 0);

    LUMEN_COMPARE_WEB_STATUS(stow(*m_http, m_technologist, {file}), 200);
    // The reading station stores key images and captures as the radiologist.
    LUMEN_COMPARE_WEB_STATUS(stow(*m_http, m_http->login(QStringLiteral("radiologist")),
                                  {testData(QStringLiteral("us/US1_UNCR_rgb_single.dcm"))}),
                             200);
    LUMEN_COMPARE_WEB_STATUS(stow(*m_http, m_http->login(QStringLiteral("admin")),
                                  {testData(QStringLiteral("sr/reportsi_basic_text.dcm"))}),
                             200);
    QCOMPARE(instanceRows(), qint64(3));
}

QTEST_GUILESS_MAIN(StowRsTest)
#include "test_stow_rs.moc"
