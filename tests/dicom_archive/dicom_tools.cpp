#include "dicom_tools.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

#include <sqlite3.h>

namespace lumen::test {

ToolResult runTool(const QString& tool, const QStringList& args, int timeoutMs, const QString& workingDir)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TCP_NODELAY"), QStringLiteral("1"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(tool, args);
    if (!p.waitForStarted(30000))
        return {-1, tool + QStringLiteral(": ") + p.errorString()};
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, QString::fromUtf8(p.readAll()) + QStringLiteral("\n[timed out]")};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

QStringList filesIn(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, {QStringLiteral("*.dcm")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

QByteArray dataSetBytes(const QByteArray& all)
{
    if (all.size() < 144 || all.mid(128, 4) != "DICM")
        return all;
    // (0002,0000) UL FileMetaInformationGroupLength, explicit VR little endian.
    const auto* p = reinterpret_cast<const unsigned char*>(all.constData()) + 132;
    if (!(p[0] == 0x02 && p[1] == 0x00 && p[2] == 0x00 && p[3] == 0x00))
        return all;
    const quint32 groupLength =
        quint32(p[8]) | quint32(p[9]) << 8 | quint32(p[10]) << 16 | quint32(p[11]) << 24;
    return all.mid(132 + 12 + int(groupLength));
}

QByteArray dataSetBytes(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return dataSetBytes(f.readAll());
}

QByteArray sha256(const QString& path)
{
    return QCryptographicHash::hash(dataSetBytes(path), QCryptographicHash::Sha256).toHex();
}

QStringList hashes(const QStringList& files)
{
    QStringList out;
    for (const auto& f : files)
        out << QString::fromLatin1(sha256(f));
    out.sort();
    return out;
}

qint64 countRows(const QString& databasePath, const QString& sql)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(databasePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    qint64 n = -1;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

QString dumpValue(const QString& file, const QString& keyword)
{
    const auto r = runTool(QStringLiteral("dcmdump"),
                           {QStringLiteral("-q"), QStringLiteral("-Un"), QStringLiteral("-s"),
                            QStringLiteral("+P"), keyword, file},
                           60000);
    // Text values are printed in brackets, binary numbers (US, UL, FD...) bare.
    static const QRegularExpression value(
        QStringLiteral("^\\([0-9a-f]{4},[0-9a-f]{4}\\) [A-Z][A-Z] (?:\\[(.*)\\]|([^\\[(].*?))\\s+#"),
        QRegularExpression::MultilineOption);
    const auto m = value.match(r.output);
    if (!m.hasMatch())
        return {};
    return (m.capturedLength(1) > 0 ? m.captured(1) : m.captured(2)).trimmed();
}

} // namespace lumen::test
