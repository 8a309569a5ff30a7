// Integration tests of WADO-RS pixel access: frames as raw samples (decoded from JPEG Lossless
// by the archive) and rendered images with window and viewport. The real lumen-server.
#include "dicom_tools.h"
#include "http_client.h"
#include "server_process.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen::test;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);
const QString ctSlice = testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_1mm_jpegll/I10.dcm");
const QString usImage = testData + QStringLiteral("/us/US1_UNCR_rgb_single.dcm");

QString instancePath(const QString& file)
{
    return QStringLiteral("/dicom-web/studies/%1/series/%2/instances/%3")
        .arg(dumpValue(file, QStringLiteral("StudyInstanceUID")),
             dumpValue(file, QStringLiteral("SeriesInstanceUID")),
             dumpValue(file, QStringLiteral("SOPInstanceUID")));
}

// The parts of a multipart/related body, given the boundary from its Content-Type.
QList<QByteArray> multipartParts(const QByteArray& body)
{
    QList<QByteArray> parts;
    const int firstLineEnd = body.indexOf("\r\n");
    const QByteArray delimiter = "\r\n" + body.left(firstLineEnd);
    int pos = firstLineEnd + 2;
    while (pos < body.size()) {
        const int headersEnd = body.indexOf("\r\n\r\n", pos);
        const int next = body.indexOf(delimiter, headersEnd);
        if (headersEnd < 0 || next < 0)
            break;
        parts << body.mid(headersEnd + 4, next - headersEnd - 4);
        pos = next + delimiter.size() + 2;
    }
    return parts;
}

} // namespace

class DicomWebPixelsTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_token;

private slots:
    void initTestCase()
    {
        if (!QFile::exists(ctSlice) || !QFile::exists(usImage))
            QSKIP("../shared/testdata is absent: these tests need its real DICOM files");
        QVERIFY2(m_server.start(m_dir.path()), qPrintable(m_server.errorString()));
        const auto stored = storescu(m_server.dicomPort(), {ctSlice, usImage});
        QVERIFY2(stored.exitCode == 0, qPrintable(stored.output));
        HttpClient http(m_server.httpPort());
        m_token = http.login(QStringLiteral("radiologist"));
    }

    void frame_of_jpeg_lossless_slice_equals_the_decoded_pixels()
    {
        // Reference: DCMTK's own decoder, pixel data being the file's last element.
        const QString decoded = m_dir.path() + QStringLiteral("/decoded.dcm");
        QCOMPARE(runTool(QStringLiteral("dcmdjpeg"), {ctSlice, decoded}).exitCode, 0);
        QFile f(decoded);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray reference = f.readAll().right(512 * 512 * 2);

        HttpClient http(m_server.httpPort());
        const auto reply = http.get(instancePath(ctSlice) + QStringLiteral("/frames/1"), m_token);
        QVERIFY2(reply.status == 200, reply.describe().constData());
        const auto parts = multipartParts(reply.body);
        QCOMPARE(parts.size(), 1);
        QCOMPARE(parts.first().size(), 512 * 512 * 2);
        QVERIFY(parts.first() == reference);
    }

    void missing_frame_is_not_found_and_bad_lists_are_refused()
    {
        HttpClient http(m_server.httpPort());
        QCOMPARE(http.get(instancePath(ctSlice) + QStringLiteral("/frames/2"), m_token).status, 404);
        QCOMPARE(http.get(instancePath(ctSlice) + QStringLiteral("/frames/0"), m_token).status, 400);
        QCOMPARE(http.get(instancePath(ctSlice) + QStringLiteral("/frames/a"), m_token).status, 400);
    }

    void rendered_png_fits_the_viewport_and_follows_the_window()
    {
        HttpClient http(m_server.httpPort());
        auto render = [&](const QString& window) {
            const auto reply = http.send(
                "GET", instancePath(ctSlice) + QStringLiteral("/rendered?viewport=256,256&window=") + window,
                {}, {{"Accept", "image/png"}, {"Authorization", "Bearer " + m_token.toLatin1()}});
            return QImage::fromData(reply.body, "PNG");
        };
        const QImage brain = render(QStringLiteral("40,80"));
        const QImage bone = render(QStringLiteral("300,2000"));
        QVERIFY(!brain.isNull());
        QCOMPARE(brain.size(), QSize(256, 256));
        QVERIFY(brain != bone);
        // A narrow window saturates more pixels to white than a wide one.
        auto whites = [](const QImage& image) {
            int n = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    n += qGray(image.pixel(x, y)) == 255;
            return n;
        };
        QVERIFY2(whites(brain) > whites(bone), "the narrow window should saturate more of the phantom");
    }

    void rendered_default_is_jpeg_and_colour_stays_colour()
    {
        HttpClient http(m_server.httpPort());
        const auto reply = http.get(instancePath(usImage) + QStringLiteral("/rendered"), m_token);
        QVERIFY2(reply.status == 200, reply.describe().constData());
        const QImage image = QImage::fromData(reply.body, "JPEG");
        QCOMPARE(image.size(), QSize(640, 480));
        QVERIFY(!image.allGray());
    }

    void bad_window_or_viewport_is_refused()
    {
        HttpClient http(m_server.httpPort());
        QCOMPARE(http.get(instancePath(ctSlice) + QStringLiteral("/rendered?window=40"), m_token).status,
                 400);
        QCOMPARE(http.get(instancePath(ctSlice) + QStringLiteral("/rendered?window=40,0"), m_token).status,
                 400);
        QCOMPARE(http.get(instancePath(ctSlice) + QStringLiteral("/rendered?viewport=-5,10"), m_token).status,
                 400);
    }

    void pixels_need_a_token_and_read_permission()
    {
        HttpClient http(m_server.httpPort());
        QCOMPARE(http.get(instancePath(ctSlice) + QStringLiteral("/rendered"), QString()).status, 401);
        QCOMPARE(
            http.get(instancePath(ctSlice) + QStringLiteral("/frames/1"), http.login(QStringLiteral("labqa")))
                .status,
            403);
    }
};

QTEST_GUILESS_MAIN(DicomWebPixelsTest)
#include "test_dicomweb_pixels.moc"
