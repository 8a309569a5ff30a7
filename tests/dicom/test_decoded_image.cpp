// Decoding for display: every transfer syntax of the shared test data gives the same pixels as
// its uncompressed or lossless sister, colour models become RGB, frames are all there, and
// what cannot be shown is refused with a reason (never a crash).
#include <lumen/dicom/decoded_image.h>
#include <lumen/dicom/dimse_server.h>
#include <lumen/dicom/instance_attributes.h>

#include <QDir>
#include <QFile>

#include <QTest>
#include <algorithm>
#include <functional>

using namespace lumen;

namespace {

const QString data = QStringLiteral(LUMEN_TESTDATA_DIR);

dicom::DecodedImage decode(const QString& relative)
{
    return dicom::decodeImageFile((data + QLatin1Char('/') + relative).toStdString());
}

} // namespace

class TestDecodedImage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void lossless_encodings_of_one_mr_give_identical_frames();
    void lossless_jpeg2000_ultrasound_equals_the_uncompressed_rgb();
    void palette_and_ybr_colour_become_rgb(); // segmented palettes (Aloka) included
    void multiframe_jpeg_cine_gives_every_frame();
    void ct_jpeg_lossless_slice_gives_hounsfield_units_and_geometry();
    void undecodable_and_hostile_input_is_refused_with_a_reason();
};

void TestDecodedImage::initTestCase()
{
    if (!QDir(data + QStringLiteral("/compressed")).exists())
        QSKIP("shared test data not present");
    dicom::registerCodecs();
}

// req: 000 §2.3.2 every transfer syntax the archive accepts is shown
void TestDecodedImage::lossless_encodings_of_one_mr_give_identical_frames()
{
    const auto reference = decode(QStringLiteral("mr/emri_small_enhanced_mr_10frames.dcm"));
    QCOMPARE(reference.frames.size(), std::size_t(10));
    QCOMPARE(reference.columns, 64);
    for (const char* name :
         {"compressed/emri_small_RLE_10fr.dcm", "compressed/emri_small_big_endian_10fr.dcm",
          "compressed/emri_small_jpeg_2k_lossless_10fr.dcm",
          "compressed/emri_small_jpeg_ls_lossless_10fr.dcm"}) {
        const auto other = decode(QString::fromLatin1(name));
        QCOMPARE(other.frames.size(), reference.frames.size());
        for (std::size_t f = 0; f < reference.frames.size(); ++f)
            QVERIFY2(other.frames[f].values == reference.frames[f].values, name);
    }
}

void TestDecodedImage::lossless_jpeg2000_ultrasound_equals_the_uncompressed_rgb()
{
    const auto plain = decode(QStringLiteral("us/US1_UNCR_rgb_single.dcm"));
    const auto j2k = decode(QStringLiteral("compressed/US1_J2KR.dcm"));
    QVERIFY(plain.colour && j2k.colour);
    QCOMPARE(plain.frames.front().rgb.size(), std::size_t(640 * 480 * 3));
    QVERIFY(j2k.frames.front().rgb == plain.frames.front().rgb);
}

void TestDecodedImage::palette_and_ybr_colour_become_rgb()
{
    for (const char* name :
         {"us/US_palette_implicit.dcm", "us/gdcm-US-ALOKA-16_palette_segmented.dcm",
          "us/OBXXXX1A_palette_800x600.dcm", "us/Issue19_US_YBR_FULL.dcm", "us/US_RLE_YBR_FULL_planar.dcm"}) {
        const auto image = decode(QString::fromLatin1(name));
        QVERIFY2(image.colour, name);
        const auto& rgb = image.frames.front().rgb;
        QCOMPARE(rgb.size(), std::size_t(image.rows) * std::size_t(image.columns) * 3);
        // Real ultrasound is mostly grey with coloured parts: channels differ somewhere.
        bool coloured = false;
        for (std::size_t i = 0; i + 2 < rgb.size() && !coloured; i += 3)
            coloured = rgb[i] != rgb[i + 1] || rgb[i + 1] != rgb[i + 2];
        QVERIFY2(coloured, name);
    }
}

void TestDecodedImage::multiframe_jpeg_cine_gives_every_frame()
{
    const auto cine = decode(QStringLiteral("us/Issue16_US_multiframe_jpeg_34fr.dcm"));
    QCOMPARE(cine.frames.size(), std::size_t(34));
    QCOMPARE(cine.columns, 480);
    QCOMPARE(cine.rows, 430);
    QVERIFY(cine.frames.front().rgb != cine.frames.back().rgb); // a moving loop
}

void TestDecodedImage::ct_jpeg_lossless_slice_gives_hounsfield_units_and_geometry()
{
    const QDir folder(data + QStringLiteral("/ct/philips_ingenuity_head_phantom_1mm_jpegll"));
    const auto image =
        dicom::decodeImageFile(folder.filePath(folder.entryList(QDir::Files).front()).toStdString());
    QVERIFY(!image.colour);
    QCOMPARE(image.modality, std::string("CT"));
    const auto& f = image.frames.front();
    QVERIFY(f.imagePositionPatient && f.imageOrientationPatient && f.pixelSpacingMm);
    QCOMPARE((*f.pixelSpacingMm)[0], 0.451171875);
    const auto [lo, hi] = std::minmax_element(f.values.begin(), f.values.end());
    QVERIFY2(*lo <= -1000 && *lo >= -3100, qPrintable(QString::number(*lo))); // air (and the padding value)
    QVERIFY(*hi > 500);                                                       // the bone of the phantom
}

void TestDecodedImage::undecodable_and_hostile_input_is_refused_with_a_reason()
{
    auto codeOf = [](const std::function<void()>& run) {
        try {
            run();
        } catch (const dicom::DicomError& e) {
            return QString::fromStdString(e.code());
        }
        return QStringLiteral("no error");
    };
    QCOMPARE(codeOf([] { dicom::decodeImage(std::string(2000, 'x')); }), QStringLiteral("unreadable"));
    QCOMPARE(codeOf([] { dicom::decodeImage("DICM"); }), QStringLiteral("unreadable"));
    QCOMPARE(codeOf([] { decode(QStringLiteral("sr/reportsi_basic_text.dcm")); }),
             QStringLiteral("no_pixels"));
    // High-throughput JPEG 2000: DCMTK 3.6.7 has no decoder; the viewer says so.
    QCOMPARE(codeOf([] { decode(QStringLiteral("compressed/HTJ2KLossless_08_RGB.dcm")); }),
             QStringLiteral("undecodable"));
    // A truncated real file.
    QFile file(data + QStringLiteral("/us/US1_UNCR_rgb_single.dcm"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray half = file.readAll().left(300000);
    const QString truncated = codeOf([&] { dicom::decodeImage(half.toStdString()); });
    QVERIFY2(truncated != QStringLiteral("no error"), qPrintable(truncated));
}

QTEST_GUILESS_MAIN(TestDecodedImage)
#include "test_decoded_image.moc"
