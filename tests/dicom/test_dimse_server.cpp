// DimseServer driven by DCMTK's own command-line peers (echoscu, storescu, findscu, movescu,
// getscu), with a small archive handler written here: it keeps received files in a folder,
// answers C-FIND by exact matching on their attributes and hands them out for C-MOVE / C-GET.
#include "lumen/dicom/dimse_server.h"
#include "lumen/dicom/instance_attributes.h"

// DcmSCU plays a C-GET SCU that cancels part way: no command-line tool can.
#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/scu.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

using namespace lumen::dicom;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);
const QString ctThinDir = testData + "/ct/philips_ingenuity_head_phantom_1mm_jpegll";
const QString ctThickDir = testData + "/ct/philips_ingenuity_head_phantom_5mm";

struct ToolResult
{
    int exitCode = -1;
    QString output;
};

QString tool(const char* name)
{
    return QStandardPaths::findExecutable(QString::fromLatin1(name));
}

QProcessEnvironment peerEnvironment()
{
    // DCMTK 3.6.7 leaves Nagle's algorithm on unless told (see ARCHITECTURE.md).
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("TCP_NODELAY", "1");
    return env;
}

void startTool(QProcess& process, const char* name, const QStringList& arguments)
{
    process.setProcessEnvironment(peerEnvironment());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(tool(name), arguments);
}

ToolResult finish(QProcess& process, int timeoutMs = 60000)
{
    ToolResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.output = "timed out: " + QString::fromLocal8Bit(process.readAll());
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromLocal8Bit(process.readAll());
    return result;
}

ToolResult runTool(const char* name, const QStringList& arguments, int timeoutMs = 60000)
{
    QProcess process;
    startTool(process, name, arguments);
    return finish(process, timeoutMs);
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What follows the file meta information (group 0002, Explicit VR Little Endian).
QByteArray dataSetBytes(const QByteArray& file)
{
    qsizetype pos = 132;
    while (pos + 8 <= file.size()) {
        const auto byte = [&](qsizetype i) { return quint32(quint8(file[pos + i])); };
        if ((byte(0) | (byte(1) << 8)) != 0x0002)
            break;
        const QByteArray vr = file.mid(pos + 4, 2);
        if (vr == "OB" || vr == "UN" || vr == "UT" || vr == "OW" || vr == "SQ")
            pos += 12 + qsizetype(byte(8) | (byte(9) << 8) | (byte(10) << 16) | (byte(11) << 24));
        else
            pos += 8 + qsizetype(byte(6) | (byte(7) << 8));
    }
    return file.mid(pos);
}

std::string attributeValue(const InstanceAttributes& a, std::uint16_t group, std::uint16_t element)
{
    switch ((std::uint32_t(group) << 16) | element) {
    case 0x00080016:
        return a.sopClassUid;
    case 0x00080018:
        return a.sopInstanceUid;
    case 0x00080020:
        return a.studyDate;
    case 0x00080050:
        return a.accessionNumber;
    case 0x00080060:
        return a.modality;
    case 0x00100010:
        return a.patientName;
    case 0x00100020:
        return a.patientId;
    case 0x00100030:
        return a.patientBirthDate;
    case 0x00100040:
        return a.patientSex;
    case 0x0020000D:
        return a.studyInstanceUid;
    case 0x0020000E:
        return a.seriesInstanceUid;
    case 0x00200011:
        return a.seriesNumber;
    default:
        return {};
    }
}

// The archive side of the tests. Called on association threads, so everything is locked.
class TestArchive : public DimseHandler
{
public:
    explicit TestArchive(QString storeDir) : m_storeDir(std::move(storeDir)) {}

    bool acceptAssociation(const AssociationInfo& association) override
    {
        std::lock_guard lock(m_mutex);
        associations.push_back(association);
        return !refusedCallers.contains(association.callingAeTitle);
    }

    StoreOutcome store(const AssociationInfo&, const std::string& receivedFile) override
    {
        if (storeDelay.count() > 0)
            std::this_thread::sleep_for(storeDelay);
        InstanceAttributes attributes;
        try {
            attributes = readInstanceAttributes(receivedFile);
        } catch (const DicomError& error) {
            return {status::cannotUnderstand, error.code() + ": " + error.what()};
        }
        {
            std::unique_lock lock(m_mutex);
            if (attributes.sopClassUid == refusedSopClass)
                return {status::outOfResources, "the test archive refuses this SOP class"};
            ++storesWaiting;
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return !gateClosed; });
            --storesWaiting;
        }
        const std::string target = m_storeDir.toStdString() + "/" + attributes.sopInstanceUid + ".dcm";
        std::filesystem::rename(receivedFile, target);
        std::lock_guard lock(m_mutex);
        stored[attributes.sopInstanceUid] = attributes;
        return {};
    }

    FindOutcome find(const AssociationInfo&, const FindRequest& request,
                     const std::function<bool(const std::vector<DicomKey>&)>& sendMatch) override
    {
        std::map<std::string, InstanceAttributes> instances;
        int synthetic = 0;
        {
            std::lock_guard lock(m_mutex);
            lastFind = request;
            instances = stored;
            synthetic = syntheticMatches;
        }
        if (synthetic > 0)
            return emitSynthetic(request, sendMatch, synthetic);
        std::set<std::string> reported;
        for (const auto& [uid, a] : instances) {
            bool matches = true;
            for (const DicomKey& key : request.keys)
                if (!key.value.empty() && attributeValue(a, key.group, key.element) != key.value)
                    matches = false;
            const std::string levelKey = request.level == QueryLevel::Patient  ? a.patientId
                                         : request.level == QueryLevel::Study  ? a.studyInstanceUid
                                         : request.level == QueryLevel::Series ? a.seriesInstanceUid
                                                                               : a.sopInstanceUid;
            if (!matches || !reported.insert(levelKey).second)
                continue;
            std::vector<DicomKey> answer;
            for (const DicomKey& key : request.keys)
                answer.push_back({key.group, key.element, attributeValue(a, key.group, key.element)});
            if (!sendMatch(answer))
                break;
        }
        return {};
    }

    RetrieveOutcome retrieve(const AssociationInfo& association, const RetrieveRequest& request,
                             std::vector<RetrieveItem>& items) override
    {
        std::lock_guard lock(m_mutex);
        lastRetrieve = request;
        if (callersWithoutRetrieve.contains(association.callingAeTitle))
            return {status::refusedNotAuthorized, "the test archive refuses this AE"};
        for (const auto& [uid, a] : stored) {
            bool matches = true;
            for (const DicomKey& key : request.identifier.keys)
                if (!key.value.empty() && attributeValue(a, key.group, key.element) != key.value)
                    matches = false;
            if (matches)
                items.push_back({m_storeDir.toStdString() + "/" + uid + ".dcm", a.sopClassUid, uid,
                                 a.transferSyntaxUid, a.studyInstanceUid});
        }
        return {};
    }

    std::optional<MoveDestination> moveDestination(const AssociationInfo&,
                                                   const std::string& aeTitle) override
    {
        std::lock_guard lock(m_mutex);
        const auto it = destinations.find(aeTitle);
        if (it == destinations.end())
            return std::nullopt;
        return it->second;
    }

    void retrieveFinished(const AssociationInfo&, const RetrieveRequest&, const std::vector<RetrieveItem>&,
                          const RetrieveReport& report) override
    {
        std::lock_guard lock(m_mutex);
        reports.push_back(report);
    }

    std::vector<RetrieveReport> retrieveReports()
    {
        std::lock_guard lock(m_mutex);
        return reports;
    }

    void openGate()
    {
        std::lock_guard lock(m_mutex);
        gateClosed = false;
        m_changed.notify_all();
    }

    bool waitForStoresWaiting(int count, std::chrono::seconds timeout)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [&] { return storesWaiting >= count; });
    }

    std::size_t storedCount()
    {
        std::lock_guard lock(m_mutex);
        return stored.size();
    }

    std::mutex m_mutex;
    std::vector<AssociationInfo> associations;
    std::set<std::string> refusedCallers{"INTRUDER"};
    std::string refusedSopClass;
    std::map<std::string, InstanceAttributes> stored;
    FindRequest lastFind;
    bool gateClosed = false;
    int storesWaiting = 0;
    int syntheticMatches = 0;
    int syntheticEmitted = 0;
    bool emitRefused = false;
    std::chrono::milliseconds storeDelay{0};
    std::map<std::string, MoveDestination> destinations;
    std::set<std::string> callersWithoutRetrieve;
    RetrieveRequest lastRetrieve;
    std::vector<RetrieveReport> reports;

