// Text in the character sets modalities send (GB18030, GBK, ISO 2022 IR 58, UTF-8, Latin-1,
// none declared), end to end through the real lumen-server: indexed in UTF-8, matched from
// C-FIND keys in any character set, answered in UTF-8 over DIMSE and DICOMweb, files delivered
// as received. The objects are written here from explicit bytes with dump2dcm; what comes back
// is read with DCMTK's tools.
#include "dicom_tools.h"
#include "dicomweb_support.h"
#include "server_process.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include <optional>

using namespace lumen::test;
using namespace lumen::test::dicomweb;

namespace {

// One object: its Specific Character Set (null = not declared) and text in those bytes, with
// what the text means in UTF-8.
struct TextObject
{
    const char* file;
    QByteArray characterSet;
    QByteArray patientName;
    QByteArray studyDescription;
    QByteArray patientNameUtf8;
    QByteArray studyDescriptionUtf8;
};

// Hex escapes run on while hex digits follow, hence the split literals.
const TextObject gb18030{"gb18030",
                         "GB18030",
                         "\xD5\xC5\xC8\xFD^ZHANG SAN",
                         "\xD0\xD8\xB2\xBF"
                         "CT"
                         "\xC6\xBD\xC9\xA8",
                         "张三^ZHANG SAN",
                         "胸部CT平扫"};
const TextObject gbk{"gbk", "GBK", "\xD5\xD4\xC1\xF9^ZHAO LIU", "\xCD\xB7\xC2\xAD", "赵六^ZHAO LIU", "头颅"};
// ISO 2022: G1 is designated again after each delimiter, which returns to ASCII (PS3.5 6.1.2.5.3).
const TextObject ir58{"ir58",
                      "\\ISO 2022 IR 58",
                      "Wang^XiaoDong=\x1B$)A\xCD\xF5^\x1B$)A\xD0\xA1\xB6\xAB=",
                      "\x1B$)A\xCD\xB7\xC2\xAD",
                      "Wang^XiaoDong=王^小东=",
                      "头颅"};
const TextObject utf8{"utf8", "ISO_IR 192", "李四^LI SI", "腹部超声", "李四^LI SI", "腹部超声"};
const TextObject latin1{"latin1",
                        "ISO_IR 100",
                        "M\xFCller^J\xFCrgen",
                        "Sch\xE4"
                        "del",
                        "Müller^Jürgen",
                        "Schädel"};
const TextObject ascii{"ascii", "ISO_IR 100", "DOE^JOHN", "CHEST", "DOE^JOHN", "CHEST"};
// Bytes with no character set that are neither UTF-8 nor GB18030 (the set the server assumes
// for undeclared text by default; 0x80 and 0xFF are no GB18030 lead bytes): they cannot be
// decoded, so the index keeps each byte b as U+F700 + b.
const TextObject undeclared{"undeclared", QByteArray(), "\x80\xFF", "X", "\xEF\x9E\x80\xEF\x9F\xBF", "X"};
// GB18030 bytes of 钱七 with no character set, as many Chinese modalities send them: decoded
// with --dicom-undeclared-charset (GB18030 by default).
const TextObject undeclaredGb18030{"undeclared-gb18030", QByteArray(), "\xC7\xAE\xC6\xDF", "X", "钱七", "X"};

const QList<const TextObject*> everyObject = {&gb18030, &gbk,   &ir58,       &utf8,
                                              &latin1,  &ascii, &undeclared, &undeclaredGb18030};

QString studyUid(const TextObject& o)
{
    return QStringLiteral("2.25.7305%1").arg(everyObject.indexOf(&o) + 1) + QStringLiteral("1");
}

// A Secondary Capture object (2x2 pixels), alone in its study; Patient ID is the file name.
QByteArray objectDump(const TextObject& o)
{
    const QByteArray study = studyUid(o).toLatin1();
    const QByteArray base = study.chopped(1);
    QByteArray d;
    if (!o.characterSet.isNull())
        d += "(0008,0005) CS [" + o.characterSet + "]\n";
    d += "(0008,0016) UI =SecondaryCaptureImageStorage\n"
         "(0008,0018) UI [" +
         base +
         "3]\n"
         "(0008,0020) DA [20260110]\n"
         "(0008,0060) CS [OT]\n"
         "(0008,1030) LO [" +
         o.studyDescription +
         "]\n"
         "(0010,0010) PN [" +
         o.patientName +
         "]\n"
         "(0010,0020) LO [" +
         QByteArray(o.file).toUpper() +
         "]\n"
         "(0020,000d) UI [" +
         study +
         "]\n"
         "(0020,000e) UI [" +
         base +
         "2]\n"
         "(0028,0002) US 1\n(0028,0004) CS [MONOCHROME2]\n(0028,0010) US 2\n(0028,0011) US 2\n"
         "(0028,0100) US 8\n(0028,0101) US 8\n(0028,0102) US 7\n(0028,0103) US 0\n"
         "(7fe0,0010) OB 01\\02\\03\\04\n";
    return d;
}

// A study-level C-FIND identifier asking for the name, description, IDs and UID, with `name`
// as the PatientName key in `characterSet` (null = not declared).
QByteArray queryDump(const QByteArray& characterSet, const QByteArray& name)
{
    QByteArray d;
    if (!characterSet.isNull())
        d += "(0008,0005) CS [" + characterSet + "]\n";
    return d + "(0008,0052) CS [STUDY]\n(0008,1030) LO []\n(0010,0010) PN [" + name +
           "]\n(0010,0020) LO []\n(0020,000d) UI []\n";
}

bool strictUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError() && text.toUtf8() == bytes;
}

} // namespace

