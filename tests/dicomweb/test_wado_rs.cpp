// WADO-RS and WADO-URI on the real lumen-server: the multipart/related answer is parsed here and
// every part compared with the files on disk, byte for byte.
#include "dicomweb_support.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace lumen::test;
using namespace lumen::test::dicomweb;

namespace {

QStringList sortedHashes(const QList<QByteArray>& blobs, bool dataSetOnly)
{
    QStringList out;
    for (const auto& b : blobs)
        out << QString::fromLatin1(sha256Hex(dataSetOnly ? dataSetBytes(b) : b));
    out.sort();
    return out;
}

QList<QByteArray> contents(const QStringList& files)
{
    QList<QByteArray> out;
    for (const auto& f : files)
        out << readFileBytes(f);
    return out;
}

QList<QByteArray> bodies(const QList<MultipartPart>& parts)
{
    QList<QByteArray> out;
    for (const auto& p : parts)
        out << p.body;
    return out;
}

} // namespace

class WadoRsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void study_retrieval_returns_every_instance_as_stored();
    void series_retrieval_returns_only_that_series();
    void instance_retrieval_returns_one_part();
    void stowed_instance_is_retrieved_as_the_uploaded_file();
    void wado_uri_returns_the_stored_file();
    void wado_uri_refuses_missing_parameters_and_other_content_types();
    void unknown_uids_are_not_found();
    void retrieval_needs_a_token_and_patient_read();
    void streamed_answer_keeps_the_connection_for_the_next_request();
    void client_hanging_up_mid_stream_leaves_the_server_serving();

private:
    // Sends one GET on `socket` and reads its whole answer (status line, headers, and exactly
    // Content-Length bytes of body); empty status on a broken answer.
    struct RawAnswer
    {
        QByteArray status;
        QByteArray headers;
        QByteArray body;
    };
    RawAnswer rawGet(QTcpSocket& socket, const QString& path);
    // GET a WADO-RS resource and split the answer; fails the test on a bad answer.
    QList<MultipartPart> retrieve(const QString& path, bool* ok);
    QString instancePath(const DicomUids& u) const
    {
        return QStringLiteral("/dicom-web/studies/%1/series/%2/instances/%3")
            .arg(u.study, u.series, u.sopInstance);
    }
    QString wadoUri(const DicomUids& u) const
    {
        return QStringLiteral("/wado?requestType=WADO&studyUID=%1&seriesUID=%2&objectUID=%3")
            .arg(u.study, u.series, u.sopInstance);
    }

    std::optional<QTemporaryDir> m_dir;
    ServerProcess m_server;
    std::unique_ptr<WebClient> m_http;
    QString m_token;
    QStringList m_thick; // 28 slices, one series
    QStringList m_thin;  // 5 slices of the other series of the same study
    DicomUids m_thickUids, m_thinUids;
};

void WadoRsTest::initTestCase()
{
    if (!haveTestData())
        QSKIP("../shared/testdata is absent: the WADO-RS tests need its real DICOM files");
    if (!haveTool(QStringLiteral("storescu")) || !haveTool(QStringLiteral("dcmdump")))
        QSKIP("DCMTK's storescu/dcmdump are not installed (Debian package dcmtk)");
    m_dir.emplace();
    QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    m_http = std::make_unique<WebClient>(m_server.httpPort());
    m_token = m_http->login(QStringLiteral("radiologist"));
    QVERIFY(!m_token.isEmpty());
    m_thick = dicomFilesIn(testData(QStringLiteral("ct/philips_ingenuity_head_phantom_5mm")));
    m_thin = dicomFilesIn(testData(QStringLiteral("ct/philips_ingenuity_head_phantom_1mm_jpegll"))).mid(0, 5);
    QCOMPARE(m_thick.size(), 28);
    const auto r = storescu(m_server.dicomPort(), m_thick + m_thin);
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    m_thickUids = readUids(m_thick.first());
    m_thinUids = readUids(m_thin.first());
    QVERIFY(m_thickUids.complete() && m_thinUids.complete());
    QCOMPARE(m_thickUids.study, m_thinUids.study);
}

