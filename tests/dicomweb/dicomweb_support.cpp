#include "dicomweb_support.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QHash>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

namespace lumen::test::dicomweb {

QString testDataDir()
{
    return QStringLiteral(LUMEN_TESTDATA_DIR);
}

QString testData(const QString& relative)
{
    return testDataDir() + QLatin1Char('/') + relative;
}

bool haveTestData()
{
    return QDir(testData(QStringLiteral("ct/philips_ingenuity_head_phantom_5mm"))).exists() &&
           QDir(testData(QStringLiteral("malformed"))).exists();
}

bool haveTool(const QString& tool)
{
    return !QStandardPaths::findExecutable(tool).isEmpty();
}

QStringList allFilesIn(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

QByteArray readFileBytes(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QByteArray sha256Hex(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

bool hasPart10Header(const QByteArray& file)
{
    return file.size() >= 132 && file.mid(128, 4) == "DICM";
}

namespace {

// Top-level data set values printed by `dcmdump -q -Un +p +P tag ...`; nested ones carry a
// "(gggg,eeee)." prefix and are skipped.
QHash<QString, QString> dumpTopLevel(const QString& file, const QStringList& tags)
{
    QStringList args{QStringLiteral("-q"), QStringLiteral("-Un"), QStringLiteral("+p")};
    for (const auto& t : tags)
        args << QStringLiteral("+P") << t;
    args << file;
    const auto r = runTool(QStringLiteral("dcmdump"), args, 60000);
    static const QRegularExpression line(
        QStringLiteral("^\\(([0-9a-f]{4}),([0-9a-f]{4})\\) [A-Z][A-Z] \\[(.*)\\]\\s+#"),
        QRegularExpression::MultilineOption);
    QHash<QString, QString> values;
    auto it = line.globalMatch(r.output);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString tag = m.captured(1) + QLatin1Char(',') + m.captured(2);
        if (!values.contains(tag))
            values.insert(tag, m.captured(3).trimmed());
    }
    return values;
}

} // namespace

DicomUids readUids(const QString& file)
{
    const auto v = dumpTopLevel(file, {QStringLiteral("0008,0016"), QStringLiteral("0008,0018"),
                                       QStringLiteral("0020,000d"), QStringLiteral("0020,000e")});
    return {v.value(QStringLiteral("0008,0016")), v.value(QStringLiteral("0008,0018")),
            v.value(QStringLiteral("0020,000d")), v.value(QStringLiteral("0020,000e"))};
}

QStringList archivedFiles(const QString& dataDir)
{
    return allFilesIn(dataDir + QStringLiteral("/dicom"));
}

QByteArray buildMultipart(const QList<QByteArray>& parts, const QByteArray& boundary,
                          const QByteArray& partType)
{
    QByteArray body;
    for (const auto& part : parts) {
        body += "--" + boundary + "\r\nContent-Type: " + partType + "\r\n\r\n";
        body += part;
        body += "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return body;
}

QByteArray mediaTypeParameter(const QByteArray& contentType, const QByteArray& name)
{
    const auto pieces = contentType.split(';');
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        const QByteArray piece = pieces[i].trimmed();
        const auto eq = piece.indexOf('=');
        if (eq < 0 || piece.left(eq).trimmed().toLower() != name.toLower())
            continue;
        QByteArray value = piece.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}

bool parseMultipart(const QByteArray& contentType, const QByteArray& body, QList<MultipartPart>* parts,
                    QString* error)
{
    parts->clear();
    const QByteArray boundary = mediaTypeParameter(contentType, "boundary");
    if (boundary.isEmpty()) {
        *error = QStringLiteral("no boundary in Content-Type '%1'").arg(QString::fromLatin1(contentType));
        return false;
    }
    const QByteArray delimiter = "--" + boundary;
    // RFC 2046: the first delimiter may open the body; later ones follow a CRLF.
    qsizetype pos = body.startsWith(delimiter) ? 0 : body.indexOf("\r\n" + delimiter);
    if (pos < 0) {
        *error = QStringLiteral("the boundary never occurs");
        return false;
    }
    if (pos > 0)
        pos += 2;
    for (;;) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return true;
        if (body.mid(pos, 2) != "\r\n") {
            *error = QStringLiteral("a delimiter line is not followed by CRLF at byte %1").arg(pos);
            return false;
        }
        pos += 2;
        const auto headersEnd = body.indexOf("\r\n\r\n", pos);
        if (headersEnd < 0) {
            *error = QStringLiteral("part headers do not end");
            return false;
        }
        MultipartPart part;
        for (const auto& header : body.mid(pos, headersEnd - pos).split('\n')) {
            const auto colon = header.indexOf(':');
            if (colon > 0 && header.left(colon).trimmed().toLower() == "content-type")
                part.contentType = header.mid(colon + 1).trimmed();
        }
        const auto next = body.indexOf("\r\n" + delimiter, headersEnd + 4);
        if (next < 0) {
            *error = QStringLiteral("a part is not closed by the boundary");
            return false;
        }
        part.body = body.mid(headersEnd + 4, next - headersEnd - 4);
        parts->append(std::move(part));
        pos = next + 2;
    }
}

QJsonArray WebReply::jsonArray() const
{
    return QJsonDocument::fromJson(body).array();
}

QJsonObject WebReply::jsonObject() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray WebReply::describe() const
{
    if (status == 0)
        return "no HTTP answer: " + transportError.toUtf8();
    return QByteArray::number(status) + " [" + contentType + "] " + body.left(1500);
}

WebClient::WebClient(quint16 port) : m_port(port), m_nam(std::make_unique<QNetworkAccessManager>())
{
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

WebClient::~WebClient() = default;

WebReply WebClient::send(const QByteArray& method, const QString& pathAndQuery, const QString& token,
                         const QByteArray& body, const QByteArray& contentType, const QByteArray& accept)
{
    QNetworkRequest request(
        QUrl::fromEncoded("http://127.0.0.1:" + QByteArray::number(m_port) + pathAndQuery.toUtf8()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    if (!accept.isEmpty())
        request.setRawHeader("Accept", accept);
    std::unique_ptr<QNetworkReply> reply(method == "GET" && body.isEmpty()
                                             ? m_nam->get(request)
                                             : m_nam->sendCustomRequest(request, method, body));
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    WebReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.transportError = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply->rawHeader("Content-Type");
    result.body = reply->readAll();
    if (result.status == 0)
        result.transportError = reply->errorString();
    return result;
}

WebReply WebClient::get(const QString& pathAndQuery, const QString& token, const QByteArray& accept)
{
    return send("GET", pathAndQuery, token, {}, {}, accept);
}

WebReply WebClient::post(const QString& path, const QString& token, const QByteArray& body,
                         const QByteArray& contentType)
{
    return send("POST", path, token, body, contentType);
}

WebReply WebClient::json(const QByteArray& method, const QString& path, const QString& token,
                         const QJsonObject& body)
{
    const QByteArray bytes =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return send(method, path, token, bytes, bytes.isEmpty() ? QByteArray() : QByteArray("application/json"));
}

QString WebClient::login(const QString& user)
{
    const auto reply = json("POST", QStringLiteral("/api/v1/session"), {},
                            QJsonObject{{QStringLiteral("username"), user},
                                        {QStringLiteral("password"), QStringLiteral("Lumen@2026")}});
    return reply.status == 200 ? reply.jsonObject().value(QStringLiteral("token")).toString() : QString();
}

WebReply stow(WebClient& http, const QString& token, const QStringList& files, const QString& studyUid)
{
    QList<QByteArray> parts;
    for (const auto& f : files)
        parts << readFileBytes(f);
    const QByteArray boundary = "lumen-test-" + sha256Hex(files.join(QLatin1Char('|')).toUtf8()).left(24);
    const QString path = studyUid.isEmpty() ? QStringLiteral("/dicom-web/studies")
                                            : QStringLiteral("/dicom-web/studies/") + studyUid;
    return http.post(path, token, buildMultipart(parts, boundary),
                     "multipart/related; type=\"application/dicom\"; boundary=" + boundary);
}

QString jsonVr(const QJsonObject& object, const QString& tag)
{
    return object.value(tag).toObject().value(QStringLiteral("vr")).toString();
}

QJsonArray jsonValues(const QJsonObject& object, const QString& tag)
{
    return object.value(tag).toObject().value(QStringLiteral("Value")).toArray();
}

QString jsonString(const QJsonObject& object, const QString& tag)
{
    const auto values = jsonValues(object, tag);
    if (values.isEmpty())
        return {};
    const auto v = values.first();
    if (v.isObject())
        return v.toObject().value(QStringLiteral("Alphabetic")).toString();
    if (v.isDouble())
        return QString::number(v.toDouble());
    return v.toString();
}

QStringList jsonStrings(const QJsonArray& results, const QString& tag)
{
    QStringList out;
    for (const auto& r : results)
        out << jsonString(r.toObject(), tag);
    return out;
}

QStringList sequenceInstanceUids(const QJsonObject& stowAnswer, const QString& sequenceTag)
{
    QStringList out;
    for (const auto& item : jsonValues(stowAnswer, sequenceTag))
        out << jsonString(item.toObject(), QStringLiteral("00081155"));
    return out;
}

int sequenceLength(const QJsonObject& stowAnswer, const QString& sequenceTag)
{
    return int(jsonValues(stowAnswer, sequenceTag).size());
}

} // namespace lumen::test::dicomweb