class CharacterSetsTest : public QObject
{
    Q_OBJECT
private:
    std::optional<QTemporaryDir> m_dir;
    QTemporaryDir m_work;
    ServerProcess m_server;
    QMap<const TextObject*, QString> m_files;

    QString port() const { return QString::number(m_server.dicomPort()); }

    void store(const QList<const TextObject*>& objects)
    {
        QStringList files;
        for (const auto* o : objects)
            files << m_files.value(o);
        const auto r = storescu(m_server.dicomPort(), files);
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    }

    // C-FIND with the identifier written from `query`; the response identifiers as files.
    QStringList find(const QByteArray& query)
    {
        static int n = 0;
        const QString dir = m_work.filePath(QStringLiteral("find%1").arg(++n));
        QDir().mkpath(dir);
        const QString queryFile = m_work.filePath(QStringLiteral("query%1.dcm").arg(n));
        if (!writeDicomFromDump(query, queryFile))
            return {QStringLiteral("cannot write the query")};
        const auto r = runTool(QStringLiteral("findscu"),
                               {QStringLiteral("-S"), QStringLiteral("-X"), QStringLiteral("-aet"),
                                QStringLiteral("DEMO_CT"), QStringLiteral("-aec"), QStringLiteral("LUMEN"),
                                QStringLiteral("127.0.0.1"), port(), queryFile},
                               120000, dir);
        if (r.exitCode != 0)
            return {QStringLiteral("findscu failed: ") + r.output};
        return filesIn(dir);
    }

    QJsonArray qido(const QString& query)
    {
        WebClient http(m_server.httpPort());
        const auto reply =
            http.get(QStringLiteral("/dicom-web/studies?") + query, http.login(QStringLiteral("registrar")));
        if (reply.status != 200 || !strictUtf8(reply.body))
            return {};
        return reply.jsonArray();
    }

private slots:
    void initTestCase()
    {
        for (const char* tool : {"storescu", "findscu", "getscu", "dump2dcm", "dcmdump"})
            if (!haveTool(QString::fromLatin1(tool)))
                QSKIP("DCMTK's command-line tools are not installed (Debian package dcmtk)");
        for (const auto* o : everyObject) {
            const QString path = m_work.filePath(QString::fromLatin1(o->file) + QStringLiteral(".dcm"));
            QVERIFY2(writeDicomFromDump(objectDump(*o), path), o->file);
            m_files.insert(o, path);
        }
        m_dir.emplace();
        QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    }

