// Integration tests of WADO-RS pixel access: frames as raw samples (decoded from JPEG Lossless
// and JPEG 2000 by the archive) and rendered images with window and viewport. The real lumen-server.
#include "dicom_tools.h"
#include "http_client.h"
#include "server_process.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen::test;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);
const QString ctSlice = testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_1mm_jpegll/I10.dcm");
const QString usImage = testData + QStringLiteral("/us/US1_UNCR_rgb_single.dcm");
// JPEG 2000, each beside an uncompressed or RLE copy of the same image.
const QString usJ2k = testData + QStringLiteral("/compressed/US1_J2KR.dcm"); // YBR_RCT, of usImage
const QString mrJ2k = testData + QStringLiteral("/compressed/emri_small_jpeg_2k_lossless_10fr.dcm");
const QString mrUncompressed =
    testData + QStringLiteral("/mr/emri_small_enhanced_mr_10frames.dcm"); // not stored: same UID
const QString nmJ2k = testData + QStringLiteral("/compressed/ts_1.2.840.10008.1.2.4.90.dcm");
const QString nmRle = testData + QStringLiteral("/compressed/ts_1.2.840.10008.1.2.5.dcm");
const QString ctJ2kLossy = testData + QStringLiteral("/compressed/ts_1.2.840.10008.1.2.4.91.dcm");

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
        const auto rle = storescuProposing(m_server.dicomPort(), QStringLiteral("-xr"), {nmRle});
        QVERIFY2(rle.exitCode == 0, qPrintable(rle.output));
        const auto lossless =
            storescuProposing(m_server.dicomPort(), QStringLiteral("-xv"), {usJ2k, mrJ2k, nmJ2k});
        QVERIFY2(lossless.exitCode == 0, qPrintable(lossless.output));
        const auto lossy = storescuProposing(m_server.dicomPort(), QStringLiteral("-xw"), {ctJ2kLossy});
        QVERIFY2(lossy.exitCode == 0, qPrintable(lossy.output));
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

    void frames_of_jpeg2000_objects_are_their_uncompressed_samples()
    {
        HttpClient http(m_server.httpPort());
        // Colour, stored as YBR_RCT: the samples of its uncompressed twin, RGB by pixel.
        const auto us = http.get(instancePath(usJ2k) + QStringLiteral("/frames/1"), m_token);
        QVERIFY2(us.status == 200, us.describe().constData());
        const auto usParts = multipartParts(us.body);
        QCOMPARE(usParts.size(), 1);
        const QByteArray usReference = pixelDataOf(usImage);
        QCOMPARE(usReference.size(), 640 * 480 * 3);
        QVERIFY(usParts.first() == usReference);

        // Multi-frame, one codestream per frame, asked out of order.
        const auto mr = http.get(instancePath(mrJ2k) + QStringLiteral("/frames/10,3"), m_token);
        QVERIFY2(mr.status == 200, mr.describe().constData());
        const auto mrParts = multipartParts(mr.body);
        QCOMPARE(mrParts.size(), 2);
        const QByteArray mrReference = pixelDataOf(mrUncompressed);
        const int frameBytes = 64 * 64 * 2;
        QCOMPARE(mrReference.size(), 10 * frameBytes);
        QVERIFY(mrParts[0] == mrReference.mid(9 * frameBytes, frameBytes));
        QVERIFY(mrParts[1] == mrReference.mid(2 * frameBytes, frameBytes));
        QCOMPARE(http.get(instancePath(mrJ2k) + QStringLiteral("/frames/11"), m_token).status, 404);

        // Lossy: 16-bit samples of the full 512 x 512 image.
        const auto ct = http.get(instancePath(ctJ2kLossy) + QStringLiteral("/frames/1"), m_token);
        QVERIFY2(ct.status == 200, ct.describe().constData());
        QCOMPARE(multipartParts(ct.body).value(0).size(), 512 * 512 * 2);
    }

    void rendered_jpeg2000_objects_equal_their_uncompressed_twins()
    {
        HttpClient http(m_server.httpPort());
        auto png = [&](const QString& path) {
            const auto reply =
                http.send("GET", path, {},
                          {{"Accept", "image/png"}, {"Authorization", "Bearer " + m_token.toLatin1()}});
            return reply.status == 200 ? QImage::fromData(reply.body, "PNG") : QImage();
        };
        const QImage us = png(instancePath(usJ2k) + QStringLiteral("/rendered"));
        QCOMPARE(us.size(), QSize(640, 480));
        QVERIFY(!us.allGray());
        QVERIFY(us == png(instancePath(usImage) + QStringLiteral("/rendered")));

        const QString window = QStringLiteral("/rendered?window=2000,4000&viewport=128,512");
        const QImage nm = png(instancePath(nmJ2k) + window);
        QCOMPARE(nm.size(), QSize(128, 512));
        QVERIFY(nm == png(instancePath(nmRle) + window));

        const QImage mr = png(instancePath(mrJ2k) + QStringLiteral("/frames/6/rendered"));
        QCOMPARE(mr.size(), QSize(64, 64));
        QSet<QRgb> grey;
        for (int y = 0; y < mr.height(); ++y)
            for (int x = 0; x < mr.width(); ++x)
                grey.insert(mr.pixel(x, y));
        QVERIFY2(grey.size() > 20, "frame 6 should show the MR slice, not a flat image");

        const auto ct = http.get(instancePath(ctJ2kLossy) + QStringLiteral("/rendered"), m_token);
        QVERIFY2(ct.status == 200, ct.describe().constData());
        QCOMPARE(QImage::fromData(ct.body, "JPEG").size(), QSize(512, 512));
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
