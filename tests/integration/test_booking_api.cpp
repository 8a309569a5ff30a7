// The appointment book through the real lumen-server: the configuration document, recommending
// and booking a combined exam, refusals by rule, change and cancel in step with the exam,
// 50 clients racing for scarce slots, the book surviving kill -9, hand-given slots, room stops
// and bad input. The test brings its own configuration (rooms open around the clock), so it
// does not depend on the weekday or hour it runs at.
#include "concurrent_calls.h"
#include "exam_flow.h"
#include "http_client.h"
#include "server_process.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace lumen::test;

namespace {

const QString configPath = QStringLiteral("/api/v1/scheduling/config");
const QString bookingsPath = QStringLiteral("/api/v1/bookings");

QJsonObject quota(int outpatient, int inpatient, int total)
{
    return {{"groupId", ""}, {"maxOutpatient", outpatient}, {"maxInpatient", inpatient}, {"maxTotal", total}};
}

// Open every day 00:00-24:00 in one segment with `quota` for the whole day.
QJsonObject allDayRoom(const QString& id, const QJsonArray& methods, const QJsonObject& dayQuota)
{
    QJsonObject hours;
    for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
        hours.insert(day, QJsonArray{QJsonObject{
                              {"start", "00:00"}, {"end", "24:00"}, {"quotas", QJsonArray{dayQuota}}}});
    return {{"id", id},
            {"name", id + QStringLiteral("室")},
            {"department", "radiology"},
            {"methodIds", methods},
            {"hours", hours},
            {"slotStepMinutes", 10},
            {"bookableDaysAhead", 14}};
}

// T1: the scarce CT room (6 exams a day); T2: a second CT room; U1: ultrasound.
QJsonObject testConfig()
{
    return {
        {"utcOffsetMinutes", 480},
        {"methods", QJsonArray{QJsonObject{{"id", "CT平扫"},
                                           {"groupId", "CT"},
                                           {"baseMinutes", 10},
                                           {"precautions", "去除金属物品。"}},
                               QJsonObject{{"id", "彩超"}, {"groupId", "US"}, {"baseMinutes", 10}}}},
        {"bodyParts",
         QJsonArray{QJsonObject{{"id", "胸部"}, {"timeCoefficient", 1.0}},
                    QJsonObject{{"id", "上腹部"}, {"timeCoefficient", 2.0}, {"precautions", "检查前禁食。"}},
                    QJsonObject{{"id", "肝胆胰脾"}, {"timeCoefficient", 1.0}}}},
        {"rooms", QJsonArray{allDayRoom("T1", {"CT平扫"}, quota(-1, -1, 6)),
                             allDayRoom("T2", {"CT平扫"}, quota(-1, -1, -1)),
                             allDayRoom("U1", {"彩超"}, quota(-1, -1, -1))}},
        {"rules", QJsonObject{{"orderRules", QJsonArray{QJsonObject{
                                                 {"id", "order-ct-after-ultrasound"},
                                                 {"before", QJsonObject{{"methodIds", QJsonArray{"彩超"}}}},
                                                 {"after", QJsonObject{{"methodIds", QJsonArray{"CT平扫"}}}},
                                                 {"minGapMinutes", 30}}}}}}};
}

// The hospital's date (UTC+8) `days` from today.
QString localDate(int days)
{
    return QDateTime::currentDateTimeUtc().addSecs(8 * 3600).date().addDays(days).toString(Qt::ISODate);
}

QJsonObject slot(qint64 examId, const QString& room, const QString& date, const QString& start)
{
    return {{"examId", examId}, {"roomId", room}, {"date", date}, {"start", start}};
}

QStringList refusalCodes(const HttpReply& reply)
{
    QStringList codes;
    for (const auto& r : reply.errorDetails().value("refusals").toArray())
        codes << r.toObject().value("code").toString();
    return codes;
}

int minutes(const QString& hhmm)
{
    return hhmm.left(2).toInt() * 60 + hhmm.mid(3, 2).toInt();
}

} // namespace

class BookingApiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void configuration_round_trips_and_bad_documents_are_refused();
    void only_scheduling_admins_change_the_configuration();
    void a_combined_exam_is_recommended_and_booked_all_or_nothing();
    void refused_slots_name_the_rule_and_change_nothing();
    void change_moves_the_slot_and_cancel_gives_it_back();
    void fifty_clients_racing_for_six_slots_never_double_book();
    void the_book_survives_kill_9_and_keeps_refusing_taken_slots();
    void a_slot_given_by_hand_is_entered_in_the_book();
    void stopping_a_room_moves_its_bookings_and_lists_whom_to_call();
    void malformed_booking_requests_are_refused();
    void statistics_count_bookings_attendance_and_usage();

private:
    qint64 newExam(const QString& name, const QJsonObject& order = {});
    QString registrar() const { return m_flow->token("registrar"); }

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<ExamFlow> m_flow;
    QString m_admin;
    int m_patients = 0;
};

qint64 BookingApiTest::newExam(const QString& name, const QJsonObject& order)
{
    const auto patient = m_flow->newPatient(name + QString::number(++m_patients));
    if (!patient)
        return 0;
    auto body = order.isEmpty() ? ctOrder(patient) : order;
    body.insert("patientId", patient);
    const auto created = m_http->call("POST", examsPath, body, registrar());
    return created.status == 201 ? created.value("id").toInteger() : 0;
}

void BookingApiTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.path(), {"--demo-patients", "5"}), qPrintable(m_server.output()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_flow = std::make_unique<ExamFlow>(*m_http);
    QVERIFY(m_flow->ready());
    m_admin = m_http->login("admin");
    QVERIFY(!m_admin.isEmpty());
    const auto current = m_http->get(configPath, m_admin);
    QCOMPARE(current.status, 200);
    auto config = testConfig();
    config.insert("version", current.value("version"));
    const auto put = m_http->call("PUT", configPath, config, m_admin);
    QVERIFY2(put.status == 200, put.describe());
}

void BookingApiTest::cleanupTestCase()
{
    m_server.terminate();
}

void BookingApiTest::configuration_round_trips_and_bad_documents_are_refused()
{
    const auto stored = m_http->get(configPath, registrar());
    QCOMPARE(stored.status, 200);
    const auto rooms = stored.value("rooms").toArray();
    QCOMPARE(rooms.size(), 3);
    QCOMPARE(rooms[0]
                 .toObject()
                 .value("hours")
                 .toObject()
                 .value("sunday")
                 .toArray()[0]
                 .toObject()
                 .value("end")
                 .toString(),
             QStringLiteral("24:00"));
    QCOMPARE(stored.value("rules").toObject().value("orderRules").toArray().size(), 1);

    // Sent back unchanged with its version: accepted, version + 1.
    const auto version = stored.value("version").toInteger();
    auto again = m_http->call("PUT", configPath, stored.object(), m_admin);
    QVERIFY2(again.status == 200, again.describe());
    QCOMPARE(again.value("version").toInteger(), version + 1);
    // A stale version is a conflict.
    QCOMPARE(m_http->call("PUT", configPath, stored.object(), m_admin).status, 409);

    struct Bad
    {
        const char* name;
        QJsonObject document;
        const char* problem;
    };
    auto badRoom = testConfig();
    auto roomsArray = badRoom.value("rooms").toArray();
    auto t1 = roomsArray[0].toObject();
    t1.insert("hours",
              QJsonObject{{"monday", QJsonArray{QJsonObject{{"start", "25:00"}, {"end", "12:00"}}}}});
    roomsArray[0] = t1;
    badRoom.insert("rooms", roomsArray);
    auto unknownMethod = testConfig();
    auto r2 = unknownMethod.value("rooms").toArray();
    auto t2 = r2[1].toObject();
    t2.insert("methodIds", QJsonArray{"不存在的方法"});
    r2[1] = t2;
    unknownMethod.insert("rooms", r2);
    auto wrongType = testConfig();
    wrongType.insert("methods", QJsonObject{{"id", "x"}});
    const QList<Bad> bad = {{"clock", badRoom, "rooms[0].hours.monday[0].start"},
                            {"unknown method", unknownMethod, "不存在的方法"},
                            {"wrong type", wrongType, "methods"}};
    const auto before = m_http->get(configPath, registrar()).value("version").toInteger();
    for (const auto& b : bad) {
        const auto reply = m_http->call("PUT", configPath, b.document, m_admin);
        QVERIFY2(reply.status == 400, b.name);
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid_config"));
        const auto problems = reply.errorDetails().value("problems").toArray();
        QVERIFY2(!problems.isEmpty(), b.name);
        bool named = false;
        for (const auto& p : problems)
            named = named || p.toString().contains(QString::fromUtf8(b.problem));
        QVERIFY2(named, qPrintable(QString::fromUtf8(b.name) + ": " + QString::fromUtf8(reply.body)));
    }
    QCOMPARE(m_http->callRaw("PUT", configPath, "{\"rooms\": [", m_admin).status, 400);
    QCOMPARE(m_http->get(configPath, registrar()).value("version").toInteger(), before);
}

