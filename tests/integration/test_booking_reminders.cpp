// Appointment reminders through the real server to a real HTTP endpoint standing in for the
// hospital's SMS gateway (a QTcpServer in this process): one message per booking with a phone,
// failures recorded and retried, delivered ones never sent twice.
#include "exam_flow.h"
#include "http_client.h"
#include "server_process.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lumen::test;

namespace {

// Answers every POST with `status` and keeps the JSON bodies it received.
class Gateway : public QObject
{
public:
    Gateway()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (auto* socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onData(socket); });
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    int status = 200;
    QList<QJsonObject> received;

private:
    void onData(QTcpSocket* socket)
    {
        auto& buffer = m_buffers[socket];
        buffer += socket->readAll();
        const auto end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        int length = 0;
        for (const auto& line : buffer.left(end).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toInt();
        if (buffer.size() < end + 4 + length)
            return;
        received << QJsonDocument::fromJson(buffer.mid(end + 4, length)).object();
        socket->write("HTTP/1.1 " + QByteArray::number(status) +
                      " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
        m_buffers.remove(socket);
    }
    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

QString localDate(int days)
{
    return QDateTime::currentDateTimeUtc().addSecs(8 * 3600).date().addDays(days).toString(Qt::ISODate);
}

} // namespace

class BookingRemindersTest : public QObject
{
    Q_OBJECT

private slots:
    void reminders_reach_the_gateway_once_and_failures_are_retried();
};

void BookingRemindersTest::reminders_reach_the_gateway_once_and_failures_are_retried()
{
    Gateway gateway;
    QVERIFY(gateway.port());
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.path(), {"--demo-patients", "0", "--reminder-webhook",
                                       QStringLiteral("http://127.0.0.1:%1/sms").arg(gateway.port())}),
             qPrintable(server.output()));
    HttpClient http(server.httpPort());
    ExamFlow flow(http);
    const auto registrar = flow.token("registrar");
    const auto admin = http.login("admin");
    QJsonObject hours;
    for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
        hours.insert(day, QJsonArray{QJsonObject{{"start", "08:00"}, {"end", "18:00"}}});
    const QJsonObject config{
        {"methods", QJsonArray{QJsonObject{{"id", "CT平扫"}, {"precautions", "去除金属物品。"}}}},
        {"bodyParts", QJsonArray{QJsonObject{{"id", "胸部"}}}},
        {"rooms",
         QJsonArray{QJsonObject{
             {"id", "T2"}, {"name", "CT2室"}, {"methodIds", QJsonArray{"CT平扫"}}, {"hours", hours}}}}};
    QCOMPARE(http.call("PUT", "/api/v1/scheduling/config", config, admin).status, 200);

    // Three days ahead, so the server's own round (for tomorrow) stays out of the way.
    const auto date = localDate(3);
    auto book = [&](const QJsonObject& patientExtra, const QString& start) {
        const auto patient = flow.newPatient(QStringLiteral("提醒"), patientExtra);
        const auto exam = http.call("POST", examsPath, ctOrder(patient), registrar).value("id").toInteger();
        return http
            .call("POST", "/api/v1/bookings",
                  QJsonObject{
                      {"items", QJsonArray{QJsonObject{
                                    {"examId", exam}, {"roomId", "T2"}, {"date", date}, {"start", start}}}}},
                  registrar)
            .status;
    };
    QCOMPARE(book({{"phone", "13800138000"}}, "09:00"), 201);
    QCOMPARE(book({}, "10:00"), 201); // no phone

    gateway.status = 500;
    auto round =
        http.call("POST", "/api/v1/scheduling/reminders/send", QJsonObject{{"date", date}}, registrar);
    QVERIFY2(round.status == 200, round.describe());
    QCOMPARE(round.value("failed").toInt(), 1);
    QCOMPARE(round.value("sent").toInt(), 0);
    QCOMPARE(round.value("noPhone").toInt(), 1);
    auto listed = http.get("/api/v1/scheduling/reminders?date=" + date, registrar).value("items").toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed[0].toObject().value("status").toString(), QStringLiteral("failed"));
    QVERIFY(listed[0].toObject().value("lastError").toString().contains("500"));

    gateway.status = 200;
    round = http.call("POST", "/api/v1/scheduling/reminders/send", QJsonObject{{"date", date}}, registrar);
    QCOMPARE(round.value("sent").toInt(), 1);
    QCOMPARE(gateway.received.size(), 2);
    const auto message = gateway.received.last();
    QCOMPARE(message.value("phone").toString(), QStringLiteral("13800138000"));
    const auto text = message.value("text").toString();
    QVERIFY2(text.contains(QStringLiteral("CT2室")) && text.contains(date + " 09:00") &&
                 text.contains(QStringLiteral("去除金属物品")),
             qPrintable(text));
    listed = http.get("/api/v1/scheduling/reminders?date=" + date, registrar).value("items").toArray();
    QCOMPARE(listed[0].toObject().value("attempts").toInt(), 2);
    QCOMPARE(listed[0].toObject().value("status").toString(), QStringLiteral("sent"));

    // Delivered once is enough.
    round = http.call("POST", "/api/v1/scheduling/reminders/send", QJsonObject{{"date", date}}, registrar);
    QCOMPARE(round.value("sent").toInt(), 0);
    QCOMPARE(round.value("alreadySent").toInt(), 1);
    QCOMPARE(gateway.received.size(), 2);

    QCOMPARE(http.call("POST", "/api/v1/scheduling/reminders/send", QJsonObject{{"date", "soon"}}, registrar)
                 .status,
             400);
    QCOMPARE(http.call("POST", "/api/v1/scheduling/reminders/send", QJsonObject{{"date", date}},
                       flow.token("radiologist"))
                 .status,
             403);
    server.terminate();
}

QTEST_GUILESS_MAIN(BookingRemindersTest)
#include "test_booking_reminders.moc"
