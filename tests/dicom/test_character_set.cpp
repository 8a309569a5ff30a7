// Unit tests of Lumen's text decoding (lumen/dicom/character_set.h): the character sets Chinese
// and other modalities send, the names senders write for them, the lossless fallback for text
// that does not decode, and whole data sets (nested items with their own character set) as
// WADO-RS metadata reads them. Input bytes are written out explicitly.
#include "lumen/dicom/character_set.h"
#include "lumen/dicom/dicom_json.h"
#include "lumen/dicom/instance_attributes.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcitem.h"
#include "dcmtk/dcmdata/dcuid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen::dicom;

namespace {

// 张三 in GB18030 / GBK / GB 2312 (all three agree on these characters).
const std::string zhangSanGb = "\xD5\xC5\xC8\xFD";

std::string decoded(const std::string& value, const std::string& characterSet, bool personName = false)
{
    const auto t = decodeToUtf8(value, characterSet, personName);
    return t.exact ? t.text : "(fallback) " + t.text;
}

// A minimal Secondary Capture file with `name` in `characterSet` and an item of Referenced
// Study Sequence that declares ISO_IR 100 and holds Latin-1 text of its own.
bool writeNestedCharsetFile(const std::string& path, const std::string& characterSet, const std::string& name)
{
    DcmFileFormat file;
    DcmDataset& data = *file.getDataset();
    DcmItem* item = nullptr;
    const bool ok =
        data.putAndInsertString(DCM_SpecificCharacterSet, characterSet.c_str()).good() &&
        data.putAndInsertString(DCM_SOPClassUID, UID_SecondaryCaptureImageStorage).good() &&
        data.putAndInsertString(DCM_SOPInstanceUID, "2.25.1001").good() &&
        data.putAndInsertString(DCM_StudyInstanceUID, "2.25.1002").good() &&
        data.putAndInsertString(DCM_SeriesInstanceUID, "2.25.1003").good() &&
        data.putAndInsertOFStringArray(DCM_PatientName, OFString(name.c_str(), name.size())).good() &&
        data.findOrCreateSequenceItem(DCM_ReferencedStudySequence, item, -2).good() &&
        item->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 100").good() &&
        item->putAndInsertString(DCM_ReferencedSOPClassUID, UID_SecondaryCaptureImageStorage).good() &&
        item->putAndInsertString(DCM_StudyDescription, "Sch\xE4"
                                                       "del")
            .good();
    return ok && file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good();
}

} // namespace

class CharacterSetTest : public QObject
{
    Q_OBJECT
private slots:
    void chinese_character_sets_decode_to_utf8()
    {
        QCOMPARE(decoded(zhangSanGb + "^ZHANG SAN", "GB18030", true), std::string("张三^ZHANG SAN"));
        QCOMPARE(decoded(zhangSanGb, "GBK"), std::string("张三"));
        // ISO 2022: GB 2312 is designated to G1 again after each delimiter.
        QCOMPARE(decoded("Zhang^San=\x1B$)A\xD5\xC5^\x1B$)A\xC8\xFD=", "\\ISO 2022 IR 58", true),
                 std::string("Zhang^San=张^三="));
        QCOMPARE(decoded("Zhang^San=\x1B$)A\xD5\xC5^\x1B$)A\xC8\xFD=", "ISO 2022 IR 6\\ISO 2022 IR 58", true),
                 std::string("Zhang^San=张^三="));
        QCOMPARE(decoded("李四", "ISO_IR 192"), std::string("李四"));
    }

    void latin_character_sets_decode_to_utf8()
    {
        QCOMPARE(decoded("M\xFC"
                         "ller",
                         "ISO_IR 100"),
                 std::string("Müller"));
        QCOMPARE(decoded("Oddzia\xB3", "ISO_IR 101"), std::string("Oddział"));
        QCOMPARE(decoded("plain", ""), std::string("plain"));
    }

    // Names senders write that DCMTK alone would refuse.
    void sender_variants_of_character_set_names_are_understood()
    {
        QCOMPARE(decoded("\x1B$)A" + zhangSanGb, "ISO 2022 IR 58"), std::string("张三"));
        QCOMPARE(decoded(zhangSanGb, "GB2312"), std::string("张三"));
        QCOMPARE(decoded("ABC", "ISO_IR 6"), std::string("ABC"));
    }

