// The exam status machine through the real lumen-server: every legal step, a table of illegal
// ones, who may take which step, reasons, the timeline, audit entries and confidential patients.
#include "exam_flow.h"
#include "http_client.h"
#include "server_process.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace lumen::test;

namespace {

qint64 idOf(const HttpReply& reply)
{
    return reply.value(QStringLiteral("id")).toInteger();
}

QJsonObject withNote(const QString& to, const QString& note)
{
    auto body = ExamFlow::stepBody(to);
    body.insert("note", note);
    return body;
}

} // namespace

class ExamStatusTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void every_legal_transition_is_accepted_and_recorded_data();
    void every_legal_transition_is_accepted_and_recorded();
    void illegal_transitions_are_refused_naming_the_current_status_data();
    void illegal_transitions_are_refused_naming_the_current_status();
    void each_role_may_take_only_its_steps_data();
    void each_role_may_take_only_its_steps();
    void only_the_desk_registers_and_edits_exams();
    void cancel_no_show_and_going_back_need_a_reason();
    void booking_sets_the_slot_and_releasing_it_clears_it();
    void images_may_arrive_before_the_exam_is_marked_done();
    void emergency_reports_may_be_printed_before_approval();
    void timeline_records_who_when_from_to_and_why();
    void every_read_and_change_is_audited();
    void exams_of_confidential_patients_are_hidden_like_the_patient();
    void malformed_transition_requests_are_refused();

private:
    HttpReply transition(qint64 id, const QJsonObject& body, const QString& user)
    {
        return m_http->call("POST", transitionsPath(id), body, token(user));
    }
    QString token(const QString& user);
    QJsonArray timelineOf(qint64 id, const QString& user = QStringLiteral("registrar"))
    {
        return m_http->get(timelinePath(id), token(user)).value("items").toArray();
    }
    QJsonObject examOf(qint64 id, const QString& user = QStringLiteral("registrar"))
    {
        return m_http->get(examPath(id), token(user)).object();
    }

    std::optional<QTemporaryDir> m_dir;
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<ExamFlow> m_flow;
    QHash<QString, QString> m_tokens;
    qint64 m_patient = 0;
};

void ExamStatusTest::initTestCase()
{
    m_dir.emplace();
    QVERIFY2(m_dir->isValid(), qPrintable(m_dir->errorString()));
    QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_flow = std::make_unique<ExamFlow>(*m_http);
    QVERIFY(m_flow->ready());
    m_patient = m_flow->newPatient(QStringLiteral("测状态"));
    QVERIFY(m_patient > 0);
}

void ExamStatusTest::cleanupTestCase()
{
    QVERIFY(m_server.terminate());
}

QString ExamStatusTest::token(const QString& user)
{
    if (!m_tokens.contains(user))
        m_tokens.insert(user, m_http->login(user));
    return m_tokens.value(user);
}

void ExamStatusTest::every_legal_transition_is_accepted_and_recorded_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("priority");
    auto row = [](const char* from, const char* to, const char* user, const char* priority = "routine") {
        QTest::addRow("%s -> %s", from, to) << from << to << user << priority;
    };
    row("requested", "booked", "registrar");
    row("booked", "requested", "registrar");
    row("requested", "checked_in", "registrar");
    row("booked", "checked_in", "registrar");
    row("checked_in", "called", "registrar");
    row("called", "checked_in", "technologist");
    row("checked_in", "examined", "technologist");
    row("called", "examined", "technologist");
    row("checked_in", "images_received", "technologist");
    row("called", "images_received", "technologist");
    row("examined", "images_received", "technologist");
    row("examined", "reported", "radiologist");
    row("images_received", "reported", "radiologist");
    row("reported", "approved", "approver");
    row("reported", "images_received", "approver");
    row("reported", "examined", "approver");
    row("approved", "reported", "approver");
    row("reported", "printed", "registrar", "emergency");
    row("approved", "printed", "registrar");
    row("approved", "released_to_clinic", "approver");
    row("printed", "released_to_clinic", "registrar");
    row("requested", "cancelled", "registrar");
    row("booked", "cancelled", "registrar");
    row("checked_in", "cancelled", "registrar");
    row("called", "cancelled", "registrar");
    row("booked", "no_show", "registrar");
    row("checked_in", "no_show", "registrar");
    // By hand where a modality sends no MPPS; the MPPS path is tested in tests/dicom_worklist.
    row("booked", "in_progress", "technologist");
    row("checked_in", "in_progress", "technologist");
    row("called", "in_progress", "technologist");
    row("in_progress", "checked_in", "technologist");
    row("in_progress", "examined", "technologist");
    row("in_progress", "images_received", "technologist");
    row("in_progress", "cancelled", "registrar");
}