private:
    FindOutcome emitSynthetic(const FindRequest& request,
                              const std::function<bool(const std::vector<DicomKey>&)>& sendMatch, int count)
    {
        for (int i = 0; i < count; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            const std::vector<DicomKey> answer{{0x0010, 0x0020, "SYN-" + std::to_string(i)},
                                               {0x0010, 0x0010, "Synthetic^Patient"}};
            const bool more = sendMatch(answer);
            std::lock_guard lock(m_mutex);
            if (!more) {
                emitRefused = true;
                break;
            }
            ++syntheticEmitted;
        }
        (void)request;
        return {};
    }

    QString m_storeDir;
    std::condition_variable m_changed;
};

// One server per test on a free port, with its own folders.
struct Fixture
{
    explicit Fixture(int maxAssociations = 4, const char* aeTitle = "LUMEN")
        : archive(root.filePath("store")), server(
                                               [&] {
                                                   DimseServerOptions o;
                                                   o.aeTitle = aeTitle;
                                                   o.port = 0;
                                                   o.maxAssociations = maxAssociations;
                                                   o.incomingDir = root.filePath("incoming").toStdString();
                                                   return o;
                                               }(),
                                               archive)
    {
        QDir().mkpath(root.filePath("store"));
        port = QString::number(server.start());
    }

    QStringList storedFiles() const { return QDir(root.filePath("store")).entryList(QDir::Files); }
    QStringList incomingLeftovers() const { return QDir(root.filePath("incoming")).entryList(QDir::Files); }

    QTemporaryDir root;
    TestArchive archive;
    DimseServer server;
    QString port;
};

#define REQUIRE_PEERS()                                                                                      \
    do {                                                                                                     \
        if (tool("echoscu").isEmpty() || tool("storescu").isEmpty() || tool("findscu").isEmpty())            \
            QSKIP("DCMTK's echoscu, storescu and findscu are not installed (Debian package dcmtk)");         \
    } while (false)

#define REQUIRE_TESTDATA()                                                                                   \
    do {                                                                                                     \
        if (!QFileInfo(testData).isDir())                                                                    \
            QSKIP("../shared/testdata is absent: these cases send its real DICOM files");                    \
    } while (false)

#define REQUIRE_RETRIEVE_PEERS()                                                                             \
    do {                                                                                                     \
        if (tool("storescu").isEmpty() || tool("movescu").isEmpty() || tool("getscu").isEmpty() ||           \
            tool("storescp").isEmpty())                                                                      \
            QSKIP(                                                                                           \
                "DCMTK's storescu, movescu, getscu and storescp are not installed (Debian package dcmtk)");  \
    } while (false)

const QString ctStudyUid = QStringLiteral("1.3.46.670589.33.1.27492712521914879309.27169771283235650014");

