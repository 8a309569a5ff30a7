// Check-in and queue calling through the real lumen-server: tickets per room and day, check-in
// by the slip's accession number (as a kiosk scans it), the refusals a patient may meet,
// emergencies first, call next / recall / skip, and names masked for the waiting-room screen.
#include "exam_flow.h"
#include "http_client.h"
#include "server_process.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lumen::test;

namespace {

const QString checkInPath = QStringLiteral("/api/v1/queue/check-in");
const QString queuePath = QStringLiteral("/api/v1/queue/Q1");

QJsonObject openAllDay(const QString& id)
{
    QJsonObject hours;
    for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
        hours.insert(day, QJsonArray{QJsonObject{{"start", "00:00"}, {"end", "24:00"}}});
    return {{"id", id},
            {"name", id + QStringLiteral("室")},
            {"methodIds", QJsonArray{"CT平扫"}},
            {"hours", hours}};
}

QStringList ticketsOf(const QJsonArray& entries)
{
    QStringList out;
    for (const auto& e : entries)
        out << e.toObject().value("ticket").toString();
    return out;
}

} // namespace

class QueueApiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void check_in_by_accession_number_gives_a_ticket_once();
    void patients_who_cannot_check_in_here_are_told_why();
    void emergencies_wait_first_and_calls_are_announced_in_order();
    void skip_puts_the_patient_behind_the_next_one();
    void names_are_masked_and_confidential_patients_show_no_name();
    void a_desk_check_in_also_queues_the_patient();

private:
    // A booked exam in Q1 now (a slot given by hand), for a new patient; returns the exam JSON.
    // A booked exam in Q1 now (a slot given by hand), for a new patient registered by `token`
    // (the registrar when empty); returns the exam JSON.
    QJsonObject bookedNow(const QString& name, const QJsonObject& orderExtra = {},
                          const QJsonObject& patientExtra = {}, int dayOffset = 0, QString token = {});
    QString registrar() const { return m_flow->token("registrar"); }

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<ExamFlow> m_flow;
};

QJsonObject QueueApiTest::bookedNow(const QString& name, const QJsonObject& orderExtra,
                                    const QJsonObject& patientExtra, int dayOffset, QString token)
{
    if (token.isEmpty())
        token = registrar();
    QJsonObject person{{"name", name}, {"sex", "F"}};
    for (auto it = patientExtra.begin(); it != patientExtra.end(); ++it)
        person.insert(it.key(), it.value());
    const auto patient =
        m_http->call("POST", QStringLiteral("/api/v1/patients"), person, token).value("id").toInteger();
    if (!patient)
        return {};
    const auto created = m_http->call("POST", examsPath, ctOrder(patient, orderExtra), token);
    const auto id = created.value("id").toInteger();
    const auto at = QDateTime::currentDateTimeUtc().addDays(dayOffset).toString(Qt::ISODate);
    const auto booked =
        m_http->call("POST", transitionsPath(id),
                     QJsonObject{{"to", "booked"}, {"scheduledAt", at}, {"room", "Q1"}}, token);
    return booked.status == 200 ? booked.object() : QJsonObject{};
}

void QueueApiTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.path(), {"--demo-patients", "5"}), qPrintable(m_server.output()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_flow = std::make_unique<ExamFlow>(*m_http);
    QVERIFY(m_flow->ready());
    const auto admin = m_http->login("admin");
    const auto config = QJsonObject{{"methods", QJsonArray{QJsonObject{{"id", "CT平扫"}, {"groupId", "CT"}}}},
                                    {"bodyParts", QJsonArray{QJsonObject{{"id", "胸部"}}}},
                                    {"rooms", QJsonArray{openAllDay("Q1"), openAllDay("Q2")}}};
    const auto put = m_http->call("PUT", "/api/v1/scheduling/config", config, admin);
    QVERIFY2(put.status == 200, put.describe());
}

void QueueApiTest::cleanupTestCase()
{
    m_server.terminate();
}