// req: 000 §2.3.2.1 patient medical status control; §2.3.2.12 closed loop can be tracked
void ExamStatusTest::every_legal_transition_is_accepted_and_recorded()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, user);
    QFETCH(QString, priority);
    QString error;
    const auto id = m_flow->examAt(m_patient, from, &error, ctOrder(m_patient, {{"priority", priority}}));
    QVERIFY2(id, qPrintable(error));
    const auto before = examOf(id);
    QCOMPARE(before.value("status").toString(), from);
    const auto stepsBefore = timelineOf(id).size();

    const auto reply = transition(id, withNote(to, QStringLiteral("理由：%1").arg(to)), user);
    LUMEN_COMPARE_STATUS(reply, 200);
    QCOMPARE(reply.value("status").toString(), to);
    QCOMPARE(reply.value("version").toInteger(), before.value("version").toInteger() + 1);
    QCOMPARE(examOf(id).value("status").toString(), to);

    const auto timeline = timelineOf(id);
    QCOMPARE(timeline.size(), stepsBefore + 1);
    const auto last = timeline.last().toObject();
    QCOMPARE(last.value("from").toString(), from);
    QCOMPARE(last.value("to").toString(), to);
    QCOMPARE(last.value("user").toString(), user);
    QCOMPARE(last.value("note").toString(), QStringLiteral("理由：%1").arg(to));
}

void ExamStatusTest::illegal_transitions_are_refused_naming_the_current_status_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("user");
    auto row = [](const char* from, const char* to, const char* user) {
        QTest::addRow("%s -> %s", from, to) << from << to << user;
    };
    row("requested", "called", "registrar");
    row("requested", "examined", "technologist");
    row("requested", "reported", "radiologist");
    row("requested", "no_show", "registrar");
    row("requested", "requested", "registrar");
    row("booked", "booked", "registrar");
    row("booked", "called", "registrar");
    row("booked", "examined", "technologist");
    row("checked_in", "booked", "registrar");
    row("checked_in", "reported", "radiologist");
    row("called", "called", "registrar");
    row("called", "booked", "registrar");
    row("called", "no_show", "registrar");
    row("examined", "called", "technologist");
    row("examined", "cancelled", "registrar");
    row("examined", "approved", "approver");
    row("images_received", "examined", "technologist");
    row("images_received", "cancelled", "registrar");
    row("images_received", "approved", "approver");
    row("reported", "released_to_clinic", "approver");
    row("reported", "printed", "registrar"); // routine priority: not before approval
    row("reported", "cancelled", "registrar");
    row("approved", "cancelled", "registrar");
    row("approved", "examined", "approver");
    row("printed", "approved", "approver");
    row("printed", "printed", "registrar");
    row("released_to_clinic", "printed", "registrar");
    row("released_to_clinic", "reported", "approver");
    row("cancelled", "requested", "registrar");
    row("cancelled", "booked", "registrar");
    row("no_show", "checked_in", "registrar");
    row("no_show", "booked", "registrar");
    row("requested", "in_progress", "technologist");
    row("in_progress", "in_progress", "technologist");
    row("in_progress", "called", "registrar");
    row("in_progress", "no_show", "registrar");
    row("in_progress", "reported", "radiologist");
    row("examined", "in_progress", "technologist");
    row("images_received", "in_progress", "technologist");
}