QStringList dicomFilesIn(const QString& dir, int atMost = -1)
{
    QStringList files;
    for (const QString& name : QDir(dir).entryList({"*.dcm"}, QDir::Files, QDir::Name))
        files << QDir(dir).filePath(name);
    return atMost < 0 ? files : files.mid(0, atMost);
}

QString uidOf(const QString& file)
{
    return QString::fromStdString(readInstanceAttributes(file.toStdString()).sopInstanceUid);
}

QString seriesOf(const QString& file)
{
    return QString::fromStdString(readInstanceAttributes(file.toStdString()).seriesInstanceUid);
}

unsigned short freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool waitUntilAnswering(const QString& port)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (runTool("echoscu", {"-aec", "LUMEN", "127.0.0.1", port}, 5000).exitCode == 0)
            return true;
        QThread::msleep(100);
    }
    return false;
}

QString describe(const ToolResult& r)
{
    return QStringLiteral("exit %1, output:\n%2").arg(r.exitCode).arg(r.output);
}

// The received copy of each original (named by SOP Instance UID, or found among `received`
// by its data set) has the original's data set bytes: nothing re-encoded on the way.
QString differingDataSets(const QStringList& originals, const QString& receivedDir)
{
    QSet<QByteArray> received;
    for (const QString& name : QDir(receivedDir).entryList(QDir::Files))
        received.insert(dataSetBytes(readAll(QDir(receivedDir).filePath(name))));
    QStringList differing;
    for (const QString& original : originals)
        if (!received.contains(dataSetBytes(readAll(original))))
            differing << QFileInfo(original).fileName();
    return differing.join(", ");
}

// A C-GET SCU that sends C-CANCEL while it receives the `cancelAt`-th object.
class CancellingGetScu : public DcmSCU
{
public:
    T_ASC_PresentationContextID getContext = 0;
    int cancelAt = 2;
    int received = 0;

protected:
    OFCondition handleSTORERequest(const T_ASC_PresentationContextID, DcmDataset* incomingObject, OFBool&,
                                   Uint16& cStoreReturnStatus) override
    {
        delete incomingObject;
        cStoreReturnStatus = STATUS_Success;
        if (++received == cancelAt)
            sendCANCELRequest(getContext);
        return EC_Normal;
    }
};

// storescp on a free port, keeping what arrives bit for bit (+B) in `dir`.
struct StoreScp
{
    StoreScp(const QString& dir, const QStringList& options = {})
    {
        port = freePort();
        startTool(process, "storescp",
                  options + QStringList{"+B", "-od", dir, "-aet", "PLAIN", QString::number(port)});
    }
    ~StoreScp()
    {
        process.kill();
        process.waitForFinished();
    }
    QProcess process;
    unsigned short port = 0;
};

// The end of a debug-level log, where the responses are.
QString tail(const ToolResult& r)
{
    return QStringLiteral("exit %1, output ends:\n%2").arg(r.exitCode).arg(r.output.right(1500));
}

} // namespace

class DimseServerTest : public QObject
{
    Q_OBJECT

private slots:
    void init() { registerCodecs(); }

    void echoscu_is_answered_with_success()
    {
        REQUIRE_PEERS();
        Fixture f;
        const ToolResult r = runTool("echoscu", {"-aec", "LUMEN", "-aet", "MODALITY1", "127.0.0.1", f.port});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        std::lock_guard lock(f.archive.m_mutex);
        QCOMPARE(f.archive.associations.size(), std::size_t(1));
        QCOMPARE(f.archive.associations[0].callingAeTitle, std::string("MODALITY1"));
        QCOMPARE(f.archive.associations[0].calledAeTitle, std::string("LUMEN"));
        QCOMPARE(f.archive.associations[0].peerAddress, std::string("127.0.0.1"));
    }

    void unknown_calling_ae_title_is_refused()
    {
        REQUIRE_PEERS();
        Fixture f;
        const ToolResult r = runTool("echoscu", {"-aec", "LUMEN", "-aet", "INTRUDER", "127.0.0.1", f.port});
        QVERIFY2(r.exitCode != 0, qPrintable(describe(r)));
        QVERIFY2(r.output.contains("Calling AE Title Not Recognized", Qt::CaseInsensitive),
                 qPrintable(describe(r)));
        // The server keeps serving others.
        const ToolResult ok = runTool("echoscu", {"-aec", "LUMEN", "-aet", "MODALITY1", "127.0.0.1", f.port});
        QVERIFY2(ok.exitCode == 0, qPrintable(describe(ok)));
    }

    void wrong_called_ae_title_is_refused()
    {
        REQUIRE_PEERS();
        Fixture f;
        const ToolResult r =
            runTool("echoscu", {"-aec", "NOT_LUMEN", "-aet", "MODALITY1", "127.0.0.1", f.port});
        QVERIFY2(r.exitCode != 0, qPrintable(describe(r)));
        QVERIFY2(r.output.contains("Called AE Title Not Recognized", Qt::CaseInsensitive),
                 qPrintable(describe(r)));
    }

    // req: ARCHITECTURE "Data": DICOM files stored byte-for-byte as received
    void storescu_jpeg_lossless_series_is_stored_byte_identical()
    {
        REQUIRE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f;
        // -xs proposes JPEG Lossless SV1, the files' own syntax, so storescu sends them as they are.
        const ToolResult r = runTool(
            "storescu", {"-xs", "+sd", "-aec", "LUMEN", "-aet", "DEMO_CT", "127.0.0.1", f.port, ctThinDir});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QStringList originals = QDir(ctThinDir).entryList({"*.dcm"}, QDir::Files);
        QCOMPARE(originals.size(), 140);
        QCOMPARE(f.storedFiles().size(), originals.size());
        QVERIFY2(f.incomingLeftovers().isEmpty(), qPrintable(f.incomingLeftovers().join(", ")));
        for (const QString& name : originals) {
            const QString original = QDir(ctThinDir).filePath(name);
            const auto sent = readInstanceAttributes(original.toStdString());
            const QString storedPath =
                f.root.filePath("store/" + QString::fromStdString(sent.sopInstanceUid) + ".dcm");
            const auto kept = readInstanceAttributes(storedPath.toStdString());
            QCOMPARE(kept.transferSyntaxUid, std::string("1.2.840.10008.1.2.4.70"));
            // The meta header is the receiver's own (it names the sending AE); the data set is
            // the sender's bytes.
            QVERIFY2(dataSetBytes(readAll(storedPath)) == dataSetBytes(readAll(original)), qPrintable(name));
        }
    }