    // req: 000 §2.3.1.2 images stored and queried by their DICOM information, Chinese names included
    void gb18030_name_is_found_by_gb18030_and_utf8_keys_and_answered_in_utf8()
    {
        store({&gb18030, &gbk, &utf8});
        const QList<QPair<QByteArray, QByteArray>> queries = {
            {"GB18030", "\xD5\xC5*"},              // 张* in GB18030
            {"GBK", "\xD5\xC5\xC8\xFD^zhang san"}, // the whole name, other letter case
            {"ISO_IR 192", "张*"},                 // declared UTF-8
            {QByteArray(), "张三^ZHANG SAN"},      // undeclared, but valid UTF-8
        };
        for (const auto& [characterSet, name] : queries) {
            const QStringList answers = find(queryDump(characterSet, name));
            QVERIFY2(answers.size() == 1, qPrintable(characterSet + ": " + answers.join(QLatin1Char(' '))));
            const QString& answer = answers.first();
            QCOMPARE(dumpValue(answer, QStringLiteral("StudyInstanceUID")), studyUid(gb18030));
            QCOMPARE(dumpValue(answer, QStringLiteral("SpecificCharacterSet")), QStringLiteral("ISO_IR 192"));
            QCOMPARE(dumpValueBytes(answer, QStringLiteral("PatientName")), gb18030.patientNameUtf8);
            QCOMPARE(dumpValueBytes(answer, QStringLiteral("StudyDescription")),
                     gb18030.studyDescriptionUtf8);
        }
        // The GBK and UTF-8 objects are found by their own names, and nothing by another one.
        QCOMPARE(find(queryDump("GB18030", "\xD5\xD4*")).size(), 1);
        QCOMPARE(find(queryDump("ISO_IR 192", "李四*")).size(), 1);
        QCOMPARE(find(queryDump("GB18030", "\xC7\xAE*")).size(), 0); // 钱*
    }

    // req: 000 §2.3.1.2 images stored and queried by their DICOM information, Chinese names included
    void iso_2022_ir_58_name_is_decoded_and_found_in_either_encoding()
    {
        store({&ir58});
        for (const auto& [characterSet, name] :
             QList<QPair<QByteArray, QByteArray>>{{"\\ISO 2022 IR 58", "Wang^XiaoDong=\x1B$)A\xCD\xF5*"},
                                                  {"ISO_IR 192", "Wang^XiaoDong=王*"},
                                                  {QByteArray(), "wang*"}}) {
            const QStringList answers = find(queryDump(characterSet, name));
            QVERIFY2(answers.size() == 1, qPrintable(characterSet + ": " + answers.join(QLatin1Char(' '))));
            QCOMPARE(dumpValue(answers.first(), QStringLiteral("SpecificCharacterSet")),
                     QStringLiteral("ISO_IR 192"));
            QCOMPARE(dumpValueBytes(answers.first(), QStringLiteral("PatientName")), ir58.patientNameUtf8);
            QCOMPARE(dumpValueBytes(answers.first(), QStringLiteral("StudyDescription")),
                     ir58.studyDescriptionUtf8);
        }
    }