void ExamStatusTest::illegal_transitions_are_refused_naming_the_current_status()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, user);
    QString error;
    const auto id = m_flow->examAt(m_patient, from, &error);
    QVERIFY2(id, qPrintable(error));
    const auto before = examOf(id);
    const auto stepsBefore = timelineOf(id).size();

    const auto reply = transition(id, withNote(to, QStringLiteral("试图")), user);
    LUMEN_COMPARE_STATUS(reply, 409);
    QCOMPARE(reply.errorCode(), QStringLiteral("illegal_transition"));
    QVERIFY2(reply.errorMessage().startsWith(QStringLiteral("The exam is ") + from),
             reply.describe().constData());
    QCOMPARE(reply.errorDetails().value("from").toString(), from);
    QCOMPARE(reply.errorDetails().value("to").toString(), to);
    QCOMPARE(examOf(id), before);
    QCOMPARE(timelineOf(id).size(), stepsBefore);
}

void ExamStatusTest::each_role_may_take_only_its_steps_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("status");
    auto row = [](const char* user, const char* from, const char* to, int status) {
        QTest::addRow("%s: %s -> %s", user, from, to) << user << from << to << status;
    };
    row("registrar", "requested", "booked", 200);
    row("registrar", "booked", "checked_in", 200);
    row("registrar", "checked_in", "called", 200);
    row("registrar", "called", "examined", 403);
    row("registrar", "called", "in_progress", 403);
    row("registrar", "images_received", "reported", 403);
    row("registrar", "reported", "approved", 403);
    row("registrar", "approved", "printed", 200);
    row("technologist", "requested", "booked", 403);
    row("technologist", "booked", "cancelled", 403);
    row("technologist", "checked_in", "called", 200);
    row("technologist", "called", "examined", 200);
    row("technologist", "called", "in_progress", 200);
    row("technologist", "in_progress", "examined", 200);
    row("technologist", "examined", "images_received", 200);
    row("technologist", "images_received", "reported", 403);
    row("radiologist", "images_received", "reported", 200);
    row("radiologist", "examined", "reported", 200);
    row("radiologist", "reported", "approved", 403);
    row("radiologist", "called", "examined", 403);
    row("radiologist", "approved", "printed", 403);
    row("approver", "reported", "approved", 200);
    row("approver", "images_received", "reported", 200);
    row("approver", "approved", "released_to_clinic", 200);
    row("approver", "requested", "booked", 403);
    row("admin", "requested", "booked", 200);
    row("admin", "called", "examined", 200);
    row("admin", "images_received", "reported", 403);
    row("admin", "reported", "approved", 403);
    row("clinician", "requested", "booked", 403);
    row("clinician", "checked_in", "called", 403);
    row("consultant", "approved", "released_to_clinic", 403);
    row("labtech", "requested", "cancelled", 403);
    row("labqa", "checked_in", "called", 403);
}

void ExamStatusTest::each_role_may_take_only_its_steps()
{
    QFETCH(QString, user);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, status);
    QString error;
    const auto id = m_flow->examAt(m_patient, from, &error);
    QVERIFY2(id, qPrintable(error));
    const auto before = examOf(id);
    const auto reply = transition(id, withNote(to, QStringLiteral("按角色")), user);
    LUMEN_COMPARE_STATUS(reply, status);
    if (status == 403) {
        QCOMPARE(reply.errorCode(), QStringLiteral("forbidden"));
        QCOMPARE(examOf(id), before);
    } else {
        QCOMPARE(reply.value("status").toString(), to);
    }
}