void BookingApiTest::only_scheduling_admins_change_the_configuration()
{
    const auto stored = m_http->get(configPath, registrar());
    const auto reply = m_http->call("PUT", configPath, stored.object(), registrar());
    QCOMPARE(reply.status, 403);
    QVERIFY(reply.errorMessage().contains("scheduling.admin"));
    const auto stop =
        m_http->call("POST", "/api/v1/scheduling/rooms/T2/stop",
                     QJsonObject{{"from", localDate(1)}, {"to", localDate(1)}, {"reason", "x"}}, registrar());
    QCOMPARE(stop.status, 403);
}

void BookingApiTest::a_combined_exam_is_recommended_and_booked_all_or_nothing()
{
    // One patient: a CT of chest + upper abdomen (10 + 20 minutes) and an abdominal ultrasound
    // that must come at least 30 minutes before the CT (the order rule).
    const auto patient = m_flow->newPatient(QStringLiteral("组合检查"));
    QVERIFY(patient);
    const auto ct = m_http->call(
        "POST", examsPath,
        ctOrder(patient, {{"items", QJsonArray{QJsonObject{{"method", "CT平扫"}, {"bodyPart", "胸部"}},
                                               QJsonObject{{"method", "CT平扫"}, {"bodyPart", "上腹部"}}}}}),
        registrar());
    QCOMPARE(ct.status, 201);
    const auto us = m_http->call(
        "POST", examsPath,
        QJsonObject{{"patientId", patient},
                    {"department", "ultrasound"},
                    {"items", QJsonArray{QJsonObject{{"method", "彩超"}, {"bodyPart", "肝胆胰脾"}}}}},
        registrar());
    QCOMPARE(us.status, 201);
    const auto ctId = ct.value("id").toInteger(), usId = us.value("id").toInteger();

    const auto rec =
        m_http->call("POST", "/api/v1/scheduling/recommend",
                     QJsonObject{{"examIds", QJsonArray{ctId, usId}},
                                 {"preferences", QJsonObject{{"sameDay", true}, {"date", localDate(2)}}}},
                     registrar());
    QVERIFY2(rec.status == 200, rec.describe());
    const auto combos = rec.value("combinations").toArray();
    QVERIFY(!combos.isEmpty());
    const auto best = combos[0].toObject().value("proposals").toArray();
    QCOMPARE(best.size(), 2);
    const auto ctSlot = best[0].toObject(), usSlot = best[1].toObject();
    QCOMPARE(ctSlot.value("examId").toInteger(), ctId);
    QCOMPARE(ctSlot.value("durationMinutes").toInt(), 30);
    QCOMPARE(ctSlot.value("date").toString(), localDate(2));
    QVERIFY(ctSlot.value("precautions").toString().contains(QStringLiteral("禁食")));
    QVERIFY2(minutes(ctSlot.value("start").toString()) >= minutes(usSlot.value("end").toString()) + 30,
             "the ultrasound comes 30 minutes before the CT");

    // Book the combination; one of two slots refused means none is taken.
    const auto clash = m_http->call(
        "POST", bookingsPath,
        QJsonObject{{"items", QJsonArray{slot(ctId, "T2", localDate(2), ctSlot.value("start").toString()),
                                         slot(usId, "U1", localDate(2), "23:55")}}},
        registrar());
    QCOMPARE(clash.status, 409);
    QCOMPARE(m_http->get(examPath(ctId), registrar()).value("status").toString(),
             QStringLiteral("requested"));

    QJsonArray items;
    for (const auto& p : best) {
        const auto o = p.toObject();
        items.append(slot(o.value("examId").toInteger(), o.value("roomId").toString(),
                          o.value("date").toString(), o.value("start").toString()));
    }
    const auto booked = m_http->call("POST", bookingsPath, QJsonObject{{"items", items}}, registrar());
    QVERIFY2(booked.status == 201, booked.describe());
    QCOMPARE(booked.value("items").toArray().size(), 2);
    const auto exam = m_http->get(examPath(ctId), registrar());
    QCOMPARE(exam.value("status").toString(), QStringLiteral("booked"));
    QCOMPARE(exam.value("room").toString(), ctSlot.value("roomId").toString());
    // 08:xx local on that date is 00:xx UTC: scheduledAt is the UTC instant of the slot.
    const auto at =
        QDateTime::fromString(exam.value("scheduledAt").toString(), Qt::ISODate).addSecs(8 * 3600);
    QCOMPARE(at.toString("yyyy-MM-dd HH:mm"), localDate(2) + " " + ctSlot.value("start").toString());
    const auto listed = m_http->get(bookingsPath + "?patientId=" + QString::number(patient), registrar());
    QCOMPARE(listed.value("items").toArray().size(), 2);
    // Booked exams are not recommended again.
    const auto again = m_http->call("POST", "/api/v1/scheduling/recommend",
                                    QJsonObject{{"examIds", QJsonArray{ctId}}}, registrar());
    QCOMPARE(again.status, 409);
    QCOMPARE(again.errorCode(), QStringLiteral("not_bookable"));
}

