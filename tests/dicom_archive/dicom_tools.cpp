#include "dicom_tools.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <sqlite3.h>

namespace lumen::test {

namespace {

struct RawResult
{
    int exitCode = -1;
    QByteArray output;
};

RawResult runRaw(const QString& tool, const QStringList& args, int timeoutMs, const QString& workingDir)
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
        return {-1, (tool + QStringLiteral(": ") + p.errorString()).toUtf8()};
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, p.readAll() + "\n[timed out]"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAll()};
}

} // namespace

ToolResult runTool(const QString& tool, const QStringList& args, int timeoutMs, const QString& workingDir)
{
    const RawResult r = runRaw(tool, args, timeoutMs, workingDir);
    return {r.exitCode, QString::fromUtf8(r.output)};
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
    // The file meta information is the group 0002 elements (PS3.10 7.1), explicit VR little
    // endian, walked one by one: a group length that also covers a stray element of another
    // group (seen in the wild) does not make that element part of the meta information.
    const auto* bytes = reinterpret_cast<const unsigned char*>(all.constData());
    qsizetype pos = 132;
    while (pos + 8 <= all.size() && bytes[pos] == 0x02 && bytes[pos + 1] == 0x00) {
        const QByteArray vr = all.mid(pos + 4, 2);
        static const QList<QByteArray> longForm{"OB", "OW", "OF", "OD", "OL", "OV", "SQ",
                                                "UN", "UT", "UC", "UR", "SV", "UV"};
        if (longForm.contains(vr)) {
            if (pos + 12 > all.size())
                return {};
            pos += 12 + (qsizetype(bytes[pos + 8]) | qsizetype(bytes[pos + 9]) << 8 |
                         qsizetype(bytes[pos + 10]) << 16 | qsizetype(bytes[pos + 11]) << 24);
        } else {
            pos += 8 + (qsizetype(bytes[pos + 6]) | qsizetype(bytes[pos + 7]) << 8);
        }
    }
    return all.mid(pos);
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

QByteArray dumpValueBytes(const QString& file, const QString& keyword)
{
    const auto r = runRaw(QStringLiteral("dcmdump"),
                          {QStringLiteral("-q"), QStringLiteral("-Un"), QStringLiteral("-s"),
                           QStringLiteral("+P"), keyword, file},
                          60000, {});
    // Text values are printed in brackets, binary numbers (US, UL, FD...) bare. Latin-1 keeps
    // every byte as one character, so the match can be turned back into the bytes.
    static const QRegularExpression value(
        QStringLiteral("^\\([0-9a-f]{4},[0-9a-f]{4}\\) [A-Z][A-Z] (?:\\[(.*)\\]|([^\\[(].*?))\\s+#"),
        QRegularExpression::MultilineOption);
    const auto m = value.match(QString::fromLatin1(r.output));
    if (!m.hasMatch())
        return {};
    return (m.capturedLength(1) > 0 ? m.captured(1) : m.captured(2)).toLatin1().trimmed();
}

QString dumpValue(const QString& file, const QString& keyword)
{
    return QString::fromUtf8(dumpValueBytes(file, keyword));
}

bool writeDicomFromDump(const QByteArray& dump, const QString& path)
{
    QFile f(path + QStringLiteral(".dump"));
    if (!f.open(QIODevice::WriteOnly) || f.write(dump) != dump.size())
        return false;
    f.close();
    return runTool(QStringLiteral("dump2dcm"),
                   {QStringLiteral("-q"), QStringLiteral("+te"), f.fileName(), path})
               .exitCode == 0;
}

bool execSql(const QString& databasePath, const QString& sql)
{
    sqlite3* db = nullptr;
    const bool opened =
        sqlite3_open_v2(databasePath.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
    const bool ok =
        opened && sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

ToolResult storescu(quint16 dicomPort, const QStringList& files)
{
    return storescuProposing(dicomPort, QStringLiteral("-xs"), files);
}

ToolResult storescuProposing(quint16 dicomPort, const QString& proposal, const QStringList& files)
{
    return runTool(QStringLiteral("storescu"),
                   QStringList{proposal, QStringLiteral("-aet"), QStringLiteral("DEMO_CT"),
                               QStringLiteral("-aec"), QStringLiteral("LUMEN"), QStringLiteral("127.0.0.1"),
                               QString::number(dicomPort)} +
                       files);
}

QByteArray pixelDataOf(const QString& file)
{
    QTemporaryDir dir;
    if (!dir.isValid() ||
        runTool(QStringLiteral("dcmdump"), {QStringLiteral("-q"), QStringLiteral("+W"), dir.path(), file})
                .exitCode != 0)
        return {};
    // dcmdump names the file after the input and the element's position; Pixel Data is the only one.
    const QStringList raw = QDir(dir.path()).entryList({QStringLiteral("*.raw")}, QDir::Files);
    if (raw.size() != 1)
        return {};
    QFile f(dir.filePath(raw.first()));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString writeRejectionNote(const QString& dir, const QString& rejectedFile, const QString& conceptCode)
{
    const QString study = dumpValue(rejectedFile, QStringLiteral("StudyInstanceUID"));
    const QString dump = QStringLiteral(R"((0008,0016) UI =KeyObjectSelectionDocumentStorage
(0008,0018) UI [2.25.4711000000000000000001]
(0008,0060) CS [KO]
(0010,0020) LO [%1]
(0020,000d) UI [%2]
(0020,000e) UI [2.25.4711000000000000000002]
(0040,a043) SQ
(fffe,e000) na
(0008,0100) SH [%5]
(0008,0102) SH [DCM]
(0008,0104) LO [Rejected for Quality Reasons]
(fffe,e00d) na
(fffe,e0dd) na
(0040,a375) SQ
(fffe,e000) na
(0020,000d) UI [%2]
(0008,1115) SQ
(fffe,e000) na
(0020,000e) UI [%3]
(0008,1199) SQ
(fffe,e000) na
(0008,1150) UI =CTImageStorage
(0008,1155) UI [%4]
(fffe,e00d) na
(fffe,e0dd) na
(fffe,e00d) na
(fffe,e0dd) na
(fffe,e00d) na
(fffe,e0dd) na
)")
                             .arg(dumpValue(rejectedFile, QStringLiteral("PatientID")), study,
                                  dumpValue(rejectedFile, QStringLiteral("SeriesInstanceUID")),
                                  dumpValue(rejectedFile, QStringLiteral("SOPInstanceUID")), conceptCode);
    QFile f(dir + QStringLiteral("/note.dump"));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(dump.toUtf8());
    f.close();
    const QString out = dir + QStringLiteral("/note.dcm");
    const auto r = runTool(QStringLiteral("dump2dcm"), {QStringLiteral("+te"), f.fileName(), out});
    return r.exitCode == 0 ? out : QString();
}

} // namespace lumen::test
