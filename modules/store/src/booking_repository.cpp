#include "lumen/store/booking_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

namespace {

constexpr char kSeparator = '\x1f';

std::string joinIds(const std::vector<std::string>& ids)
{
    std::string out;
    for (const auto& id : ids) {
        if (!out.empty())
            out += kSeparator;
        out += id;
    }
    return out;
}

std::vector<std::string> splitIds(const std::string& text)
{
    std::vector<std::string> out;
    if (text.empty())
        return out;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(kSeparator, start);
        out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            return out;
        start = end + 1;
    }
}

constexpr const char* kBookingColumns =
    "id, exam_id, patient_id, room_id, date, start_minute, end_minute, method_id, body_part_ids, group_id, "
    "precautions, status, channel, patient_sex, patient_birth_date, patient_source, requesting_department, "
    "priority, created_at, created_by, cancelled_at, cancelled_by, cancel_reason";

BookingRow bookingRow(Statement& st)
{
    BookingRow r;
    r.id = st.integer(0);
    r.examId = st.integer(1);
    r.patientId = st.integer(2);
    r.roomId = st.text(3);
    r.date = st.text(4);
    r.startMinute = int(st.integer(5));
    r.endMinute = int(st.integer(6));
    r.methodId = st.text(7);
    r.bodyPartIds = splitIds(st.text(8));
    r.groupId = st.text(9);
    r.precautions = st.text(10);
    r.status = st.text(11);
    r.channel = st.text(12);
    r.patientSex = st.text(13);
    r.patientBirthDate = st.optionalText(14);
    r.patientSource = st.text(15);
    r.requestingDepartment = st.text(16);
    r.priority = st.text(17);
    r.createdAt = st.text(18);
    r.createdBy = st.text(19);
    r.cancelledAt = st.optionalText(20);
    r.cancelledBy = st.optionalText(21);
    r.cancelReason = st.optionalText(22);
    return r;
}

std::vector<BookingRow> collect(Statement& st)
{
    std::vector<BookingRow> out;
    while (st.step())
        out.push_back(bookingRow(st));
    st.reset();
    return out;
}

} // namespace

std::optional<SchedulingConfigRow> BookingRepository::config()
{
    auto& st =
        m_db.cached("SELECT document, version, updated_at, updated_by FROM scheduling_config WHERE id = 1");
    std::optional<SchedulingConfigRow> row;
    if (st.step())
        row = SchedulingConfigRow{st.text(0), st.integer(1), st.text(2), st.text(3)};
    st.reset();
    return row;
}

void BookingRepository::saveConfig(const SchedulingConfigRow& row)
{
    auto& st =
        m_db.cached("INSERT INTO scheduling_config (id, document, version, updated_at, updated_by) "
                    "VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET document = excluded.document, "
                    "version = excluded.version, updated_at = excluded.updated_at, "
                    "updated_by = excluded.updated_by");
    st.bind(1, row.document).bind(2, row.version).bind(3, row.updatedAt).bind(4, row.updatedBy);
    st.run();
}

void BookingRepository::insert(const BookingRow& r)
{
    auto& st =
        m_db.cached(std::string("INSERT INTO bookings (") + kBookingColumns +
                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                    "?18, ?19, ?20, ?21, ?22, ?23)");
    st.bind(1, r.id)
        .bind(2, r.examId)
        .bind(3, r.patientId)
        .bind(4, r.roomId)
        .bind(5, r.date)
        .bind(6, r.startMinute)
        .bind(7, r.endMinute)
        .bind(8, r.methodId)
        .bind(9, joinIds(r.bodyPartIds))
        .bind(10, r.groupId)
        .bind(11, r.precautions)
        .bind(12, r.status)
        .bind(13, r.channel)
        .bind(14, r.patientSex)
        .bind(15, r.patientBirthDate)
        .bind(16, r.patientSource)
        .bind(17, r.requestingDepartment)
        .bind(18, r.priority)
        .bind(19, r.createdAt)
        .bind(20, r.createdBy)
        .bind(21, r.cancelledAt)
        .bind(22, r.cancelledBy)
        .bind(23, r.cancelReason);
    st.run();
}

void BookingRepository::update(const BookingRow& r)
{
    auto& st =
        m_db.cached("UPDATE bookings SET room_id = ?2, date = ?3, start_minute = ?4, end_minute = ?5, "
                    "status = ?6, channel = ?7, cancelled_at = ?8, cancelled_by = ?9, cancel_reason = ?10, "
                    "precautions = ?11, group_id = ?12 WHERE id = ?1");
    st.bind(1, r.id)
        .bind(2, r.roomId)
        .bind(3, r.date)
        .bind(4, r.startMinute)
        .bind(5, r.endMinute)
        .bind(6, r.status)
        .bind(7, r.channel)
        .bind(8, r.cancelledAt)
        .bind(9, r.cancelledBy)
        .bind(10, r.cancelReason)
        .bind(11, r.precautions)
        .bind(12, r.groupId);
    st.run();
}

