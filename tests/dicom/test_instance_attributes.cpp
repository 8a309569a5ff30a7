// readInstanceAttributes on real files from ../shared/testdata and on hostile ones: every
// refusal names its reason, and no file, however malformed, brings the process down.
#include "lumen/dicom/instance_attributes.h"

#include "part10_writer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace lumen::dicom;
using namespace lumen::test;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);

QString dataFile(const QString& relative)
{
    return QDir(testData).filePath(relative);
}

#define REQUIRE_TESTDATA()                                                                                   \
    do {                                                                                                     \
        if (!QFileInfo(testData).isDir())                                                                    \
            QSKIP("../shared/testdata is absent: these cases read its real DICOM files");                    \
    } while (false)

// The DicomError code readInstanceAttributes throws for `path`, or "" when it reads the file.
QString refusalCode(const QString& path, const ParseLimits& limits = {})
{
    try {
        readInstanceAttributes(path.toStdString(), limits);
        return {};
    } catch (const DicomError& error) {
        return QString::fromStdString(error.code());
    }
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// `depth` sequences, each the only element of its parent's single item.
QByteArray nestedSequences(int depth)
{
    QByteArray inner = element(0x0040, 0xA040, "CS", "TEXT");
    for (int level = 0; level < depth; ++level)
        inner = sequence(0x0040, 0xA730, {inner});
    return inner;
}

QByteArray syntheticFile(const Identity& id, const QByteArray& tail = {})
{
    return part10(identityElements(id) + studySeriesElements(id) + tail, id.sopClass, id.sopInstance);
}

} // namespace

class InstanceAttributesTest : public QObject
{
    Q_OBJECT

private slots:
    void ct_jpeg_lossless_slice_gives_identity_and_image_size()
    {
        REQUIRE_TESTDATA();
        const QString path = dataFile("ct/philips_ingenuity_head_phantom_1mm_jpegll/I10.dcm");
        const InstanceAttributes a = readInstanceAttributes(path.toStdString());
        QCOMPARE(a.sopClassUid, std::string("1.2.840.10008.5.1.4.1.1.2"));
        QCOMPARE(a.sopInstanceUid,
                 std::string("1.3.46.670589.33.1.12660351082495106374.29475518542521630296"));
        QCOMPARE(a.studyInstanceUid,
                 std::string("1.3.46.670589.33.1.27492712521914879309.27169771283235650014"));
        QCOMPARE(a.seriesInstanceUid,
                 std::string("1.3.46.670589.33.1.3963937485511329090.25659488233390035616"));
        QCOMPARE(a.transferSyntaxUid, std::string("1.2.840.10008.1.2.4.70"));
        QCOMPARE(a.modality, std::string("CT"));
        QCOMPARE(a.patientId, std::string("PLASTIC"));
        QCOMPARE(a.patientName, std::string("HEAD"));
        QCOMPARE(a.rows, 512);
        QCOMPARE(a.columns, 512);
        QCOMPARE(a.numberOfFrames, 1);
        QCOMPARE(a.fileSizeBytes, std::uint64_t(QFileInfo(path).size()));
    }

    void both_ct_series_belong_to_one_study()
    {
        REQUIRE_TESTDATA();
        const auto thin = readInstanceAttributes(
            dataFile("ct/philips_ingenuity_head_phantom_1mm_jpegll/I10.dcm").toStdString());
        const auto thick =
            readInstanceAttributes(dataFile("ct/philips_ingenuity_head_phantom_5mm/I10.dcm").toStdString());
        QCOMPARE(thick.studyInstanceUid, thin.studyInstanceUid);
        QVERIFY(thick.seriesInstanceUid != thin.seriesInstanceUid);
        QCOMPARE(thick.transferSyntaxUid, std::string("1.2.840.10008.1.2.1"));
    }

