#include "storescp_peer.h"

#include "dicom_tools.h"
#include "orthanc_peer.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QThread>

namespace lumen::test {

StoreScp::~StoreScp()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

bool StoreScp::start(const QString& dir, bool uncompressedOnly)
{
    port = freePort();
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TCP_NODELAY"), QStringLiteral("1")); // see ARCHITECTURE: DCMTK peers
    m_process.setProcessEnvironment(env);
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.setStandardErrorFile(QProcess::nullDevice());
    m_process.start(QStringLiteral("storescp"),
                    QStringList{QStringLiteral("+B")} +
                        (uncompressedOnly ? QStringList{} : QStringList{QStringLiteral("+xa")}) +
                        QStringList{QStringLiteral("-od"), dir, QStringLiteral("-aet"),
                                    QStringLiteral("VIEWER_SCP"), QString::number(port)});
    return m_process.waitForStarted() && answersEcho(port, QStringLiteral("VIEWER_SCP"));
}

bool answersEcho(quint16 port, const QString& calledAe)
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (runTool(QStringLiteral("echoscu"),
                    {QStringLiteral("-aec"), calledAe, QStringLiteral("127.0.0.1"), QString::number(port)},
                    5000)
                .exitCode == 0)
            return true;
        QThread::msleep(100);
    }
    return false;
}

QStringList filesInDir(const QString& dir)
{
    QStringList files;
    for (const QString& name : QDir(dir).entryList(QDir::Files, QDir::Name))
        files << QDir(dir).filePath(name);
    return files;
}

} // namespace lumen::test