    void latin1_text_is_matched_and_answered_in_utf8()
    {
        store({&latin1});
        for (const auto& [characterSet, name] :
             QList<QPair<QByteArray, QByteArray>>{{"ISO_IR 100", "M\xFC"
                                                                 "ller*"},
                                                  {"ISO_IR 192", "Müller^Jürgen"}}) {
            const QStringList answers = find(queryDump(characterSet, name));
            QVERIFY2(answers.size() == 1, qPrintable(characterSet + ": " + answers.join(QLatin1Char(' '))));
            QCOMPARE(dumpValue(answers.first(), QStringLiteral("SpecificCharacterSet")),
                     QStringLiteral("ISO_IR 192"));
            QCOMPARE(dumpValueBytes(answers.first(), QStringLiteral("PatientName")), latin1.patientNameUtf8);
            QCOMPARE(dumpValueBytes(answers.first(), QStringLiteral("StudyDescription")),
                     latin1.studyDescriptionUtf8);
        }
    }

    void ascii_answer_declares_no_character_set()
    {
        store({&ascii, &gb18030});
        // One query, both studies: each answer declares what its own values need.
        const QStringList answers = find(queryDump(QByteArray(), "*"));
        QCOMPARE(answers.size(), 2);
        int asciiAnswers = 0;
        for (const QString& answer : answers) {
            const bool isAscii = dumpValue(answer, QStringLiteral("StudyInstanceUID")) == studyUid(ascii);
            asciiAnswers += isAscii ? 1 : 0;
            QCOMPARE(dumpValue(answer, QStringLiteral("SpecificCharacterSet")),
                     isAscii ? QString() : QStringLiteral("ISO_IR 192"));
        }
        QCOMPARE(asciiAnswers, 1);
        const auto asciiOnly = find(queryDump("ISO_IR 100", "DOE*"));
        QCOMPARE(asciiOnly.size(), 1);
        const auto dump = runTool(QStringLiteral("dcmdump"), {QStringLiteral("-q"), asciiOnly.first()});
        QVERIFY2(!dump.output.contains(QStringLiteral("(0008,0005)")), qPrintable(dump.output));
    }

