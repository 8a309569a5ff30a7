#include "scheduling/queue_service.h"

#include "lumen/core/date.h"
#include "lumen/core/error.h"
#include "lumen/scheduling/local_time.h"
#include "lumen/scheduling/scheduling_engine.h"
#include "lumen/store/booking_repository.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/database.h"
#include "lumen/store/exam_repository.h"
#include "lumen/store/patient_repository.h"
#include "lumen/store/write_queue.h"
#include "scheduling/booking_service.h"
#include "services/audit_log.h"
#include "services/exam_service.h"
#include "services/exam_step.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using core::ExamStatus;
using core::Permission;
using nlohmann::json;

namespace {

constexpr int kOrderStep = 1000; // room between tickets for patients moved behind another
constexpr int kCallsShown = 20;

std::vector<std::string> utf8Characters(const std::string& text)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80           ? 1
                              : (c >> 5) == 0x6  ? 2
                              : (c >> 4) == 0xE  ? 3
                              : (c >> 3) == 0x1E ? 4
                                                 : 1;
        out.push_back(text.substr(i, n));
        i += n;
    }
    return out;
}

bool isCompoundSurname(const std::string& first2)
{
    static const char* surnames[] = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙",
                                     "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "轩辕"};
    return std::any_of(std::begin(surnames), std::end(surnames), [&](const char* s) { return first2 == s; });
}

std::string localDay(const std::optional<std::string>& scheduledAt, const core::Date& fallback, int utcOffset)
{
    const auto t = scheduledAt ? core::parseIsoTimestamp(*scheduledAt) : std::nullopt;
    if (!t)
        return core::formatIsoDate(fallback);
    return core::formatIsoDate(
        scheduling::dateOf(scheduling::dayOfMinute(scheduling::localMinuteAt(*t, utcOffset))));
}

// What a queue screen may show: the masked name, or nothing for a confidential patient (called
// by ticket only).
std::string screenName(const std::optional<core::Patient>& patient)
{
    if (!patient || patient->confidential)
        return "";
    return maskName(patient->name);
}

struct Entry
{
    core::Exam exam;
    store::QueueTicketRow ticket;
    std::string maskedName;
};

json entryJson(const Entry& e)
{
    return {{"examId", e.exam.id},
            {"ticket", e.ticket.ticket},
            {"patientName", e.maskedName},
            {"priority", core::toCode(e.exam.priority)},
            {"status", core::toCode(e.exam.status)},
            {"accessionNumber", e.exam.accessionNumber}};
}

// Today's queue of a room: called first (the current one is the last called), then waiting,
// emergencies first and then by order key.
struct RoomQueue
{
    std::vector<Entry> called;
    std::vector<Entry> waiting;
};

RoomQueue roomQueue(store::Database& db, const std::string& roomId, const std::string& day)
{
    store::BookingRepository repo(db);
    store::ExamRepository exams(db);
    store::PatientRepository patients(db);
    RoomQueue q;
    for (auto& t : repo.ticketsOfDay(roomId, day)) {
        auto exam = exams.find(t.examId);
        if (!exam || (exam->status != ExamStatus::CheckedIn && exam->status != ExamStatus::Called))
            continue;
        const auto patient = patients.find(exam->patientId);
        Entry e{std::move(*exam), std::move(t), screenName(patient)};
        (e.exam.status == ExamStatus::Called ? q.called : q.waiting).push_back(std::move(e));
    }
    std::stable_sort(q.waiting.begin(), q.waiting.end(), [](const Entry& a, const Entry& b) {
        const bool ae = a.exam.priority == core::ExamPriority::Emergency;
        const bool be = b.exam.priority == core::ExamPriority::Emergency;
        if (ae != be)
            return ae;
        return a.ticket.orderKey < b.ticket.orderKey;
    });
    return q;
}

core::Exam examInQueue(store::Database& db, const json& body, const std::string& roomId)
{
    const auto it = body.find("examId");
    if (it == body.end() || !it->is_number_integer())
        throw Error(ErrorKind::BadRequest, "invalid_field", "examId: required.",
                    json{{"field", "examId"}}.dump());
    const auto exam = store::ExamRepository(db).find(it->get<core::ExamId>());
    const auto ticket = store::BookingRepository(db).ticket(it->get<core::ExamId>());
    if (!exam || !ticket || ticket->roomId != roomId)
        throw Error(ErrorKind::NotFound, "not_found",
                    "This exam is not in the queue of room " + roomId + ".");
    return *exam;
}