std::optional<BookingRow> BookingRepository::find(std::int64_t id)
{
    auto& st = m_db.cached(std::string("SELECT ") + kBookingColumns + " FROM bookings WHERE id = ?1");
    st.bind(1, id);
    auto rows = collect(st);
    return rows.empty() ? std::nullopt : std::optional<BookingRow>(std::move(rows.front()));
}

std::optional<BookingRow> BookingRepository::liveForExam(core::ExamId examId)
{
    auto& st = m_db.cached(std::string("SELECT ") + kBookingColumns +
                           " FROM bookings WHERE exam_id = ?1 AND status <> 'cancelled'");
    st.bind(1, examId);
    auto rows = collect(st);
    return rows.empty() ? std::nullopt : std::optional<BookingRow>(std::move(rows.front()));
}

std::vector<BookingRow> BookingRepository::search(const BookingQuery& q)
{
    auto& st =
        m_db.cached(std::string("SELECT ") + kBookingColumns +
                    " FROM bookings WHERE (?1 IS NULL OR date = ?1) AND (?2 IS NULL OR room_id = ?2) "
                    "AND (?3 IS NULL OR patient_id = ?3) AND (?4 IS NULL OR exam_id = ?4) "
                    "AND (?5 OR status <> 'cancelled') ORDER BY date, start_minute, room_id, id LIMIT 5000");
    st.bind(1, q.date).bind(2, q.roomId).bind(3, q.patientId).bind(4, q.examId).bind(5, q.includeCancelled);
    return collect(st);
}

std::vector<BookingRow> BookingRepository::allLive()
{
    auto& st = m_db.cached(std::string("SELECT ") + kBookingColumns +
                           " FROM bookings WHERE status <> 'cancelled' ORDER BY id");
    return collect(st);
}

std::vector<BookingRow> BookingRepository::between(const std::string& fromDate, const std::string& toDate)
{
    auto& st = m_db.cached(std::string("SELECT ") + kBookingColumns +
                           " FROM bookings WHERE date >= ?1 AND date <= ?2 ORDER BY date, start_minute");
    st.bind(1, fromDate).bind(2, toDate);
    return collect(st);
}

std::int64_t BookingRepository::maxId()
{
    auto& st = m_db.cached("SELECT COALESCE(MAX(id), 0) FROM bookings");
    st.step();
    const auto id = st.integer(0);
    st.reset();
    return id;
}

void BookingRepository::insert(const RoomStopRow& r)
{
    auto& st = m_db.cached(
        "INSERT INTO room_stops (id, room_id, from_date, to_date, reason, created_at, created_by) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, r.id)
        .bind(2, r.roomId)
        .bind(3, r.fromDate)
        .bind(4, r.toDate)
        .bind(5, r.reason)
        .bind(6, r.createdAt)
        .bind(7, r.createdBy);
    st.run();
}

void BookingRepository::replaceStopsOfRoom(const std::string& roomId, const std::vector<RoomStopRow>& rows)
{
    auto& del = m_db.cached("DELETE FROM room_stops WHERE room_id = ?1");
    del.bind(1, roomId);
    del.run();
    for (const auto& r : rows)
        insert(r);
}

std::vector<RoomStopRow> BookingRepository::stops()
{
    auto& st = m_db.cached("SELECT id, room_id, from_date, to_date, reason, created_at, created_by FROM "
                           "room_stops ORDER BY from_date");
    std::vector<RoomStopRow> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)});
    st.reset();
    return out;
}

void BookingRepository::saveNoShow(const NoShowRow& r)
{
    auto& st = m_db.cached("INSERT INTO no_show_register (patient_id, consecutive_no_shows, blacklisted_at) "
                           "VALUES (?1, ?2, ?3) ON CONFLICT(patient_id) DO UPDATE SET "
                           "consecutive_no_shows = excluded.consecutive_no_shows, "
                           "blacklisted_at = excluded.blacklisted_at");
    st.bind(1, r.patientId).bind(2, r.consecutiveNoShows).bind(3, r.blacklistedAt);
    st.run();
}

void BookingRepository::deleteNoShow(core::PatientId patientId)
{
    auto& st = m_db.cached("DELETE FROM no_show_register WHERE patient_id = ?1");
    st.bind(1, patientId);
    st.run();
}

std::vector<NoShowRow> BookingRepository::noShows()
{
    auto& st = m_db.cached("SELECT patient_id, consecutive_no_shows, blacklisted_at FROM no_show_register");
    std::vector<NoShowRow> out;
    while (st.step())
        out.push_back({st.integer(0), int(st.integer(1)), st.optionalInteger(2)});
    st.reset();
    return out;
}

namespace {

constexpr const char* kTicketColumns = "exam_id, room_id, day, number, ticket, issued_at, order_key";

QueueTicketRow ticketRow(Statement& st)
{
    return {st.integer(0), st.text(1), st.text(2), int(st.integer(3)), st.text(4), st.text(5), st.integer(6)};
}

} // namespace