    void implicit_vr_mr_slice_is_read()
    {
        REQUIRE_TESTDATA();
        const auto a = readInstanceAttributes(dataFile("mr/ge_signa_16slice/MR01.dcm").toStdString());
        QCOMPARE(a.transferSyntaxUid, std::string("1.2.840.10008.1.2"));
        QCOMPARE(a.sopClassUid, std::string("1.2.840.10008.5.1.4.1.1.4"));
        QCOMPARE(a.sopInstanceUid, std::string("1.113654.5.15.1504"));
        QCOMPARE(a.studyInstanceUid, std::string("1.113654.3.13.1026"));
        QCOMPARE(a.modality, std::string("MR"));
        QCOMPARE(a.patientId, std::string("583295"));
        QCOMPARE(a.rows, 256);
        QCOMPARE(a.columns, 256);
    }

    void ultrasound_single_and_multiframe_are_read()
    {
        REQUIRE_TESTDATA();
        const auto single = readInstanceAttributes(dataFile("us/US1_UNCR_rgb_single.dcm").toStdString());
        QCOMPARE(single.modality, std::string("US"));
        QCOMPARE(single.rows, 480);
        QCOMPARE(single.columns, 640);
        QCOMPARE(single.numberOfFrames, 1);
        const auto cine =
            readInstanceAttributes(dataFile("us/Issue16_US_multiframe_jpeg_34fr.dcm").toStdString());
        QCOMPARE(cine.sopClassUid, std::string("1.2.840.10008.5.1.4.1.1.3.1"));
        QCOMPARE(cine.transferSyntaxUid, std::string("1.2.840.10008.1.2.4.50"));
        QCOMPARE(cine.rows, 430);
        QCOMPARE(cine.columns, 480);
        QCOMPARE(cine.numberOfFrames, 34);
        QCOMPARE(cine.patientId, std::string("HP_EXAMPLE"));
    }

    void enhanced_multiframe_mr_reports_its_frames()
    {
        REQUIRE_TESTDATA();
        const auto a =
            readInstanceAttributes(dataFile("mr/emri_small_enhanced_mr_10frames.dcm").toStdString());
        QCOMPARE(a.sopClassUid, std::string("1.2.840.10008.5.1.4.1.1.4.1"));
        QCOMPARE(a.seriesInstanceUid,
                 std::string("1.2.826.0.1.3680043.2.1143.3712364435022872412969836992152438492"));
        QCOMPARE(a.rows, 64);
        QCOMPARE(a.columns, 64);
        QCOMPARE(a.numberOfFrames, 10);
        QVERIFY(a.patientId.empty());
    }

    // Implicit, explicit little and big endian, deflated and every encapsulated syntax.
    void every_transfer_syntax_of_the_matrix_is_read()
    {
        REQUIRE_TESTDATA();
        const QDir dir(dataFile("compressed"));
        const QStringList files = dir.entryList({"ts_*.dcm"}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 10);
        for (const QString& name : files) {
            const QString ts = name.mid(3, name.size() - 7);
            if (ts == "1.2.840.10008.1.2") {
                // This one is a bare data set without preamble and meta information.
                QCOMPARE(refusalCode(dir.filePath(name)), QString("not_dicom"));
                continue;
            }
            try {
                const auto a = readInstanceAttributes(dir.filePath(name).toStdString());
                QCOMPARE(QString::fromStdString(a.transferSyntaxUid), ts);
                QVERIFY2(isValidUid(a.sopInstanceUid), qPrintable(name));
                QVERIFY2(a.rows > 0 && a.columns > 0, qPrintable(name));
            } catch (const DicomError& error) {
                QFAIL(qPrintable(name + ": " + QString::fromStdString(error.code() + " " + error.what())));
            }
        }
    }

    void every_malformed_file_is_refused_or_read_and_the_process_survives()
    {
        REQUIRE_TESTDATA();
        const QDir dir(dataFile("malformed"));
        const QStringList files = dir.entryList({"*.dcm"}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 20);
        for (const QString& name : files) {
            QString outcome;
            try {
                const auto a = readInstanceAttributes(dir.filePath(name).toStdString());
                outcome = "read, SOP instance " + QString::fromStdString(a.sopInstanceUid);
            } catch (const DicomError& error) {
                QVERIFY2(!error.code().empty(), qPrintable(name));
                outcome = QString::fromStdString("refused " + error.code() + ": " + error.what());
            } catch (const std::exception& error) {
                QFAIL(qPrintable(name + " threw something other than DicomError: " + error.what()));
            }
            qInfo("%s: %s", qPrintable(name), qPrintable(outcome));
        }
    }