void ExamStatusTest::only_the_desk_registers_and_edits_exams()
{
    QString error;
    const auto id = m_flow->examAt(m_patient, QStringLiteral("requested"), &error);
    QVERIFY2(id, qPrintable(error));
    for (const char* user : {"technologist", "radiologist", "approver", "clinician", "consultant", "labqa"}) {
        const QString who = QString::fromLatin1(user);
        LUMEN_COMPARE_STATUS(m_http->call("POST", examsPath, ctOrder(m_patient), token(who)), 403);
        LUMEN_COMPARE_STATUS(
            m_http->call("PATCH", examPath(id), QJsonObject{{"priority", "urgent"}}, token(who)), 403);
    }
    // Reading needs exam.read, which the cell lab does not have.
    for (const char* user : {"labtech", "labqa"}) {
        const QString who = QString::fromLatin1(user);
        LUMEN_COMPARE_STATUS(m_http->get(examPath(id), token(who)), 403);
        LUMEN_COMPARE_STATUS(m_http->get(examsPath, token(who)), 403);
        LUMEN_COMPARE_STATUS(m_http->get(timelinePath(id), token(who)), 403);
    }
    for (const char* user : {"clinician", "consultant", "technologist", "radiologist"}) {
        const QString who = QString::fromLatin1(user);
        LUMEN_COMPARE_STATUS(m_http->get(examPath(id), token(who)), 200);
        LUMEN_COMPARE_STATUS(m_http->get(timelinePath(id), token(who)), 200);
    }
    QCOMPARE(examOf(id).value("priority").toString(), QStringLiteral("routine"));
}

void ExamStatusTest::cancel_no_show_and_going_back_need_a_reason()
{
    QString error;
    struct Case
    {
        const char* from;
        const char* to;
        const char* user;
    };
    for (const Case& c :
         {Case{"booked", "cancelled", "registrar"}, Case{"checked_in", "no_show", "registrar"},
          Case{"reported", "examined", "approver"}, Case{"approved", "reported", "approver"}}) {
        const auto id = m_flow->examAt(m_patient, QString::fromLatin1(c.from), &error);
        QVERIFY2(id, qPrintable(error));
        for (const QJsonValue& note : {QJsonValue(QJsonValue::Undefined), QJsonValue(QJsonValue::Null),
                                       QJsonValue(QStringLiteral("   "))}) {
            QJsonObject body{{"to", c.to}};
            if (!note.isUndefined())
                body.insert("note", note);
            const auto reply = transition(id, body, QString::fromLatin1(c.user));
            LUMEN_COMPARE_STATUS(reply, 400);
            QCOMPARE(reply.errorCode(), QStringLiteral("missing_field"));
            QCOMPARE(reply.errorDetails().value("field").toString(), QStringLiteral("note"));
        }
        QCOMPARE(examOf(id).value("status").toString(), QString::fromLatin1(c.from));
        const auto done =
            transition(id, QJsonObject{{"to", c.to}, {"note", "患者要求改期"}}, QString::fromLatin1(c.user));
        LUMEN_COMPARE_STATUS(done, 200);
    }
    // A note that is too long or holds control characters is refused.
    const auto id = m_flow->examAt(m_patient, QStringLiteral("booked"), &error);
    LUMEN_COMPARE_STATUS(transition(id,
                                    QJsonObject{{"to", "cancelled"}, {"note", QString(501, QChar(0x56E0))}},
                                    QStringLiteral("registrar")),
                         400);
    LUMEN_COMPARE_STATUS(transition(id,
                                    QJsonObject{{"to", "cancelled"}, {"note", QStringLiteral("a\u0001b")}},
                                    QStringLiteral("registrar")),
                         400);
    LUMEN_COMPARE_STATUS(
        transition(id, QJsonObject{{"to", "cancelled"}, {"note", 7}}, QStringLiteral("registrar")), 400);
    QCOMPARE(examOf(id).value("status").toString(), QStringLiteral("booked"));
}

