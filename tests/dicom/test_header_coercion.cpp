// Unit tests of header coercion (lumen/dicom/header_coercion.h) on real files: what changes,
// what is recorded in Original Attributes Sequence, what stays as stored (transfer syntax,
// encapsulated pixel data, every other attribute), and character sets. DCMTK reads the
// results back here as an independent check.
#include "lumen/dicom/dicom_json.h"
#include "lumen/dicom/header_coercion.h"
#include "lumen/dicom/instance_attributes.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcistrmb.h"
#include "dcmtk/dcmdata/dcitem.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace lumen::dicom;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);
const QString jpegSlice = testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_1mm_jpegll/I10.dcm");
const QString deflated = testData + QStringLiteral("/compressed/image_dfl_deflate.dcm");
const QString bigEndian = testData + QStringLiteral("/compressed/MR_small_bigendian.dcm");

constexpr std::uint32_t studyUidTag = 0x0020000D;
constexpr std::uint32_t patientNameTag = 0x00100010;
constexpr std::uint32_t patientIdTag = 0x00100020;
constexpr std::uint32_t issuerTag = 0x00100021;

HeaderCoercion coercion(std::vector<CoercedAttribute> attributes, std::string characterSet = {},
                        std::string reason = "CORRECT")
{
    HeaderCoercion c;
    c.attributes = std::move(attributes);
    c.characterSet = std::move(characterSet);
    c.reason = std::move(reason);
    c.modifiedAt = "20261122100000+0000";
    return c;
}

// A Part 10 file held in memory, read back by DCMTK.
std::unique_ptr<DcmFileFormat> parse(const std::string& bytes)
{
    auto file = std::make_unique<DcmFileFormat>();
    DcmInputBufferStream in;
    in.setBuffer(bytes.data(), static_cast<offile_off_t>(bytes.size()));
    in.setEos();
    file->transferInit();
    const OFCondition read = file->read(in);
    file->transferEnd();
    return read.good() ? std::move(file) : nullptr;
}

std::unique_ptr<DcmFileFormat> load(const QString& path)
{
    auto file = std::make_unique<DcmFileFormat>();
    return file->loadFile(path.toStdString().c_str()).good() ? std::move(file) : nullptr;
}

QString text(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    item.findAndGetOFStringArray(tag, value);
    return QString::fromUtf8(value.c_str(), int(value.length()));
}

// From the Pixel Data element to the end of the data set, as bytes (explicit VR little endian).
QByteArray pixelTail(const QByteArray& part10)
{
    const int at = part10.indexOf(QByteArray("\xe0\x7f\x10\x00", 4) + "OB");
    return at < 0 ? QByteArray() : part10.mid(at);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::string writeTemp(QTemporaryDir& dir, const QString& name, const std::string& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(bytes.data(), qint64(bytes.size()));
    return path.toStdString();
}

} // namespace

class HeaderCoercionTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFile::exists(jpegSlice) || !QFile::exists(deflated) || !QFile::exists(bigEndian))
            QSKIP("../shared/testdata is absent: these tests coerce its real files");
    }

    void file_that_already_holds_every_value_is_left_to_go_as_stored()
    {
        const auto a = readInstanceAttributes(jpegSlice.toStdString());
        const auto result = coercedPart10(jpegSlice.toStdString(),
                                          coercion({{studyUidTag, a.studyInstanceUid},
                                                    {patientIdTag, a.patientId},
                                                    {issuerTag, ""} /* absent and empty: nothing to do */}));
        QVERIFY(!result.has_value());
    }

    // req: 003 §2 compressed pixel data stays encapsulated as stored
    void jpeg_object_keeps_its_transfer_syntax_fragments_and_other_attributes()
    {
        const std::string study = "2.25.1234567890";
        const auto result = coercedPart10(jpegSlice.toStdString(), coercion({{studyUidTag, study}}));
        QVERIFY(result.has_value());
        auto coerced = parse(*result);
        QVERIFY(coerced);
        auto original = load(jpegSlice);
        QVERIFY(original);
        QCOMPARE(coerced->getDataset()->getOriginalXfer(), EXS_JPEGProcess14SV1);
        QCOMPARE(text(*coerced->getDataset(), DCM_StudyInstanceUID), QString::fromStdString(study));
        const QByteArray tail = pixelTail(QByteArray::fromStdString(*result));
        QVERIFY(!tail.isEmpty());
        QCOMPARE(tail, pixelTail(readAll(jpegSlice)));
        // Every other top-level attribute is the stored one.
        DcmDataset& a = *original->getDataset();
        DcmDataset& b = *coerced->getDataset();
        for (unsigned long i = 0; i < a.card(); ++i) {
            DcmElement* element = a.getElement(i);
            const DcmTagKey tag = element->getTag();
            if (tag == DCM_StudyInstanceUID || tag == DCM_PixelData || element->ident() == EVR_SQ)
                continue;
            QCOMPARE(text(b, tag), text(a, tag));
        }
    }

    void original_attributes_sequence_records_each_modification()
    {
        QTemporaryDir dir;
        const auto first =
            coercedPart10(jpegSlice.toStdString(), coercion({{studyUidTag, "2.25.1"}, {issuerTag, "HIS"}}));
        QVERIFY(first);
        const std::string once = writeTemp(dir, QStringLiteral("once.dcm"), *first);
        const auto second = coercedPart10(once, coercion({{studyUidTag, "2.25.2"}}, {}, "COERCE"));
        QVERIFY(second);
        auto file = parse(*second);
        QVERIFY(file);
        DcmDataset& data = *file->getDataset();
        QCOMPARE(text(data, DCM_StudyInstanceUID), QStringLiteral("2.25.2"));
        DcmItem* item = nullptr;
        QVERIFY(data.findAndGetSequenceItem(DCM_OriginalAttributesSequence, item, 0).good());
        QCOMPARE(text(*item, DCM_ModifyingSystem), QStringLiteral("LUMEN"));
        QCOMPARE(text(*item, DCM_ReasonForTheAttributeModification), QStringLiteral("CORRECT"));
        QCOMPARE(text(*item, DCM_AttributeModificationDateTime), QStringLiteral("20261122100000+0000"));
        QVERIFY(item->tagExists(DCM_SourceOfPreviousValues));
        DcmItem* previous = nullptr;
        QVERIFY(item->findAndGetSequenceItem(DCM_ModifiedAttributesSequence, previous, 0).good());
        QCOMPARE(text(*previous, DCM_StudyInstanceUID),
                 QString::fromStdString(readInstanceAttributes(jpegSlice.toStdString()).studyInstanceUid));
        // IssuerOfPatientID was absent: recorded empty.
        QVERIFY(previous->tagExists(DCM_IssuerOfPatientID));
        QCOMPARE(text(*previous, DCM_IssuerOfPatientID), QString());
        // The second change is a second item, naming the first change's value.
        QVERIFY(data.findAndGetSequenceItem(DCM_OriginalAttributesSequence, item, 1).good());
        QCOMPARE(text(*item, DCM_ReasonForTheAttributeModification), QStringLiteral("COERCE"));
        QVERIFY(item->findAndGetSequenceItem(DCM_ModifiedAttributesSequence, previous, 0).good());
        QCOMPARE(text(*previous, DCM_StudyInstanceUID), QStringLiteral("2.25.1"));
        QVERIFY(!previous->tagExists(DCM_IssuerOfPatientID)); // unchanged the second time
    }

    // The CT slices are ISO_IR 100: a Chinese name can only be written after converting to UTF-8.
    void chinese_name_turns_a_latin1_object_into_utf8()
    {
        QTemporaryDir dir;
        auto source = load(jpegSlice);
        QVERIFY(source);
        // A Latin-1 value elsewhere must survive the conversion as the same text.
        QVERIFY(source->getDataset()->putAndInsertString(DCM_InstitutionName, "H\xf4pital").good());
        const std::string path = dir.filePath(QStringLiteral("latin1.dcm")).toStdString();
        QVERIFY(source->saveFile(path.c_str()).good());

        const auto result = coercedPart10(
            path, coercion({{patientNameTag, "李小梅"}, {patientIdTag, "HIS77001"}}, "ISO_IR 192", "COERCE"));
        QVERIFY(result);
        auto file = parse(*result);
        QVERIFY(file);
        DcmDataset& data = *file->getDataset();
        QCOMPARE(text(data, DCM_SpecificCharacterSet), QStringLiteral("ISO_IR 192"));
        QCOMPARE(text(data, DCM_PatientName), QStringLiteral("李小梅"));
        QCOMPARE(text(data, DCM_PatientID), QStringLiteral("HIS77001"));
        QCOMPARE(text(data, DCM_InstitutionName), QStringLiteral("Hôpital"));
        DcmItem* item = nullptr;
        DcmItem* previous = nullptr;
        QVERIFY(data.findAndGetSequenceItem(DCM_OriginalAttributesSequence, item, 0).good());
        QVERIFY(item->findAndGetSequenceItem(DCM_ModifiedAttributesSequence, previous, 0).good());
        QCOMPARE(text(*previous, DCM_PatientName), QStringLiteral("HEAD"));
        QCOMPARE(text(*previous, DCM_PatientID), QStringLiteral("PLASTIC"));
    }

    // Index values in another character set than the object's are brought to UTF-8 too.
    void latin1_values_into_a_utf8_object_are_converted()
    {
        QTemporaryDir dir;
        auto source = load(jpegSlice);
        QVERIFY(source);
        QVERIFY(source->getDataset()->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192").good());
        const std::string path = dir.filePath(QStringLiteral("utf8.dcm")).toStdString();
        QVERIFY(source->saveFile(path.c_str()).good());
        const auto result = coercedPart10(path, coercion({{patientNameTag, "M\xfcller^Anna"}}, "ISO_IR 100"));
        QVERIFY(result);
        auto file = parse(*result);
        QVERIFY(file);
        QCOMPARE(text(*file->getDataset(), DCM_PatientName), QStringLiteral("Müller^Anna"));
        QCOMPARE(text(*file->getDataset(), DCM_SpecificCharacterSet), QStringLiteral("ISO_IR 192"));
    }

    void deflated_and_big_endian_objects_stay_in_their_syntax()
    {
        QTemporaryDir dir;
        int n = 0;
        for (const QString& source : {deflated, bigEndian}) {
            const auto result = coercedPart10(source.toStdString(), coercion({{studyUidTag, "2.25.77"}}));
            QVERIFY(result);
            const std::string path = writeTemp(dir, QStringLiteral("%1.dcm").arg(n++), *result);
            // Lumen's own strict reader accepts the result and sees the new value.
            const auto a = readInstanceAttributes(path);
            const auto before = readInstanceAttributes(source.toStdString());
            QCOMPARE(a.studyInstanceUid, std::string("2.25.77"));
            QCOMPARE(a.transferSyntaxUid, before.transferSyntaxUid);
            QCOMPARE(a.rows, before.rows);
            QCOMPARE(a.sopInstanceUid, before.sopInstanceUid);
        }
    }

    void metadata_json_carries_the_coerced_values()
    {
        const auto json = instanceMetadataJson(jpegSlice.toStdString(), "http://x/bulk",
                                               coercion({{studyUidTag, "2.25.5"}}));
        const auto object =
            QJsonDocument::fromJson(QByteArray::fromStdString("[" + json + "]")).array().at(0).toObject();
        QCOMPARE(object.value(QStringLiteral("0020000D"))
                     .toObject()
                     .value(QStringLiteral("Value"))
                     .toArray()
                     .at(0)
                     .toString(),
                 QStringLiteral("2.25.5"));
        QVERIFY(object.contains(QStringLiteral("04000561")));
        QCOMPARE(object.value(QStringLiteral("7FE00010"))
                     .toObject()
                     .value(QStringLiteral("BulkDataURI"))
                     .toString(),
                 QStringLiteral("http://x/bulk"));
    }

    void unreadable_file_is_reported()
    {
        QVERIFY_THROWS_EXCEPTION(DicomError,
                                 coercedPart10("/nonexistent/file.dcm", coercion({{studyUidTag, "2.25.1"}})));
    }
};

QTEST_APPLESS_MAIN(HeaderCoercionTest)
#include "test_header_coercion.moc"