    // req: 000 §2.3.1.2 images stored and queried by their DICOM information, Chinese names included
    void qido_rs_finds_a_chinese_name_by_wildcard_in_unicode_json()
    {
        store({&gb18030, &gbk, &ir58, &utf8, &ascii});
        const QJsonArray found = qido(QStringLiteral("PatientName=") +
                                      QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("张*"))));
        QCOMPARE(found.size(), 1);
        const QJsonObject study = found.first().toObject();
        QCOMPARE(jsonString(study, QStringLiteral("0020000D")), studyUid(gb18030));
        QCOMPARE(jsonValues(study, QStringLiteral("00100010"))
                     .first()
                     .toObject()
                     .value(QStringLiteral("Alphabetic")),
                 QJsonValue(QStringLiteral("张三^ZHANG SAN")));
        QCOMPARE(jsonString(study, QStringLiteral("00081030")), QStringLiteral("胸部CT平扫"));
        QCOMPARE(jsonString(study, QStringLiteral("00080005")), QStringLiteral("ISO_IR 192"));

        // Ideographic component group of the ISO 2022 name; an ASCII study declares nothing.
        const QJsonArray wang = qido(QStringLiteral("PatientName=wang*"));
        QCOMPARE(wang.size(), 1);
        QCOMPARE(jsonValues(wang.first().toObject(), QStringLiteral("00100010"))
                     .first()
                     .toObject()
                     .value(QStringLiteral("Ideographic")),
                 QJsonValue(QStringLiteral("王^小东")));
        const QJsonArray doe = qido(QStringLiteral("PatientName=DOE*"));
        QCOMPARE(doe.size(), 1);
        QCOMPARE(jsonString(doe.first().toObject(), QStringLiteral("00080005")), QString());
    }

    // req: ARCHITECTURE "Wire protocol": JSON (DICOM JSON is UTF-8, PS3.18 F.2)
    void metadata_json_is_valid_utf8_for_every_character_set()
    {
        const QString marek = testData(QStringLiteral("sr/MarekLatin2_basic_text_SR.dcm"));
        const bool haveMarek = QFileInfo::exists(marek);
        store(everyObject);
        if (haveMarek)
            QCOMPARE(storescu(m_server.dicomPort(), {marek}).exitCode, 0);
        WebClient http(m_server.httpPort());
        const QString token = http.login(QStringLiteral("registrar"));
        for (const auto* o : everyObject) {
            const auto reply =
                http.get(QStringLiteral("/dicom-web/studies/%1/metadata").arg(studyUid(*o)), token);
            LUMEN_COMPARE_WEB_STATUS(reply, 200);
            QVERIFY2(strictUtf8(reply.body), o->file);
            const QJsonObject instance = reply.jsonArray().first().toObject();
            const QJsonObject name = jsonValues(instance, QStringLiteral("00100010")).first().toObject();
            const QString expected = QString::fromUtf8(o->patientNameUtf8);
            const QString alphabetic = expected.section(QLatin1Char('='), 0, 0);
            QCOMPARE(name.value(QStringLiteral("Alphabetic")).toString(), alphabetic);
            QCOMPARE(jsonString(instance, QStringLiteral("00081030")),
                     QString::fromUtf8(o->studyDescriptionUtf8));
            // Declared UTF-8 whenever the text goes beyond ASCII.
            if (o != &ascii)
                QCOMPARE(jsonString(instance, QStringLiteral("00080005")), QStringLiteral("ISO_IR 192"));
        }
        if (!haveMarek)
            QSKIP("../shared/testdata is absent: the Latin-2 SR was not checked");
        const auto reply = http.get(QStringLiteral("/dicom-web/studies/%1/metadata")
                                        .arg(dumpValue(marek, QStringLiteral("StudyInstanceUID"))),
                                    token);
        LUMEN_COMPARE_WEB_STATUS(reply, 200);
        QVERIFY(strictUtf8(reply.body));
        // Latin-2 inside the SR content tree: ł and ę.
        QVERIFY2(reply.body.contains("Oddział") && reply.body.contains("Język treści"),
                 reply.body.constData());
    }

    // req: ARCHITECTURE "Data": DICOM files stored byte-for-byte as received
    void undecodable_text_is_stored_as_received_and_indexed_losslessly()
    {
        store({&undeclared});
        QCOMPARE(hashes(filesIn(m_dir->path() + QStringLiteral("/dicom"))),
                 hashes({m_files.value(&undeclared)}));
        QCOMPARE(countRows(m_server.databasePath(),
                           QStringLiteral("SELECT count(*) FROM dicom_studies WHERE patient_name = '%1'")
                               .arg(QString::fromUtf8(undeclared.patientNameUtf8))),
                 qint64(1));
        // The log arrives through the event loop QTRY_ runs.
        QTRY_VERIFY2(m_server.output().contains("text does not decode in the declared character set"),
                     m_server.output().right(2000).constData());
        const QStringList answers = find(queryDump(QByteArray(), "*"));
        QCOMPARE(answers.size(), 1);
        QCOMPARE(dumpValue(answers.first(), QStringLiteral("SpecificCharacterSet")),
                 QStringLiteral("ISO_IR 192"));
        QCOMPARE(dumpValueBytes(answers.first(), QStringLiteral("PatientName")), undeclared.patientNameUtf8);
    }

    // req: 000 (Chinese hospitals): modalities that send GB18030 without declaring it
    void undeclared_gb18030_is_decoded_as_the_configured_default()
    {
        store({&undeclaredGb18030});
        QCOMPARE(countRows(m_server.databasePath(),
                           QStringLiteral("SELECT count(*) FROM dicom_studies WHERE patient_name = '%1'")
                               .arg(QString::fromUtf8(undeclaredGb18030.patientNameUtf8))),
                 qint64(1));
        const QStringList answers = find(queryDump(QByteArray(), "*"));
        QCOMPARE(answers.size(), 1);
        QCOMPARE(dumpValue(answers.first(), QStringLiteral("SpecificCharacterSet")),
                 QStringLiteral("ISO_IR 192"));
        QCOMPARE(dumpValueBytes(answers.first(), QStringLiteral("PatientName")),
                 undeclaredGb18030.patientNameUtf8);
    }

    // req: ARCHITECTURE "Data": DICOM files stored byte-for-byte as received
    void retrieval_is_byte_identical_for_every_character_set()
    {
        store(everyObject);
        QStringList originals;
        for (const auto* o : everyObject)
            originals << m_files.value(o);
        QCOMPARE(hashes(filesIn(m_dir->path() + QStringLiteral("/dicom"))), hashes(originals));
        QTemporaryDir received;
        for (const auto* o : everyObject) {
            const auto r = runTool(QStringLiteral("getscu"),
                                   {QStringLiteral("-S"), QStringLiteral("+B"), QStringLiteral("-od"),
                                    received.path(), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"),
                                    QStringLiteral("-aec"), QStringLiteral("LUMEN"), QStringLiteral("-k"),
                                    QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"),
                                    QStringLiteral("StudyInstanceUID=") + studyUid(*o),
                                    QStringLiteral("127.0.0.1"), port()});
            QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        }
        QStringList got;
        for (const QString& name : QDir(received.path()).entryList(QDir::Files))
            got << received.filePath(name);
        QCOMPARE(hashes(got), hashes(originals));
        WebClient http(m_server.httpPort());
        const QString token = http.login(QStringLiteral("registrar"));
        for (const auto* o : everyObject) {
            const QString base = studyUid(*o).chopped(1);
            const auto reply = http.get(QStringLiteral("/wado?requestType=WADO&studyUID=") + studyUid(*o) +
                                            QStringLiteral("&seriesUID=") + base +
                                            QStringLiteral("2&objectUID=") + base + QStringLiteral("3"),
                                        token);
            LUMEN_COMPARE_WEB_STATUS(reply, 200);
            QCOMPARE(dataSetBytes(reply.body), dataSetBytes(m_files.value(o)));
        }
    }

    // Studies indexed before the index held UTF-8 kept the bytes they arrived in; the server
    // converts them once at start.
    void earlier_index_rows_are_converted_to_utf8_at_start()
    {
        store({&gb18030});
        QVERIFY(m_server.terminate());
        const QString db = m_server.databasePath();
        QVERIFY(
            execSql(db, QStringLiteral("UPDATE dicom_studies SET patient_name = CAST(X'%1' AS TEXT), "
                                       "patient_name_key = CAST(X'%1' AS TEXT), "
                                       "study_description = CAST(X'%2' AS TEXT), character_set = 'GB18030'; "
                                       "UPDATE dicom_series SET series_description = CAST(X'%2' AS TEXT)")
                            .arg(QString::fromLatin1(gb18030.patientName.toHex()),
                                 QString::fromLatin1(gb18030.studyDescription.toHex()))));
        QCOMPARE(
            countRows(db, QStringLiteral(
                              "SELECT count(*) FROM dicom_studies WHERE patient_name = '张三^ZHANG SAN'")),
            qint64(0));
        QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
        QCOMPARE(countRows(db, QStringLiteral(
                                   "SELECT count(*) FROM dicom_studies WHERE patient_name = '张三^ZHANG SAN' "
                                   "AND study_description = '胸部CT平扫' AND character_set = 'ISO_IR 192'")),
                 qint64(1));
        QCOMPARE(
            countRows(db, QStringLiteral(
                              "SELECT count(*) FROM dicom_series WHERE series_description = '胸部CT平扫'")),
            qint64(1));
        const QStringList answers = find(queryDump("ISO_IR 192", "张*"));
        QCOMPARE(answers.size(), 1);
        QCOMPARE(dumpValueBytes(answers.first(), QStringLiteral("PatientName")), gb18030.patientNameUtf8);
    }
};

QTEST_GUILESS_MAIN(CharacterSetsTest)
#include "test_character_sets.moc"
