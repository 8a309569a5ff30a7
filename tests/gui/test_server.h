#pragma once
// Runs the real lumen-server for a test: temp data folder, ephemeral ports, demo data.
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace lumen::test {

class TestServer
{
public:
    ~TestServer();

    // Path from $LUMEN_SERVER_BINARY, else the one CMake compiled in; empty when neither.
    static QString binaryPath();

    // Starts the server and waits for its "listening http=<port> dicom=<port> hl7=<port>" line.
    // Returns an empty string on success, else what went wrong (with the server's output).
    QString start(int timeoutMs = 60000);
    // More server options (a later option wins); the default leaves the demo's images out.
    void setExtraArguments(const QStringList& args) { m_extraArgs = args; }
    void stop();

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_httpPort)); }
    int httpPort() const { return m_httpPort; }
    QString output() const { return QString::fromUtf8(m_output); }

private:
    QTemporaryDir m_dataDir;
    QProcess m_process;
    QByteArray m_output;
    QStringList m_extraArgs{QStringLiteral("--demo-images"), QStringLiteral("false")};
    int m_httpPort = 0;
};

} // namespace lumen::test