    // storescu re-encodes what it sends (sequence lengths, padding), so "as received" is
    // checked against DCMTK's own storescp in bit-preserving mode, fed by the same command.
    void every_transfer_syntax_is_stored_exactly_as_the_reference_storescp_receives_it()
    {
        REQUIRE_PEERS();
        REQUIRE_TESTDATA();
        if (tool("storescp").isEmpty())
            QSKIP("DCMTK's storescp is not installed (Debian package dcmtk)");
        Fixture f;
        QTemporaryDir referenceDir;
        const QString referencePort = QString::number(freePort());
        QProcess reference;
        startTool(reference, "storescp",
                  {"+xa", "+B", "-od", referenceDir.path(), "-aet", "LUMEN", referencePort});
        QVERIFY(waitUntilAnswering(referencePort));

        const struct
        {
            const char* proposal;
            const char* file;
            bool keepsSyntax; // a compressed syntax the file has: accepted as it is
        } cases[] = {{"-xr", "us/US_RLE_YBR_FULL_planar.dcm", true},
                     {"-xt", "compressed/emri_small_jpeg_ls_lossless_10fr.dcm", true},
                     {"-xu", "compressed/ts_1.2.840.10008.1.2.4.81.dcm", true},
                     {"-xy", "us/Issue16_US_multiframe_jpeg_34fr.dcm", true},
                     {"-xx", "compressed/JPGExtended_12bit.dcm", true},
                     {"-xv", "compressed/US1_J2KR.dcm", true},
                     {"-xw", "compressed/US1_J2KI.dcm", true},
                     {"-xs", "compressed/ts_1.2.840.10008.1.2.4.70.dcm", true},
                     {"-xd", "compressed/image_dfl_deflate.dcm", true},
                     {"-xi", "mr/ge_signa_16slice/MR01.dcm", true},
                     {"-xb", "compressed/MR_small_bigendian.dcm", false},
                     {"-xe", "sr/reportsi_basic_text.dcm", true}};
        for (const auto& c : cases) {
            const QString original = testData + "/" + c.file;
            const auto sent = readInstanceAttributes(original.toStdString());
            for (const QString& port : {f.port, referencePort}) {
                const ToolResult r = runTool(
                    "storescu", {c.proposal, "-aec", "LUMEN", "-aet", "DEMO", "127.0.0.1", port, original});
                QVERIFY2(r.exitCode == 0, qPrintable(QString(c.file) + ": " + describe(r)));
            }
            const QString ours =
                f.root.filePath("store/" + QString::fromStdString(sent.sopInstanceUid) + ".dcm");
            const QStringList theirs =
                QDir(referenceDir.path())
                    .entryList({"*" + QString::fromStdString(sent.sopInstanceUid)}, QDir::Files);
            QVERIFY2(theirs.size() == 1, c.file);
            const QString theirPath = QDir(referenceDir.path()).filePath(theirs.first());
            const auto kept = readInstanceAttributes(ours.toStdString());
            QCOMPARE(kept.transferSyntaxUid,
                     readInstanceAttributes(theirPath.toStdString()).transferSyntaxUid);
            if (c.keepsSyntax)
                QCOMPARE(kept.transferSyntaxUid, sent.transferSyntaxUid);
            QVERIFY2(dataSetBytes(readAll(ours)) == dataSetBytes(readAll(theirPath)), c.file);
        }
        reference.kill();
        reference.waitForFinished();
    }

    void concurrent_associations_store_every_instance()
    {
        REQUIRE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f(4);
        const QString series[] = {ctThinDir, ctThickDir, testData + "/mr/ge_signa_16slice"};
        QProcess senders[3];
        for (int i = 0; i < 3; ++i)
            startTool(senders[i], "storescu",
                      {"-xs", "+sd", "-aec", "LUMEN", "-aet", QString("SENDER%1").arg(i), "127.0.0.1", f.port,
                       series[i]});
        for (QProcess& sender : senders) {
            const ToolResult r = finish(sender, 120000);
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        }
        QCOMPARE(f.archive.storedCount(), std::size_t(140 + 28 + 16));
        QVERIFY(f.incomingLeftovers().isEmpty());
    }

    void refused_store_reports_the_status_and_leaves_no_file()
    {
        REQUIRE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f;
        f.archive.refusedSopClass = "1.2.840.10008.5.1.4.1.1.88.11"; // Basic Text SR
        const ToolResult r = runTool("storescu", {"-d", "-aec", "LUMEN", "-aet", "DEMO_SR", "127.0.0.1",
                                                  f.port, testData + "/sr/reportsi_basic_text.dcm"});
        QVERIFY2(r.exitCode != 0, qPrintable(describe(r)));
        QVERIFY2(r.output.contains("DIMSE Status                  : 0xa700"), qPrintable(tail(r)));
        // The handler's reason travels as Error Comment (0000,0902).
        QVERIFY2(r.output.contains("[the test archive refuses this SOP class]"), qPrintable(tail(r)));
        QVERIFY(f.storedFiles().isEmpty());
        QVERIFY2(f.incomingLeftovers().isEmpty(), qPrintable(f.incomingLeftovers().join(", ")));
        // A class the archive takes still goes through on the same server.
        const ToolResult ok = runTool("storescu", {"-aec", "LUMEN", "-aet", "DEMO_US", "127.0.0.1", f.port,
                                                   testData + "/us/US1_UNCR_rgb_single.dcm"});
        QVERIFY2(ok.exitCode == 0, qPrintable(describe(ok)));
        QCOMPARE(f.storedFiles().size(), 1);
    }

