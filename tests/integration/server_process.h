#pragma once
// Runs the real lumen-server binary as a child process for integration tests: free ports,
// a caller-owned data folder, and the port read back from its "listening" line.
#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace lumen::test {

class ServerProcess
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // Starts `lumen-server --data DIR --http-port 0 --dicom-port 0 --hl7-port 0 --demo EXTRA...`
    // and waits for "listening http=<port> dicom=<port> hl7=<port>". False (see errorString())
    // if it did not come up.
    bool start(const QString& dataDir, const QStringList& extraArgs = {}, int timeoutMs = 30000);

    // SIGTERM, then waits; true when the process ended within the time.
    bool terminate(int timeoutMs = 10000);
    // SIGKILL, then waits for the process to be gone.
    void kill();
    bool isRunning() const;

    quint16 httpPort() const { return m_httpPort; }
    quint16 dicomPort() const { return m_dicomPort; }
    quint16 hl7Port() const { return m_hl7Port; }
    qint64 processId() const { return m_process.processId(); }
    QString dataDir() const { return m_dataDir; }
    QString databasePath() const;
    int exitCode() const { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    // Everything the server wrote so far, stdout then stderr.
    QByteArray output() const { return m_stdout + m_stderr; }
    QString errorString() const { return m_error; }

    static QString serverPath();

    struct CommandResult
    {
        bool finished = false; // false: could not start or ran past the time limit
        int exitCode = -1;
        QByteArray output; // stdout and stderr merged
    };
    // Runs a one-shot command such as `lumen-server audit verify --data DIR`.
    static CommandResult runCommand(const QStringList& args, int timeoutMs = 30000);

private:
    void collectOutput();

    QProcess m_process;
    QString m_dataDir;
    quint16 m_httpPort = 0;
    quint16 m_dicomPort = 0;
    quint16 m_hl7Port = 0;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QString m_error;
    bool m_draining = false;
};

} // namespace lumen::test