QList<MultipartPart> WadoRsTest::retrieve(const QString& path, bool* ok)
{
    *ok = false;
    const auto reply =
        m_http->get(path, m_token, "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
    if (reply.status != 200) {
        qWarning("%s -> %s", qPrintable(path), reply.describe().constData());
        return {};
    }
    if (!reply.contentType.startsWith("multipart/related") ||
        mediaTypeParameter(reply.contentType, "type") != "application/dicom") {
        qWarning("%s: Content-Type %s", qPrintable(path), reply.contentType.constData());
        return {};
    }
    QList<MultipartPart> parts;
    QString error;
    if (!parseMultipart(reply.contentType, reply.body, &parts, &error)) {
        qWarning("%s: %s", qPrintable(path), qPrintable(error));
        return {};
    }
    for (const auto& p : parts)
        if (!p.contentType.startsWith("application/dicom")) {
            qWarning("%s: a part has Content-Type %s", qPrintable(path), p.contentType.constData());
            return {};
        }
    *ok = true;
    return parts;
}

void WadoRsTest::study_retrieval_returns_every_instance_as_stored()
{
    bool ok = false;
    const auto parts = retrieve(QStringLiteral("/dicom-web/studies/") + m_thickUids.study, &ok);
    QVERIFY(ok);
    QCOMPARE(parts.size(), 33);
    // Each part is exactly one file the archive holds ...
    const auto archived = archivedFiles(m_dir->path());
    QCOMPARE(archived.size(), 33);
    QCOMPARE(sortedHashes(bodies(parts), false), sortedHashes(contents(archived), false));
    // ... and carries the data set storescu sent, unchanged.
    QCOMPARE(sortedHashes(bodies(parts), true), sortedHashes(contents(m_thick + m_thin), true));
}

void WadoRsTest::series_retrieval_returns_only_that_series()
{
    bool ok = false;
    const auto thick = retrieve(
        QStringLiteral("/dicom-web/studies/%1/series/%2").arg(m_thickUids.study, m_thickUids.series), &ok);
    QVERIFY(ok);
    QCOMPARE(thick.size(), 28);
    QCOMPARE(sortedHashes(bodies(thick), true), sortedHashes(contents(m_thick), true));
    const auto thin = retrieve(
        QStringLiteral("/dicom-web/studies/%1/series/%2").arg(m_thinUids.study, m_thinUids.series), &ok);
    QVERIFY(ok);
    QCOMPARE(thin.size(), 5);
    QCOMPARE(sortedHashes(bodies(thin), true), sortedHashes(contents(m_thin), true));
}

void WadoRsTest::instance_retrieval_returns_one_part()
{
    const QStringList archived = sortedHashes(contents(archivedFiles(m_dir->path())), false);
    for (const QString& file : {m_thick.at(0), m_thick.at(17), m_thin.at(2)}) {
        const auto uids = readUids(file);
        bool ok = false;
        const auto parts = retrieve(instancePath(uids), &ok);
        QVERIFY(ok);
        QCOMPARE(parts.size(), 1);
        QCOMPARE(sha256Hex(dataSetBytes(parts.first().body)), sha256Hex(dataSetBytes(readFileBytes(file))));
        QVERIFY2(archived.contains(QString::fromLatin1(sha256Hex(parts.first().body))),
                 "the part is not byte-identical to the archived file");
    }
}

void WadoRsTest::stowed_instance_is_retrieved_as_the_uploaded_file()
{
    const QString technologist = m_http->login(QStringLiteral("technologist"));
    const QStringList files{testData(QStringLiteral("us/US1_UNCR_rgb_single.dcm")),
                            testData(QStringLiteral("us/US_mono_jpegll_1024x768.dcm"))};
    LUMEN_COMPARE_WEB_STATUS(stow(*m_http, technologist, files), 200);
    for (const auto& file : files) {
        const auto uids = readUids(file);
        bool ok = false;
        const auto parts = retrieve(instancePath(uids), &ok);
        QVERIFY(ok);
        QCOMPARE(parts.size(), 1);
        // STOW keeps the whole Part 10 file as sent, file meta information included.
        QVERIFY2(parts.first().body == readFileBytes(file), qPrintable(file));
        const auto study = retrieve(QStringLiteral("/dicom-web/studies/") + uids.study, &ok);
        QVERIFY(ok);
        QCOMPARE(study.size(), 1);
        QVERIFY(study.first().body == readFileBytes(file));
    }
}

void WadoRsTest::wado_uri_returns_the_stored_file()
{
    const QStringList archived = sortedHashes(contents(archivedFiles(m_dir->path())), false);
    for (const QString& file : {m_thick.at(5), m_thin.at(0)}) {
        const auto uids = readUids(file);
        const auto reply = m_http->get(wadoUri(uids), m_token);
        LUMEN_COMPARE_WEB_STATUS(reply, 200);
        QVERIFY2(reply.contentType.startsWith("application/dicom"), reply.contentType.constData());
        QCOMPARE(sha256Hex(dataSetBytes(reply.body)), sha256Hex(dataSetBytes(readFileBytes(file))));
        QVERIFY(archived.contains(QString::fromLatin1(sha256Hex(reply.body))));
        const auto explicitType =
            m_http->get(wadoUri(uids) + QStringLiteral("&contentType=application%2Fdicom"), m_token);
        LUMEN_COMPARE_WEB_STATUS(explicitType, 200);
        QVERIFY(explicitType.body == reply.body);
    }
    // A STOWed file comes back whole.
    const QString us = testData(QStringLiteral("us/US_palette_implicit.dcm"));
    LUMEN_COMPARE_WEB_STATUS(stow(*m_http, m_http->login(QStringLiteral("technologist")), {us}), 200);
    const auto reply = m_http->get(wadoUri(readUids(us)), m_token);
    LUMEN_COMPARE_WEB_STATUS(reply, 200);
    QVERIFY(reply.body == readFileBytes(us));
}

void WadoRsTest::wado_uri_refuses_missing_parameters_and_other_content_types()
{
    const auto& u = m_thickUids;
    for (const QString& path :
         {QStringLiteral("/wado?requestType=WADO&studyUID=%1&seriesUID=%2").arg(u.study, u.series),
          QStringLiteral("/wado?requestType=WADO&studyUID=%1&objectUID=%2").arg(u.study, u.sopInstance),
          QStringLiteral("/wado?studyUID=%1&seriesUID=%2&objectUID=%3").arg(u.study, u.series, u.sopInstance),
          QStringLiteral("/wado?requestType=OTHER&studyUID=%1&seriesUID=%2&objectUID=%3")
              .arg(u.study, u.series, u.sopInstance)}) {
        const auto reply = m_http->get(path, m_token);
        QVERIFY2(reply.status == 400,
                 qPrintable(path + QStringLiteral(" -> ") + QString::fromUtf8(reply.describe())));
    }
    // Only the DICOM file itself is served (CONFORMANCE.md): rendered JPEG is not.
    const auto jpeg = m_http->get(wadoUri(u) + QStringLiteral("&contentType=image%2Fjpeg"), m_token);
    QVERIFY2(jpeg.status == 400 || jpeg.status == 406, jpeg.describe().constData());
}

void WadoRsTest::unknown_uids_are_not_found()
{
    const auto& a = m_thickUids;
    const auto& b = m_thinUids;
    const QString unknown = QStringLiteral("1.2.826.0.1.3680043.99.1");
    for (const QString& path :
         {QStringLiteral("/dicom-web/studies/") + unknown,
          QStringLiteral("/dicom-web/studies/%1/series/%2").arg(a.study, unknown),
          QStringLiteral("/dicom-web/studies/%1/series/%2").arg(unknown, a.series),
          QStringLiteral("/dicom-web/studies/%1/series/%2/instances/%3").arg(a.study, a.series, unknown),
          // an instance that exists, but in the other series
          QStringLiteral("/dicom-web/studies/%1/series/%2/instances/%3")
              .arg(a.study, a.series, b.sopInstance),
          QStringLiteral("/wado?requestType=WADO&studyUID=%1&seriesUID=%2&objectUID=%3")
              .arg(a.study, a.series, unknown),
          QStringLiteral("/wado?requestType=WADO&studyUID=%1&seriesUID=%2&objectUID=%3")
              .arg(unknown, a.series, a.sopInstance)}) {
        const auto reply = m_http->get(path, m_token);
        QVERIFY2(reply.status == 404,
                 qPrintable(path + QStringLiteral(" -> ") + QString::fromUtf8(reply.describe())));
    }
}

void WadoRsTest::retrieval_needs_a_token_and_patient_read()
{
    const QString labqa = m_http->login(QStringLiteral("labqa"));
    QVERIFY(!labqa.isEmpty());
    for (const QString& path :
         {QStringLiteral("/dicom-web/studies/") + m_thickUids.study,
          QStringLiteral("/dicom-web/studies/%1/series/%2").arg(m_thickUids.study, m_thickUids.series),
          instancePath(m_thickUids), wadoUri(m_thickUids)}) {
        LUMEN_COMPARE_WEB_STATUS(m_http->get(path, QString()), 401);
        LUMEN_COMPARE_WEB_STATUS(m_http->get(path, labqa), 403);
    }
}

WadoRsTest::RawAnswer WadoRsTest::rawGet(QTcpSocket& socket, const QString& path)
{
    socket.write("GET " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                 m_token.toUtf8() + "\r\nConnection: keep-alive\r\n\r\n");
    socket.flush();
    RawAnswer answer;
    QByteArray buffer;
    while (!buffer.contains("\r\n\r\n")) {
        if (!socket.waitForReadyRead(10000))
            return {};
        buffer += socket.readAll();
    }
    const auto end = buffer.indexOf("\r\n\r\n");
    answer.headers = buffer.left(end);
    answer.status = answer.headers.left(answer.headers.indexOf("\r\n"));
    qint64 length = -1;
    for (const auto& line : answer.headers.split('\n'))
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    if (length < 0)
        return {};
    answer.body = buffer.mid(end + 4);
    while (answer.body.size() < length) {
        if (!socket.waitForReadyRead(10000))
            return {};
        answer.body += socket.readAll();
    }
    if (answer.body.size() != length) // nothing may follow an answer we did not ask for
        return {};
    return answer;
}

void WadoRsTest::streamed_answer_keeps_the_connection_for_the_next_request()
{
    // The body is streamed from the files with sendfile; its length must be exact, or the
    // second answer on the same connection would be read from the middle of the first.
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_server.httpPort());
    QVERIFY(socket.waitForConnected(5000));
    const QString study = QStringLiteral("/dicom-web/studies/") + m_thickUids.study;
    const auto first = rawGet(socket, study);
    QVERIFY2(first.status.contains(" 200 "), first.headers.constData());
    const auto second = rawGet(socket, instancePath(m_thinUids));
    QVERIFY2(second.status.contains(" 200 "), second.headers.constData());
    const auto third = rawGet(socket, study);
    QCOMPARE(third.body.size(), first.body.size());

    QByteArray contentType;
    for (const auto& line : first.headers.split('\n'))
        if (line.toLower().startsWith("content-type:"))
            contentType = line.mid(13).trimmed();
    QList<MultipartPart> parts;
    QString error;
    QVERIFY2(parseMultipart(contentType, first.body, &parts, &error), qPrintable(error));
    QCOMPARE(sortedHashes(bodies(parts), false), sortedHashes(contents(archivedFiles(m_dir->path())), false));
}

void WadoRsTest::client_hanging_up_mid_stream_leaves_the_server_serving()
{
    // Each client reads a little of a study far larger than the socket buffers, then hangs up
    // (or just stops reading): the server must neither die (SIGPIPE) nor leak its workers.
    const QByteArray request = "GET /dicom-web/studies/" + m_thickUids.study.toUtf8() +
                               " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + m_token.toUtf8() +
                               "\r\n\r\n";
    for (int i = 0; i < 6; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_server.httpPort());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(request);
        socket.flush();
        QVERIFY(socket.waitForReadyRead(10000));
        socket.read(4096);
        if (i % 2 == 0)
            socket.abort(); // reset
        else
            socket.close(); // orderly close with unread data
    }
    QVERIFY(m_server.isRunning());
    bool ok = false;
    const auto parts = retrieve(QStringLiteral("/dicom-web/studies/") + m_thickUids.study, &ok);
    QVERIFY(ok);
    QCOMPARE(parts.size(), 33);
}

QTEST_GUILESS_MAIN(WadoRsTest)
#include "test_wado_rs.moc"