void BookingApiTest::refused_slots_name_the_rule_and_change_nothing()
{
    const auto exam = newExam(QStringLiteral("拒绝"));
    QVERIFY(exam);
    struct Case
    {
        const char* name;
        QJsonObject slot;
        const char* code;
    };
    const QList<Case> cases = {
        {"misaligned", slot(exam, "T2", localDate(3), "09:05"), "misaligned_start"},
        {"room cannot", slot(exam, "U1", localDate(3), "09:00"), "room_cannot_perform_method"},
        {"unknown room", slot(exam, "ZZ9", localDate(3), "09:00"), "unknown_room"},
        {"past", slot(exam, "T2", localDate(-1), "09:00"), "slot_in_past"},
        {"horizon", slot(exam, "T2", localDate(30), "09:00"), "beyond_booking_horizon"},
    };
    for (const auto& c : cases) {
        const auto check = m_http->call("POST", "/api/v1/scheduling/check", c.slot, registrar());
        QVERIFY2(check.status == 200, check.describe());
        QStringList checkCodes;
        for (const auto& r : check.value("refusals").toArray())
            checkCodes << r.toObject().value("code").toString();
        QVERIFY2(checkCodes.contains(c.code), qPrintable(QString(c.name) + ": " + checkCodes.join(',')));
        const auto reply =
            m_http->call("POST", bookingsPath, QJsonObject{{"items", QJsonArray{c.slot}}}, registrar());
        QVERIFY2(reply.status == 409, c.name);
        QCOMPARE(reply.errorCode(), QStringLiteral("slot_refused"));
        QVERIFY2(refusalCodes(reply).contains(c.code), qPrintable(refusalCodes(reply).join(',')));
    }
    QCOMPARE(m_http->get(examPath(exam), registrar()).value("status").toString(),
             QStringLiteral("requested"));
    QCOMPARE(m_http->get(bookingsPath + "?examId=" + QString::number(exam), registrar())
                 .value("items")
                 .toArray()
                 .size(),
             0);
}