    // Bit flips, overwritten bytes and cuts in the first 4 KiB of real files (fixed seed):
    // every variant is refused with a code or read; none crashes (also run under ASan).
    void mutated_real_files_are_refused_or_read_without_crashing()
    {
        REQUIRE_TESTDATA();
        QTemporaryDir tmp;
        QRandomGenerator random(20260522);
        int refused = 0;
        for (const char* name : {"sr/reportsi_basic_text.dcm", "mr/ge_signa_16slice/MR01.dcm",
                                 "compressed/image_dfl_deflate.dcm", "compressed/MR_small_bigendian.dcm",
                                 "malformed/nested_priv_SQ.dcm"}) {
            const QByteArray original = readAll(dataFile(name));
            const auto span = std::min<qsizetype>(original.size(), 4096) - 132;
            for (int round = 0; round < 100; ++round) {
                QByteArray mutated = original;
                for (int flips = 1 + random.bounded(8); flips > 0; --flips) {
                    const qsizetype at = 132 + random.bounded(span);
                    mutated[at] = random.bounded(2) ? char(mutated[at] ^ (1 << random.bounded(8)))
                                                    : char(random.bounded(256));
                }
                if (random.bounded(5) == 0)
                    mutated.truncate(132 + random.bounded(mutated.size() - 132));
                if (!refusalCode(writeFile(tmp, "mutated.dcm", mutated)).isEmpty())
                    ++refused;
            }
        }
        QVERIFY(refused > 0);
    }

    void deeply_nested_sequence_is_refused_as_too_deep()
    {
        REQUIRE_TESTDATA();
        QCOMPARE(refusalCode(dataFile("malformed/Deeply-Nested-Sequence.dcm")), QString("too_deep"));
    }

    void files_without_preamble_are_not_dicom()
    {
        REQUIRE_TESTDATA();
        for (const char* name : {"malformed/no_meta.dcm", "malformed/ExplVR_LitEndNoMeta.dcm",
                                 "malformed/ExplVR_BigEndNoMeta.dcm"})
            QCOMPARE(refusalCode(dataFile(name)), QString("not_dicom"));
        // A real file with its preamble and "DICM" cut off: DCMTK would read it, Lumen does not.
        QTemporaryDir tmp;
        const QByteArray original = readAll(dataFile("mr/ge_signa_16slice/MR01.dcm"));
        const QString path = writeFile(tmp, "bare.dcm", original.mid(132));
        try {
            readInstanceAttributes(path.toStdString());
            QFAIL("a file without preamble was read");
        } catch (const DicomError& error) {
            QCOMPARE(error.code(), std::string("not_dicom"));
            QVERIFY(QString(error.what()).contains("no DICM preamble"));
        }
    }

    void garbage_bytes_are_not_dicom()
    {
        QTemporaryDir tmp;
        QByteArray garbage(4096, '\0');
        auto* random = QRandomGenerator::global();
        for (char& c : garbage)
            c = char(random->bounded(256));
        QCOMPARE(refusalCode(writeFile(tmp, "garbage.dcm", garbage)), QString("not_dicom"));
        QCOMPARE(refusalCode(writeFile(tmp, "empty.dcm", {})), QString("not_dicom"));
        QCOMPARE(refusalCode(writeFile(tmp, "text.dcm", "hello, this is not an image\n")),
                 QString("not_dicom"));
    }

