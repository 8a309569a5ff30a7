// Splitting a wrongly merged study, and headers that say what the index says: the real
// lumen-server driven by DCMTK's findscu, getscu, movescu, storescp and dcmdump and by the
// DICOMweb endpoints. Stored files never change; what leaves the archive carries the index's
// study and patient values, and undoing the repair makes delivery byte for byte again.
#include "dicom_tools.h"
#include "dicomweb_support.h"
#include "http_client.h"
#include "server_process.h"
#include "storescp_peer.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <algorithm>

using namespace lumen::test;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);
// Two series of one CT study: uncompressed, and JPEG Lossless.
const QString ctSeries = testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_5mm");
const QString jpegSeries = testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_1mm_jpegll");

QString tail(const ToolResult& r)
{
    return QStringLiteral("exit %1, output ends:\n%2").arg(r.exitCode).arg(r.output.right(2000));
}

// From the (7FE0,0010) Pixel Data element to the end of the data set (explicit VR little
// endian, as storescu stored these files and getscu / storescp received them): equal bytes mean
// the pixels, and for JPEG the encapsulated fragments, were not touched.
QByteArray pixelDataElement(const QString& file)
{
    const QByteArray data = dataSetBytes(file);
    for (const char* vr : {"OB", "OW"}) {
        const int at = data.indexOf(QByteArray("\xe0\x7f\x10\x00", 4) + vr);
        if (at >= 0)
            return data.mid(at);
    }
    return {};
}

// dcmdump's attribute lines of a data set, for comparing a delivered copy with the stored file:
// without file meta, sequence and item lines (re-encoding may change their length form) and the
// Original Attributes Sequence a corrected copy gains.
QStringList attributeLines(const QString& file)
{
    static const QRegularExpression structural(QStringLiteral("^\\s*\\([0-9a-f]{4},[0-9a-f]{4}\\) (SQ|na) "));
    const auto dump = runTool(QStringLiteral("dcmdump"), {QStringLiteral("-q"), file});
    QStringList lines;
    bool inOriginalAttributes = false;
    for (const QString& line : dump.output.split(QLatin1Char('\n'))) {
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('(')))
            inOriginalAttributes = line.startsWith(QStringLiteral("(0400,0561)"));
        if (inOriginalAttributes || line.startsWith(QStringLiteral("(0002,")) ||
            structural.match(line).hasMatch())
            continue;
        lines << line;
    }
    return lines;
}

QStringList without(QStringList lines, const QString& prefix)
{
    lines.erase(
        std::remove_if(lines.begin(), lines.end(), [&](const QString& l) { return l.startsWith(prefix); }),
        lines.end());
    return lines;
}

// SOP Instance UID -> file, as dcmdump reads them.
QMap<QString, QString> bySopInstance(const QStringList& files)
{
    QMap<QString, QString> out;
    for (const auto& f : files)
        out.insert(dumpValue(f, QStringLiteral("SOPInstanceUID")), f);
    return out;
}

} // namespace

class StudySplitTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QStringList m_ct;   // 3 uncompressed slices
    QStringList m_jpeg; // 4 JPEG Lossless slices of the same study
    QString m_study;
    QString m_ctSeries;
    QString m_jpegSeries;

    QString port() const { return QString::number(m_server.dicomPort()); }
    QString registrar()
    {
        HttpClient http(m_server.httpPort());
        return http.login(QStringLiteral("registrar"));
    }

    void storeBothSeries()
    {
        const auto stored = storescu(m_server.dicomPort(), m_ct + m_jpeg);
        QVERIFY2(stored.exitCode == 0, qPrintable(tail(stored)));
    }

    HttpReply split(const QString& study, const QJsonValue& body, const QString& token)
    {
        HttpClient http(m_server.httpPort());
        return http.call("POST", QStringLiteral("/api/v1/archive/studies/%1/split").arg(study), body, token);
    }

    // Splits `series` off the CT study and returns the new study's UID (empty on failure).
    QString splitOff(const QString& series)
    {
        const auto reply =
            split(m_study, QJsonObject{{QStringLiteral("series"), QJsonArray{series}}}, registrar());
        if (reply.status != 201) {
            qWarning() << reply.describe();
            return {};
        }
        return reply.value(QStringLiteral("studyUid")).toString();
    }

    HttpReply moveSeries(const QString& series, const QString& study)
    {
        HttpClient http(m_server.httpPort());
        return http.call("POST", QStringLiteral("/api/v1/archive/series/%1/move").arg(series),
                         QJsonObject{{QStringLiteral("studyUid"), study}}, registrar());
    }

    // Study-level C-FIND by the phantom's Patient ID: study UID -> "series/instances/modalities".
    QMap<QString, QString> findStudies()
    {
        const auto r = runTool(QStringLiteral("findscu"),
                               {QStringLiteral("-S"),        QStringLiteral("-v"),
                                QStringLiteral("-aet"),      QStringLiteral("DEMO_CT"),
                                QStringLiteral("-aec"),      QStringLiteral("LUMEN"),
                                QStringLiteral("-k"),        QStringLiteral("QueryRetrieveLevel=STUDY"),
                                QStringLiteral("-k"),        QStringLiteral("PatientID=PLASTIC"),
                                QStringLiteral("-k"),        QStringLiteral("StudyInstanceUID"),
                                QStringLiteral("-k"),        QStringLiteral("NumberOfStudyRelatedSeries"),
                                QStringLiteral("-k"),        QStringLiteral("NumberOfStudyRelatedInstances"),
                                QStringLiteral("-k"),        QStringLiteral("ModalitiesInStudy"),
                                QStringLiteral("127.0.0.1"), port()});
        QMap<QString, QString> studies;
        const auto value = [](const QString& block, const QString& tag) {
            const QRegularExpression re(QStringLiteral("\\(%1\\) [A-Z]{2} \\[([^\\]]*)\\]").arg(tag));
            // A UID of odd length arrives padded with a NUL, which findscu prints as it is.
            return re.match(block).captured(1).remove(QChar(0)).trimmed();
        };
        const auto blocks = r.output.split(QStringLiteral("Find Response:"));
        for (int i = 1; i < blocks.size(); ++i)
            studies.insert(value(blocks[i], QStringLiteral("0020,000d")),
                           value(blocks[i], QStringLiteral("0020,1206")) + QLatin1Char('/') +
                               value(blocks[i], QStringLiteral("0020,1208")) + QLatin1Char('/') +
                               value(blocks[i], QStringLiteral("0008,0061")));
        return studies;
    }

    ToolResult getStudy(const QString& study, const QString& outputDir)
    {
        return runTool(QStringLiteral("getscu"),
                       {QStringLiteral("-S"), QStringLiteral("+B"), QStringLiteral("-od"), outputDir,
                        QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
                        QStringLiteral("LUMEN"), QStringLiteral("-k"),
                        QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"),
                        QStringLiteral("StudyInstanceUID=") + study, QStringLiteral("127.0.0.1"), port()});
    }

    // C-MOVE of `study` to a storescp accepting every transfer syntax; the received files.
    QStringList moveStudy(const QString& study, const QString& dir)
    {
        StoreScp scp;
        if (!scp.start(dir))
            return {};
        const auto registered =
            HttpClient(m_server.httpPort()).registerDicomAe(QStringLiteral("VIEWER_SCP"), scp.port);
        if (registered.status != 200)
            return {};
        const auto r = runTool(
            QStringLiteral("movescu"),
            {QStringLiteral("-S"), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
             QStringLiteral("LUMEN"), QStringLiteral("-aem"), QStringLiteral("VIEWER_SCP"),
             QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"),
             QStringLiteral("StudyInstanceUID=") + study, QStringLiteral("127.0.0.1"), port()});
        if (r.exitCode != 0)
            qWarning() << tail(r);
        return filesInDir(dir);
    }

    // Each delivered copy names `study` and carries the original UID in its Original Attributes
    // Sequence; apart from that its attributes and pixel data are the stored file's.
    void verifyDeliveredAsCorrected(const QStringList& delivered, const QStringList& originals,
                                    const QString& study)
    {
        QCOMPARE(delivered.size(), originals.size());
        const auto stored = bySopInstance(originals);
        for (const QString& file : delivered) {
            const QString sop = dumpValue(file, QStringLiteral("SOPInstanceUID"));
            QVERIFY2(stored.contains(sop), qPrintable(sop));
            const QString original = stored.value(sop);
            QCOMPARE(dumpValue(file, QStringLiteral("StudyInstanceUID")), study);
            const auto dump = runTool(QStringLiteral("dcmdump"), {QStringLiteral("-q"), file}).output;
            QVERIFY2(dump.contains(QStringLiteral("(0400,0561) SQ")), qPrintable(dump.left(3000)));
            QVERIFY2(dump.contains(
                         QRegularExpression(QStringLiteral("\\n +\\(0020,000d\\) UI \\[%1\\]").arg(m_study))),
                     "the Original Attributes Sequence names the study the file was received in");
            QVERIFY2(dump.contains(QStringLiteral("(0400,0565) CS [CORRECT]")), qPrintable(dump.right(1500)));
            QCOMPARE(without(attributeLines(file), QStringLiteral("(0020,000d)")),
                     without(attributeLines(original), QStringLiteral("(0020,000d)")));
            const QByteArray pixels = pixelDataElement(file);
            QVERIFY(!pixels.isEmpty());
            QVERIFY2(pixels == pixelDataElement(original),
                     qPrintable(sop + QStringLiteral(": pixel data differs")));
        }
    }

    QJsonArray audit(const QString& action)
    {
        HttpClient http(m_server.httpPort());
        return http.get(QStringLiteral("/api/v1/audit?action=") + action, http.login(QStringLiteral("admin")))
            .value(QStringLiteral("items"))
            .toArray();
    }