void ExamStatusTest::booking_sets_the_slot_and_releasing_it_clears_it()
{
    QString error;
    const auto id = m_flow->examAt(m_patient, QStringLiteral("requested"), &error);
    QVERIFY2(id, qPrintable(error));
    const auto noTime =
        transition(id, QJsonObject{{"to", "booked"}, {"room", "CT1"}}, QStringLiteral("registrar"));
    LUMEN_COMPARE_STATUS(noTime, 400);
    QCOMPARE(noTime.errorDetails().value("field").toString(), QStringLiteral("scheduledAt"));
    for (const char* bad : {"2030-01-15", "2030-01-15 01:30:00", "2030-02-30T01:30:00Z", "soon"}) {
        const auto reply =
            transition(id, QJsonObject{{"to", "booked"}, {"scheduledAt", bad}}, QStringLiteral("registrar"));
        LUMEN_COMPARE_STATUS(reply, 400);
        QCOMPARE(reply.errorDetails().value("field").toString(), QStringLiteral("scheduledAt"));
    }
    // The slot belongs to booking only.
    const auto wrongStep =
        transition(id, QJsonObject{{"to", "checked_in"}, {"room", "CT1"}}, QStringLiteral("registrar"));
    LUMEN_COMPARE_STATUS(wrongStep, 400);
    QCOMPARE(examOf(id).value("status").toString(), QStringLiteral("requested"));

    const auto booked = transition(
        id, QJsonObject{{"to", "booked"}, {"scheduledAt", "2030-03-01T00:45:00Z"}, {"room", "CT2"}},
        QStringLiteral("registrar"));
    LUMEN_COMPARE_STATUS(booked, 200);
    QCOMPARE(booked.value("scheduledAt").toString(), QStringLiteral("2030-03-01T00:45:00Z"));
    QCOMPARE(booked.value("room").toString(), QStringLiteral("CT2"));
    const auto released = transition(id, QJsonObject{{"to", "requested"}}, QStringLiteral("registrar"));
    LUMEN_COMPARE_STATUS(released, 200);
    QVERIFY(released.value("scheduledAt").isNull());
    QVERIFY(released.value("room").isNull());
}

// Modalities send images during the exam; ECG reports follow the exam directly.
void ExamStatusTest::images_may_arrive_before_the_exam_is_marked_done()
{
    QString error;
    const auto id = m_flow->examAt(m_patient, QStringLiteral("checked_in"), &error);
    QVERIFY2(id, qPrintable(error));
    LUMEN_COMPARE_STATUS(
        transition(id, QJsonObject{{"to", "images_received"}}, QStringLiteral("technologist")), 200);
    const auto late = transition(id, QJsonObject{{"to", "examined"}}, QStringLiteral("technologist"));
    LUMEN_COMPARE_STATUS(late, 409);
    QVERIFY2(late.errorMessage().contains(QStringLiteral("images_received")), late.describe().constData());
    LUMEN_COMPARE_STATUS(transition(id, QJsonObject{{"to", "reported"}}, QStringLiteral("radiologist")), 200);

    const auto ecg = m_http->call(
        "POST", examsPath,
        QJsonObject{{"patientId", m_patient},
                    {"department", "ecg"},
                    {"items", QJsonArray{QJsonObject{{"method", "常规心电图"}, {"bodyPart", "心脏"}}}}},
        token(QStringLiteral("registrar")));
    LUMEN_COMPARE_STATUS(ecg, 201);
    for (const auto& [to, user] : {std::pair<const char*, const char*>{"checked_in", "registrar"},
                                   {"examined", "technologist"},
                                   {"reported", "radiologist"}})
        LUMEN_COMPARE_STATUS(transition(idOf(ecg), QJsonObject{{"to", to}}, QString::fromLatin1(user)), 200);
}

// req: 000 §2.3.2.11 only approved reports are printed, except emergency reports
void ExamStatusTest::emergency_reports_may_be_printed_before_approval()
{
    QString error;
    const auto routine = m_flow->examAt(m_patient, QStringLiteral("reported"), &error);
    QVERIFY2(routine, qPrintable(error));
    const auto refused = transition(routine, QJsonObject{{"to", "printed"}}, QStringLiteral("registrar"));
    LUMEN_COMPARE_STATUS(refused, 409);
    QVERIFY2(refused.errorMessage().contains(QStringLiteral("emergency")), refused.describe().constData());
    const auto emergency =
        m_flow->examAt(m_patient, QStringLiteral("reported"), &error,
                       ctOrder(m_patient, {{"priority", "emergency"}, {"patientSource", "emergency"}}));
    QVERIFY2(emergency, qPrintable(error));
    LUMEN_COMPARE_STATUS(transition(emergency, QJsonObject{{"to", "printed"}}, QStringLiteral("registrar")),
                         200);
}