    void truncated_copy_of_a_real_file_is_refused_as_truncated()
    {
        REQUIRE_TESTDATA();
        QTemporaryDir tmp;
        for (const char* name : {"ct/philips_ingenuity_head_phantom_1mm_jpegll/I10.dcm",
                                 "mr/ge_signa_16slice/MR01.dcm", "us/Issue16_US_multiframe_jpeg_34fr.dcm"}) {
            const QByteArray original = readAll(dataFile(name));
            const QString path = writeFile(tmp, "half.dcm", original.left(original.size() / 2));
            QVERIFY2(refusalCode(path) == "truncated", name);
        }
        QCOMPARE(refusalCode(dataFile("malformed/MR_truncated.dcm")), QString("truncated"));
        QCOMPARE(refusalCode(dataFile("malformed/rtplan_truncated.dcm")), QString("truncated"));
        QCOMPARE(refusalCode(dataFile("malformed/emri_small_jpeg_2k_lossless_too_short.dcm")),
                 QString("truncated"));
    }

    void file_larger_than_the_limit_is_too_large()
    {
        REQUIRE_TESTDATA();
        ParseLimits limits;
        limits.maxFileBytes = 64 * 1024;
        QCOMPARE(refusalCode(dataFile("us/US1_UNCR_rgb_single.dcm"), limits), QString("too_large"));
        QCOMPARE(refusalCode(dataFile("sr/reportsi_basic_text.dcm"), limits), QString());
    }

    void nesting_up_to_the_limit_is_read_and_one_more_is_too_deep()
    {
        QTemporaryDir tmp;
        const Identity id;
        QCOMPARE(refusalCode(writeFile(tmp, "16.dcm", syntheticFile(id, nestedSequences(16)))), QString());
        QCOMPARE(refusalCode(writeFile(tmp, "17.dcm", syntheticFile(id, nestedSequences(17)))),
                 QString("too_deep"));
        ParseLimits shallow;
        shallow.maxSequenceDepth = 3;
        QCOMPARE(refusalCode(writeFile(tmp, "4.dcm", syntheticFile(id, nestedSequences(4))), shallow),
                 QString("too_deep"));
        QCOMPARE(refusalCode(writeFile(tmp, "3.dcm", syntheticFile(id, nestedSequences(3))), shallow),
                 QString());
    }

    // DCMTK reads a private element as a sequence when its private dictionary says so, even
    // in Implicit VR with defined lengths: that nesting counts too.
    void nesting_hidden_in_private_implicit_elements_is_counted()
    {
        QTemporaryDir tmp;
        const Identity id;
        QByteArray nested = implicitElement(0x0009, 0x1011, "ABCD");
        for (int level = 0; level < 40; ++level)
            nested = implicitElement(0x0009, 0x1010, item(nested));
        QByteArray dataSet =
            implicitElement(0x0008, 0x0016, id.sopClass + '\0') +
            implicitElement(0x0008, 0x0018, id.sopInstance) + implicitElement(0x0009, 0x0010, "LUMEN TEST") +
            nested + implicitElement(0x0020, 0x000D, id.study) + implicitElement(0x0020, 0x000E, id.series);
        const QString path =
            writeFile(tmp, "private.dcm", part10(dataSet, id.sopClass, id.sopInstance, "1.2.840.10008.1.2"));
        QCOMPARE(refusalCode(path), QString("too_deep"));
    }

    void opaque_private_bytes_that_look_like_an_item_are_read()
    {
        QTemporaryDir tmp;
        const Identity id;
        QByteArray opaque;
        appendU16(opaque, 0xFFFE);
        appendU16(opaque, 0xE000);
        appendU32(opaque, 0x7FFFFFF0); // an "item" far longer than the value: just bytes
        opaque += QByteArray(24, 'x');
        const QByteArray tail =
            element(0x0041, 0x0010, "LO", "LUMEN TEST") + element(0x0041, 0x1010, "UN", opaque);
        QCOMPARE(refusalCode(writeFile(tmp, "opaque.dcm", syntheticFile(id, tail))), QString());
    }

    void element_longer_than_its_item_is_malformed()
    {
        QTemporaryDir tmp;
        const Identity id;
        // The item says 8 bytes, its one element needs 12.
        QByteArray brokenItem;
        appendU16(brokenItem, 0xFFFE);
        appendU16(brokenItem, 0xE000);
        appendU32(brokenItem, 8);
        brokenItem += element(0x0040, 0xA040, "CS", "TEXT");
        QByteArray sq;
        appendU16(sq, 0x0040);
        appendU16(sq, 0xA730);
        sq.append("SQ", 2);
        appendU16(sq, 0);
        appendU32(sq, std::uint32_t(brokenItem.size()));
        sq += brokenItem;
        QCOMPARE(refusalCode(writeFile(tmp, "broken.dcm", syntheticFile(id, sq))), QString("malformed"));
    }