    void findscu_study_query_returns_the_stored_study_with_asked_attributes()
    {
        REQUIRE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f;
        const ToolResult stored =
            runTool("storescu", {"+sd", "-aec", "LUMEN", "-aet", "DEMO_CT", "127.0.0.1", f.port, ctThickDir});
        QVERIFY2(stored.exitCode == 0, qPrintable(describe(stored)));
        QCOMPARE(f.archive.storedCount(), std::size_t(28));

        const ToolResult r =
            runTool("findscu", {"-S", "+sr", "-aec", "LUMEN", "-aet", "VIEWER", "-k",
                                "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "-k", "PatientName",
                                "-k", "PatientID=PLASTIC", "127.0.0.1", f.port});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(
            r.output.count("(0020,000d) UI [1.3.46.670589.33.1.27492712521914879309.27169771283235650014]"),
            1);
        QVERIFY2(r.output.contains("(0010,0010) PN [HEAD]"), qPrintable(describe(r)));
        QVERIFY2(r.output.contains("(0008,0052) CS [STUDY ]"), qPrintable(describe(r)));
        std::lock_guard lock(f.archive.m_mutex);
        QCOMPARE(f.archive.lastFind.model, QueryModel::StudyRoot);
        QCOMPARE(f.archive.lastFind.level, QueryLevel::Study);
        const DicomKey patientKey{0x0010, 0x0020, "PLASTIC"};
        QVERIFY(std::find(f.archive.lastFind.keys.begin(), f.archive.lastFind.keys.end(), patientKey) !=
                f.archive.lastFind.keys.end());
    }

    void findscu_without_a_match_gets_only_the_final_status()
    {
        REQUIRE_PEERS();
        Fixture f;
        const ToolResult r =
            runTool("findscu", {"-P", "+sr", "-aec", "LUMEN", "-k", "QueryRetrieveLevel=PATIENT", "-k",
                                "PatientID=NOBODY", "-k", "PatientName", "127.0.0.1", f.port});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(!r.output.contains("(0010,0020)"), qPrintable(describe(r)));
        std::lock_guard lock(f.archive.m_mutex);
        QCOMPARE(f.archive.lastFind.model, QueryModel::PatientRoot);
        QCOMPARE(f.archive.lastFind.level, QueryLevel::Patient);
    }

    void find_without_query_level_is_refused_with_a_reason()
    {
        REQUIRE_PEERS();
        Fixture f;
        const ToolResult r =
            runTool("findscu", {"-S", "-d", "-aec", "LUMEN", "-k", "PatientID=X", "127.0.0.1", f.port});
        QVERIFY2(r.output.contains("DIMSE Status                  : 0xa900"), qPrintable(tail(r)));
        QVERIFY2(r.output.contains("[the identifier has no QueryRetrieveLevel (0008,0052)]"),
                 qPrintable(tail(r)));
    }

    void find_stops_emitting_when_the_scu_cancels()
    {
        REQUIRE_PEERS();
        Fixture f;
        f.archive.syntheticMatches = 40; // 50 ms apart
        const ToolResult r =
            runTool("findscu", {"-P", "+sr", "--cancel", "2", "-aec", "LUMEN", "-k",
                                "QueryRetrieveLevel=PATIENT", "-k", "PatientID", "127.0.0.1", f.port});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        std::lock_guard lock(f.archive.m_mutex);
        QVERIFY2(f.archive.emitRefused, qPrintable(describe(r)));
        QVERIFY2(f.archive.syntheticEmitted < 10, qPrintable(QString::number(f.archive.syntheticEmitted)));
    }

    // req: ARCHITECTURE "Processes": DIMSE C-MOVE; objects leave as they were stored
    void movescu_study_reaches_the_destination_with_data_sets_byte_identical()
    {
        REQUIRE_RETRIEVE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f;
        Fixture destination(4, "ARCHIVE2");
        f.archive.destinations["ARCHIVE2"] = {"127.0.0.1", destination.port.toUShort()};
        const QStringList originals = dicomFilesIn(ctThickDir) + dicomFilesIn(ctThinDir, 10);
        const ToolResult stored =
            runTool("storescu",
                    QStringList{"-xs", "-aec", "LUMEN", "-aet", "DEMO_CT", "127.0.0.1", f.port} + originals);
        QVERIFY2(stored.exitCode == 0, qPrintable(describe(stored)));

        const ToolResult r = runTool("movescu", {"-S", "-v", "-aet", "VIEWER", "-aec", "LUMEN", "-aem",
                                                 "ARCHIVE2", "-k", "QueryRetrieveLevel=STUDY", "-k",
                                                 "StudyInstanceUID=" + ctStudyUid, "127.0.0.1", f.port});
        QVERIFY2(r.exitCode == 0, qPrintable(tail(r)));
        QVERIFY2(r.output.contains("Received Final Move Response (Success)"), qPrintable(tail(r)));
        QCOMPARE(destination.storedFiles().size(), originals.size());
        const QString differing = differingDataSets(originals, destination.root.filePath("store"));
        QVERIFY2(differing.isEmpty(), qPrintable("data sets differ: " + differing));
        // The JPEG Lossless slices kept their syntax: the destination took them as stored.
        const auto kept = readInstanceAttributes(
            destination.root.filePath("store/" + uidOf(originals.last()) + ".dcm").toStdString());
        QCOMPARE(kept.transferSyntaxUid, std::string("1.2.840.10008.1.2.4.70"));

        const auto reports = f.archive.retrieveReports();
        QCOMPARE(reports.size(), std::size_t(1));
        QCOMPARE(reports[0].status, status::success);
        QCOMPARE(reports[0].completed, int(originals.size()));
        QCOMPARE(reports[0].failed, 0);
        std::lock_guard lock(f.archive.m_mutex);
        QCOMPARE(f.archive.lastRetrieve.operation, RetrieveOperation::Move);
        QCOMPARE(f.archive.lastRetrieve.moveDestination, std::string("ARCHIVE2"));
        QCOMPARE(f.archive.lastRetrieve.identifier.level, QueryLevel::Study);
        QCOMPARE(f.archive.lastRetrieve.identifier.model, QueryModel::StudyRoot);
        std::lock_guard destinationLock(destination.archive.m_mutex);
        QCOMPARE(destination.archive.associations.back().callingAeTitle, std::string("LUMEN"));
    }