void BookingApiTest::change_moves_the_slot_and_cancel_gives_it_back()
{
    const auto exam = newExam(QStringLiteral("改约"));
    const auto other = newExam(QStringLiteral("改约后来者"));
    QVERIFY(exam && other);
    const auto date = localDate(4);
    const auto booked =
        m_http->call("POST", bookingsPath,
                     QJsonObject{{"items", QJsonArray{slot(exam, "T2", date, "10:00")}}}, registrar());
    QVERIFY2(booked.status == 201, booked.describe());
    const auto id = booked.value("items").toArray()[0].toObject().value("id").toInteger();
    const auto bookingPath = bookingsPath + "/" + QString::number(id);

    const auto moved = m_http->call(
        "PUT", bookingPath, QJsonObject{{"roomId", "T2"}, {"date", date}, {"start", "14:00"}}, registrar());
    QVERIFY2(moved.status == 200, moved.describe());
    QCOMPARE(moved.value("start").toString(), QStringLiteral("14:00"));
    // The old slot is free again, the new one taken.
    QVERIFY(m_http
                ->call("POST", bookingsPath,
                       QJsonObject{{"items", QJsonArray{slot(other, "T2", date, "10:00")}}}, registrar())
                .status == 201);
    const auto timeline = m_http->get(timelinePath(exam), registrar()).value("items").toArray();
    QVERIFY(timeline.last().toObject().value("note").toString().contains("14:00"));

    // A refused change leaves the booking where it was.
    const auto refused = m_http->call(
        "PUT", bookingPath, QJsonObject{{"roomId", "T2"}, {"date", date}, {"start", "10:00"}}, registrar());
    QCOMPARE(refused.status, 409);
    QVERIFY(refusalCodes(refused).contains("slot_taken"));
    QCOMPARE(m_http->get(bookingsPath + "?examId=" + QString::number(exam), registrar())
                 .value("items")
                 .toArray()[0]
                 .toObject()
                 .value("start")
                 .toString(),
             QStringLiteral("14:00"));

    QCOMPARE(m_http->call("DELETE", bookingPath, QJsonObject{}, registrar()).errorCode(),
             QStringLiteral("missing_field"));
    const auto cancelled =
        m_http->call("DELETE", bookingPath, QJsonObject{{"reason", "患者要求改期"}}, registrar());
    QVERIFY2(cancelled.status == 200, cancelled.describe());
    QCOMPARE(cancelled.value("status").toString(), QStringLiteral("cancelled"));
    const auto examNow = m_http->get(examPath(exam), registrar());
    QCOMPARE(examNow.value("status").toString(), QStringLiteral("requested"));
    QVERIFY(examNow.value("scheduledAt").isNull());
    QCOMPARE(m_http->call("DELETE", bookingPath, QJsonObject{{"reason", "again"}}, registrar()).status, 409);
    // The freed slot can be booked again, by the same exam.
    QCOMPARE(m_http
                 ->call("POST", bookingsPath,
                        QJsonObject{{"items", QJsonArray{slot(exam, "T2", date, "14:00")}}}, registrar())
                 .status,
             201);
    // Cancelling the exam itself releases its booking.
    const auto step = m_http->call("POST", transitionsPath(exam),
                                   QJsonObject{{"to", "cancelled"}, {"note", "取消检查"}}, registrar());
    QVERIFY2(step.status == 200, step.describe());
    QCOMPARE(m_http
                 ->call("POST", bookingsPath,
                        QJsonObject{{"items", QJsonArray{slot(other, "T2", date, "14:00")}}}, registrar())
                 .errorCode(),
             QStringLiteral("not_bookable")); // `other` is booked already: the slot itself is free
    const auto third = newExam(QStringLiteral("改约第三人"));
    QCOMPARE(m_http
                 ->call("POST", bookingsPath,
                        QJsonObject{{"items", QJsonArray{slot(third, "T2", date, "14:00")}}}, registrar())
                 .status,
             201);
}