std::optional<QueueTicketRow> BookingRepository::ticket(core::ExamId examId)
{
    auto& st =
        m_db.cached(std::string("SELECT ") + kTicketColumns + " FROM queue_tickets WHERE exam_id = ?1");
    st.bind(1, examId);
    std::optional<QueueTicketRow> row;
    if (st.step())
        row = ticketRow(st);
    st.reset();
    return row;
}

std::vector<QueueTicketRow> BookingRepository::ticketsOfDay(const std::string& roomId, const std::string& day)
{
    auto& st = m_db.cached(std::string("SELECT ") + kTicketColumns +
                           " FROM queue_tickets WHERE room_id = ?1 AND day = ?2 ORDER BY order_key, number");
    st.bind(1, roomId).bind(2, day);
    std::vector<QueueTicketRow> out;
    while (st.step())
        out.push_back(ticketRow(st));
    st.reset();
    return out;
}

int BookingRepository::nextTicketNumber(const std::string& roomId, const std::string& day)
{
    auto& st =
        m_db.cached("SELECT COALESCE(MAX(number), 0) + 1 FROM queue_tickets WHERE room_id = ?1 AND day = ?2");
    st.bind(1, roomId).bind(2, day);
    st.step();
    const int next = int(st.integer(0));
    st.reset();
    return next;
}

void BookingRepository::insert(const QueueTicketRow& r)
{
    auto& st = m_db.cached(std::string("INSERT INTO queue_tickets (") + kTicketColumns +
                           ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, r.examId)
        .bind(2, r.roomId)
        .bind(3, r.day)
        .bind(4, r.number)
        .bind(5, r.ticket)
        .bind(6, r.issuedAt)
        .bind(7, r.orderKey);
    st.run();
}

void BookingRepository::setOrderKey(core::ExamId examId, std::int64_t orderKey)
{
    auto& st = m_db.cached("UPDATE queue_tickets SET order_key = ?2 WHERE exam_id = ?1");
    st.bind(1, examId).bind(2, orderKey);
    st.run();
}

void BookingRepository::deleteTicket(core::ExamId examId)
{
    auto& st = m_db.cached("DELETE FROM queue_tickets WHERE exam_id = ?1");
    st.bind(1, examId);
    st.run();
}

std::int64_t BookingRepository::insertCall(const QueueCallRow& r)
{
    auto& st = m_db.cached("INSERT INTO queue_calls (exam_id, room_id, at, kind) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, r.examId).bind(2, r.roomId).bind(3, r.at).bind(4, r.kind);
    st.run();
    return m_db.lastInsertId();
}

std::vector<QueueCallRow> BookingRepository::recentCalls(const std::string& roomId, int limit)
{
    auto& st = m_db.cached("SELECT seq, exam_id, room_id, at, kind FROM (SELECT * FROM queue_calls WHERE "
                           "room_id = ?1 ORDER BY seq DESC LIMIT ?2) ORDER BY seq");
    st.bind(1, roomId).bind(2, limit);
    std::vector<QueueCallRow> out;
    while (st.step())
        out.push_back({st.integer(0), st.integer(1), st.text(2), st.text(3), st.text(4)});
    st.reset();
    return out;
}

namespace {

constexpr const char* kReminderColumns =
    "booking_id, exam_id, patient_id, slot_date, phone, message, sender, status, "
    "attempts, last_error, updated_at";

ReminderRow reminderRow(Statement& st)
{
    return {st.integer(0), st.integer(1), st.integer(2),      st.text(3),         st.text(4), st.text(5),
            st.text(6),    st.text(7),    int(st.integer(8)), st.optionalText(9), st.text(10)};
}

} // namespace

std::optional<ReminderRow> BookingRepository::reminder(std::int64_t bookingId)
{
    auto& st = m_db.cached(std::string("SELECT ") + kReminderColumns +
                           " FROM booking_reminders WHERE booking_id = ?1");
    st.bind(1, bookingId);
    std::optional<ReminderRow> row;
    if (st.step())
        row = reminderRow(st);
    st.reset();
    return row;
}

void BookingRepository::saveReminder(const ReminderRow& r)
{
    auto& st = m_db.cached(std::string("INSERT OR REPLACE INTO booking_reminders (") + kReminderColumns +
                           ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    st.bind(1, r.bookingId)
        .bind(2, r.examId)
        .bind(3, r.patientId)
        .bind(4, r.slotDate)
        .bind(5, r.phone)
        .bind(6, r.message)
        .bind(7, r.sender)
        .bind(8, r.status)
        .bind(9, r.attempts)
        .bind(10, r.lastError)
        .bind(11, r.updatedAt);
    st.run();
}

std::vector<ReminderRow> BookingRepository::reminders(const std::string& slotDate)
{
    auto& st = m_db.cached(std::string("SELECT ") + kReminderColumns +
                           " FROM booking_reminders WHERE slot_date = ?1 ORDER BY booking_id");
    st.bind(1, slotDate);
    std::vector<ReminderRow> out;
    while (st.step())
        out.push_back(reminderRow(st));
    st.reset();
    return out;
}

} // namespace lumen::store
