#include "orthanc_peer.h"

#include "http_client.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QThread>

namespace lumen::test {

namespace {
const QString orthancBinary = QStringLiteral("/usr/sbin/Orthanc");
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::Any, 0);
    return probe.serverPort();
}

bool OrthancPeer::installed()
{
    return QFileInfo(orthancBinary).isExecutable();
}

bool OrthancPeer::start(const QString& dir, const QList<Modality>& modalities, QString& error, quint16 port)
{
    dicomPort = port != 0 ? port : freePort();
    httpPort = freePort();
    QDir().mkpath(dir + QStringLiteral("/storage"));
    QJsonObject known;
    for (const Modality& m : modalities)
        known.insert(m.name, QJsonArray{m.aeTitle, QStringLiteral("127.0.0.1"), m.port});
    const QJsonObject config{{QStringLiteral("Name"), QStringLiteral("LumenTestPeer")},
                             {QStringLiteral("StorageDirectory"), dir + QStringLiteral("/storage")},
                             {QStringLiteral("IndexDirectory"), dir + QStringLiteral("/storage")},
                             {QStringLiteral("DicomAet"), QStringLiteral("ORTHANC")},
                             {QStringLiteral("DicomPort"), dicomPort},
                             {QStringLiteral("HttpPort"), httpPort},
                             {QStringLiteral("RemoteAccessAllowed"), false},
                             {QStringLiteral("AuthenticationEnabled"), false},
                             {QStringLiteral("DicomCheckCalledAet"), false},
                             {QStringLiteral("StorageCompression"), false},
                             {QStringLiteral("Plugins"), QJsonArray{}},
                             {QStringLiteral("DicomModalities"), known}};
    const QString configPath = dir + QStringLiteral("/orthanc.json");
    QFile file(configPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(config).toJson()) < 0) {
        error = QStringLiteral("cannot write ") + configPath;
        return false;
    }
    file.close();
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TCP_NODELAY"), QStringLiteral("1")); // see ARCHITECTURE: DCMTK peers
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(dir + QStringLiteral("/orthanc.log")); // it logs a lot
    m_process.start(orthancBinary, {configPath});
    if (!m_process.waitForStarted()) {
        error = QStringLiteral("Orthanc did not start: ") + m_process.errorString();
        return false;
    }
    HttpClient http(httpPort);
    http.timeoutMs = 2000;
    for (int attempt = 0; attempt < 150; ++attempt) {
        if (http.get(QStringLiteral("/system"), {}).status == 200)
            return true;
        if (m_process.state() == QProcess::NotRunning)
            break;
        QThread::msleep(100);
    }
    QFile log(dir + QStringLiteral("/orthanc.log"));
    log.open(QIODevice::ReadOnly);
    error = QStringLiteral("Orthanc did not answer /system; its log ends:\n") +
            QString::fromUtf8(log.readAll().right(2000));
    return false;
}

void OrthancPeer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(20000)) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

} // namespace lumen::test
