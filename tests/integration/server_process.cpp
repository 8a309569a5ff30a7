#include "server_process.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QRegularExpression>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace lumen::test {

ServerProcess::~ServerProcess()
{
    if (isRunning())
        kill();
    // LUMEN_TEST_SHOW_SERVER_OUTPUT=1 prints what the server wrote, to read beside a failure.
    if (qEnvironmentVariableIsSet("LUMEN_TEST_SHOW_SERVER_OUTPUT"))
        qInfo("lumen-server output (data %s):\n%s", qPrintable(m_dataDir), output().constData());
}

QString ServerProcess::serverPath()
{
    return QStringLiteral(LUMEN_SERVER_PATH);
}

QString ServerProcess::databasePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("lumen.db"));
}

bool ServerProcess::isRunning() const
{
    return m_process.state() != QProcess::NotRunning;
}

void ServerProcess::collectOutput()
{
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
}

bool ServerProcess::start(const QString& dataDir, const QStringList& extraArgs, int timeoutMs)
{
    m_dataDir = dataDir;
    m_httpPort = 0;
    m_dicomPort = 0;
    m_hl7Port = 0;
    m_stdout.clear();
    m_stderr.clear();
    m_error.clear();
    // Drain the pipes whenever an event loop runs, so a chatty server never blocks on a full pipe.
    if (!m_draining) {
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                         [this] { collectOutput(); });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                         [this] { collectOutput(); });
        m_draining = true;
    }
#ifdef Q_OS_LINUX
    // If the test dies (crash, CTest timeout) the server must not linger on its port.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
    QStringList args{QStringLiteral("--data"),       dataDir,
                     QStringLiteral("--http-port"),  QStringLiteral("0"),
                     QStringLiteral("--dicom-port"), QStringLiteral("0"),
                     QStringLiteral("--hl7-port"),   QStringLiteral("0"),
                     QStringLiteral("--demo"),       QStringLiteral("--demo-images"),
                     QStringLiteral("false")};
    args += extraArgs;
    // For debugging a failing test: LUMEN_TEST_SERVER_ARGS="--log-level debug".
    args +=
        QString::fromLocal8Bit(qgetenv("LUMEN_TEST_SERVER_ARGS")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_process.start(serverPath(), args);
    if (!m_process.waitForStarted(timeoutMs)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(serverPath(), m_process.errorString());
        return false;
    }
    static const QRegularExpression listening(
        QStringLiteral("listening http=(\\d+) dicom=(\\d+)(?: hl7=(\\d+))?"));
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        collectOutput();
        const auto match = listening.match(QString::fromUtf8(m_stdout));
        if (match.hasMatch()) {
            m_httpPort = quint16(match.captured(1).toUInt());
            m_dicomPort = quint16(match.captured(2).toUInt());
            m_hl7Port = quint16(match.captured(3).toUInt());
            return true;
        }
        if (m_process.state() == QProcess::NotRunning)
            break;
        m_process.waitForReadyRead(int(qMax<qint64>(1, qMin<qint64>(deadline.remainingTime(), 200))));
    }
    collectOutput();
    m_error = m_process.state() == QProcess::NotRunning
                  ? QStringLiteral("lumen-server exited with code %1 before listening:\n%2")
                        .arg(m_process.exitCode())
                        .arg(QString::fromUtf8(output()))
                  : QStringLiteral("lumen-server did not report its port within %1 ms:\n%2")
                        .arg(timeoutMs)
                        .arg(QString::fromUtf8(output()));
    kill();
    return false;
}

bool ServerProcess::terminate(int timeoutMs)
{
    if (!isRunning())
        return true;
    m_process.terminate();
    const bool finished = m_process.waitForFinished(timeoutMs);
    collectOutput();
    return finished;
}

void ServerProcess::kill()
{
    if (!isRunning())
        return;
    m_process.kill();
    m_process.waitForFinished(10000);
    collectOutput();
}

ServerProcess::CommandResult ServerProcess::runCommand(const QStringList& args, int timeoutMs)
{
    CommandResult result;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(serverPath(), args);
    if (!process.waitForStarted(timeoutMs)) {
        result.output = process.errorString().toUtf8();
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.output = process.readAll();
        return result;
    }
    result.finished = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.output = process.readAll();
    return result;
}

} // namespace lumen::test