    void move_decodes_for_a_destination_that_takes_only_uncompressed()
    {
        REQUIRE_RETRIEVE_PEERS();
        REQUIRE_TESTDATA();
        if (tool("dcmdjpeg").isEmpty())
            QSKIP("DCMTK's dcmdjpeg is not installed (Debian package dcmtk)");
        Fixture f;
        QTemporaryDir received;
        StoreScp plain(received.path()); // without +xa: uncompressed syntaxes only
        QVERIFY(waitUntilAnswering(QString::number(plain.port)));
        f.archive.destinations["PLAIN"] = {"127.0.0.1", plain.port};
        const QStringList originals = dicomFilesIn(ctThinDir, 5);
        QCOMPARE(
            runTool("storescu",
                    QStringList{"-xs", "-aec", "LUMEN", "-aet", "DEMO_CT", "127.0.0.1", f.port} + originals)
                .exitCode,
            0);
        const ToolResult r =
            runTool("movescu", {"-P", "-aet", "VIEWER", "-aec", "LUMEN", "-aem", "PLAIN", "-k",
                                "QueryRetrieveLevel=SERIES", "-k", "PatientID=PLASTIC", "-k",
                                "StudyInstanceUID=" + ctStudyUid, "-k",
                                "SeriesInstanceUID=" + seriesOf(originals.first()), "127.0.0.1", f.port});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(QDir(received.path()).entryList(QDir::Files).size(), originals.size());
        // What arrives is what DCMTK's own decoder makes of the stored files.
        QTemporaryDir decoded;
        QStringList references;
        for (const QString& original : originals) {
            const QString out = decoded.filePath(QFileInfo(original).fileName());
            QCOMPARE(runTool("dcmdjpeg", {original, out}).exitCode, 0);
            references << out;
        }
        const QString differing = differingDataSets(references, received.path());
        QVERIFY2(differing.isEmpty(), qPrintable("not the decoded data sets: " + differing));
        std::lock_guard lock(f.archive.m_mutex);
        QCOMPARE(f.archive.lastRetrieve.identifier.model, QueryModel::PatientRoot);
        QCOMPARE(f.archive.lastRetrieve.identifier.level, QueryLevel::Series);
    }

    // req: ARCHITECTURE "Processes": DIMSE C-GET
    void getscu_receives_a_series_on_its_own_association_byte_identical()
    {
        REQUIRE_RETRIEVE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f;
        const QStringList originals = dicomFilesIn(ctThickDir);
        QCOMPARE(
            runTool("storescu", {"+sd", "-aec", "LUMEN", "-aet", "DEMO_CT", "127.0.0.1", f.port, ctThickDir})
                .exitCode,
            0);
        QTemporaryDir received;
        const ToolResult r =
            runTool("getscu", {"-S", "+B", "-od", received.path(), "-aet", "VIEWER", "-aec", "LUMEN", "-k",
                               "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + ctStudyUid, "-k",
                               "SeriesInstanceUID=" + seriesOf(originals.first()), "127.0.0.1", f.port});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(QDir(received.path()).entryList(QDir::Files).size(), originals.size());
        const QString differing = differingDataSets(originals, received.path());
        QVERIFY2(differing.isEmpty(), qPrintable("data sets differ: " + differing));
        const auto reports = f.archive.retrieveReports();
        QCOMPARE(reports.size(), std::size_t(1));
        QCOMPARE(reports[0].completed, int(originals.size()));
        std::lock_guard lock(f.archive.m_mutex);
        QCOMPARE(f.archive.lastRetrieve.operation, RetrieveOperation::Get);
    }

    void getscu_proposing_only_uncompressed_receives_decoded_jpeg_objects()
    {
        REQUIRE_RETRIEVE_PEERS();
        REQUIRE_TESTDATA();
        if (tool("dcmdjpeg").isEmpty())
            QSKIP("DCMTK's dcmdjpeg is not installed (Debian package dcmtk)");
        Fixture f;
        const QStringList originals = dicomFilesIn(ctThinDir, 4);
        QCOMPARE(
            runTool("storescu",
                    QStringList{"-xs", "-aec", "LUMEN", "-aet", "DEMO_CT", "127.0.0.1", f.port} + originals)
                .exitCode,
            0);
        QTemporaryDir received;
        const ToolResult r =
            runTool("getscu", {"-S", "+B", "-od", received.path(), "-aec", "LUMEN", "-k",
                               "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + ctStudyUid, "-k",
                               "SeriesInstanceUID=" + seriesOf(originals.first()), "-k",
                               "SOPInstanceUID=" + uidOf(originals[1]), "127.0.0.1", f.port});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QStringList got = QDir(received.path()).entryList(QDir::Files);
        QCOMPARE(got.size(), 1);
        QTemporaryDir decoded;
        const QString reference = decoded.filePath("reference.dcm");
        QCOMPARE(runTool("dcmdjpeg", {originals[1], reference}).exitCode, 0);
        QVERIFY(dataSetBytes(readAll(QDir(received.path()).filePath(got.first()))) ==
                dataSetBytes(readAll(reference)));
    }

