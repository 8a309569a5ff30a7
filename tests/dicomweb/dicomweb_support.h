#pragma once
// Helpers for the DICOMweb and import integration tests: the shared test data, DCMTK's
// command-line tools as independent readers and peers, an HTTP client that keeps the response
// Content-Type (multipart boundaries, application/dicom+json), a multipart/related writer and
// reader written here from RFC 2046 (not the server's), and DICOM JSON accessors.
#include "dicom_tools.h"
#include "server_process.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QString>
#include <QStringList>

#include <memory>

namespace lumen::test::dicomweb {

// ../shared/testdata (LUMEN_TESTDATA_DIR); tests skip when it is absent.
QString testDataDir();
QString testData(const QString& relative);
bool haveTestData();
// True when `tool` is on PATH.
bool haveTool(const QString& tool);

// Running tools, data sets, dcmdump values and SQLite counts come from the shared DICOM test
// tools (tests/dicom_archive/dicom_tools.h).
using lumen::test::dataSetBytes;
using lumen::test::dumpValue;
using lumen::test::runTool;
using lumen::test::storescu;
using lumen::test::ToolResult;

// The *.dcm files under `dir` (recursively), sorted.
inline QStringList dicomFilesIn(const QString& dir)
{
    return lumen::test::filesIn(dir);
}
// Every regular file under `dir` (recursively), sorted.
QStringList allFilesIn(const QString& dir);
QByteArray readFileBytes(const QString& path);
QByteArray sha256Hex(const QByteArray& bytes);

// The four UIDs of a file as DCMTK's dcmdump reads them (empty when absent or unreadable).
struct DicomUids
{
    QString sopClass;
    QString sopInstance;
    QString study;
    QString series;
    bool complete() const
    {
        return !sopClass.isEmpty() && !sopInstance.isEmpty() && !study.isEmpty() && !series.isEmpty();
    }
};
DicomUids readUids(const QString& file);
// True when the file starts with a 128-byte preamble and "DICM".
bool hasPart10Header(const QByteArray& file);

// One scalar from the server's SQLite database (read-only; the server may be running, WAL).
inline qint64 queryScalar(const QString& databasePath, const QString& sql)
{
    return lumen::test::countRows(databasePath, sql);
}
// The files the archive holds under <data>/dicom.
QStringList archivedFiles(const QString& dataDir);

struct MultipartPart
{
    QByteArray contentType;
    QByteArray body;
};
// A multipart/related body with one application/dicom part per entry.
QByteArray buildMultipart(const QList<QByteArray>& parts, const QByteArray& boundary,
                          const QByteArray& partType = "application/dicom");
// Splits a multipart body; `contentType` is the response's header (boundary taken from it).
// Returns false (and says why in `error`) when the body is not well-formed.
bool parseMultipart(const QByteArray& contentType, const QByteArray& body, QList<MultipartPart>* parts,
                    QString* error);
// The value of a media type parameter ("type", "boundary"), unquoted; empty when absent.
QByteArray mediaTypeParameter(const QByteArray& contentType, const QByteArray& name);

struct WebReply
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QString transportError;
    QJsonArray jsonArray() const;
    QJsonObject jsonObject() const;
    QByteArray describe() const; // "status content-type body-start" for failure messages
};

// Synchronous HTTP with the response headers kept, for the DICOMweb endpoints.
class WebClient
{
public:
    explicit WebClient(quint16 port);
    ~WebClient();
    WebReply get(const QString& pathAndQuery, const QString& token, const QByteArray& accept = {});
    WebReply post(const QString& path, const QString& token, const QByteArray& body,
                  const QByteArray& contentType);
    WebReply send(const QByteArray& method, const QString& pathAndQuery, const QString& token,
                  const QByteArray& body, const QByteArray& contentType, const QByteArray& accept = {});
    // JSON API helper (patients, audit): body is a JSON object or empty.
    WebReply json(const QByteArray& method, const QString& path, const QString& token,
                  const QJsonObject& body = {});
    QString login(const QString& user);
    int timeoutMs = 60000;

private:
    quint16 m_port;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

// STOW-RS of whole files in one request.
WebReply stow(WebClient& http, const QString& token, const QStringList& files, const QString& studyUid = {});

// DICOM JSON accessors (PS3.18 F.2). `tag` is 8 upper-case hex digits.
QString jsonVr(const QJsonObject& object, const QString& tag);
QJsonArray jsonValues(const QJsonObject& object, const QString& tag);
QString jsonString(const QJsonObject& object, const QString& tag); // first value as text
// The values of (tag) over all objects of a QIDO answer, as text.
QStringList jsonStrings(const QJsonArray& results, const QString& tag);
// The SOP Instance UIDs of a STOW answer's ReferencedSOPSequence (00081199) or FailedSOPSequence
// (00081198) items, in answer order; items without one count as "".
QStringList sequenceInstanceUids(const QJsonObject& stowAnswer, const QString& sequenceTag);
int sequenceLength(const QJsonObject& stowAnswer, const QString& sequenceTag);

} // namespace lumen::test::dicomweb

// QtTest check of a WebReply status that prints the reply when it fails.
#define LUMEN_COMPARE_WEB_STATUS(reply, expected)                                                            \
    do {                                                                                                     \
        const ::lumen::test::dicomweb::WebReply& lumenWebReply_ = (reply);                                   \
        const int lumenWebExpected_ = (expected);                                                            \
        QVERIFY2(lumenWebReply_.status == lumenWebExpected_,                                                 \
                 qPrintable(QStringLiteral("expected HTTP %1, got %2")                                       \
                                .arg(lumenWebExpected_)                                                      \
                                .arg(QString::fromUtf8(lumenWebReply_.describe()))));                        \
    } while (false)
