// JPEG 2000 decoding (1.2.840.10008.1.2.4.90 / .91) through the OpenJPEG codec that
// registerCodecs() adds to DCMTK: whole objects converted with chooseRepresentation as a C-MOVE
// to an uncompressed-only peer does, single frames and rendered images as WADO-RS serves them.
// Lossless files must equal an uncompressed or otherwise losslessly coded copy of the same image
// from ../shared/testdata; hostile or rewritten files must fail cleanly or decode correctly.
#include "lumen/dicom/dimse_server.h"
#include "lumen/dicom/frame_access.h"
#include "lumen/dicom/instance_attributes.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcpixel.h"
#include "dcmtk/dcmdata/dcpixseq.h"
#include "dcmtk/dcmdata/dcpxitem.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <cmath>
#include <functional>
#include <memory>
#include <thread>

using namespace lumen::dicom;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);

QString dataFile(const QString& relative)
{
    return testData + "/" + relative;
}

#define REQUIRE_TESTDATA()                                                                                   \
    do {                                                                                                     \
        if (!QFileInfo(testData).isDir())                                                                    \
            QSKIP("../shared/testdata is absent: these cases decode its real JPEG 2000 files");              \
    } while (false)

const char* const j2kLossless = "1.2.840.10008.1.2.4.90";
const char* const j2kLossy = "1.2.840.10008.1.2.4.91";

// The transfer syntax a Part 10 file's meta header names, read without DCMTK (some files here
// crash or trouble it).
QString fileTransferSyntax(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = file.read(4096);
    if (head.mid(128, 4) != "DICM")
        return {};
    const int at = head.indexOf(QByteArray("\x02\x00\x10\x00UI", 6), 132);
    if (at < 0 || at + 8 > head.size())
        return {};
    const int length = quint8(head[at + 6]) | quint8(head[at + 7]) << 8;
    return QString::fromLatin1(head.mid(at + 8, length)).remove(QChar('\0')).trimmed();
}

struct Decoded
{
    QString error; // empty when decoded
    QByteArray pixels;
    int rows = 0, columns = 0, samples = 0, bitsAllocated = 0, frames = 1, planar = -1;
    QString photometric, lossy, lossyMethod;

    qsizetype expectedBytes() const
    {
        return qsizetype(rows) * columns * samples * (bitsAllocated / 8) * frames;
    }
};

QString stringOf(DcmDataset& data, const DcmTagKey& tag)
{
    OFString value;
    return data.findAndGetOFString(tag, value).good() ? QString::fromLatin1(value.c_str()) : QString();
}

int numberOf(DcmDataset& data, const DcmTagKey& tag, int fallback = 0)
{
    Sint32 value = 0;
    if (data.findAndGetSint32(tag, value).good())
        return value;
    Uint16 word = 0;
    return data.findAndGetUint16(tag, word).good() ? word : fallback;
}

// The whole pixel data converted to Explicit VR Little Endian, as a C-STORE to an
// uncompressed-only peer sends it, with the attributes the conversion leaves.
// With `evenIfLoadFails`, what DCMTK read of a broken file is decoded all the same.
Decoded decodeFile(const QString& path, const std::function<void(DcmDataset&)>& edit = {},
                   bool evenIfLoadFails = false)
{
    Decoded d;
    DcmFileFormat file;
    const OFCondition loaded = file.loadFile(path.toStdString().c_str());
    if (loaded.bad() && !evenIfLoadFails) {
        d.error = QStringLiteral("load: ") + loaded.text();
        return d;
    }
    DcmDataset& data = *file.getDataset();
    if (edit)
        edit(data);
    const OFCondition converted = data.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
    if (converted.bad() || !data.canWriteXfer(EXS_LittleEndianExplicit)) {
        d.error = QStringLiteral("convert: ") + converted.text();
        return d;
    }
    DcmElement* element = nullptr;
    if (data.findAndGetElement(DCM_PixelData, element).bad() || !element) {
        d.error = QStringLiteral("no pixel data");
        return d;
    }
    d.pixels.resize(element->getLength());
    if (element->getPartialValue(d.pixels.data(), 0, Uint32(d.pixels.size())).bad()) {
        d.error = QStringLiteral("pixel data cannot be read");
        return d;
    }
    d.rows = numberOf(data, DCM_Rows);
    d.columns = numberOf(data, DCM_Columns);
    d.samples = numberOf(data, DCM_SamplesPerPixel);
    d.bitsAllocated = numberOf(data, DCM_BitsAllocated);
    d.frames = numberOf(data, DCM_NumberOfFrames, 1);
    d.planar = numberOf(data, DCM_PlanarConfiguration, -1);
    d.photometric = stringOf(data, DCM_PhotometricInterpretation);
    d.lossy = stringOf(data, DCM_LossyImageCompression);
    d.lossyMethod = stringOf(data, DCM_LossyImageCompressionMethod);
    d.pixels.truncate(d.expectedBytes()); // the pad byte of odd lengths
    return d;
}