// The room's letter (its place in the configuration) and the day's next number: A001, A002...
store::QueueTicketRow issueTicket(store::Database& db, core::ExamId examId, const std::string& roomId,
                                  const std::string& day, int roomIndex, const std::string& nowIso)
{
    store::BookingRepository repo(db);
    if (auto existing = repo.ticket(examId); existing && existing->day == day && existing->roomId == roomId)
        return *existing;
    const int number = repo.nextTicketNumber(roomId, day);
    store::QueueTicketRow ticket{examId,
                                 roomId,
                                 day,
                                 number,
                                 queueTicketText(roomIndex, number),
                                 nowIso,
                                 std::int64_t(number) * kOrderStep};
    if (repo.ticket(examId))
        repo.deleteTicket(examId); // checked in again on another day or in another room
    repo.insert(ticket);
    return ticket;
}

} // namespace

void QueueService::examStepping(store::Database& db, const core::Exam& before, const core::Exam& after) const
{
    if (after.status != ExamStatus::CheckedIn || before.status == ExamStatus::Called ||
        before.status == ExamStatus::InProgress || !after.room)
        return;
    const auto day = core::formatIsoDate(m_bookings.today());
    issueTicket(db, after.id, *after.room, day, m_bookings.roomIndex(*after.room),
                core::formatIsoTimestamp(m_clock.now()));
}

std::string queueTicketText(int roomIndex, int number)
{
    char text[16];
    std::snprintf(text, sizeof text, "%c%03d", roomIndex >= 0 ? char('A' + roomIndex % 26) : 'Z',
                  number % 1000);
    return text;
}

std::string maskName(const std::string& name)
{
    const auto chars = utf8Characters(name);
    if (chars.empty())
        return "*";
    if (chars.size() == 1)
        return "*";
    if (chars.size() == 2)
        return chars[0] + "*";
    std::size_t keep = 1;
    if (chars.size() >= 4 && isCompoundSurname(chars[0] + chars[1]))
        keep = 2;
    std::string out;
    for (std::size_t i = 0; i < keep; ++i)
        out += chars[i];
    out += "*";
    return out + chars.back();
}

QueueService::QueueService(const core::Clock& clock, store::ConnectionPool& readers,
                           store::WriteQueue& writer, const AuditLog& audit, ExamService& exams,
                           BookingService& bookings)
    : m_clock(clock), m_readers(readers), m_writer(writer), m_audit(audit), m_exams(exams),
      m_bookings(bookings)
{
}