    void text_that_does_not_decode_keeps_a_lossless_fallback()
    {
        // GB18030 bytes with no character set declared: each byte b becomes U+F700 + b.
        const auto undeclared = decodeToUtf8(zhangSanGb + "^Z", "", true);
        QVERIFY(!undeclared.exact);
        QCOMPARE(undeclared.text, std::string("\xEF\x9F\x95\xEF\x9F\x85\xEF\x9F\x88\xEF\x9F\xBD^Z"));
        QVERIFY(isValidUtf8(undeclared.text));
        // A GB18030 value cut inside its last character.
        const auto truncated = decodeToUtf8(zhangSanGb + "\xD5", "GB18030", false);
        QVERIFY(!truncated.exact);
        QVERIFY(isValidUtf8(truncated.text));
        // Declared UTF-8 that is not; an unknown character set; valid UTF-8 sent undeclared
        // stays as it is.
        QVERIFY(!decodeToUtf8("\xC3(", "ISO_IR 192", false).exact);
        QCOMPARE(decodeToUtf8("\xC3(", "ISO_IR 192", false).text, std::string("\xEF\x9F\x83("));
        QVERIFY(!decodeToUtf8(zhangSanGb, "NO SUCH SET", false).exact);
        const auto utf8Undeclared = decodeToUtf8("张三", "", false);
        QVERIFY(!utf8Undeclared.exact);
        QCOMPARE(utf8Undeclared.text, std::string("张三"));
    }

    void utf8_validation_refuses_overlong_forms_surrogates_and_truncation()
    {
        QVERIFY(isValidUtf8("张三 Müller 😀"));
        QVERIFY(!isValidUtf8("\xC0\xAF"));         // overlong '/'
        QVERIFY(!isValidUtf8("\xE0\x80\xAF"));     // overlong, three bytes
        QVERIFY(!isValidUtf8("\xED\xA0\x80"));     // surrogate D800
        QVERIFY(!isValidUtf8("\xF4\x90\x80\x80")); // beyond U+10FFFF
        QVERIFY(!isValidUtf8("\xE5\xBC"));         // cut short
        QVERIFY(!isValidUtf8("\x80"));             // lone continuation byte
    }

    void indexed_attributes_are_utf8_and_failures_are_named()
    {
        QTemporaryDir dir;
        const std::string gb = dir.filePath(QStringLiteral("gb.dcm")).toStdString();
        QVERIFY(writeNestedCharsetFile(gb, "GB18030", zhangSanGb + "^ZHANG SAN"));
        const auto a = readInstanceAttributes(gb);
        QCOMPARE(a.patientName, std::string("张三^ZHANG SAN"));
        QCOMPARE(a.specificCharacterSet, std::string("GB18030"));
        QVERIFY(a.undecodableText.empty());

        const std::string bad = dir.filePath(QStringLiteral("bad.dcm")).toStdString();
        QVERIFY(writeNestedCharsetFile(bad, "", zhangSanGb));
        const auto b = readInstanceAttributes(bad);
        QCOMPARE(b.undecodableText, std::vector<std::string>{"PatientName"});
        QVERIFY(isValidUtf8(b.patientName));
    }

    // Each item decodes in its own character set; the result declares UTF-8 once, at the top.
    void metadata_json_decodes_nested_items_in_their_own_character_set()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("nested.dcm")).toStdString();
        QVERIFY(writeNestedCharsetFile(path, "GB18030", zhangSanGb));
        const std::string json = instanceMetadataJson(path, "http://x/bulk");
        QVERIFY(isValidUtf8(json));
        const auto object = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
        QCOMPARE(object.value(QStringLiteral("00080005")).toObject().value(QStringLiteral("Value")).toArray(),
                 QJsonArray{QStringLiteral("ISO_IR 192")});
        QCOMPARE(object.value(QStringLiteral("00100010"))
                     .toObject()
                     .value(QStringLiteral("Value"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("Alphabetic"))
                     .toString(),
                 QStringLiteral("张三"));
        const auto item = object.value(QStringLiteral("00081110"))
                              .toObject()
                              .value(QStringLiteral("Value"))
                              .toArray()
                              .first()
                              .toObject();
        QCOMPARE(item.value(QStringLiteral("00081030")).toObject().value(QStringLiteral("Value")).toArray(),
                 QJsonArray{QStringLiteral("Schädel")});
        QVERIFY2(!item.contains(QStringLiteral("00080005")),
                 "the item's own character set no longer applies");
    }
};

QTEST_GUILESS_MAIN(CharacterSetTest)
#include "test_character_set.moc"