    void move_to_an_unknown_destination_is_refused_with_a801()
    {
        REQUIRE_RETRIEVE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f;
        QCOMPARE(runTool("storescu", {"-aec", "LUMEN", "-aet", "DEMO_CT", "127.0.0.1", f.port,
                                      dicomFilesIn(ctThickDir).first()})
                     .exitCode,
                 0);
        const ToolResult r = runTool("movescu", {"-S", "-d", "-aec", "LUMEN", "-aem", "NOWHERE", "-k",
                                                 "QueryRetrieveLevel=STUDY", "-k",
                                                 "StudyInstanceUID=" + ctStudyUid, "127.0.0.1", f.port});
        QVERIFY2(r.output.contains("DIMSE Status                  : 0xa801"), qPrintable(tail(r)));
        QVERIFY2(r.output.contains("[move destination NOWHERE is unknown]"), qPrintable(tail(r)));
        const auto reports = f.archive.retrieveReports();
        QCOMPARE(reports.size(), std::size_t(1));
        QCOMPARE(reports[0].completed, 0);
    }

    void move_to_an_unreachable_destination_fails_every_sub_operation()
    {
        REQUIRE_RETRIEVE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f;
        f.archive.destinations["GONE"] = {"127.0.0.1", freePort()}; // nothing listens there
        const QStringList originals = dicomFilesIn(ctThickDir, 3);
        QCOMPARE(runTool("storescu",
                         QStringList{"-aec", "LUMEN", "-aet", "DEMO_CT", "127.0.0.1", f.port} + originals)
                     .exitCode,
                 0);
        const ToolResult r =
            runTool("movescu", {"-S", "-d", "-aec", "LUMEN", "-aem", "GONE", "-k", "QueryRetrieveLevel=STUDY",
                                "-k", "StudyInstanceUID=" + ctStudyUid, "127.0.0.1", f.port});
        QVERIFY2(r.output.contains("DIMSE Status                  : 0xa702"), qPrintable(tail(r)));
        QVERIFY2(r.output.contains(QRegularExpression("Failed Suboperations *: 3\n")), qPrintable(tail(r)));
        QVERIFY2(r.output.contains("[cannot associate with GONE at 127.0.0.1:"), qPrintable(tail(r)));
        // The Failed SOP Instance UID List names them.
        for (const QString& original : originals)
            QVERIFY2(r.output.contains(uidOf(original)), qPrintable(tail(r)));
        const auto reports = f.archive.retrieveReports();
        QCOMPARE(reports.size(), std::size_t(1));
        QCOMPARE(reports[0].failed, 3);
        QCOMPARE(reports[0].status, status::subOperationsFailed);
        // The server serves on.
        QCOMPARE(runTool("echoscu", {"-aec", "LUMEN", "127.0.0.1", f.port}).exitCode, 0);
    }

    void move_stops_sending_when_the_scu_cancels()
    {
        REQUIRE_RETRIEVE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f;
        Fixture destination(4, "SLOW");
        destination.archive.storeDelay = std::chrono::milliseconds(100);
        f.archive.destinations["SLOW"] = {"127.0.0.1", destination.port.toUShort()};
        const QStringList originals = dicomFilesIn(ctThickDir);
        QCOMPARE(
            runTool("storescu", {"+sd", "-aec", "LUMEN", "-aet", "DEMO_CT", "127.0.0.1", f.port, ctThickDir})
                .exitCode,
            0);
        const ToolResult r = runTool("movescu", {"-S", "-v", "--cancel", "2", "-aec", "LUMEN", "-aem", "SLOW",
                                                 "-k", "QueryRetrieveLevel=STUDY", "-k",
                                                 "StudyInstanceUID=" + ctStudyUid, "127.0.0.1", f.port});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const auto reports = f.archive.retrieveReports();
        QCOMPARE(reports.size(), std::size_t(1));
        QVERIFY(reports[0].cancelled);
        QCOMPARE(reports[0].status, status::cancelled);
        QVERIFY2(reports[0].completed < 6, qPrintable(QString::number(reports[0].completed)));
        QVERIFY(destination.archive.storedCount() < std::size_t(originals.size()));
    }

