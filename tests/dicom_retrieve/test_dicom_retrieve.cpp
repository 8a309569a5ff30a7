// C-MOVE and C-GET end to end: the real lumen-server, DCMTK's movescu / getscu with storescp as
// the move destination, and Orthanc as a real peer in both directions (a move destination, and
// a modality storing into Lumen). Every peer runs on loopback with free ports.
#include "dicom_tools.h"
#include "http_client.h"
#include "orthanc_peer.h"
#include "server_process.h"
#include "storescp_peer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace lumen::test;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);
const QString ctSeries = testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_5mm");
const QString ctSeriesJpegLossless =
    testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_1mm_jpegll");

QString tail(const ToolResult& r)
{
    return QStringLiteral("exit %1, output ends:\n%2").arg(r.exitCode).arg(r.output.right(2000));
}

#define REQUIRE_ORTHANC()                                                                                    \
    do {                                                                                                     \
        if (!OrthancPeer::installed())                                                                       \
            QSKIP("Orthanc is not installed (Debian package orthanc): /usr/sbin/Orthanc is missing");        \
    } while (false)

// JPEG 2000 objects for the decoding retrieves, each with the uncompressed copy of its image
// whose pixels a decoded delivery must carry (none for lossy ones: only their size is known).
struct Jpeg2000Object
{
    QString file;
    QString proposal; // storescu's: -xv JPEG 2000 lossless, -xw JPEG 2000
    QString reference;
    QString photometric; // after decoding
    int pixelBytes;
};

QList<Jpeg2000Object> jpeg2000Objects()
{
    return {{testData + QStringLiteral("/compressed/US1_J2KR.dcm"), QStringLiteral("-xv"),
             testData + QStringLiteral("/us/US1_UNCR_rgb_single.dcm"), QStringLiteral("RGB"), 640 * 480 * 3},
            {testData + QStringLiteral("/compressed/emri_small_jpeg_2k_lossless_10fr.dcm"),
             QStringLiteral("-xv"), testData + QStringLiteral("/mr/emri_small_enhanced_mr_10frames.dcm"),
             QStringLiteral("MONOCHROME2"), 64 * 64 * 2 * 10},
            {testData + QStringLiteral("/compressed/ts_1.2.840.10008.1.2.4.91.dcm"), QStringLiteral("-xw"),
             QString(), QStringLiteral("MONOCHROME2"), 512 * 512 * 2}};
}

// IMAGE-level keys of `file`'s instance, study root.
QStringList imageKeys(const QString& file)
{
    QStringList keys{QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=IMAGE")};
    for (const char* key : {"StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID"})
        keys << QStringLiteral("-k")
             << QString::fromLatin1(key) + "=" + dumpValue(file, QString::fromLatin1(key));
    return keys;
}

// What an uncompressed-only peer must get for `object`: the same instance in an uncompressed
// syntax, colour by pixel, the reference's samples, and marked lossy when it was.
QString decodedDeliveryProblem(const QString& received, const Jpeg2000Object& object)
{
    const QString syntax = dumpValue(received, QStringLiteral("TransferSyntaxUID"));
    if (syntax != QStringLiteral("1.2.840.10008.1.2.1") && syntax != QStringLiteral("1.2.840.10008.1.2"))
        return QStringLiteral("transfer syntax ") + syntax;
    if (dumpValue(received, QStringLiteral("SOPInstanceUID")) !=
        dumpValue(object.file, QStringLiteral("SOPInstanceUID")))
        return QStringLiteral("another instance");
    if (dumpValue(received, QStringLiteral("PhotometricInterpretation")) != object.photometric)
        return QStringLiteral("photometric interpretation ") +
               dumpValue(received, QStringLiteral("PhotometricInterpretation"));
    if (object.photometric == QStringLiteral("RGB") &&
        dumpValue(received, QStringLiteral("PlanarConfiguration")) != QStringLiteral("0"))
        return QStringLiteral("not colour by pixel");
    const QByteArray pixels = pixelDataOf(received);
    if (pixels.size() != object.pixelBytes)
        return QStringLiteral("%1 bytes of pixel data").arg(pixels.size());
    if (!object.reference.isEmpty() && pixels != pixelDataOf(object.reference))
        return QStringLiteral("other pixels than ") + object.reference;
    if (object.reference.isEmpty() &&
        dumpValue(received, QStringLiteral("LossyImageCompression")) != QStringLiteral("01"))
        return QStringLiteral("lossy pixels not marked as such");
    return {};
}

} // namespace

class DicomRetrieveTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_study;

    QString port() const { return QString::number(m_server.dicomPort()); }

    ToolResult store(const QStringList& files) { return storescu(m_server.dicomPort(), files); }

    // Stored as they are: storescu proposes their JPEG 2000 syntax (DCMTK cannot decode it).
    bool storeJpeg2000()
    {
        for (const Jpeg2000Object& object : jpeg2000Objects())
            if (storescuProposing(m_server.dicomPort(), object.proposal, {object.file}).exitCode != 0)
                return false;
        return true;
    }

    HttpReply registerAe(const QString& aeTitle, quint16 aePort, bool canRetrieve = true)
    {
        return HttpClient(m_server.httpPort())
            .registerDicomAe(aeTitle, aePort, QJsonObject{{QStringLiteral("canRetrieve"), canRetrieve}});
    }

    // movescu of the CT study from `callingAe` to `destination` (study root), debug output.
    ToolResult moveStudy(const QString& callingAe, const QString& destination, const QStringList& keys = {})
    {
        return runTool(
            QStringLiteral("movescu"),
            QStringList{QStringLiteral("-S"), QStringLiteral("-d"), QStringLiteral("-aet"), callingAe,
                        QStringLiteral("-aec"), QStringLiteral("LUMEN"), QStringLiteral("-aem"),
                        destination} +
                (keys.isEmpty()
                     ? QStringList{QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=STUDY"),
                                   QStringLiteral("-k"), QStringLiteral("StudyInstanceUID=") + m_study}
                     : keys) +
                QStringList{QStringLiteral("127.0.0.1"), port()},
            120000);
    }

    ToolResult getStudy(const QString& callingAe, const QString& outputDir)
    {
        return runTool(QStringLiteral("getscu"),
                       {QStringLiteral("-S"), QStringLiteral("-d"), QStringLiteral("+B"),
                        QStringLiteral("-od"), outputDir, QStringLiteral("-aet"), callingAe,
                        QStringLiteral("-aec"), QStringLiteral("LUMEN"), QStringLiteral("-k"),
                        QStringLiteral("QueryRetrieveLevel=STUDY"), QStringLiteral("-k"),
                        QStringLiteral("StudyInstanceUID=") + m_study, QStringLiteral("127.0.0.1"), port()},
                       120000);
    }

    // A patient whose outpatient number is the phantom's Patient ID: the study matches it on arrival.
    qint64 createPhantomPatient(bool confidential)
    {
        HttpClient http(m_server.httpPort());
        const auto created =
            http.call("POST", QStringLiteral("/api/v1/patients"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("模体")},
                                  {QStringLiteral("sex"), QStringLiteral("O")},
                                  {QStringLiteral("outpatientNo"), QStringLiteral("PLASTIC")},
                                  {QStringLiteral("confidential"), confidential}},
                      http.login(QStringLiteral("admin")));
        return created.status == 201 ? created.value(QStringLiteral("id")).toInteger() : -1;
    }