// req: 000 §2.3.2.12 closed-loop display: every status with who and when
void ExamStatusTest::timeline_records_who_when_from_to_and_why()
{
    const auto startedAt = QDateTime::currentDateTimeUtc().addSecs(-1);
    QString error;
    const auto id = m_flow->examAt(m_patient, QStringLiteral("released_to_clinic"), &error);
    QVERIFY2(id, qPrintable(error));
    const auto endedAt = QDateTime::currentDateTimeUtc().addSecs(1);
    const auto timeline = timelineOf(id, QStringLiteral("clinician"));
    const QStringList expected = {"requested", "booked",   "checked_in",
                                  "called",    "examined", "images_received",
                                  "reported",  "approved", "released_to_clinic"};
    QCOMPARE(timeline.size(), expected.size());
    QDateTime previous;
    for (qsizetype i = 0; i < timeline.size(); ++i) {
        const auto row = timeline.at(i).toObject();
        QCOMPARE(row.value("to").toString(), expected.at(i));
        if (i == 0)
            QVERIFY(row.value("from").isNull());
        else
            QCOMPARE(row.value("from").toString(), expected.at(i - 1));
        QCOMPARE(row.value("examId").toInteger(), id);
        QCOMPARE(row.value("user").toString(), ExamFlow::actorFor(expected.at(i)));
        const auto at = QDateTime::fromString(row.value("at").toString(), Qt::ISODate);
        QVERIFY2(at.isValid() && at >= startedAt.addSecs(-1) && at <= endedAt,
                 qPrintable(row.value("at").toString()));
        QVERIFY(!previous.isValid() || at >= previous);
        previous = at;
    }
    QCOMPARE(timeline.at(0).toObject().value("userDisplayName").toString(), QStringLiteral("王护士"));
    QCOMPARE(timeline.at(4).toObject().value("userDisplayName").toString(), QStringLiteral("李技师"));
    QCOMPARE(timeline.at(6).toObject().value("userDisplayName").toString(), QStringLiteral("张医生"));
    QCOMPARE(timeline.at(7).toObject().value("userDisplayName").toString(), QStringLiteral("陈主任"));

    const auto cancelled = m_flow->examAt(m_patient, QStringLiteral("cancelled"), &error);
    const auto last = timelineOf(cancelled).last().toObject();
    QCOMPARE(last.value("to").toString(), QStringLiteral("cancelled"));
    QCOMPARE(last.value("note").toString(), QStringLiteral("测试原因 cancelled"));
    LUMEN_COMPARE_STATUS(m_http->get(timelinePath(98765432), token(QStringLiteral("registrar"))), 404);
}

