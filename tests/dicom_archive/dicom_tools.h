#pragma once
// Helpers for tests that drive the archive with DCMTK's command-line tools and inspect what it
// stored: running a tool with Nagle off, listing and hashing DICOM files, reading the
// server's SQLite file.
#include <QString>
#include <QStringList>

namespace lumen::test {

struct ToolResult
{
    int exitCode = -1;
    QString output;
};

// Runs a command-line tool with TCP_NODELAY=1 (see ARCHITECTURE: DCMTK peers and sockets);
// exitCode -1 when it did not start, crashed or timed out.
ToolResult runTool(const QString& tool, const QStringList& args, int timeoutMs = 120000,
                   const QString& workingDir = {});
// storescu -xs as the demo modality DEMO_CT to LUMEN on 127.0.0.1: -xs proposes JPEG Lossless
// beside the uncompressed syntaxes, so such files travel unchanged.
ToolResult storescu(quint16 dicomPort, const QStringList& files);
// The same with another proposal, e.g. -xv (JPEG 2000 lossless) or -xw (JPEG 2000): DCMTK's
// tools cannot decode JPEG 2000, so such files only travel in their own transfer syntax.
ToolResult storescuProposing(quint16 dicomPort, const QString& proposal, const QStringList& files);
// The Pixel Data value of an uncompressed file as `dcmdump +W` writes it (little endian), the
// reference for decoded pixels; empty when it cannot be written.
QByteArray pixelDataOf(const QString& file);
// Writes a Key Object Selection document (SOP Instance UID 2.25.4711000000000000000001) whose
// concept is `conceptCode` (113001 = Rejected for Quality Reasons) naming `rejectedFile`'s
// instance, with dump2dcm into `dir`; returns its path, or empty when that fails.
QString writeRejectionNote(const QString& dir, const QString& rejectedFile,
                           const QString& conceptCode = QStringLiteral("113001"));
// Every *.dcm below `dir`, sorted.
QStringList filesIn(const QString& dir);
// The data set of a Part 10 file without preamble and file meta: DIMSE carries only the data
// set and each side writes its own meta header, so "stored as received" means this part.
QByteArray dataSetBytes(const QByteArray& file);
QByteArray dataSetBytes(const QString& path);
QByteArray sha256(const QString& path); // of the data set
QStringList hashes(const QStringList& files);
// One integer from the server's SQLite file (-1 on error); safe while the server runs (WAL).
qint64 countRows(const QString& databasePath, const QString& sql);
// The value of one attribute as dcmdump prints it, e.g. dumpValue(file, "SOPInstanceUID").
QString dumpValue(const QString& file, const QString& key);
// The same as the bytes in the file (dcmdump converts no character set), to tell UTF-8 from
// GB18030 or Latin-1.
QByteArray dumpValueBytes(const QString& file, const QString& key);
// Writes a Part 10 file from dcmdump text with dump2dcm (explicit VR little endian). Values in
// brackets are taken byte for byte, so text can be written in any character set.
bool writeDicomFromDump(const QByteArray& dump, const QString& path);
// Runs SQL on the server's SQLite file; for a stopped server (it takes the write lock).
bool execSql(const QString& databasePath, const QString& sql);

} // namespace lumen::test