void BookingApiTest::fifty_clients_racing_for_six_slots_never_double_book()
{
    // T1 takes 6 exams a day. 50 clients ask at once for 10 distinct starts.
    QList<qint64> exams;
    for (int i = 0; i < 50; ++i) {
        exams << newExam(QStringLiteral("并发"));
        QVERIFY(exams.last());
    }
    const auto date = localDate(5);
    QList<HttpClient::Request> requests;
    for (int i = 0; i < 50; ++i) {
        const auto start = QTime(9, 0).addSecs((i % 10) * 600).toString("HH:mm");
        requests.append({"POST", bookingsPath,
                         QJsonObject{{"items", QJsonArray{slot(exams[i], "T1", date, start)}}}, registrar()});
    }
    const auto replies = callConcurrently(m_server.httpPort(), requests);
    int ok = 0;
    for (const auto& r : replies) {
        if (r.status == 201) {
            ++ok;
            continue;
        }
        QVERIFY2(r.status == 409, r.describe());
        const auto codes = refusalCodes(r);
        QVERIFY2(codes.contains("slot_taken") || codes.contains("total_quota_full"), r.describe());
    }
    QCOMPARE(ok, 6);
    const auto listed =
        m_http->get(bookingsPath + "?date=" + date + "&roomId=T1", registrar()).value("items").toArray();
    QCOMPARE(listed.size(), 6);
    QSet<QString> starts;
    for (const auto& b : listed)
        starts.insert(b.toObject().value("start").toString());
    QCOMPARE(starts.size(), 6);
    int booked = 0;
    for (auto id : exams)
        booked += m_http->get(examPath(id), registrar()).value("status").toString() == "booked";
    QCOMPARE(booked, 6);
}