    void get_stops_sending_when_the_scu_cancels()
    {
        REQUIRE_RETRIEVE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f;
        QCOMPARE(
            runTool("storescu", {"+sd", "-aec", "LUMEN", "-aet", "DEMO_CT", "127.0.0.1", f.port, ctThickDir})
                .exitCode,
            0);
        CancellingGetScu scu;
        scu.setAETitle("VIEWER");
        scu.setPeerHostName("127.0.0.1");
        scu.setPeerPort(f.port.toUShort());
        scu.setPeerAETitle("LUMEN");
        OFList<OFString> syntaxes;
        syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
        syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
        QVERIFY(scu.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, syntaxes).good());
        QVERIFY(scu.addPresentationContext(UID_CTImageStorage, syntaxes, ASC_SC_ROLE_SCP).good());
        QVERIFY(scu.initNetwork().good());
        QVERIFY(scu.negotiateAssociation().good());
        scu.getContext = scu.findPresentationContextID(UID_GETStudyRootQueryRetrieveInformationModel, "");
        QVERIFY(scu.getContext != 0);
        DcmDataset identifier;
        identifier.putAndInsertString(DCM_QueryRetrieveLevel, "STUDY");
        identifier.putAndInsertString(DCM_StudyInstanceUID, ctStudyUid.toLatin1().constData());
        OFList<RetrieveResponse*> responses;
        const OFCondition cond = scu.sendCGETRequest(scu.getContext, &identifier, &responses);
        Uint16 finalStatus = 0;
        Uint16 remaining = 0;
        if (!responses.empty()) {
            finalStatus = responses.back()->m_status;
            remaining = responses.back()->m_numberOfRemainingSubops;
        }
        for (RetrieveResponse* response : responses)
            delete response;
        scu.releaseAssociation();
        QVERIFY2(cond.good(), cond.text());
        QCOMPARE(finalStatus, status::cancelled);
        // The cancel arrived while the second object was being stored: nothing after it was sent.
        QCOMPARE(scu.received, 2);
        QCOMPARE(int(remaining), 28 - 2);
        const auto reports = f.archive.retrieveReports();
        QCOMPARE(reports.size(), std::size_t(1));
        QVERIFY(reports[0].cancelled);
        QCOMPARE(reports[0].completed, 2);
    }

    void retrieve_refused_by_the_archive_answers_its_status_to_move_and_get()
    {
        REQUIRE_RETRIEVE_PEERS();
        Fixture f;
        f.archive.callersWithoutRetrieve.insert("NO_RETRIEVE");
        const QStringList keys{"-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + ctStudyUid};
        const ToolResult moved = runTool("movescu", QStringList{"-S", "-d", "-aet", "NO_RETRIEVE", "-aec",
                                                                "LUMEN", "-aem", "NO_RETRIEVE"} +
                                                        keys + QStringList{"127.0.0.1", f.port});
        QVERIFY2(moved.output.contains("DIMSE Status                  : 0x0124"), qPrintable(tail(moved)));
        QVERIFY2(moved.output.contains("[the test archive refuses this AE]"), qPrintable(tail(moved)));
        QTemporaryDir received;
        const ToolResult got = runTool("getscu", QStringList{"-S", "-d", "-od", received.path(), "-aet",
                                                             "NO_RETRIEVE", "-aec", "LUMEN"} +
                                                     keys + QStringList{"127.0.0.1", f.port});
        QVERIFY2(got.output.contains("DIMSE Status                  : 0x0124"), qPrintable(tail(got)));
        QVERIFY(f.archive.retrieveReports().empty());
    }

    void associations_beyond_the_maximum_are_refused_then_served_again()
    {
        REQUIRE_PEERS();
        REQUIRE_TESTDATA();
        Fixture f(1);
        f.archive.gateClosed = true;
        QProcess held;
        startTool(held, "storescu",
                  {"-aec", "LUMEN", "-aet", "DEMO_US", "127.0.0.1", f.port,
                   testData + "/us/US1_UNCR_rgb_single.dcm"});
        QVERIFY(f.archive.waitForStoresWaiting(1, std::chrono::seconds(30)));

        const ToolResult refused = runTool("echoscu", {"-aec", "LUMEN", "127.0.0.1", f.port});
        QVERIFY2(refused.exitCode != 0, qPrintable(describe(refused)));
        QVERIFY2(refused.output.contains("Local Limit Exceeded", Qt::CaseInsensitive),
                 qPrintable(describe(refused)));

        f.archive.openGate();
        const ToolResult heldResult = finish(held);
        QVERIFY2(heldResult.exitCode == 0, qPrintable(describe(heldResult)));
        // The finished association's slot is free again.
        const ToolResult again = runTool("echoscu", {"-aec", "LUMEN", "127.0.0.1", f.port});
        QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
    }

    void stop_is_prompt_and_frees_the_port_for_a_restart()
    {
        REQUIRE_PEERS();
        QTemporaryDir root;
        TestArchive archive(root.filePath("store"));
        DimseServerOptions options;
        options.port = 0;
        options.incomingDir = root.filePath("incoming").toStdString();
        unsigned short port = 0;
        {
            DimseServer first(options, archive);
            port = first.start();
            QCOMPARE(runTool("echoscu", {"-aec", "LUMEN", "127.0.0.1", QString::number(port)}).exitCode, 0);
            QElapsedTimer timer;
            timer.start();
            first.stop();
            QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        }
        options.port = port;
        DimseServer second(options, archive);
        QCOMPARE(second.start(), port);
        QCOMPARE(runTool("echoscu", {"-aec", "LUMEN", "127.0.0.1", QString::number(port)}).exitCode, 0);
    }

    // DCMTK 3.6.7 disables Nagle's algorithm on accepted sockets only when TCP_NODELAY=1 is in
    // the environment; without it each C-STORE waits ~40 ms for a delayed ACK (measured here:
    // the 140-slice series takes 7 s instead of 1 s).
    void start_turns_on_tcp_nodelay_for_dcmtk_sockets()
    {
        if (qEnvironmentVariableIsSet("TCP_NODELAY"))
            QSKIP("TCP_NODELAY is already set in this environment; the server keeps an explicit setting");
        QTemporaryDir root;
        TestArchive archive(root.filePath("store"));
        DimseServerOptions options;
        options.port = 0;
        options.incomingDir = root.filePath("incoming").toStdString();
        DimseServer server(options, archive);
        server.start();
        QCOMPARE(qgetenv("TCP_NODELAY"), QByteArray("1"));
    }

    void busy_port_is_reported_by_start()
    {
        QTemporaryDir root;
        TestArchive archive(root.filePath("store"));
        DimseServerOptions options;
        options.port = 0;
        options.incomingDir = root.filePath("incoming").toStdString();
        DimseServer first(options, archive);
        options.port = first.start();
        DimseServer second(options, archive);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, second.start());
    }
};

QTEST_GUILESS_MAIN(DimseServerTest)
#include "test_dimse_server.moc"