private slots:
    void initTestCase()
    {
        if (!QDir(ctSeries).exists() || !QDir(ctSeriesJpegLossless).exists())
            QSKIP("../shared/testdata is absent: the retrieve tests send its real CT series");
        for (const char* tool : {"storescu", "movescu", "getscu", "storescp", "echoscu", "dcmdump"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP("DCMTK's command-line tools are not installed (Debian package dcmtk)");
        QVERIFY2(m_server.start(m_dir.path()), qPrintable(m_server.errorString()));
        m_study = dumpValue(filesIn(ctSeries).first(), QStringLiteral("StudyInstanceUID"));
        QVERIFY(!m_study.isEmpty());
    }

    // req: ARCHITECTURE "Processes": DIMSE C-MOVE; objects leave byte for byte as stored
    void movescu_study_reaches_a_registered_storescp_with_identical_data_sets()
    {
        const QStringList originals = filesIn(ctSeries) + filesIn(ctSeriesJpegLossless);
        QCOMPARE(originals.size(), 28 + 140);
        const auto stored = store(originals);
        QVERIFY2(stored.exitCode == 0, qPrintable(stored.output));
        QTemporaryDir received;
        StoreScp scp;
        QVERIFY(scp.start(received.path()));
        const auto registered = registerAe(QStringLiteral("VIEWER_SCP"), scp.port);
        QVERIFY2(registered.status == 200, registered.describe().constData());

        const auto r = moveStudy(QStringLiteral("DEMO_CT"), QStringLiteral("VIEWER_SCP"));
        QVERIFY2(r.exitCode == 0, qPrintable(tail(r)));
        QVERIFY2(r.output.contains(QStringLiteral("DIMSE Status                  : 0x0000: Success")),
                 qPrintable(tail(r)));
        QVERIFY2(r.output.contains(QRegularExpression(QStringLiteral("Completed Suboperations *: 168\n"))),
                 qPrintable(tail(r)));
        const QStringList got = filesInDir(received.path());
        QCOMPARE(got.size(), originals.size());
        QCOMPARE(hashes(got), hashes(originals));
    }

    // req: ARCHITECTURE "Processes": DIMSE C-GET
    void getscu_retrieves_a_series_with_identical_data_sets()
    {
        const QStringList originals = filesIn(ctSeries);
        QCOMPARE(store(originals + filesIn(ctSeriesJpegLossless).mid(0, 5)).exitCode, 0);
        QTemporaryDir received;
        const auto r = runTool(QStringLiteral("getscu"),
                               {QStringLiteral("-S"), QStringLiteral("+B"), QStringLiteral("-od"),
                                received.path(), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"),
                                QStringLiteral("-aec"), QStringLiteral("LUMEN"), QStringLiteral("-k"),
                                QStringLiteral("QueryRetrieveLevel=SERIES"), QStringLiteral("-k"),
                                QStringLiteral("StudyInstanceUID=") + m_study, QStringLiteral("-k"),
                                QStringLiteral("SeriesInstanceUID=") +
                                    dumpValue(originals.first(), QStringLiteral("SeriesInstanceUID")),
                                QStringLiteral("127.0.0.1"), port()});
        QVERIFY2(r.exitCode == 0, qPrintable(tail(r)));
        const QStringList got = filesInDir(received.path());
        QCOMPARE(got.size(), originals.size());
        QCOMPARE(hashes(got), hashes(originals));
    }

    void move_to_an_unknown_destination_is_refused_with_a801()
    {
        QCOMPARE(store(filesIn(ctSeries).mid(0, 2)).exitCode, 0);
        const auto r = moveStudy(QStringLiteral("DEMO_CT"), QStringLiteral("NOWHERE"));
        QVERIFY2(r.output.contains(QStringLiteral("DIMSE Status                  : 0xa801")),
                 qPrintable(tail(r)));
        QVERIFY2(r.output.contains(QStringLiteral("[move destination NOWHERE is unknown]")),
                 qPrintable(tail(r)));
    }

    // req: 000 §2.3.1.2 each device has its own rights: store, query, retrieve
    void ae_without_the_retrieve_right_is_refused()
    {
        QCOMPARE(store(filesIn(ctSeries).mid(0, 2)).exitCode, 0);
        const auto registered = registerAe(QStringLiteral("NO_RETRIEVE"), 104, false);
        QVERIFY2(registered.status == 200, registered.describe().constData());
        const auto moved = moveStudy(QStringLiteral("NO_RETRIEVE"), QStringLiteral("DEMO_CT"));
        QVERIFY2(moved.output.contains(QStringLiteral("DIMSE Status                  : 0x0124")),
                 qPrintable(tail(moved)));
        QVERIFY2(moved.output.contains(QStringLiteral("[AE NO_RETRIEVE may not retrieve]")),
                 qPrintable(tail(moved)));
        QTemporaryDir received;
        const auto got = getStudy(QStringLiteral("NO_RETRIEVE"), received.path());
        QVERIFY2(got.output.contains(QStringLiteral("DIMSE Status                  : 0x0124")),
                 qPrintable(tail(got)));
        QVERIFY(filesInDir(received.path()).isEmpty());
    }

    void retrieve_without_the_unique_key_of_its_level_is_refused()
    {
        QCOMPARE(store(filesIn(ctSeries).mid(0, 2)).exitCode, 0);
        // A study-level move needs Study Instance UID: an identifier with only a Patient ID
        // must not send every study of the archive.
        const auto byPatient = moveStudy(QStringLiteral("DEMO_CT"), QStringLiteral("DEMO_CT"),
                                         {QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=STUDY"),
                                          QStringLiteral("-k"), QStringLiteral("PatientID=PLASTIC")});
        QVERIFY2(byPatient.output.contains(QStringLiteral("DIMSE Status                  : 0xa900")),
                 qPrintable(tail(byPatient)));
        QVERIFY2(
            byPatient.output.contains(QStringLiteral("[a retrieve at this level needs StudyInstanceUID]")),
            qPrintable(tail(byPatient)));
        const auto wildcard = moveStudy(QStringLiteral("DEMO_CT"), QStringLiteral("DEMO_CT"),
                                        {QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=STUDY"),
                                         QStringLiteral("-k"), QStringLiteral("StudyInstanceUID=1.3.46*")});
        QVERIFY2(wildcard.output.contains(QStringLiteral("DIMSE Status                  : 0xa900")),
                 qPrintable(tail(wildcard)));
    }

    // req: confidential patients are never disclosed to DIMSE peers (CONFORMANCE.md)
    void studies_of_confidential_patients_are_never_retrieved()
    {
        QVERIFY(createPhantomPatient(true) > 0);
        QCOMPARE(store(filesIn(ctSeries).mid(0, 3)).exitCode, 0);
        QCOMPARE(countRows(m_server.databasePath(), QStringLiteral("SELECT count(*) FROM dicom_instances")),
                 qint64(3));
        QTemporaryDir received;
        StoreScp scp;
        QVERIFY(scp.start(received.path()));
        QCOMPARE(registerAe(QStringLiteral("VIEWER_SCP"), scp.port).status, 200);
        // Answered as if nothing matched: success with no sub-operation.
        const auto moved = moveStudy(QStringLiteral("DEMO_CT"), QStringLiteral("VIEWER_SCP"));
        QVERIFY2(moved.output.contains(QStringLiteral("DIMSE Status                  : 0x0000: Success")),
                 qPrintable(tail(moved)));
        QVERIFY2(
            !moved.output.contains(QRegularExpression(QStringLiteral("Completed Suboperations *: [1-9]"))),
            qPrintable(tail(moved)));
        QVERIFY(filesInDir(received.path()).isEmpty());
        QTemporaryDir got;
        const auto get = getStudy(QStringLiteral("DEMO_CT"), got.path());
        QVERIFY2(get.exitCode == 0, qPrintable(tail(get)));
        QVERIFY(filesInDir(got.path()).isEmpty());
    }

    // req: imaging object change management (IHE IOCM): rejected instances are not retrieved
    void instances_hidden_by_a_rejection_note_are_not_retrieved()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("dump2dcm")).isEmpty())
            QSKIP("DCMTK's dump2dcm is not installed (Debian package dcmtk)");
        const QStringList originals = filesIn(ctSeries).mid(0, 3);
        QCOMPARE(store(originals).exitCode, 0);
        QTemporaryDir work;
        const QString note = writeRejectionNote(work.path(), originals.first());
        QVERIFY(!note.isEmpty());
        QCOMPARE(store({note}).exitCode, 0);

        QTemporaryDir received;
        const auto r = getStudy(QStringLiteral("DEMO_CT"), received.path());
        QVERIFY2(r.exitCode == 0, qPrintable(tail(r)));
        // getscu +B names each file by its SOP Instance UID.
        const QStringList got = QDir(received.path()).entryList(QDir::Files);
        QVERIFY2(!got.contains(dumpValue(originals[0], QStringLiteral("SOPInstanceUID"))),
                 qPrintable(got.join(", ")));
        QVERIFY2(got.contains(dumpValue(originals[1], QStringLiteral("SOPInstanceUID"))),
                 qPrintable(got.join(", ")));
        QVERIFY2(got.contains(dumpValue(originals[2], QStringLiteral("SOPInstanceUID"))),
                 qPrintable(got.join(", ")));
    }

    // req: ARCHITECTURE "Data": every read of patient data is in the audit trail
    void moves_and_gets_are_audited_per_study()
    {
        const qint64 patient = createPhantomPatient(false);
        QVERIFY(patient > 0);
        QCOMPARE(store(filesIn(ctSeries).mid(0, 3)).exitCode, 0);
        QTemporaryDir received;
        StoreScp scp;
        QVERIFY(scp.start(received.path()));
        QCOMPARE(registerAe(QStringLiteral("VIEWER_SCP"), scp.port).status, 200);
        QCOMPARE(moveStudy(QStringLiteral("DEMO_CT"), QStringLiteral("VIEWER_SCP")).exitCode, 0);
        QTemporaryDir got;
        QCOMPARE(getStudy(QStringLiteral("DEMO_CT"), got.path()).exitCode, 0);
        QCOMPARE(filesInDir(got.path()).size(), 3);

        HttpClient http(m_server.httpPort());
        const QString admin = http.login(QStringLiteral("admin"));
        const auto moves = http.get(QStringLiteral("/api/v1/audit?action=dicom.move"), admin);
        QVERIFY2(moves.status == 200, moves.describe().constData());
        const auto moveEntries = moves.value(QStringLiteral("items")).toArray();
        QCOMPARE(moveEntries.size(), 1);
        const auto move = moveEntries.at(0).toObject();
        QCOMPARE(move.value(QStringLiteral("user")).toString(), QStringLiteral("AE:DEMO_CT"));
        QCOMPARE(move.value(QStringLiteral("objectType")).toString(), QStringLiteral("study"));
        QCOMPARE(move.value(QStringLiteral("objectId")).toString(), m_study);
        QCOMPARE(move.value(QStringLiteral("patientId")).toInteger(), patient);
        QVERIFY2(move.value(QStringLiteral("detail"))
                     .toString()
                     .startsWith(QStringLiteral("3 of 3 instances to AE VIEWER_SCP, status 0000")),
                 qPrintable(move.value(QStringLiteral("detail")).toString()));
        const auto gets = http.get(QStringLiteral("/api/v1/audit?action=dicom.get"), admin)
                              .value(QStringLiteral("items"))
                              .toArray();
        QCOMPARE(gets.size(), 1);
        QCOMPARE(gets.at(0).toObject().value(QStringLiteral("objectId")).toString(), m_study);
        QVERIFY2(gets.at(0)
                     .toObject()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .startsWith(QStringLiteral("3 of 3")),
                 qPrintable(gets.at(0).toObject().value(QStringLiteral("detail")).toString()));
    }

    void orthanc_as_move_destination_receives_identical_data_sets()
    {
        REQUIRE_ORTHANC();
        QTemporaryDir orthancDir;
        OrthancPeer orthanc;
        QString error;
        QVERIFY2(orthanc.start(orthancDir.path(), {{"LUMEN", "LUMEN", m_server.dicomPort()}}, error),
                 qPrintable(error));
        const auto registered = registerAe(QStringLiteral("ORTHANC"), orthanc.dicomPort);
        QVERIFY2(registered.status == 200, registered.describe().constData());
        const QStringList originals = filesIn(ctSeries) + filesIn(ctSeriesJpegLossless).mid(0, 20);
        QCOMPARE(store(originals).exitCode, 0);

        const auto r = moveStudy(QStringLiteral("DEMO_CT"), QStringLiteral("ORTHANC"));
        QVERIFY2(r.exitCode == 0, qPrintable(tail(r)));
        QVERIFY2(r.output.contains(QStringLiteral("DIMSE Status                  : 0x0000: Success")),
                 qPrintable(tail(r)));

        HttpClient http(orthanc.httpPort);
        const auto instances = http.get(QStringLiteral("/instances"), {});
        QVERIFY2(instances.status == 200, instances.describe().constData());
        const QJsonArray ids = instances.json.array();
        QCOMPARE(ids.size(), originals.size());
        QTemporaryDir downloaded;
        QStringList files;
        for (const auto& id : ids) {
            const auto file = http.get(QStringLiteral("/instances/%1/file").arg(id.toString()), {});
            QVERIFY2(file.status == 200, file.describe().left(300).constData());
            QFile out(downloaded.filePath(id.toString() + QStringLiteral(".dcm")));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(file.body);
            files << out.fileName();
        }
        QCOMPARE(hashes(files), hashes(originals));
    }

    void orthanc_stores_into_lumen_which_indexes_every_instance()
    {
        REQUIRE_ORTHANC();
        QTemporaryDir orthancDir;
        OrthancPeer orthanc;
        QString error;
        QVERIFY2(orthanc.start(orthancDir.path(), {{"LUMEN", "LUMEN", m_server.dicomPort()}}, error),
                 qPrintable(error));
        // Orthanc calls in as ORTHANC: a known AE may store.
        QCOMPARE(registerAe(QStringLiteral("ORTHANC"), orthanc.dicomPort).status, 200);

        HttpClient http(orthanc.httpPort);
        const QStringList originals = filesIn(ctSeries);
        QJsonArray ids;
        for (const QString& path : originals) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const auto uploaded =
                http.callRaw("POST", QStringLiteral("/instances"), file.readAll(), {}, "application/dicom");
            QVERIFY2(uploaded.status == 200, uploaded.describe().constData());
            ids.append(uploaded.value(QStringLiteral("ID")));
        }
        const auto sent =
            http.call("POST", QStringLiteral("/modalities/LUMEN/store"),
                      QJsonObject{{QStringLiteral("Resources"), ids}, {QStringLiteral("Synchronous"), true}});
        QVERIFY2(sent.status == 200, sent.describe().constData());

        QCOMPARE(
            countRows(m_server.databasePath(),
                      QStringLiteral("SELECT count(*) FROM dicom_instances WHERE calling_ae = 'ORTHANC'")),
            qint64(originals.size()));
        QCOMPARE(hashes(filesIn(m_dir.path() + QStringLiteral("/dicom"))), hashes(originals));
        // And C-FIND answers for them.
        const auto found = runTool(
            QStringLiteral("findscu"),
            {QStringLiteral("-S"), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"), QStringLiteral("-aec"),
             QStringLiteral("LUMEN"), QStringLiteral("-k"), QStringLiteral("QueryRetrieveLevel=STUDY"),
             QStringLiteral("-k"), QStringLiteral("StudyInstanceUID=") + m_study, QStringLiteral("-k"),
             QStringLiteral("NumberOfStudyRelatedInstances"), QStringLiteral("127.0.0.1"), port()});
        QVERIFY2(found.output.contains(QStringLiteral("(0020,1208) IS [28]")), qPrintable(found.output));
    }

    // req: retrieve to peers that accept only uncompressed syntaxes (CONFORMANCE.md, C-GET)
    void getscu_proposing_only_uncompressed_receives_decoded_jpeg2000()
    {
        QVERIFY(storeJpeg2000());
        for (const Jpeg2000Object& object : jpeg2000Objects()) {
            QTemporaryDir received;
            // getscu proposes only the uncompressed syntaxes unless told otherwise.
            const auto r =
                runTool(QStringLiteral("getscu"),
                        QStringList{QStringLiteral("-S"), QStringLiteral("+B"), QStringLiteral("-od"),
                                    received.path(), QStringLiteral("-aet"), QStringLiteral("DEMO_CT"),
                                    QStringLiteral("-aec"), QStringLiteral("LUMEN")} +
                            imageKeys(object.file) + QStringList{QStringLiteral("127.0.0.1"), port()});
            QVERIFY2(r.exitCode == 0, qPrintable(tail(r)));
            const QStringList got = filesInDir(received.path());
            QVERIFY2(got.size() == 1, qPrintable(object.file + ": nothing received\n" + tail(r)));
            const QString problem = decodedDeliveryProblem(got.first(), object);
            QVERIFY2(problem.isEmpty(), qPrintable(object.file + ": " + problem));
        }
    }

    // req: retrieve to peers that accept only uncompressed syntaxes (CONFORMANCE.md, C-MOVE)
    void move_to_a_peer_taking_only_uncompressed_delivers_decoded_jpeg2000()
    {
        QVERIFY(storeJpeg2000());
        QTemporaryDir received;
        StoreScp plain;
        QVERIFY(plain.start(received.path(), true));
        QCOMPARE(registerAe(QStringLiteral("VIEWER_SCP"), plain.port).status, 200);
        for (const Jpeg2000Object& object : jpeg2000Objects()) {
            const auto r =
                moveStudy(QStringLiteral("DEMO_CT"), QStringLiteral("VIEWER_SCP"), imageKeys(object.file));
            QVERIFY2(r.output.contains(QStringLiteral("DIMSE Status                  : 0x0000: Success")),
                     qPrintable(object.file + ": " + tail(r)));
        }
        const QStringList got = filesInDir(received.path());
        QCOMPARE(got.size(), jpeg2000Objects().size());
        for (const Jpeg2000Object& object : jpeg2000Objects()) {
            const QString uid = dumpValue(object.file, QStringLiteral("SOPInstanceUID"));
            const auto match = std::find_if(got.begin(), got.end(), [&](const QString& file) {
                return dumpValue(file, QStringLiteral("SOPInstanceUID")) == uid;
            });
            QVERIFY2(match != got.end(), qPrintable(object.file + ": not received"));
            const QString problem = decodedDeliveryProblem(*match, object);
            QVERIFY2(problem.isEmpty(), qPrintable(object.file + ": " + problem));
        }
    }
};

QTEST_GUILESS_MAIN(DicomRetrieveTest)
#include "test_dicom_retrieve.moc"