json QueueService::checkIn(const Principal& who, const json& body)
{
    who.require(Permission::ExamRegister);
    std::optional<std::string> accession;
    std::optional<core::ExamId> examId;
    if (const auto it = body.find("accessionNumber");
        it != body.end() && it->is_string() && !it->get<std::string>().empty()) {
        if (it->get<std::string>().size() > 64)
            throw Error(ErrorKind::BadRequest, "invalid_field", "accessionNumber: too long.",
                        json{{"field", "accessionNumber"}}.dump());
        accession = it->get<std::string>();
    } else if (const auto id = body.find("examId"); id != body.end() && id->is_number_integer()) {
        examId = id->get<core::ExamId>();
    } else {
        throw Error(ErrorKind::BadRequest, "missing_field", "accessionNumber or examId: required.",
                    json{{"field", "accessionNumber"}}.dump());
    }
    const auto today = m_bookings.today();
    const auto todayText = core::formatIsoDate(today);
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    const int offset = m_bookings.utcOffsetMinutes();
    return m_writer
        .submit([&](store::Database& db) {
            store::ExamRepository exams(db);
            auto found = accession ? exams.findByAccessionNumber(*accession) : exams.find(*examId);
            if (!found)
                throw Error(ErrorKind::NotFound, "not_found",
                            "No exam with this number. Please ask at the desk.");
            const auto before = m_exams.visibleExam(who, db, found->id);
            store::BookingRepository repo(db);
            if (const auto ticket = repo.ticket(before.id);
                ticket && (before.status == ExamStatus::CheckedIn || before.status == ExamStatus::Called)) {
                // Scanned twice: the same ticket again.
                const auto q = roomQueue(db, ticket->roomId, ticket->day);
                const auto pos = std::find_if(q.waiting.begin(), q.waiting.end(),
                                              [&](const Entry& e) { return e.exam.id == before.id; });
                const auto patient = store::PatientRepository(db).find(before.patientId);
                return json{{"ticket", ticket->ticket},
                            {"examId", before.id},
                            {"roomId", ticket->roomId},
                            {"roomName", m_bookings.roomName(ticket->roomId)},
                            {"patientName", screenName(patient)},
                            {"waitingBefore", pos == q.waiting.end() ? 0 : int(pos - q.waiting.begin())},
                            {"scheduled", nullptr},
                            {"again", true}};
            }
            if (before.status != ExamStatus::Booked)
                throw Error(ErrorKind::Conflict, "not_checkable",
                            before.status == ExamStatus::Cancelled
                                ? std::string("This exam was cancelled. Please ask at the desk.")
                                : "This exam is " + std::string(core::toCode(before.status)) +
                                      " and cannot be checked in here. Please ask at the desk.",
                            json{{"status", core::toCode(before.status)}}.dump());
            const auto day = localDay(before.scheduledAt, today, offset);
            if (day != todayText)
                throw Error(ErrorKind::Conflict, "not_today",
                            "This appointment is on " + day +
                                ", not today. Please come on that day or ask at the desk.",
                            json{{"date", day}}.dump());
            const auto roomId = before.room.value_or("");
            if (roomId.empty())
                throw Error(ErrorKind::Conflict, "not_checkable",
                            "This exam has no room. Please ask at the desk.");
            auto after = before;
            after.status = ExamStatus::CheckedIn;
            m_bookings.examStepping(db, who, before, after);
            writeExamStep(db, m_audit, before, after, {who.username, who.displayName, who.clientAddress},
                          std::string("checked in"), nowIso);
            const auto ticket =
                issueTicket(db, before.id, roomId, todayText, m_bookings.roomIndex(roomId), nowIso);
            const auto q = roomQueue(db, roomId, todayText);
            const auto pos = std::find_if(q.waiting.begin(), q.waiting.end(),
                                          [&](const Entry& e) { return e.exam.id == before.id; });
            const auto patient = store::PatientRepository(db).find(before.patientId);
            m_audit.appendInJob(db,
                                core::AuditEntry{0, nowIso, who.username, who.clientAddress, "queue.check_in",
                                                 "exam", std::to_string(before.id), before.patientId,
                                                 "ticket " + ticket.ticket + " room " + roomId, "", ""});
            std::string scheduled;
            if (before.scheduledAt)
                if (const auto t = core::parseIsoTimestamp(*before.scheduledAt)) {
                    scheduled = scheduling::formatClock(
                        scheduling::minuteOfDay(scheduling::localMinuteAt(*t, offset)));
                }
            return json{{"ticket", ticket.ticket},
                        {"examId", before.id},
                        {"roomId", roomId},
                        {"roomName", m_bookings.roomName(roomId)},
                        {"patientName", screenName(patient)},
                        {"waitingBefore", pos == q.waiting.end() ? 0 : int(pos - q.waiting.begin())},
                        {"scheduled", scheduled},
                        {"again", false}};
        })
        .get();
}

