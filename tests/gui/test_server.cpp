#include "test_server.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

namespace lumen::test {

TestServer::~TestServer()
{
    stop();
}

QString TestServer::binaryPath()
{
    if (const QString fromEnv = qEnvironmentVariable("LUMEN_SERVER_BINARY"); !fromEnv.isEmpty())
        return fromEnv;
    return QStringLiteral(LUMEN_SERVER_BINARY);
}

QString TestServer::start(int timeoutMs)
{
    const QString binary = binaryPath();
    if (binary.isEmpty())
        return QStringLiteral("no server binary: set LUMEN_SERVER_BINARY");
    if (!m_dataDir.isValid())
        return QStringLiteral("cannot create a temporary data folder");
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{QStringLiteral("--data"),       m_dataDir.path(),
                     QStringLiteral("--http-port"),  QStringLiteral("0"),
                     QStringLiteral("--dicom-port"), QStringLiteral("0"),
                     QStringLiteral("--hl7-port"),   QStringLiteral("0"),
                     QStringLiteral("--bind"),       QStringLiteral("127.0.0.1"),
                     QStringLiteral("--demo")};
    m_process.start(binary, args + m_extraArgs);
    if (!m_process.waitForStarted(10000))
        return QStringLiteral("cannot start %1: %2").arg(binary, m_process.errorString());

    static const QRegularExpression listening(
        QStringLiteral("^listening http=(\\d+) dicom=(\\d+)(?: hl7=\\d+)?\\s*$"),
        QRegularExpression::MultilineOption);
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running)
            return QStringLiteral("the server exited early:\n%1").arg(output());
        m_process.waitForReadyRead(200);
        m_output += m_process.readAll();
        if (const auto match = listening.match(QString::fromUtf8(m_output)); match.hasMatch()) {
            m_httpPort = match.captured(1).toInt();
            return {};
        }
    }
    return QStringLiteral("no 'listening' line within %1 ms:\n%2").arg(timeoutMs).arg(output());
}

void TestServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

} // namespace lumen::test