void QueueApiTest::check_in_by_accession_number_gives_a_ticket_once()
{
    const auto exam = bookedNow(QStringLiteral("张小三"));
    QVERIFY(!exam.isEmpty());
    const auto accession = exam.value("accessionNumber").toString();
    const auto first =
        m_http->call("POST", checkInPath, QJsonObject{{"accessionNumber", accession}}, registrar());
    QVERIFY2(first.status == 200, first.describe());
    QCOMPARE(first.value("ticket").toString(), QStringLiteral("A001"));
    QCOMPARE(first.value("roomName").toString(), QStringLiteral("Q1室"));
    QCOMPARE(first.value("patientName").toString(), QStringLiteral("张*三"));
    QCOMPARE(first.value("waitingBefore").toInt(), 0);
    QCOMPARE(m_http->get(examPath(exam.value("id").toInteger()), registrar()).value("status").toString(),
             QStringLiteral("checked_in"));
    // Scanned again: the same ticket, nothing new.
    const auto again =
        m_http->call("POST", checkInPath, QJsonObject{{"accessionNumber", accession}}, registrar());
    QCOMPARE(again.status, 200);
    QCOMPARE(again.value("ticket").toString(), QStringLiteral("A001"));
    QVERIFY(again.value("again").toBool());
    const auto queue = m_http->get(queuePath, registrar());
    QCOMPARE(ticketsOf(queue.value("waiting").toArray()), QStringList{"A001"});
    // The booking follows the exam.
    const auto bookings =
        m_http->get("/api/v1/bookings?examId=" + QString::number(exam.value("id").toInteger()), registrar());
    QCOMPARE(bookings.value("items").toArray()[0].toObject().value("status").toString(),
             QStringLiteral("checked_in"));
}

void QueueApiTest::patients_who_cannot_check_in_here_are_told_why()
{
    QCOMPARE(
        m_http->call("POST", checkInPath, QJsonObject{{"accessionNumber", "R19990101-9999"}}, registrar())
            .status,
        404);
    const auto tomorrow = bookedNow(QStringLiteral("明天的"), {}, {}, 1);
    const auto notToday = m_http->call(
        "POST", checkInPath, QJsonObject{{"accessionNumber", tomorrow.value("accessionNumber").toString()}},
        registrar());
    QCOMPARE(notToday.status, 409);
    QCOMPARE(notToday.errorCode(), QStringLiteral("not_today"));
    const auto cancelled = bookedNow(QStringLiteral("取消的"));
    QCOMPARE(m_http
                 ->call("POST", transitionsPath(cancelled.value("id").toInteger()),
                        QJsonObject{{"to", "cancelled"}, {"note", "患者取消"}}, registrar())
                 .status,
             200);
    const auto refused = m_http->call(
        "POST", checkInPath, QJsonObject{{"accessionNumber", cancelled.value("accessionNumber").toString()}},
        registrar());
    QCOMPARE(refused.status, 409);
    QVERIFY(refused.errorMessage().contains("cancelled"));
    for (const auto& body :
         {QJsonObject{}, QJsonObject{{"accessionNumber", 42}}, QJsonObject{{"examId", "x"}}})
        QCOMPARE(m_http->call("POST", checkInPath, body, registrar()).status, 400);
    QCOMPARE(m_http->callRaw("POST", checkInPath, "{", registrar()).status, 400);
    // Reading the queue needs a session; checking in needs the desk's permission.
    QCOMPARE(m_http->get(queuePath, QString()).status, 401);
    QCOMPARE(
        m_http->call("POST", checkInPath, QJsonObject{{"accessionNumber", "x"}}, m_flow->token("radiologist"))
            .status,
        403);
}

void QueueApiTest::emergencies_wait_first_and_calls_are_announced_in_order()
{
    // Empty the queue left by earlier tests.
    while (m_http->call("POST", queuePath + "/call-next", QJsonObject{}, registrar()).status == 200) {
    }
    QCOMPARE(m_http->call("POST", queuePath + "/call-next", QJsonObject{}, registrar()).errorCode(),
             QStringLiteral("queue_empty"));
    const auto routine = bookedNow(QStringLiteral("常规甲"));
    const auto urgent =
        bookedNow(QStringLiteral("急诊乙"), {{"priority", "emergency"}, {"patientSource", "emergency"}});
    for (const auto& e : {routine, urgent})
        QCOMPARE(
            m_http->call("POST", checkInPath, QJsonObject{{"examId", e.value("id").toInteger()}}, registrar())
                .status,
            200);
    const auto waiting = m_http->get(queuePath, registrar()).value("waiting").toArray();
    QCOMPARE(waiting[0].toObject().value("examId").toInteger(), urgent.value("id").toInteger());

    const auto called =
        m_http->call("POST", queuePath + "/call-next", QJsonObject{}, m_flow->token("technologist"));
    QVERIFY2(called.status == 200, called.describe());
    QCOMPARE(called.value("examId").toInteger(), urgent.value("id").toInteger());
    const auto recall = m_http->call("POST", queuePath + "/recall",
                                     QJsonObject{{"examId", urgent.value("id").toInteger()}}, registrar());
    QVERIFY2(recall.status == 200, recall.describe());
    QVERIFY(recall.value("seq").toInteger() > called.value("seq").toInteger());
    const auto queue = m_http->get(queuePath, registrar());
    QCOMPARE(queue.value("current").toObject().value("examId").toInteger(), urgent.value("id").toInteger());
    const auto calls = queue.value("calls").toArray();
    QCOMPARE(calls.last().toObject().value("kind").toString(), QStringLiteral("recall"));
    QCOMPARE(calls.at(calls.size() - 2).toObject().value("kind").toString(), QStringLiteral("call"));
    QCOMPARE(calls.last().toObject().value("patientName").toString(), QStringLiteral("急*乙"));
    // A waiting patient cannot be recalled; another room's patient is not in this queue.
    QCOMPARE(m_http
                 ->call("POST", queuePath + "/recall",
                        QJsonObject{{"examId", routine.value("id").toInteger()}}, registrar())
                 .status,
             409);
    QCOMPARE(m_http
                 ->call("POST", "/api/v1/queue/Q2/recall",
                        QJsonObject{{"examId", urgent.value("id").toInteger()}}, registrar())
                 .status,
             404);
}