private slots:
    void initTestCase()
    {
        if (!QDir(ctSeries).exists() || !QDir(jpegSeries).exists())
            QSKIP("../shared/testdata is absent: these tests need its real CT series");
        for (const char* tool :
             {"storescu", "findscu", "getscu", "movescu", "storescp", "echoscu", "dcmdump"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP("DCMTK's command-line tools are not installed (Debian package dcmtk)");
        QVERIFY2(m_server.start(m_dir.path()), qPrintable(m_server.errorString()));
        m_ct = filesIn(ctSeries).mid(0, 3);
        m_jpeg = filesIn(jpegSeries).mid(0, 4);
        m_study = dumpValue(m_ct.first(), QStringLiteral("StudyInstanceUID"));
        QCOMPARE(dumpValue(m_jpeg.first(), QStringLiteral("StudyInstanceUID")), m_study);
        m_ctSeries = dumpValue(m_ct.first(), QStringLiteral("SeriesInstanceUID"));
        m_jpegSeries = dumpValue(m_jpeg.first(), QStringLiteral("SeriesInstanceUID"));
    }

    // req: 003 §2 split a wrongly merged study; C-FIND and QIDO-RS answer from the index
    void split_study_is_found_as_two_studies_with_their_own_counts()
    {
        storeBothSeries();
        const auto before = findStudies();
        QCOMPARE(before.value(m_study), QStringLiteral("2/7/CT"));

        const auto reply =
            split(m_study, QJsonObject{{QStringLiteral("series"), QJsonArray{m_jpegSeries}}}, registrar());
        QVERIFY2(reply.status == 201, reply.describe().constData());
        const QString created = reply.value(QStringLiteral("studyUid")).toString();
        QVERIFY2(created.startsWith(QStringLiteral("2.25.")) && created.size() <= 64, qPrintable(created));
        QCOMPARE(reply.value(QStringLiteral("seriesCount")).toInt(), 1);
        QCOMPARE(reply.value(QStringLiteral("instanceCount")).toInt(), 4);
        QCOMPARE(reply.value(QStringLiteral("dicomPatientId")).toString(), QStringLiteral("PLASTIC"));
        QCOMPARE(reply.value(QStringLiteral("studyDescription")).toString(),
                 dumpValue(m_ct.first(), QStringLiteral("StudyDescription")));

        const auto after = findStudies();
        QCOMPARE(after.size(), 2);
        QCOMPARE(after.value(m_study), QStringLiteral("1/3/CT"));
        QCOMPARE(after.value(created), QStringLiteral("1/4/CT"));

        dicomweb::WebClient web(m_server.httpPort());
        const QString token = web.login(QStringLiteral("registrar"));
        const auto series = web.get(QStringLiteral("/dicom-web/studies/%1/series").arg(created), token);
        LUMEN_COMPARE_WEB_STATUS(series, 200);
        QCOMPARE(dicomweb::jsonStrings(series.jsonArray(), QStringLiteral("0020000E")),
                 QStringList{m_jpegSeries});
        const auto remaining = web.get(QStringLiteral("/dicom-web/studies/%1/series").arg(m_study), token);
        QCOMPARE(dicomweb::jsonStrings(remaining.jsonArray(), QStringLiteral("0020000E")),
                 QStringList{m_ctSeries});

        const auto entries = audit(QStringLiteral("archive.split"));
        QCOMPARE(entries.size(), 1);
        const auto entry = entries.at(0).toObject();
        QCOMPARE(entry.value(QStringLiteral("user")).toString(), QStringLiteral("registrar"));
        QCOMPARE(entry.value(QStringLiteral("objectId")).toString(), m_study);
        QCOMPARE(
            entry.value(QStringLiteral("detail")).toString(),
            QStringLiteral("series %1 from study %2 to new study %3").arg(m_jpegSeries, m_study, created));
        // The stored files are untouched.
        QCOMPARE(hashes(filesIn(m_dir.path() + QStringLiteral("/dicom"))), hashes(m_ct + m_jpeg));
    }

    // req: 003 §2 reconciliation visible in every retrieved header (C-GET)
    void getscu_of_the_split_study_delivers_the_new_uid_and_the_same_pixels()
    {
        storeBothSeries();
        const QString created = splitOff(m_ctSeries);
        QVERIFY(!created.isEmpty());
        QTemporaryDir received;
        const auto r = getStudy(created, received.path());
        QVERIFY2(r.exitCode == 0, qPrintable(tail(r)));
        verifyDeliveredAsCorrected(filesInDir(received.path()), m_ct, created);
    }

    // req: 003 §2 reconciliation visible in every retrieved header (C-MOVE, compressed as stored)
    void movescu_of_the_split_study_keeps_jpeg_pixel_data_encapsulated()
    {
        storeBothSeries();
        const QString created = splitOff(m_jpegSeries);
        QVERIFY(!created.isEmpty());
        QTemporaryDir received;
        const QStringList got = moveStudy(created, received.path());
        QCOMPARE(got.size(), m_jpeg.size());
        for (const QString& file : got)
            QCOMPARE(dumpValue(file, QStringLiteral("TransferSyntaxUID")),
                     QStringLiteral("1.2.840.10008.1.2.4.70")); // JPEG Lossless SV1, as stored
        verifyDeliveredAsCorrected(got, m_jpeg, created);
    }

    // req: 003 §2 reconciliation visible in every retrieved header (WADO-RS, WADO-URI, metadata)
    void wado_of_the_split_study_delivers_corrected_headers_and_metadata()
    {
        storeBothSeries();
        const QString created = splitOff(m_jpegSeries);
        QVERIFY(!created.isEmpty());
        dicomweb::WebClient web(m_server.httpPort());
        const QString token = web.login(QStringLiteral("registrar"));
        QTemporaryDir parts;
        const QString instance = dumpValue(m_jpeg.first(), QStringLiteral("SOPInstanceUID"));
        const QStringList paths = {
            QStringLiteral("/dicom-web/studies/%1").arg(created),
            QStringLiteral("/dicom-web/studies/%1/series/%2").arg(created, m_jpegSeries),
            QStringLiteral("/dicom-web/studies/%1/series/%2/instances/%3")
                .arg(created, m_jpegSeries, instance)};
        for (const QString& path : paths) {
            const auto reply = web.get(path, token);
            LUMEN_COMPARE_WEB_STATUS(reply, 200);
            QList<dicomweb::MultipartPart> answer;
            QString error;
            QVERIFY2(dicomweb::parseMultipart(reply.contentType, reply.body, &answer, &error),
                     qPrintable(error));
            QStringList files;
            for (int i = 0; i < answer.size(); ++i) {
                QFile out(parts.filePath(QStringLiteral("part%1-%2.dcm").arg(paths.indexOf(path)).arg(i)));
                QVERIFY(out.open(QIODevice::WriteOnly));
                out.write(answer[i].body);
                files << out.fileName();
            }
            QCOMPARE(files.size(), path == paths.last() ? 1 : m_jpeg.size());
            verifyDeliveredAsCorrected(files, path == paths.last() ? m_jpeg.mid(0, 1) : m_jpeg, created);
        }

        const auto uri =
            web.get(QStringLiteral("/wado?requestType=WADO&studyUID=%1&seriesUID=%2&objectUID=%3")
                        .arg(created, m_jpegSeries, instance),
                    token);
        LUMEN_COMPARE_WEB_STATUS(uri, 200);
        QFile single(parts.filePath(QStringLiteral("wado-uri.dcm")));
        QVERIFY(single.open(QIODevice::WriteOnly));
        single.write(uri.body);
        single.close();
        verifyDeliveredAsCorrected({single.fileName()}, m_jpeg.mid(0, 1), created);

        const auto metadata = web.get(QStringLiteral("/dicom-web/studies/%1/metadata").arg(created), token);
        LUMEN_COMPARE_WEB_STATUS(metadata, 200);
        const auto objects = metadata.jsonArray();
        QCOMPARE(objects.size(), m_jpeg.size());
        for (const auto& object : objects) {
            QCOMPARE(dicomweb::jsonString(object.toObject(), QStringLiteral("0020000D")), created);
            const auto original = dicomweb::jsonValues(object.toObject(), QStringLiteral("04000561"));
            QCOMPARE(original.size(), 1);
            const auto modified = original.at(0).toObject().value(QStringLiteral("04000550")).toObject();
            QCOMPARE(dicomweb::jsonString(modified.value(QStringLiteral("Value")).toArray().at(0).toObject(),
                                          QStringLiteral("0020000D")),
                     m_study);
        }

        // The study that kept its series is delivered exactly as stored.
        const auto kept = web.get(QStringLiteral("/dicom-web/studies/%1").arg(m_study), token);
        QList<dicomweb::MultipartPart> keptParts;
        QString error;
        QVERIFY2(dicomweb::parseMultipart(kept.contentType, kept.body, &keptParts, &error),
                 qPrintable(error));
        QStringList keptHashes;
        for (const auto& part : keptParts)
            keptHashes << QString::fromLatin1(dicomweb::sha256Hex(dataSetBytes(part.body)));
        QStringList storedHashes;
        for (const auto& file : m_ct)
            storedHashes << QString::fromLatin1(dicomweb::sha256Hex(dataSetBytes(file)));
        keptHashes.sort();
        storedHashes.sort();
        QCOMPARE(keptHashes, storedHashes);
    }

    // req: 003 §2 assign an unmatched study to a patient; the header names that patient
    void assigned_study_is_delivered_with_the_patients_identity()
    {
        QCOMPARE(storescu(m_server.dicomPort(), m_ct).exitCode, 0);
        HttpClient http(m_server.httpPort());
        const QString token = registrar();
        const auto created =
            http.call("POST", QStringLiteral("/api/v1/patients"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("李小梅")},
                                  {QStringLiteral("sex"), QStringLiteral("F")},
                                  {QStringLiteral("birthDate"), QStringLiteral("1990-01-02")},
                                  {QStringLiteral("outpatientNo"), QStringLiteral("MZ2026001")},
                                  {QStringLiteral("hisPatientId"), QStringLiteral("HIS77001")}},
                      token);
        QVERIFY2(created.status == 201, created.describe().constData());
        const int patient = created.value(QStringLiteral("id")).toInt();
        const auto assigned =
            http.call("POST", QStringLiteral("/api/v1/archive/studies/%1/assign").arg(m_study),
                      QJsonObject{{QStringLiteral("patientId"), patient}}, token);
        QVERIFY2(assigned.status == 200, assigned.describe().constData());
        QCOMPARE(assigned.value(QStringLiteral("dicomPatientId")).toString(), QStringLiteral("HIS77001"));

        QTemporaryDir received;
        const auto r = getStudy(m_study, received.path());
        QVERIFY2(r.exitCode == 0, qPrintable(tail(r)));
        const QStringList got = filesInDir(received.path());
        QCOMPARE(got.size(), m_ct.size());
        for (const QString& file : got) {
            // The HIS patient ID comes before the outpatient number (core/dicom_patient.h).
            QCOMPARE(dumpValue(file, QStringLiteral("PatientID")), QStringLiteral("HIS77001"));
            QCOMPARE(dumpValue(file, QStringLiteral("IssuerOfPatientID")), QStringLiteral("HIS"));
            QCOMPARE(dumpValue(file, QStringLiteral("PatientName")), QStringLiteral("李小梅"));
            QCOMPARE(dumpValue(file, QStringLiteral("PatientBirthDate")), QStringLiteral("19900102"));
            QCOMPARE(dumpValue(file, QStringLiteral("PatientSex")), QStringLiteral("F"));
            // The stored files are ISO_IR 100: the name needs the object in UTF-8.
            QCOMPARE(dumpValue(file, QStringLiteral("SpecificCharacterSet")), QStringLiteral("ISO_IR 192"));
            QCOMPARE(dumpValue(file, QStringLiteral("StudyInstanceUID")), m_study);
            const auto dump = runTool(QStringLiteral("dcmdump"), {QStringLiteral("-q"), file}).output;
            QVERIFY2(
                dump.contains(QRegularExpression(QStringLiteral("\\n +\\(0010,0020\\) LO \\[PLASTIC\\]"))),
                "the Original Attributes Sequence keeps the Patient ID the modality sent");
            QVERIFY2(dump.contains(QStringLiteral("(0400,0565) CS [COERCE]")), qPrintable(dump.right(1500)));
            QVERIFY(pixelDataElement(file) == pixelDataElement(bySopInstance(m_ct).value(
                                                  dumpValue(file, QStringLiteral("SOPInstanceUID")))));
        }
        // C-FIND answers with the same identity (matching on it too).
        const auto find = runTool(QStringLiteral("findscu"),
                                  {QStringLiteral("-S"), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"),
                                   QStringLiteral("-aec"), QStringLiteral("LUMEN"), QStringLiteral("-k"),
                                   QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"),
                                   QStringLiteral("PatientID=HIS77001"), QStringLiteral("-k"),
                                   QStringLiteral("StudyInstanceUID"), QStringLiteral("127.0.0.1"), port()});
        QVERIFY2(find.output.contains(m_study), qPrintable(tail(find)));

        // Undone: unmatched again, and delivered byte for byte.
        const auto undone =
            http.call("POST", QStringLiteral("/api/v1/archive/studies/%1/assign").arg(m_study),
                      QJsonObject{{QStringLiteral("patientId"), QJsonValue::Null}}, token);
        QVERIFY2(undone.status == 200, undone.describe().constData());
        QCOMPARE(undone.value(QStringLiteral("dicomPatientId")).toString(), QStringLiteral("PLASTIC"));
        QTemporaryDir again;
        QCOMPARE(getStudy(m_study, again.path()).exitCode, 0);
        QCOMPARE(hashes(filesInDir(again.path())), hashes(m_ct));
    }

    // req: 003 §2 reversible: moving the series back restores the study and byte-identical delivery
    void moving_the_series_back_restores_byte_identical_delivery()
    {
        storeBothSeries();
        const QString created = splitOff(m_jpegSeries);
        QVERIFY(!created.isEmpty());
        const auto back = moveSeries(m_jpegSeries, m_study);
        QVERIFY2(back.status == 204, back.describe().constData());

        const auto studies = findStudies();
        QCOMPARE(studies.size(), 1);
        QCOMPARE(studies.value(m_study), QStringLiteral("2/7/CT"));
        // The split study is gone from the index, not just empty.
        QCOMPARE(
            countRows(
                m_server.databasePath(),
                QStringLiteral("SELECT count(*) FROM dicom_studies WHERE study_uid = '%1'").arg(created)),
            qint64(0));
        QCOMPARE(countRows(m_server.databasePath(),
                           QStringLiteral(
                               "SELECT count(*) FROM dicom_series WHERE original_study_uid IS NOT NULL")),
                 qint64(0));

        QTemporaryDir received;
        const QStringList got = moveStudy(m_study, received.path());
        QCOMPARE(hashes(got), hashes(m_ct + m_jpeg));
        for (const QString& file : got)
            QVERIFY(!runTool(QStringLiteral("dcmdump"), {QStringLiteral("-q"), file})
                         .output.contains(QStringLiteral("(0400,0561)")));

        const auto moves = audit(QStringLiteral("archive.move_series"));
        QCOMPARE(moves.size(), 1);
        QCOMPARE(moves.at(0).toObject().value(QStringLiteral("detail")).toString(),
                 QStringLiteral("from study %1 to study %2; study %1 left empty and removed")
                     .arg(created, m_study));
        QCOMPARE(audit(QStringLiteral("archive.split")).size(), 1);
    }

    void bad_split_requests_are_refused_and_change_nothing()
    {
        storeBothSeries();
        const QString token = registrar();
        const QJsonObject one{{QStringLiteral("series"), QJsonArray{m_jpegSeries}}};
        auto refused = [&](const HttpReply& reply, int status, const QString& code) {
            QVERIFY2(reply.status == status && reply.errorCode() == code, reply.describe().constData());
        };
        refused(split(QStringLiteral("1.2.3.4"), one, token), 404, QStringLiteral("not_found"));
        refused(split(m_study, QJsonObject{}, token), 400, QStringLiteral("missing_field"));
        refused(split(m_study, QJsonObject{{QStringLiteral("series"), m_jpegSeries}}, token), 400,
                QStringLiteral("invalid_field"));
        refused(split(m_study, QJsonObject{{QStringLiteral("series"), QJsonArray{}}}, token), 400,
                QStringLiteral("invalid_field"));
        refused(split(m_study, QJsonObject{{QStringLiteral("series"), QJsonArray{42}}}, token), 400,
                QStringLiteral("invalid_field"));
        const auto foreign = split(
            m_study, QJsonObject{{QStringLiteral("series"), QJsonArray{QStringLiteral("1.2.3.4.5")}}}, token);
        refused(foreign, 400, QStringLiteral("invalid_field"));
        QVERIFY2(foreign.errorMessage().contains(QStringLiteral("'series'")), foreign.describe().constData());
        const auto everything = split(
            m_study, QJsonObject{{QStringLiteral("series"), QJsonArray{m_ctSeries, m_jpegSeries}}}, token);
        refused(everything, 400, QStringLiteral("invalid_field"));
        QVERIFY2(everything.errorMessage().contains(QStringLiteral("nothing would remain")),
                 everything.describe().constData());
        refused(split(m_study, one, QString()), 401, QStringLiteral("unauthorized"));
        refused(split(m_study, one, HttpClient(m_server.httpPort()).login(QStringLiteral("radiologist"))),
                403, QStringLiteral("forbidden"));

        QCOMPARE(countRows(m_server.databasePath(), QStringLiteral("SELECT count(*) FROM dicom_studies")),
                 qint64(1));
        QCOMPARE(countRows(m_server.databasePath(),
                           QStringLiteral(
                               "SELECT count(*) FROM dicom_series WHERE original_study_uid IS NOT NULL")),
                 qint64(0));
        QCOMPARE(findStudies().value(m_study), QStringLiteral("2/7/CT"));
        QCOMPARE(audit(QStringLiteral("archive.split")).size(), 0);
    }

    // req: confidential patients are hidden from users without patient.confidential
    void study_of_a_confidential_patient_is_not_found_for_a_split()
    {
        HttpClient http(m_server.httpPort());
        const auto patient =
            http.call("POST", QStringLiteral("/api/v1/patients"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("模体")},
                                  {QStringLiteral("sex"), QStringLiteral("O")},
                                  {QStringLiteral("outpatientNo"), QStringLiteral("PLASTIC")},
                                  {QStringLiteral("confidential"), true}},
                      http.login(QStringLiteral("admin")));
        QVERIFY2(patient.status == 201, patient.describe().constData());
        storeBothSeries();
        const auto reply =
            split(m_study, QJsonObject{{QStringLiteral("series"), QJsonArray{m_jpegSeries}}}, registrar());
        QVERIFY2(reply.status == 404, reply.describe().constData());
        QCOMPARE(countRows(m_server.databasePath(), QStringLiteral("SELECT count(*) FROM dicom_studies")),
                 qint64(1));
    }
};

QTEST_GUILESS_MAIN(StudySplitTest)
#include "test_study_split.moc"