void ExamStatusTest::every_read_and_change_is_audited()
{
    const auto patient = m_flow->newPatient(QStringLiteral("测审计"));
    const auto registrar = token(QStringLiteral("registrar"));
    const auto created = m_http->call("POST", examsPath, ctOrder(patient), registrar);
    LUMEN_COMPARE_STATUS(created, 201);
    const auto id = idOf(created);
    LUMEN_COMPARE_STATUS(m_http->get(examPath(id), token(QStringLiteral("clinician"))), 200);
    LUMEN_COMPARE_STATUS(m_http->get(examsPath + QStringLiteral("?patientId=%1").arg(patient), registrar),
                         200);
    LUMEN_COMPARE_STATUS(m_http->call("PATCH", examPath(id), QJsonObject{{"feeStatus", "paid"}}, registrar),
                         200);
    LUMEN_COMPARE_STATUS(m_flow->step(id, QStringLiteral("booked")), 200);
    LUMEN_COMPARE_STATUS(m_http->get(timelinePath(id), registrar), 200);
    // Refused requests are not changes.
    LUMEN_COMPARE_STATUS(m_flow->step(id, QStringLiteral("reported")), 409);

    const auto admin = token(QStringLiteral("admin"));
    auto entries = [&](const QString& action) {
        return m_http
            ->get(QStringLiteral("/api/v1/audit?patientId=%1&action=%2").arg(patient).arg(action), admin)
            .value("items")
            .toArray();
    };
    const auto create = entries(QStringLiteral("exam.create"));
    QCOMPARE(create.size(), 1);
    QCOMPARE(create.at(0).toObject().value("objectType").toString(), QStringLiteral("exam"));
    QCOMPARE(create.at(0).toObject().value("objectId").toString(), QString::number(id));
    QCOMPARE(create.at(0).toObject().value("user").toString(), QStringLiteral("registrar"));
    QVERIFY(create.at(0).toObject().value("detail").toString().contains(
        created.value("accessionNumber").toString()));
    QCOMPARE(create.at(0).toObject().value("clientAddress").toString(), QStringLiteral("127.0.0.1"));
    const auto read = entries(QStringLiteral("exam.read"));
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.at(0).toObject().value("user").toString(), QStringLiteral("clinician"));
    QCOMPARE(entries(QStringLiteral("exam.search")).size(), 1);
    const auto update = entries(QStringLiteral("exam.update"));
    QCOMPARE(update.size(), 1);
    QVERIFY(update.at(0).toObject().value("detail").toString().contains(QStringLiteral("feeStatus")));
    const auto moves = entries(QStringLiteral("exam.transition"));
    QCOMPARE(moves.size(), 1);
    QCOMPARE(moves.at(0).toObject().value("detail").toString(), QStringLiteral("requested -> booked"));
    QCOMPARE(entries(QStringLiteral("exam.timeline")).size(), 1);

    const auto verdict = m_http->get(QStringLiteral("/api/v1/audit/verify"), admin);
    QVERIFY2(verdict.value("ok").toBool(), verdict.describe().constData());
}