void QueueApiTest::skip_puts_the_patient_behind_the_next_one()
{
    while (m_http->call("POST", queuePath + "/call-next", QJsonObject{}, registrar()).status == 200) {
    }
    QList<qint64> ids;
    for (const char* name : {"排队一", "排队二", "排队三"}) {
        const auto e = bookedNow(QString::fromUtf8(name));
        ids << e.value("id").toInteger();
        QCOMPARE(m_http->call("POST", checkInPath, QJsonObject{{"examId", ids.last()}}, registrar()).status,
                 200);
    }
    const auto called = m_http->call("POST", queuePath + "/call-next", QJsonObject{}, registrar());
    QCOMPARE(called.value("examId").toInteger(), ids[0]);
    // Not there when called: back in the queue behind the next patient.
    const auto skipped =
        m_http->call("POST", queuePath + "/skip", QJsonObject{{"examId", ids[0]}}, registrar());
    QVERIFY2(skipped.status == 200, skipped.describe());
    QCOMPARE(skipped.value("status").toString(), QStringLiteral("checked_in"));
    const auto waiting = m_http->get(queuePath, registrar()).value("waiting").toArray();
    QList<qint64> order;
    for (const auto& w : waiting)
        order << w.toObject().value("examId").toInteger();
    QCOMPARE(order, (QList<qint64>{ids[1], ids[0], ids[2]}));
}

void QueueApiTest::names_are_masked_and_confidential_patients_show_no_name()
{
    const auto compound = bookedNow(QStringLiteral("欧阳小明"));
    // Confidential patients are registered and checked in by those allowed to see them.
    const auto admin = m_http->login("admin");
    const auto secret = bookedNow(QStringLiteral("保密患者"), {}, {{"confidential", true}}, 0, admin);
    QVERIFY(!compound.isEmpty() && !secret.isEmpty());
    const auto a = m_http->call("POST", checkInPath,
                                QJsonObject{{"examId", compound.value("id").toInteger()}}, registrar());
    QCOMPARE(a.value("patientName").toString(), QStringLiteral("欧阳*明"));
    const auto b =
        m_http->call("POST", checkInPath, QJsonObject{{"examId", secret.value("id").toInteger()}}, admin);
    QVERIFY2(b.status == 200, b.describe());
    QCOMPARE(b.value("patientName").toString(), QString());
    const auto queue = m_http->get(queuePath, registrar());
    for (const auto& w : queue.value("waiting").toArray())
        if (w.toObject().value("examId").toInteger() == secret.value("id").toInteger())
            QCOMPARE(w.toObject().value("patientName").toString(), QString());
    QVERIFY(!QString::fromUtf8(queue.body).contains(QStringLiteral("保密")));
}

void QueueApiTest::a_desk_check_in_also_queues_the_patient()
{
    const auto exam = bookedNow(QStringLiteral("窗口报到"));
    const auto step = m_http->call("POST", transitionsPath(exam.value("id").toInteger()),
                                   QJsonObject{{"to", "checked_in"}}, registrar());
    QVERIFY2(step.status == 200, step.describe());
    bool found = false;
    for (const auto& w : m_http->get(queuePath, registrar()).value("waiting").toArray())
        found = found || w.toObject().value("examId").toInteger() == exam.value("id").toInteger();
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(QueueApiTest)
#include "test_queue_api.moc"