QString describe(const Decoded& d)
{
    return d.error.isEmpty() ? QStringLiteral("%1x%2x%3, %4 bits, %5 frame(s), %6")
                                   .arg(d.columns)
                                   .arg(d.rows)
                                   .arg(d.samples)
                                   .arg(d.bitsAllocated)
                                   .arg(d.frames)
                                   .arg(d.photometric)
                             : d.error;
}

// Every JPEG 2000 file of the test data: (path, transfer syntax).
QList<QPair<QString, QString>> j2kFiles()
{
    QList<QPair<QString, QString>> files;
    QDirIterator it(testData, {QStringLiteral("*.dcm")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString syntax = fileTransferSyntax(path);
        if (syntax == j2kLossless || syntax == j2kLossy)
            files.append({path, syntax});
    }
    std::sort(files.begin(), files.end());
    return files;
}

struct Rewrite
{
    Uint32 fragmentKiB = 0;        // 0: one fragment per frame
    bool offsetTable = false;      // fill the Basic Offset Table
    bool wrongOffsetTable = false; // fill it with offsets that fall on no fragment
    std::function<void(std::vector<QByteArray>&)> codestreams; // edit each frame's codestream
    std::function<void(DcmDataset&)> dataSet;
};

// `source` (a JPEG 2000 file, one frame or one fragment per frame) written again with its
// frames' codestreams split, the offset table and attributes as `how` says.
QString rewritten(const QTemporaryDir& dir, const QString& name, const QString& source, const Rewrite& how)
{
    DcmFileFormat file;
    if (file.loadFile(source.toStdString().c_str()).bad())
        qFatal("cannot load %s", qPrintable(source));
    DcmDataset& data = *file.getDataset();
    const E_TransferSyntax xfer = data.getOriginalXfer();
    DcmElement* element = nullptr;
    data.findAndGetElement(DCM_PixelData, element);
    auto* pixelData = static_cast<DcmPixelData*>(element);
    DcmPixelSequence* original = nullptr;
    if (!pixelData || pixelData->getEncapsulatedRepresentation(xfer, nullptr, original).bad() || !original)
        qFatal("%s has no encapsulated pixel data", qPrintable(source));

    const int frames = numberOf(data, DCM_NumberOfFrames, 1);
    std::vector<QByteArray> codestreams;
    for (unsigned long i = 1; i < original->card(); ++i) {
        DcmPixelItem* item = nullptr;
        Uint8* bytes = nullptr;
        original->getItem(item, i);
        item->getUint8Array(bytes);
        const QByteArray fragment(reinterpret_cast<const char*>(bytes), qsizetype(item->getLength()));
        if (frames == 1 && !codestreams.empty())
            codestreams.back() += fragment;
        else
            codestreams.push_back(fragment);
    }
    if (how.codestreams)
        how.codestreams(codestreams);

    auto* sequence = new DcmPixelSequence(DcmTag(DCM_PixelData, EVR_OB));
    auto* table = new DcmPixelItem(DcmTag(DCM_Item, EVR_OB));
    sequence->insert(table);
    DcmOffsetList offsets;
    for (QByteArray& codestream : codestreams)
        sequence->storeCompressedFrame(offsets, reinterpret_cast<Uint8*>(codestream.data()),
                                       Uint32(codestream.size()), how.fragmentKiB);
    if (how.offsetTable)
        table->createOffsetTable(offsets);
    if (how.wrongOffsetTable) {
        std::vector<Uint8> garbage(4 * codestreams.size(), 0x11);
        table->putUint8Array(garbage.data(), Uint32(garbage.size()));
    }
    pixelData->putOriginalRepresentation(xfer, nullptr, sequence);
    if (how.dataSet)
        how.dataSet(data);
    const QString path = dir.filePath(name);
    if (file.saveFile(path.toStdString().c_str(), xfer).bad())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray hashOf(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

// Frames through the public frame access (WADO-RS), or the DicomError code.
QString framesOrError(const QString& path, const std::vector<int>& numbers, std::vector<std::string>& frames)
{
    try {
        frames = readFrames(path.toStdString(), numbers);
        return {};
    } catch (const DicomError& error) {
        return QString::fromStdString(error.code()) + ": " + QString::fromUtf8(error.what());
    }
}

QImage rendered(const QString& path, const RenderOptions& options = {})
{
    const std::string png = renderFrame(path.toStdString(), options);
    return QImage::fromData(reinterpret_cast<const uchar*>(png.data()), int(png.size()), "PNG");
}

} // namespace

class J2kDecodingTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { registerCodecs(); }

    void lossless_files_equal_their_uncompressed_references()
    {
        REQUIRE_TESTDATA();
        const struct
        {
            const char* j2k;
            const char* reference;
        } pairs[] = {
            {"compressed/US1_J2KR.dcm", "us/US1_UNCR_rgb_single.dcm"}, // YBR_RCT, 3 fragments
            {"compressed/ts_1.2.840.10008.1.2.4.90.dcm",
             "compressed/ts_1.2.840.10008.1.2.5.dcm"}, // 2 fragments
            {"compressed/ts_1.2.840.10008.1.2.4.90.dcm", "compressed/ts_1.2.840.10008.1.2.4.80.dcm"},
            {"compressed/emri_small_jpeg_2k_lossless_10fr.dcm", "mr/emri_small_enhanced_mr_10frames.dcm"},
            {"compressed/emri_small_jpeg_2k_lossless_10fr.dcm", "compressed/emri_small_big_endian_10fr.dcm"},
            {"compressed/emri_small_jpeg_2k_lossless_10fr.dcm", "compressed/emri_small_RLE_10fr.dcm"},
        };
        for (const auto& pair : pairs) {
            const Decoded j2k = decodeFile(dataFile(pair.j2k));
            const Decoded reference = decodeFile(dataFile(pair.reference));
            QVERIFY2(j2k.error.isEmpty(), qPrintable(QString(pair.j2k) + ": " + j2k.error));
            QVERIFY2(reference.error.isEmpty(), qPrintable(QString(pair.reference) + ": " + reference.error));
            QCOMPARE(j2k.expectedBytes(), reference.expectedBytes());
            QCOMPARE(j2k.pixels.size(), j2k.expectedBytes());
            QVERIFY2(j2k.pixels == reference.pixels,
                     qPrintable(QString(pair.j2k) + " differs from " + pair.reference));
        }
        const Decoded us = decodeFile(dataFile("compressed/US1_J2KR.dcm"));
        QCOMPARE(us.photometric, QStringLiteral("RGB"));
        QCOMPARE(us.planar, 0);
        QCOMPARE(us.lossy, QStringLiteral("00")); // lossless stays lossless
    }

    void lossy_files_stay_close_to_their_reference()
    {
        REQUIRE_TESTDATA();
        const Decoded lossy = decodeFile(dataFile("compressed/US1_J2KI.dcm"));
        const Decoded reference = decodeFile(dataFile("us/US1_UNCR_rgb_single.dcm"));
        QVERIFY2(lossy.error.isEmpty(), qPrintable(lossy.error));
        QCOMPARE(lossy.photometric, QStringLiteral("RGB")); // YBR_ICT undone
        QCOMPARE(lossy.planar, 0);
        QCOMPARE(lossy.lossy, QStringLiteral("01"));
        QCOMPARE(lossy.pixels.size(), reference.pixels.size());
        double squares = 0;
        for (qsizetype i = 0; i < lossy.pixels.size(); ++i) {
            const int difference = quint8(lossy.pixels[i]) - quint8(reference.pixels[i]);
            squares += double(difference) * difference;
        }
        const double psnr = 10 * std::log10(255.0 * 255.0 / (squares / double(lossy.pixels.size())));
        // Colour decoded without undoing the ICT, or channels swapped, lands far below 30 dB.
        QVERIFY2(psnr > 33, qPrintable(QStringLiteral("PSNR %1 dB").arg(psnr)));
    }

    void every_j2k_file_of_the_test_data_decodes_or_fails_cleanly()
    {
        REQUIRE_TESTDATA();
        const auto files = j2kFiles();
        QVERIFY2(files.size() >= 10,
                 qPrintable(QStringLiteral("only %1 JPEG 2000 files found").arg(files.size())));
        QStringList report;
        for (const auto& [path, syntax] : files) {
            const bool hostile = path.contains(QStringLiteral("/malformed/"));
            const Decoded d = decodeFile(path, {}, hostile);
            report << QFileInfo(path).fileName() + ": " + describe(d);
            if (!hostile)
                QVERIFY2(d.error.isEmpty(), qPrintable(path + ": " + d.error));
            if (d.error.isEmpty()) {
                QCOMPARE(d.pixels.size(), d.expectedBytes());
                QVERIFY2(d.photometric != "YBR_RCT" && d.photometric != "YBR_ICT", qPrintable(path));
                if (syntax == j2kLossy)
                    QCOMPARE(d.lossy, QStringLiteral("01"));
            }
            // Frames and rendering (WADO-RS) on the stored file itself: an image or a DicomError.
            std::vector<std::string> frames;
            const QString frameError = framesOrError(path, {1}, frames);
            if (!hostile)
                QVERIFY2(frameError.isEmpty(), qPrintable(path + ": " + frameError));
            if (d.error.isEmpty() && frameError.isEmpty())
                QVERIFY2(QByteArray::fromStdString(frames[0]) == d.pixels.left(d.expectedBytes() / d.frames),
                         qPrintable(path + ": frame 1 differs from the converted pixel data"));
            try {
                const std::string png = renderFrame(path.toStdString(), {});
                QVERIFY(!png.empty());
            } catch (const DicomError& error) {
                QVERIFY2(hostile, qPrintable(path + ": " + error.what()));
            }
        }
        qInfo().noquote() << report.join('\n');
    }

    void truncated_pixel_data_fails_or_gives_the_true_image()
    {
        REQUIRE_TESTDATA();
        const Decoded reference = decodeFile(dataFile("mr/emri_small_enhanced_mr_10frames.dcm"));
        QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
        // As published only the sequence delimiter is missing: DCMTK reports the file broken (so the
        // archive refuses it) but keeps every fragment, and those decode to the true frames.
        const QString tooShort = dataFile("malformed/emri_small_jpeg_2k_lossless_too_short.dcm");
        const Decoded kept = decodeFile(tooShort, {}, true);
        QVERIFY2(kept.error.isEmpty(), qPrintable(kept.error));
        QVERIFY(kept.pixels == reference.pixels);

        // Cut inside the last fragment: what the archive reads is an error, never other pixels.
        QStringList files{tooShort};
        QTemporaryDir dir;
        QFile whole(dataFile("compressed/emri_small_jpeg_2k_lossless_10fr.dcm"));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray bytes = whole.readAll();
        for (const qsizetype cut : {qsizetype(9), qsizetype(100), qsizetype(2001), bytes.size() / 2}) {
            QFile part(dir.filePath(QStringLiteral("cut-%1.dcm").arg(cut)));
            QVERIFY(part.open(QIODevice::WriteOnly));
            part.write(bytes.left(bytes.size() - cut));
            files << part.fileName();
        }
        for (const QString& file : files) {
            const Decoded d = decodeFile(file);
            QVERIFY2(!d.error.isEmpty() || d.pixels == reference.pixels,
                     qPrintable(file + " decoded to other pixels"));
            std::vector<std::string> frames;
            const QString error = framesOrError(file, {10}, frames);
            QVERIFY2(error.isEmpty()
                         ? QByteArray::fromStdString(frames[0]) == reference.pixels.right(64 * 64 * 2)
                         : error.startsWith(QStringLiteral("unreadable")),
                     qPrintable(file + ": " + error));
            RenderOptions last;
            last.frame = 10;
            try {
                renderFrame(file.toStdString(), last);
            } catch (const DicomError&) {
            }
            decodeFile(file, {}, true); // whatever DCMTK kept: an error or an image, no crash
        }
    }

    void pixel_representation_wins_over_the_codestream_sign()
    {
        REQUIRE_TESTDATA();
        // Pixel Representation 1, Bits Stored 13; the codestream calls its samples unsigned.
        const Decoded d = decodeFile(dataFile("malformed/J2K_pixelrep_mismatch.dcm"));
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.bitsAllocated, 16);
        auto at = [&](int row, int column) {
            qint16 value = 0;
            std::memcpy(&value, d.pixels.constData() + 2 * (qsizetype(row) * d.columns + column), 2);
            return int(value);
        };
        QCOMPARE(at(0, 0), -2000); // air in CT
        const int column279[] = {621, 412, 138, -193, -520, -767, -907, -966, -988, -995};
        for (int i = 0; i < 10; ++i)
            QCOMPARE(at(47 + i, 279), column279[i]);
        // Not converted to lossy: 4.90 without the attribute leaves it absent.
        QVERIFY(d.lossy.isEmpty());
    }

    void jp2_wrapped_colour_codestream_is_decoded_to_rgb()
    {
        REQUIRE_TESTDATA();
        // A JP2 file header around the codestream (not conformant, but written by old GDCM).
        const Decoded d = decodeFile(dataFile("malformed/GDCMJ2K_TextGBR.dcm"));
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.photometric, QStringLiteral("RGB"));
        QCOMPARE(d.planar, 0);
        QCOMPARE(d.pixels.size(), qsizetype(400 * 400 * 3));
        // Coloured text on a plain background: strongly red, green and blue pixels all occur.
        bool red = false, green = false, blue = false;
        for (qsizetype i = 0; i + 2 < d.pixels.size(); i += 3) {
            const int r = quint8(d.pixels[i]), g = quint8(d.pixels[i + 1]), b = quint8(d.pixels[i + 2]);
            red = red || (r > 200 && g < 60 && b < 60);
            green = green || (g > 200 && r < 60 && b < 60);
            blue = blue || (b > 200 && r < 60 && g < 60);
        }
        QVERIFY2(red && green && blue, "the text colours did not come out as RGB");
    }

    void lossy_conversion_marks_the_image_lossy()
    {
        REQUIRE_TESTDATA();
        // 4.91 without Lossy Image Compression: the converted object must say "01" (PS3.3 C.7.6.1.1.5).
        const Decoded ct =
            decodeFile(dataFile("compressed/ts_1.2.840.10008.1.2.4.91.dcm"), [](DcmDataset& data) {
                data.findAndDeleteElement(DCM_LossyImageCompression);
                data.findAndDeleteElement(DCM_LossyImageCompressionMethod);
            });
        QVERIFY2(ct.error.isEmpty(), qPrintable(ct.error));
        QCOMPARE(ct.lossy, QStringLiteral("01"));
        QCOMPARE(ct.lossyMethod, QStringLiteral("ISO_15444_1"));
        // A sender's "00" on an irreversibly (9-7) coded stream is wrong: the pixels are lossy.
        const Decoded us = decodeFile(dataFile("compressed/US1_J2KI.dcm"), [](DcmDataset& data) {
            data.putAndInsertString(DCM_LossyImageCompression, "00");
        });
        QVERIFY2(us.error.isEmpty(), qPrintable(us.error));
        QCOMPARE(us.lossy, QStringLiteral("01"));
        // A lossless object stays as it was.
        QCOMPARE(decodeFile(dataFile("compressed/emri_small_jpeg_2k_lossless_10fr.dcm")).lossy,
                 QStringLiteral("00"));
    }

    void frames_decode_one_at_a_time_in_any_order()
    {
        REQUIRE_TESTDATA();
        const Decoded reference = decodeFile(dataFile("mr/emri_small_enhanced_mr_10frames.dcm"));
        QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
        const qsizetype frameBytes = 64 * 64 * 2;
        std::vector<std::string> frames;
        const QString error =
            framesOrError(dataFile("compressed/emri_small_jpeg_2k_lossless_10fr.dcm"), {10, 1, 5, 5}, frames);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(frames.size(), std::size_t(4));
        const int numbers[] = {10, 1, 5, 5};
        for (int i = 0; i < 4; ++i)
            QVERIFY2(QByteArray::fromStdString(frames[i]) ==
                         reference.pixels.mid((numbers[i] - 1) * frameBytes, frameBytes),
                     qPrintable(QStringLiteral("frame %1").arg(numbers[i])));
        QCOMPARE(
            framesOrError(dataFile("compressed/emri_small_jpeg_2k_lossless_10fr.dcm"), {11}, frames).left(9),
            QStringLiteral("bad_frame"));
    }

    void frames_split_over_several_fragments_are_joined()
    {
        REQUIRE_TESTDATA();
        QTemporaryDir dir;
        const QString source = dataFile("compressed/emri_small_jpeg_2k_lossless_10fr.dcm");
        const Decoded reference = decodeFile(dataFile("mr/emri_small_enhanced_mr_10frames.dcm"));
        const qsizetype frameBytes = 64 * 64 * 2;
        const struct
        {
            const char* name;
            Rewrite how;
        } cases[] = {
            {"split-with-table.dcm", {1, true, false, {}, {}}},   // the offset table says where
            {"split-empty-table.dcm", {1, false, false, {}, {}}}, // fragment starts found by their markers
            {"split-wrong-table.dcm", {1, false, true, {}, {}}},  // a wrong table is not trusted
        };
        for (const auto& c : cases) {
            const QString path = rewritten(dir, c.name, source, c.how);
            QVERIFY2(path.isEmpty() == false, c.name);
            DcmFileFormat check;
            QVERIFY(check.loadFile(path.toStdString().c_str()).good());
            DcmElement* element = nullptr;
            check.getDataset()->findAndGetElement(DCM_PixelData, element);
            DcmPixelSequence* sequence = nullptr;
            static_cast<DcmPixelData*>(element)->getEncapsulatedRepresentation(EXS_JPEG2000LosslessOnly,
                                                                               nullptr, sequence);
            QVERIFY2(sequence && sequence->card() > 21, "each frame should span several fragments");

            const Decoded d = decodeFile(path);
            QVERIFY2(d.error.isEmpty(), qPrintable(QString(c.name) + ": " + d.error));
            QVERIFY2(d.pixels == reference.pixels, c.name);
            std::vector<std::string> frames;
            const QString error = framesOrError(path, {7, 2, 10}, frames);
            QVERIFY2(error.isEmpty(), qPrintable(QString(c.name) + ": " + error));
            QVERIFY(QByteArray::fromStdString(frames[0]) == reference.pixels.mid(6 * frameBytes, frameBytes));
            QVERIFY(QByteArray::fromStdString(frames[1]) == reference.pixels.mid(1 * frameBytes, frameBytes));
            QVERIFY(QByteArray::fromStdString(frames[2]) == reference.pixels.mid(9 * frameBytes, frameBytes));
        }
    }

    void broken_or_mismatched_codestreams_fail_cleanly()
    {
        REQUIRE_TESTDATA();
        QTemporaryDir dir;
        const QString multi = dataFile("compressed/emri_small_jpeg_2k_lossless_10fr.dcm");
        const QString single = dataFile("compressed/ts_1.2.840.10008.1.2.4.90.dcm");
        auto setNumber = [](const DcmTagKey& tag, Uint16 value) {
            return [tag, value](DcmDataset& data) { data.putAndInsertUint16(tag, value); };
        };
        const struct
        {
            const char* name;
            QString source;
            Rewrite how;
        } cases[] = {
            {"truncated.dcm",
             multi,
             {0,
              false,
              false,
              [](std::vector<QByteArray>& c) { c[3].truncate((c[3].size() / 2) & ~qsizetype(1)); },
              {}}},
            {"not-a-codestream.dcm",
             single,
             {0, false, false, [](std::vector<QByteArray>& c) { c[0].fill('\x5a'); }, {}}},
            {"rows-disagree.dcm", single, {0, false, false, {}, setNumber(DCM_Rows, 512)}},
            {"absurd-size.dcm",
             single,
             {0,
              false,
              false,
              {},
              [](DcmDataset& data) {
                  data.putAndInsertUint16(DCM_Rows, 65535);
                  data.putAndInsertUint16(DCM_Columns, 65535);
                  data.putAndInsertUint16(DCM_SamplesPerPixel, 3);
                  data.putAndInsertUint16(DCM_PlanarConfiguration, 0);
              }}},
            {"precision-beyond-bits-allocated.dcm",
             single,
             {0,
              false,
              false,
              {},
              [](DcmDataset& data) {
                  data.putAndInsertUint16(DCM_BitsAllocated, 8);
                  data.putAndInsertUint16(DCM_BitsStored, 8);
                  data.putAndInsertUint16(DCM_HighBit, 7);
              }}},
            {"samples-disagree.dcm",
             single,
             {0,
              false,
              false,
              {},
              [](DcmDataset& data) {
                  data.putAndInsertUint16(DCM_SamplesPerPixel, 3);
                  data.putAndInsertUint16(DCM_PlanarConfiguration, 0);
                  data.putAndInsertString(DCM_PhotometricInterpretation, "YBR_RCT");
              }}},
            {"more-frames-than-fragments.dcm",
             multi,
             {0,
              false,
              false,
              {},
              [](DcmDataset& data) { data.putAndInsertString(DCM_NumberOfFrames, "11"); }}},
            // Eleven codestreams for ten frames and no offset table: which is extra cannot be known.
            {"frames-cannot-be-told-apart.dcm",
             multi,
             {0, false, false, [](std::vector<QByteArray>& c) { c.push_back(c[0]); }, {}}},
        };
        for (const auto& c : cases) {
            const QString path = rewritten(dir, c.name, c.source, c.how);
            const Decoded d = decodeFile(path);
            QVERIFY2(!d.error.isEmpty(), qPrintable(QString(c.name) + " decoded: " + describe(d)));
            std::vector<std::string> frames;
            RenderOptions frame4; // the frame the damaged multi-frame cases break
            frame4.frame = c.source == multi ? 4 : 1;
            const QString frameError = framesOrError(path, {frame4.frame}, frames);
            QVERIFY2(frameError.startsWith(QStringLiteral("undecodable")),
                     qPrintable(QString(c.name) + ": " + frameError));
            QVERIFY_THROWS_EXCEPTION(DicomError, renderFrame(path.toStdString(), frame4));
        }
    }

    void lying_attributes_are_refused_before_memory_is_taken()
    {
        REQUIRE_TESTDATA();
        QTemporaryDir dir;
        // Ten 8192 x 8192 frames by the attributes (1.25 GiB decoded); the codestreams say 64 x 64.
        const QString path = rewritten(dir, QStringLiteral("lying.dcm"),
                                       dataFile("compressed/emri_small_jpeg_2k_lossless_10fr.dcm"),
                                       {0, false, false, {}, [](DcmDataset& data) {
                                            data.putAndInsertUint16(DCM_Rows, 8192);
                                            data.putAndInsertUint16(DCM_Columns, 8192);
                                        }});
        rusage before{};
        getrusage(RUSAGE_SELF, &before);
        const Decoded d = decodeFile(path);
        QVERIFY2(d.error.contains(QStringLiteral("the codestream holds 1 component(s) of 64x64")),
                 qPrintable(d.error));
        std::vector<std::string> frames;
        QVERIFY(framesOrError(path, {2}, frames).startsWith(QStringLiteral("undecodable")));
        rusage after{};
        getrusage(RUSAGE_SELF, &after);
        const long grownMiB = (after.ru_maxrss - before.ru_maxrss) / 1024;
        QVERIFY2(grownMiB < 200, qPrintable(QStringLiteral("peak memory grew by %1 MiB").arg(grownMiB)));
    }

    void random_damage_to_codestreams_never_crashes()
    {
        REQUIRE_TESTDATA();
        QTemporaryDir dir;
        QRandomGenerator random(20240611); // fixed: a failure can be replayed
        const QString sources[] = {dataFile("compressed/US1_J2KI.dcm"),
                                   dataFile("compressed/ts_1.2.840.10008.1.2.4.90.dcm")};
        int decoded = 0, refused = 0;
        for (int round = 0; round < 40; ++round) {
            const QString& source = sources[round % 2];
            const Rewrite how{0,
                              false,
                              false,
                              [&](std::vector<QByteArray>& c) {
                                  QByteArray& bytes = c[0];
                                  const int flips = 1 + int(random.bounded(8));
                                  for (int i = 0; i < flips; ++i) {
                                      // Headers (the first 200 bytes) as often as the coded data.
                                      const int limit =
                                          int(random.bounded(2) ? qMin<qsizetype>(200, bytes.size())
                                                                : bytes.size());
                                      const int at = random.bounded(limit);
                                      bytes[at] = char(random.bounded(256));
                                  }
                              },
                              {}};
            const QString path = rewritten(dir, QStringLiteral("damaged-%1.dcm").arg(round), source, how);
            const Decoded d = decodeFile(path);
            if (d.error.isEmpty()) {
                ++decoded;
                QCOMPARE(d.pixels.size(), d.expectedBytes());
            } else {
                ++refused;
            }
            std::vector<std::string> frames;
            framesOrError(path, {1}, frames);
        }
        qInfo() << decoded << "damaged files still decoded," << refused << "refused";
    }

    void rendered_images_equal_those_of_the_reference()
    {
        REQUIRE_TESTDATA();
        const QImage j2k = rendered(dataFile("compressed/US1_J2KR.dcm"));
        const QImage reference = rendered(dataFile("us/US1_UNCR_rgb_single.dcm"));
        QCOMPARE(j2k.size(), QSize(640, 480));
        QVERIFY(!j2k.allGray());
        QVERIFY(j2k == reference);

        RenderOptions window;
        window.windowCenter = 2000;
        window.windowWidth = 4000;
        window.maxWidth = 128;
        window.maxHeight = 512;
        const QImage nm = rendered(dataFile("compressed/ts_1.2.840.10008.1.2.4.90.dcm"), window);
        QCOMPARE(nm.size(), QSize(128, 512));
        QVERIFY(nm == rendered(dataFile("compressed/ts_1.2.840.10008.1.2.5.dcm"), window));

        window = {};
        window.frame = 6;
        QVERIFY(rendered(dataFile("compressed/emri_small_jpeg_2k_lossless_10fr.dcm"), window) ==
                rendered(dataFile("mr/emri_small_enhanced_mr_10frames.dcm"), window));
    }

    void concurrent_decoding_gives_the_single_threaded_result()
    {
        REQUIRE_TESTDATA();
        const QString files[] = {dataFile("compressed/US1_J2KR.dcm"), dataFile("compressed/US1_J2KI.dcm"),
                                 dataFile("compressed/emri_small_jpeg_2k_lossless_10fr.dcm"),
                                 dataFile("compressed/ts_1.2.840.10008.1.2.4.91.dcm")};
        QList<QByteArray> expected;
        for (const QString& file : files) {
            const Decoded d = decodeFile(file);
            QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
            expected << hashOf(d.pixels);
        }
        constexpr int threads = 4, rounds = 6;
        std::vector<QStringList> problems(threads);
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t)
            workers.emplace_back([&, t] {
                for (int r = 0; r < rounds; ++r) {
                    const int i = (t + r) % 4;
                    const Decoded d = decodeFile(files[i]);
                    if (!d.error.isEmpty() || hashOf(d.pixels) != expected[i])
                        problems[t] << files[i] + ": " +
                                           (d.error.isEmpty() ? QStringLiteral("other pixels") : d.error);
                    std::vector<std::string> frames;
                    const QString error = framesOrError(files[i], {1}, frames);
                    if (!error.isEmpty())
                        problems[t] << files[i] + ": " + error;
                }
            });
        for (auto& worker : workers)
            worker.join();
        for (const QStringList& p : problems)
            QVERIFY2(p.isEmpty(), qPrintable(p.join('\n')));
    }
};

QTEST_GUILESS_MAIN(J2kDecodingTest)
#include "test_j2k_decoding.moc"
