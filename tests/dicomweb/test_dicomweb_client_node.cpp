// npm dicomweb-client (Node) as a real third-party peer: it stores files with STOW-RS, searches
// with QIDO-RS and retrieves every instance with WADO-RS from the real lumen-server
// (node/dicomweb_client_peer.cjs). `npm ci` runs in the build folder, never in the source tree.
#include "dicomweb_support.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace lumen::test;
using namespace lumen::test::dicomweb;

namespace {

const QString nodeDir = QStringLiteral(LUMEN_DICOMWEB_NODE_DIR);

struct Output
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Output run(const QString& program, const QStringList& args, int timeoutMs)
{
    QProcess p;
    p.setWorkingDirectory(nodeDir);
    p.start(program, args);
    Output o;
    if (!p.waitForStarted(30000)) {
        o.err = p.errorString().toUtf8();
        return o;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        o.err = "[timed out]\n";
    } else if (p.exitStatus() == QProcess::NormalExit) {
        o.exitCode = p.exitCode();
    }
    o.out += p.readAllStandardOutput();
    o.err += p.readAllStandardError();
    return o;
}

} // namespace

class DicomWebClientNodeTest : public QObject
{
    Q_OBJECT

private slots:
    void dicomweb_client_stores_searches_and_retrieves();
};

void DicomWebClientNodeTest::dicomweb_client_stores_searches_and_retrieves()
{
    if (!haveTestData())
        QSKIP("../shared/testdata is absent: the dicomweb-client test sends its real DICOM files");
    if (!haveTool(QStringLiteral("node")) || !haveTool(QStringLiteral("npm")))
        QSKIP("node/npm are not installed (installers/install-deps.sh installs nodejs and npm): "
              "the npm dicomweb-client peer test cannot run");

    // Exactly the locked versions; --prefer-offline uses the npm cache when it has them.
    const auto install = run(QStringLiteral("npm"),
                             {QStringLiteral("ci"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund"),
                              QStringLiteral("--prefer-offline")},
                             300000);
    if (install.exitCode != 0) {
        const QByteArray all = install.out + install.err;
        for (const char* offline : {"ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ENETUNREACH"})
            if (all.contains(offline))
                QSKIP(qPrintable(
                    QStringLiteral("npm registry unreachable, dicomweb-client cannot be installed:\n") +
                    QString::fromUtf8(all.right(1500))));
        QFAIL(qPrintable(
            QStringLiteral("npm ci failed in %1:\n%2").arg(nodeDir, QString::fromUtf8(all.right(3000)))));
    }

    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.path()), qPrintable(server.errorString()));
    WebClient http(server.httpPort());
    const QString token = http.login(QStringLiteral("technologist")); // image.store + patient.read
    QVERIFY(!token.isEmpty());

    // One study (patient 13US1): the uncompressed US image and two JPEG 2000 encodings of it,
    // each with its own SOP Instance UID.
    const QStringList files{testData(QStringLiteral("us/US1_UNCR_rgb_single.dcm")),
                            testData(QStringLiteral("compressed/US1_J2KR.dcm")),
                            testData(QStringLiteral("compressed/US1_J2KI.dcm"))};
    QSet<QString> sops;
    QHash<QString, QByteArray> hashOf;
    for (const auto& f : files) {
        const auto uids = readUids(f);
        QVERIFY(uids.complete());
        sops.insert(uids.sopInstance);
        hashOf.insert(uids.sopInstance, sha256Hex(readFileBytes(f)));
    }
    const QString study = readUids(files.first()).study;
    QCOMPARE(sops.size(), 3);

    const auto peer = run(QStringLiteral("node"),
                          QStringList{QStringLiteral("dicomweb_client_peer.cjs"),
                                      QStringLiteral("http://127.0.0.1:%1").arg(server.httpPort()), token,
                                      QStringLiteral("13US1")} +
                              files,
                          120000);
    const QString log = QString::fromUtf8(peer.out + peer.err).right(4000);
    QVERIFY2(peer.exitCode == 0, qPrintable(log));
    QByteArray line;
    for (const auto& l : peer.out.split('\n'))
        if (l.startsWith("RESULT "))
            line = l.mid(7);
    QJsonParseError error{};
    const auto result = QJsonDocument::fromJson(line, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(log));

    // STOW-RS: every file referenced, none failed.
    const auto stored = result.value(QStringLiteral("stored")).toObject();
    const QStringList referenced = sequenceInstanceUids(stored, QStringLiteral("00081199"));
    QCOMPARE(QSet<QString>(referenced.begin(), referenced.end()), sops);
    QVERIFY(!stored.contains(QStringLiteral("00081198")));

    // QIDO-RS: the one study, with its values as the client decoded them.
    const auto studies = result.value(QStringLiteral("studies")).toArray();
    QCOMPARE(studies.size(), 1);
    const auto s = studies.first().toObject();
    QCOMPARE(s.value(QStringLiteral("study")).toString(), study);
    QCOMPARE(s.value(QStringLiteral("patientId")).toString(), QStringLiteral("13US1"));
    QCOMPARE(s.value(QStringLiteral("patientName")).toObject().value(QStringLiteral("Alphabetic")).toString(),
             dumpValue(files.first(), QStringLiteral("PatientName")));
    QCOMPARE(s.value(QStringLiteral("instances")).toInt(), 3);

    // WADO-RS: each instance exactly the file that was stored.
    const auto instances = result.value(QStringLiteral("instances")).toArray();
    QCOMPARE(instances.size(), 3);
    for (const auto& i : instances) {
        const auto o = i.toObject();
        const QString sop = o.value(QStringLiteral("sop")).toString();
        QVERIFY2(sops.contains(sop), qPrintable(sop));
        QCOMPARE(o.value(QStringLiteral("sha256")).toString().toLatin1(), hashOf.value(sop));
    }

    // Without the token the client sees the 401.
    QCOMPARE(result.value(QStringLiteral("unauthorizedStatus")).toInt(), 401);
}

QTEST_GUILESS_MAIN(DicomWebClientNodeTest)
#include "test_dicomweb_client_node.moc"