void BookingApiTest::the_book_survives_kill_9_and_keeps_refusing_taken_slots()
{
    // T1 takes 6 a day: fill it, kill the server, and the restarted book still knows.
    const auto date = localDate(6);
    for (int i = 0; i < 6; ++i) {
        const auto exam = newExam(QStringLiteral("断电"));
        const auto start = QTime(8, 0).addSecs(i * 1200).toString("HH:mm");
        const auto booked =
            m_http->call("POST", bookingsPath,
                         QJsonObject{{"items", QJsonArray{slot(exam, "T1", date, start)}}}, registrar());
        QVERIFY2(booked.status == 201, booked.describe());
    }
    const auto later = newExam(QStringLiteral("断电后"));
    m_server.kill();
    QVERIFY2(m_server.start(m_dir.path()), qPrintable(m_server.output()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_flow = std::make_unique<ExamFlow>(*m_http);
    m_admin = m_http->login("admin");
    QCOMPARE(m_http->get(bookingsPath + "?date=" + date + "&roomId=T1", registrar())
                 .value("items")
                 .toArray()
                 .size(),
             6);
    const auto taken =
        m_http->call("POST", bookingsPath,
                     QJsonObject{{"items", QJsonArray{slot(later, "T1", date, "08:00")}}}, registrar());
    QCOMPARE(taken.status, 409);
    QVERIFY(refusalCodes(taken).contains("slot_taken"));
    const auto full =
        m_http->call("POST", bookingsPath,
                     QJsonObject{{"items", QJsonArray{slot(later, "T1", date, "16:00")}}}, registrar());
    QCOMPARE(full.status, 409);
    QVERIFY(refusalCodes(full).contains("total_quota_full"));
    // New bookings after the restart get fresh ids.
    const auto elsewhere =
        m_http->call("POST", bookingsPath,
                     QJsonObject{{"items", QJsonArray{slot(later, "T2", date, "16:00")}}}, registrar());
    QVERIFY2(elsewhere.status == 201, elsewhere.describe());
}

void BookingApiTest::a_slot_given_by_hand_is_entered_in_the_book()
{
    const auto date = localDate(7);
    const auto squeezed = newExam(QStringLiteral("加号"));
    const auto later = newExam(QStringLiteral("加号后"));
    const auto scheduledAt = QDateTime(QDate::fromString(date, Qt::ISODate), QTime(12, 0), Qt::UTC)
                                 .addSecs(-8 * 3600)
                                 .toString(Qt::ISODate);
    const auto step = m_http->call(
        "POST", transitionsPath(squeezed),
        QJsonObject{{"to", "booked"}, {"scheduledAt", scheduledAt}, {"room", "T2"}}, registrar());
    QVERIFY2(step.status == 200, step.describe());
    const auto listed = m_http->get(bookingsPath + "?examId=" + QString::number(squeezed), registrar())
                            .value("items")
                            .toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed[0].toObject().value("start").toString(), QStringLiteral("12:00"));
    const auto clash =
        m_http->call("POST", bookingsPath,
                     QJsonObject{{"items", QJsonArray{slot(later, "T2", date, "12:00")}}}, registrar());
    QVERIFY(refusalCodes(clash).contains("slot_taken"));
}

void BookingApiTest::stopping_a_room_moves_its_bookings_and_lists_whom_to_call()
{
    const auto date = localDate(8);
    const auto exam = newExam(QStringLiteral("停机"));
    QCOMPARE(m_http
                 ->call("POST", bookingsPath,
                        QJsonObject{{"items", QJsonArray{slot(exam, "T1", date, "09:00")}}}, registrar())
                 .status,
             201);
    const QJsonObject stop{{"from", date}, {"to", date}, {"reason", "设备故障"}, {"preview", true}};
    const auto preview = m_http->call("POST", "/api/v1/scheduling/rooms/T1/stop", stop, m_admin);
    QVERIFY2(preview.status == 200, preview.describe());
    const auto notices = preview.value("notices").toArray();
    QCOMPARE(notices.size(), 1);
    QCOMPARE(notices[0].toObject().value("new").toObject().value("roomId").toString(), QStringLiteral("T2"));
    QVERIFY(notices[0].toObject().value("patientName").toString().startsWith(QStringLiteral("停机")));
    // The preview changed nothing.
    QCOMPARE(m_http->get(examPath(exam), registrar()).value("room").toString(), QStringLiteral("T1"));

    auto apply = stop;
    apply.insert("preview", false);
    const auto done = m_http->call("POST", "/api/v1/scheduling/rooms/T1/stop", apply, m_admin);
    QVERIFY2(done.status == 200, done.describe());
    QCOMPARE(m_http->get(examPath(exam), registrar()).value("room").toString(), QStringLiteral("T2"));
    const auto other = newExam(QStringLiteral("停机后"));
    const auto refused =
        m_http->call("POST", bookingsPath,
                     QJsonObject{{"items", QJsonArray{slot(other, "T1", date, "15:00")}}}, registrar());
    QVERIFY(refusalCodes(refused).contains("room_stopped"));
    QCOMPARE(m_http
                 ->call("POST", "/api/v1/scheduling/rooms/T1/reopen",
                        QJsonObject{{"from", date}, {"to", date}}, m_admin)
                 .status,
             204);
    QCOMPARE(m_http
                 ->call("POST", bookingsPath,
                        QJsonObject{{"items", QJsonArray{slot(other, "T1", date, "15:00")}}}, registrar())
                 .status,
             201);
}

void BookingApiTest::malformed_booking_requests_are_refused()
{
    const auto exam = newExam(QStringLiteral("坏请求"));
    const QList<std::pair<const char*, QJsonObject>> bad = {
        {"no items", QJsonObject{}},
        {"items not a list", QJsonObject{{"items", "T2"}}},
        {"empty", QJsonObject{{"items", QJsonArray{}}}},
        {"exam id text", QJsonObject{{"items", QJsonArray{QJsonObject{{"examId", "1; DROP TABLE bookings"},
                                                                      {"roomId", "T2"},
                                                                      {"date", localDate(2)},
                                                                      {"start", "09:00"}}}}}},
        {"bad date", QJsonObject{{"items", QJsonArray{slot(exam, "T2", "2026-02-30", "09:00")}}}},
        {"bad time", QJsonObject{{"items", QJsonArray{slot(exam, "T2", localDate(2), "9h")}}}},
        {"bad channel",
         QJsonObject{{"channel", "fax"}, {"items", QJsonArray{slot(exam, "T2", localDate(2), "09:00")}}}},
        {"twice", QJsonObject{{"items", QJsonArray{slot(exam, "T2", localDate(2), "09:00"),
                                                   slot(exam, "T2", localDate(2), "10:00")}}}},
    };
    for (const auto& [name, body] : bad) {
        const auto reply = m_http->call("POST", bookingsPath, body, registrar());
        QVERIFY2(reply.status == 400, qPrintable(QString(name) + ": " + QString::fromUtf8(reply.describe())));
    }
    QCOMPARE(m_http->callRaw("POST", bookingsPath, "{\"items\": [", registrar()).status, 400);
    QCOMPARE(m_http
                 ->call("POST", bookingsPath,
                        QJsonObject{{"items", QJsonArray{slot(999999, "T2", localDate(2), "09:00")}}},
                        registrar())
                 .status,
             404);
    QCOMPARE(m_http->get(bookingsPath, registrar()).status, 400);
    QCOMPARE(m_http->get(bookingsPath + "?date=tomorrow", registrar()).status, 400);
    QCOMPARE(m_http
                 ->call("PUT", bookingsPath + "/999999",
                        QJsonObject{{"roomId", "T2"}, {"date", localDate(2)}, {"start", "09:00"}},
                        registrar())
                 .status,
             404);
    // Nothing of it reached the book.
    QCOMPARE(m_http->get(examPath(exam), registrar()).value("status").toString(),
             QStringLiteral("requested"));
    // The technologist may read the book but not book.
    const auto tech = m_flow->token("technologist");
    QCOMPARE(m_http
                 ->call("POST", bookingsPath,
                        QJsonObject{{"items", QJsonArray{slot(exam, "T2", localDate(2), "09:00")}}}, tech)
                 .status,
             403);
}

void BookingApiTest::statistics_count_bookings_attendance_and_usage()
{
    // Day 9 in T2: four bookings; one cancelled, one attended, one no-show, one still booked.
    const auto date = localDate(9);
    QList<qint64> ids;
    for (int i = 0; i < 4; ++i) {
        const auto exam = newExam(QStringLiteral("统计"));
        const auto start = QTime(9, 0).addSecs(i * 1800).toString("HH:mm");
        const auto booked =
            m_http->call("POST", bookingsPath,
                         QJsonObject{{"items", QJsonArray{slot(exam, "T2", date, start)}}}, registrar());
        QVERIFY2(booked.status == 201, booked.describe());
        ids << booked.value("items").toArray()[0].toObject().value("id").toInteger();
        if (i == 1)
            QCOMPARE(
                m_http->call("POST", transitionsPath(exam), QJsonObject{{"to", "checked_in"}}, registrar())
                    .status,
                200);
        if (i == 2)
            QCOMPARE(m_http
                         ->call("POST", transitionsPath(exam),
                                QJsonObject{{"to", "no_show"}, {"note", "未到检"}}, registrar())
                         .status,
                     200);
    }
    QCOMPARE(m_http
                 ->call("DELETE", bookingsPath + "/" + QString::number(ids[0]),
                        QJsonObject{{"reason", "改期"}}, registrar())
                 .status,
             200);
    const auto stats = m_http->get("/api/v1/scheduling/statistics?from=" + date + "&to=" + date, registrar());
    QVERIFY2(stats.status == 200, stats.describe());
    const auto total = stats.value("total").toObject();
    QCOMPARE(total.value("booked").toInt(), 4);
    QCOMPARE(total.value("cancelled").toInt(), 1);
    QCOMPARE(total.value("attended").toInt(), 1);
    QCOMPARE(total.value("noShow").toInt(), 1);
    QCOMPARE(total.value("pending").toInt(), 1);
    QCOMPARE(stats.value("attendanceRate").toDouble(), 0.5);
    QCOMPARE(stats.value("noShowRate").toDouble(), 0.5);
    QCOMPARE(stats.value("cancelRate").toDouble(), 0.25);
    QCOMPARE(stats.value("leadTimeDays").toObject().value("median").toInt(), 9);
    for (const auto& r : stats.value("byRoom").toArray()) {
        const auto room = r.toObject();
        if (room.value("roomId").toString() != "T2")
            continue;
        QCOMPARE(room.value("openMinutes").toInt(), 1440);
        QCOMPARE(room.value("bookedMinutes").toInt(), 30);
        QCOMPARE(room.value("usage").toDouble(), 30.0 / 1440.0);
    }
    QCOMPARE(stats.value("byChannel").toArray()[0].toObject().value("booked").toInt(), 4);
    QCOMPARE(stats.value("byDay").toArray().size(), 1);
    QCOMPARE(m_http->get("/api/v1/scheduling/statistics?from=" + date, registrar()).status, 400);
    QCOMPARE(m_http->get("/api/v1/scheduling/statistics?from=2026-01-01&to=2028-01-01", registrar()).status,
             400);
}

QTEST_GUILESS_MAIN(BookingApiTest)
#include "test_booking_api.moc"
