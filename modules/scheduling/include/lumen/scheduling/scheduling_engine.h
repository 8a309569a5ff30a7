#pragma once
// The thread-safe entry point: one Calendar behind a reader-writer lock, "now" from an
// injectable clock. Recommendations read in parallel; booking, change, cancel and room stops
// take the lock exclusively, so concurrent requests can never double-book a slot or overrun
// a quota. A store layer persists inside write() to keep the book and the database in step.
#include "lumen/core/clock.h"
#include "lumen/scheduling/calendar.h"

#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <utility>

namespace lumen::scheduling {

// The hospital's local minute for a UTC instant.
LocalMinute localMinuteAt(std::chrono::system_clock::time_point t, int utcOffsetMinutes);

class SchedulingEngine
{
public:
    SchedulingEngine(std::shared_ptr<const SchedulingConfig> config, const core::Clock& clock);

    LocalMinute now() const;

    Recommendation recommend(const RecommendationRequest& request) const;
    std::vector<ExamWindows> feasibleWindows(const RecommendationRequest& request) const;
    std::vector<Refusal> check(const BookingRequest& request) const;
    BookingOutcome book(const BookingRequest& request);
    MultiBookingOutcome bookAll(const std::vector<BookingRequest>& requests);
    BookingOutcome change(BookingId id, const SlotChoice& slot, BookingChannel channel);
    std::optional<Refusal> cancel(BookingId id);
    std::optional<Refusal> checkIn(BookingId id);
    std::optional<Refusal> markNoShow(BookingId id);
    void restoreBookingRights(core::PatientId patient);
    RoomStopResult stopRoom(RoomStop stop);
    RoomStopResult previewRoomStop(const RoomStop& stop) const;
    void reopenRoom(const std::string& roomId, const core::Date& from, const core::Date& to);
    void setConfig(std::shared_ptr<const SchedulingConfig> config);

    // Runs `f(const Calendar&)` under the shared lock.
    template <class F> decltype(auto) read(F&& f) const
    {
        std::shared_lock lock(m_mutex);
        return std::forward<F>(f)(std::as_const(m_calendar));
    }
    // Runs `f(Calendar&, LocalMinute now)` under the exclusive lock; `f` may swap the
    // configuration (Calendar::setConfig), whose UTC offset "now" then follows.
    template <class F> decltype(auto) write(F&& f)
    {
        std::unique_lock lock(m_mutex);
        struct FollowOffset
        {
            SchedulingEngine& engine;
            ~FollowOffset() { engine.m_utcOffsetMinutes = engine.m_calendar.config().utcOffsetMinutes; }
        } follow{*this};
        return std::forward<F>(f)(m_calendar, now());
    }

private:
    mutable std::shared_mutex m_mutex;
    Calendar m_calendar;
    const core::Clock& m_clock;
    std::atomic<int> m_utcOffsetMinutes; // so now() needs no lock
};

} // namespace lumen::scheduling