    void missing_or_malformed_uids_are_refused()
    {
        QTemporaryDir tmp;
        Identity noSeries;
        noSeries.series.clear();
        QCOMPARE(refusalCode(writeFile(tmp, "a.dcm", syntheticFile(noSeries))), QString("missing_uid"));
        Identity noStudy;
        noStudy.study.clear();
        QCOMPARE(refusalCode(writeFile(tmp, "b.dcm", syntheticFile(noStudy))), QString("missing_uid"));
        Identity leadingZero;
        leadingZero.sopInstance = "1.2.03.4";
        QCOMPARE(refusalCode(writeFile(tmp, "c.dcm", syntheticFile(leadingZero))), QString("malformed_uid"));
        Identity letters;
        letters.study = "1.2.abc";
        QCOMPARE(refusalCode(writeFile(tmp, "d.dcm", syntheticFile(letters))), QString("malformed_uid"));
    }

    void file_meta_that_disagrees_with_the_data_set_is_refused()
    {
        QTemporaryDir tmp;
        const Identity id;
        const QByteArray dataSet = identityElements(id) + studySeriesElements(id);
        QCOMPARE(refusalCode(writeFile(tmp, "i.dcm", part10(dataSet, id.sopClass, "1.2.3.4"))),
                 QString("meta_mismatch"));
        QCOMPARE(refusalCode(
                     writeFile(tmp, "c.dcm", part10(dataSet, "1.2.840.10008.5.1.4.1.1.2", id.sopInstance))),
                 QString("meta_mismatch"));
        QCOMPARE(refusalCode(writeFile(tmp, "ok.dcm", part10(dataSet, id.sopClass, id.sopInstance))),
                 QString());
    }

    void other_patient_ids_are_joined_and_frames_default_to_one()
    {
        QTemporaryDir tmp;
        const Identity id;
        const QByteArray others =
            sequence(0x0010, 0x1002,
                     {element(0x0010, 0x0020, "LO", "H-77") + element(0x0010, 0x0021, "LO", "HIS"),
                      element(0x0010, 0x0020, "LO", "110101199003077777")});
        const QByteArray dataSet =
            identityElements(id) + element(0x0010, 0x0021, "LO", "LUMEN") + others + studySeriesElements(id);
        const QString path = writeFile(tmp, "ids.dcm", part10(dataSet, id.sopClass, id.sopInstance));
        const auto a = readInstanceAttributes(path.toStdString());
        QCOMPARE(a.patientId, std::string("P-1"));
        QCOMPARE(a.issuerOfPatientId, std::string("LUMEN"));
        QCOMPARE(a.otherPatientIds, std::string("H-77\\110101199003077777"));
        QCOMPARE(a.numberOfFrames, 1);
        QCOMPARE(a.rows, 0);
    }

    void uid_syntax_follows_ps3_5()
    {
        QVERIFY(isValidUid("1.2.840.10008.1.2.4.70"));
        QVERIFY(isValidUid("0"));
        QVERIFY(isValidUid("1.0.2"));
        QVERIFY(isValidUid(std::string(64, '1')));
        QVERIFY(!isValidUid(""));
        QVERIFY(!isValidUid(std::string(65, '1')));
        QVERIFY(!isValidUid("1..2"));
        QVERIFY(!isValidUid(".1.2"));
        QVERIFY(!isValidUid("1.2."));
        QVERIFY(!isValidUid("1.02"));
        QVERIFY(!isValidUid("1.2a"));
        QVERIFY(!isValidUid("1.2 "));
        QVERIFY(!isValidUid("1.-2"));
    }
};

QTEST_APPLESS_MAIN(InstanceAttributesTest)
#include "test_instance_attributes.moc"