json QueueService::queue(const Principal& who, const std::string& roomId) const
{
    who.require(Permission::ExamRead);
    const auto day = core::formatIsoDate(m_bookings.today());
    auto db = m_readers.lease();
    const auto q = roomQueue(*db, roomId, day);
    // The current patient is the one called last.
    const auto calls = store::BookingRepository(*db).recentCalls(roomId, kCallsShown);
    json current = nullptr;
    for (auto it = calls.rbegin(); it != calls.rend() && current.is_null(); ++it)
        for (const auto& e : q.called)
            if (e.exam.id == it->examId)
                current = entryJson(e);
    if (current.is_null() && !q.called.empty())
        current = entryJson(q.called.back());
    json waiting = json::array();
    for (const auto& e : q.waiting)
        waiting.push_back(entryJson(e));
    json called = json::array();
    for (const auto& e : q.called)
        called.push_back(entryJson(e));
    store::ExamRepository exams(*db);
    store::PatientRepository patients(*db);
    store::BookingRepository repo(*db);
    json callList = json::array();
    for (const auto& c : calls) {
        const auto exam = exams.find(c.examId);
        const auto patient = exam ? patients.find(exam->patientId) : std::nullopt;
        const auto ticket = repo.ticket(c.examId);
        callList.push_back({{"seq", c.seq},
                            {"examId", c.examId},
                            {"ticket", ticket ? ticket->ticket : std::string()},
                            {"patientName", screenName(patient)},
                            {"roomId", roomId},
                            {"roomName", m_bookings.roomName(roomId)},
                            {"at", c.at},
                            {"kind", c.kind}});
    }
    return {{"roomId", roomId}, {"roomName", m_bookings.roomName(roomId)},
            {"date", day},      {"current", current},
            {"called", called}, {"waiting", waiting},
            {"calls", callList}};
}

json QueueService::callNext(const Principal& who, const std::string& roomId)
{
    if (!who.can(Permission::ExamRegister))
        who.require(Permission::ExamPerform);
    const auto day = core::formatIsoDate(m_bookings.today());
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    return m_writer
        .submit([&](store::Database& db) {
            const auto q = roomQueue(db, roomId, day);
            if (q.waiting.empty())
                throw Error(ErrorKind::NotFound, "queue_empty", "Nobody is waiting for room " + roomId + ".");
            auto next = q.waiting.front();
            auto after = next.exam;
            after.status = ExamStatus::Called;
            next.exam =
                writeExamStep(db, m_audit, next.exam, after,
                              {who.username, who.displayName, who.clientAddress}, std::nullopt, nowIso);
            const auto seq =
                store::BookingRepository(db).insertCall({0, next.exam.id, roomId, nowIso, "call"});
            auto out = entryJson(next);
            out["seq"] = seq;
            return out;
        })
        .get();
}

json QueueService::recall(const Principal& who, const std::string& roomId, const json& body)
{
    if (!who.can(Permission::ExamRegister))
        who.require(Permission::ExamPerform);
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    return m_writer
        .submit([&](store::Database& db) {
            const auto exam = examInQueue(db, body, roomId);
            if (exam.status != ExamStatus::Called)
                throw Error(ErrorKind::Conflict, "not_called", "Only a called patient can be called again.");
            const auto seq = store::BookingRepository(db).insertCall({0, exam.id, roomId, nowIso, "recall"});
            m_audit.appendInJob(db, core::AuditEntry{0, nowIso, who.username, who.clientAddress,
                                                     "queue.recall", "exam", std::to_string(exam.id),
                                                     exam.patientId, roomId, "", ""});
            return json{{"examId", exam.id}, {"seq", seq}};
        })
        .get();
}

json QueueService::skip(const Principal& who, const std::string& roomId, const json& body)
{
    if (!who.can(Permission::ExamRegister))
        who.require(Permission::ExamPerform);
    const auto day = core::formatIsoDate(m_bookings.today());
    const auto nowIso = core::formatIsoTimestamp(m_clock.now());
    return m_writer
        .submit([&](store::Database& db) {
            auto exam = examInQueue(db, body, roomId);
            const auto q = roomQueue(db, roomId, day);
            store::BookingRepository repo(db);
            // Behind the next waiting patient (the first one that is not this exam).
            std::int64_t key = 0;
            for (const auto& e : q.waiting)
                if (e.exam.id != exam.id) {
                    key = e.ticket.orderKey + 1;
                    break;
                }
            if (key == 0)
                key = repo.ticket(exam.id)->orderKey;
            repo.setOrderKey(exam.id, key);
            if (exam.status == ExamStatus::Called) {
                auto after = exam;
                after.status = ExamStatus::CheckedIn;
                exam = writeExamStep(db, m_audit, exam, after,
                                     {who.username, who.displayName, who.clientAddress},
                                     std::string("skipped, back in the queue"), nowIso);
            } else if (exam.status != ExamStatus::CheckedIn) {
                throw Error(ErrorKind::Conflict, "not_waiting", "This patient is not waiting.");
            }
            return json{{"examId", exam.id}, {"status", core::toCode(exam.status)}};
        })
        .get();
}

} // namespace lumen::server
