#pragma once
// The appointment book of the hospital inside the server: the scheduling engine loaded from the
// database, asked for recommendations and free slots, and changed (book, change, cancel, room
// stops, blacklist) under its lock with the database written in step. The exam is the truth:
// booking steps it requested -> booked, cancelling steps it back; check-in, no-show and
// cancellation taken on the exam are followed here (examStepping). At start the book is rebuilt
// from the bookings table reconciled with the exams.
#include "lumen/core/clock.h"
#include "lumen/core/exam.h"
#include "lumen/scheduling/scheduling_engine.h"
#include "services/principal.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>

namespace lumen::store {
class ConnectionPool;
class Database;
class WriteQueue;
struct BookingQuery;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;
class ExamService;

class BookingService
{
public:
    BookingService(const core::Clock& clock, store::ConnectionPool& readers, store::WriteQueue& writer,
                   const AuditLog& audit, ExamService& exams);
    ~BookingService();

    // Reads configuration, bookings, stops and the no-show register; call once before serving.
    void load();

    nlohmann::json config(const Principal& who) const;
    nlohmann::json replaceConfig(const Principal& who, const nlohmann::json& document);
    nlohmann::json rooms(const Principal& who) const;

    nlohmann::json recommend(const Principal& who, const nlohmann::json& body) const;
    nlohmann::json windows(const Principal& who, const nlohmann::json& body) const;
    nlohmann::json check(const Principal& who, const nlohmann::json& body) const;

    nlohmann::json list(const Principal& who, const store::BookingQuery& query) const;
    nlohmann::json book(const Principal& who, const nlohmann::json& body);
    nlohmann::json change(const Principal& who, std::int64_t bookingId, const nlohmann::json& body);
    nlohmann::json cancel(const Principal& who, std::int64_t bookingId, const nlohmann::json& body);

    nlohmann::json stopRoom(const Principal& who, const std::string& roomId, const nlohmann::json& body);
    void reopenRoom(const Principal& who, const std::string& roomId, const nlohmann::json& body);
    nlohmann::json blacklist(const Principal& who) const;
    // Bookings by day, room and channel, lead time, attendance and no-show rates, slot usage
    // (booked minutes of the rooms' open minutes) for slots from `from` to `to` (at most a year).
    nlohmann::json statistics(const Principal& who, const core::Date& from, const core::Date& to) const;
    void restoreBookingRights(const Principal& who, core::PatientId patientId);

    // Inside the writer job of an exam step (before it is written): follows check-in, no-show
    // and cancellation in the book; refuses a hand-given slot in a configured room.
    void examStepping(store::Database& db, const Principal& who, const core::Exam& before,
                      const core::Exam& after);

    // The hospital's local date today, and a room's display name (its id when unknown).
    core::Date today() const;
    std::string roomName(const std::string& roomId) const;
    // The position of the room in the configuration (-1 when unknown), for queue ticket letters.
    int roomIndex(const std::string& roomId) const;
    int utcOffsetMinutes() const;

private:
    void bookByHand(store::Database& db, const Principal& who, const core::Exam& exam);

    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace lumen::server