// req: 000 §2.3.1.3 confidential patients, exams included
void ExamStatusTest::exams_of_confidential_patients_are_hidden_like_the_patient()
{
    const auto admin = token(QStringLiteral("admin"));
    const auto registrar = token(QStringLiteral("registrar"));
    const auto approver = token(QStringLiteral("approver"));
    const auto secret =
        m_http->call("POST", QStringLiteral("/api/v1/patients"),
                     QJsonObject{{"name", "测保密"}, {"sex", "M"}, {"confidential", true}}, admin);
    LUMEN_COMPARE_STATUS(secret, 201);
    const auto patient = idOf(secret);
    const auto exam =
        m_http->call("POST", examsPath, ctOrder(patient, {{"hisRequestNo", "IT-SECRET-1"}}), admin);
    LUMEN_COMPARE_STATUS(exam, 201);
    const auto id = idOf(exam);

    // To the desk the exam does not exist.
    for (const auto& path : {examPath(id), timelinePath(id)})
        QCOMPARE(m_http->get(path, registrar).status, 404);
    QCOMPARE(m_http->get(examPath(id), registrar).object(),
             m_http->get(examPath(98765432), registrar).object());
    LUMEN_COMPARE_STATUS(m_http->call("PATCH", examPath(id), QJsonObject{{"feeStatus", "paid"}}, registrar),
                         404);
    LUMEN_COMPARE_STATUS(m_http->call("POST", transitionsPath(id), ExamFlow::stepBody("booked"), registrar),
                         404);
    auto listed = [&](const QString& query, const QString& user) {
        const auto page = m_http->get(examsPath + query, user);
        for (const auto& item : page.value("items").toArray())
            if (item.toObject().value("id").toInteger() == id)
                return true;
        return false;
    };
    QVERIFY(!listed(QStringLiteral("?patientId=%1").arg(patient), registrar));
    QVERIFY(!listed(QStringLiteral("?limit=200"), registrar));
    QVERIFY(
        !listed(QStringLiteral("?accessionNumber=") + exam.value("accessionNumber").toString(), registrar));
    const auto forSecret = m_http->call("POST", examsPath, ctOrder(patient), registrar);
    LUMEN_COMPARE_STATUS(forSecret, 404);
    // A resent HIS request of a hidden exam is refused without showing the exam.
    const auto resent =
        m_http->call("POST", examsPath, ctOrder(m_patient, {{"hisRequestNo", "IT-SECRET-1"}}), registrar);
    LUMEN_COMPARE_STATUS(resent, 409);
    QVERIFY(!resent.body.contains(exam.value("accessionNumber").toString().toUtf8()));

    // Senior doctors see it.
    LUMEN_COMPARE_STATUS(m_http->get(examPath(id), approver), 200);
    QVERIFY(listed(QStringLiteral("?patientId=%1").arg(patient), approver));
    QVERIFY(listed(QStringLiteral("?limit=200"), admin));

    // A duplicate merged into the confidential patient takes its exams into hiding too.
    const auto duplicate = m_flow->newPatient(QStringLiteral("测保密重复"));
    const auto dupExam = m_http->call("POST", examsPath, ctOrder(duplicate), registrar);
    LUMEN_COMPARE_STATUS(dupExam, 201);
    LUMEN_COMPARE_STATUS(m_http->call("POST", QStringLiteral("/api/v1/patients/%1/merge").arg(patient),
                                      QJsonObject{{"sourceId", duplicate}}, admin),
                         200);
    LUMEN_COMPARE_STATUS(m_http->get(examPath(idOf(dupExam)), registrar), 404);
    LUMEN_COMPARE_STATUS(m_http->get(examPath(idOf(dupExam)), approver), 200);

    // The demo's confidential patient 8 has an exam; only senior doctors list it.
    QVERIFY(m_http->get(examsPath + QStringLiteral("?patientId=8"), registrar)
                .value("items")
                .toArray()
                .isEmpty());
    QVERIFY(!m_http->get(examsPath + QStringLiteral("?patientId=8"), approver)
                 .value("items")
                 .toArray()
                 .isEmpty());
}

void ExamStatusTest::malformed_transition_requests_are_refused()
{
    QString error;
    const auto id = m_flow->examAt(m_patient, QStringLiteral("booked"), &error);
    QVERIFY2(id, qPrintable(error));
    const auto registrar = QStringLiteral("registrar");
    for (const QJsonObject& body : {QJsonObject{}, QJsonObject{{"to", "finished"}}, QJsonObject{{"to", 3}},
                                    QJsonObject{{"to", "checked_in"}, {"why", "x"}},
                                    QJsonObject{{"to", "checked_in"}, {"version", "1"}}}) {
        const auto reply = transition(id, body, registrar);
        LUMEN_COMPARE_STATUS(reply, 400);
    }
    const auto stale = transition(id, QJsonObject{{"to", "checked_in"}, {"version", 1}}, registrar);
    LUMEN_COMPARE_STATUS(stale, 409);
    QCOMPARE(stale.errorCode(), QStringLiteral("conflict"));
    LUMEN_COMPARE_STATUS(m_http->callRaw("POST", transitionsPath(id), "{to:", token(registrar)), 400);
    LUMEN_COMPARE_STATUS(transition(98765432, QJsonObject{{"to", "checked_in"}}, registrar), 404);
    QCOMPARE(examOf(id).value("status").toString(), QStringLiteral("booked"));
    const auto current = transition(id, QJsonObject{{"to", "checked_in"}, {"version", 2}}, registrar);
    LUMEN_COMPARE_STATUS(current, 200);
}

QTEST_GUILESS_MAIN(ExamStatusTest)
#include "test_exam_status.moc"
