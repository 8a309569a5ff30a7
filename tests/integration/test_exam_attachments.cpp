// Scanned requisitions attached to exams, through the real server: upload, list and download
// byte for byte, what is refused (types by their bytes, size, permissions, unknown exams), and
// the file surviving kill -9.
#include "exam_flow.h"
#include "http_client.h"
#include "server_process.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lumen::test;

namespace {

QString attachmentsPath(qint64 examId)
{
    return examPath(examId) + "/attachments";
}

const QByteArray samplePdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

} // namespace

class ExamAttachmentsTest : public QObject
{
    Q_OBJECT

private slots:
    void a_scanned_requisition_is_stored_listed_and_read_back();
    void files_that_are_not_scans_are_refused_and_change_nothing();
};

void ExamAttachmentsTest::a_scanned_requisition_is_stored_listed_and_read_back()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.path(), {"--demo-patients", "0"}), qPrintable(server.output()));
    auto http = std::make_unique<HttpClient>(server.httpPort());
    ExamFlow flow(*http);
    const auto exam = flow.examAt(flow.newPatient(QStringLiteral("申请单")), "requested");
    QVERIFY(exam);
    const auto name = QString::fromUtf8(QUrl::toPercentEncoding(QStringLiteral("检查申请单.pdf")));
    const auto uploaded = http->callRaw("POST", attachmentsPath(exam) + "?name=" + name, samplePdf,
                                        flow.token("registrar"), "application/pdf");
    QVERIFY2(uploaded.status == 201, uploaded.describe());
    QCOMPARE(uploaded.value("fileName").toString(), QStringLiteral("检查申请单.pdf"));
    QCOMPARE(uploaded.value("size").toInteger(), samplePdf.size());
    const auto id = uploaded.value("id").toInteger();

    server.kill();
    QVERIFY2(server.start(dir.path()), qPrintable(server.output()));
    http = std::make_unique<HttpClient>(server.httpPort());
    const auto token = http->login("technologist"); // readers of the exam may read its files
    const auto listed = http->get(attachmentsPath(exam), token).value("items").toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed[0].toObject().value("contentType").toString(), QStringLiteral("application/pdf"));
    const auto file = http->get(attachmentsPath(exam) + "/" + QString::number(id), token);
    QCOMPARE(file.status, 200);
    QCOMPARE(file.body, samplePdf);
    const auto audit = http->get("/api/v1/audit?action=exam.attachment.read", http->login("admin"));
    QCOMPARE(audit.value("items").toArray().size(), 1);
    server.terminate();
}

void ExamAttachmentsTest::files_that_are_not_scans_are_refused_and_change_nothing()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.path(), {"--demo-patients", "0"}), qPrintable(server.output()));
    HttpClient http(server.httpPort());
    ExamFlow flow(http);
    const auto exam = flow.examAt(flow.newPatient(QStringLiteral("坏文件")), "requested");
    const auto desk = flow.token("registrar");
    struct Case
    {
        const char* name;
        QByteArray body;
        QByteArray type;
        int status;
    };
    const QList<Case> cases = {
        {"gif", "GIF89a\x01\x00", "image/gif", 422},
        {"script", "<script>alert(1)</script>", "image/png", 422},
        {"png sent as pdf", "\x89PNG\r\n\x1A\nrest", "application/pdf", 422},
        {"empty", "", "application/pdf", 400},
    };
    for (const auto& c : cases) {
        const auto reply = http.callRaw("POST", attachmentsPath(exam), c.body, desk, c.type);
        QVERIFY2(reply.status == c.status,
                 qPrintable(QString(c.name) + ": " + QString::fromUtf8(reply.describe())));
    }
    // Over 20 MiB: refused from the announced length, before the body is read.
    const QByteArray oversized =
        "POST " + attachmentsPath(exam).toLatin1() +
        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer " + desk.toLatin1() +
        "\r\nContent-Type: application/pdf\r\nContent-Length: 22020096\r\n\r\n%PDF-";
    QCOMPARE(HttpClient::parseResponse(http.sendRaw(oversized).received).status, 413);
    // Within the limit even though larger than ordinary API bodies (1 MiB).
    const auto large = http.callRaw("POST", attachmentsPath(exam),
                                    samplePdf + QByteArray(3 * 1024 * 1024, ' '), desk, "application/pdf");
    QVERIFY2(large.status == 201, large.describe());
    QCOMPARE(http.callRaw("POST", attachmentsPath(exam) + "?name=..%2F..%2Fetc.pdf", samplePdf, desk,
                          "application/pdf")
                 .status,
             400);
    QCOMPARE(http.callRaw("POST", attachmentsPath(999999), samplePdf, desk, "application/pdf").status, 404);
    QCOMPARE(
        http.callRaw("POST", attachmentsPath(exam), samplePdf, flow.token("technologist"), "application/pdf")
            .status,
        403);
    QCOMPARE(http.get(attachmentsPath(exam), desk).value("items").toArray().size(), 1); // the large one only
    QCOMPARE(http.get(attachmentsPath(exam) + "/99", desk).status, 404);
    server.terminate();
}

QTEST_GUILESS_MAIN(ExamAttachmentsTest)
#include "test_exam_attachments.moc"
