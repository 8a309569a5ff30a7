#include "lumen/scheduling/scheduling_engine.h"

namespace lumen::scheduling {

LocalMinute localMinuteAt(std::chrono::system_clock::time_point t, int utcOffsetMinutes)
{
    const auto minutes = std::chrono::floor<std::chrono::minutes>(t.time_since_epoch()).count();
    return LocalMinute(minutes) + utcOffsetMinutes;
}

SchedulingEngine::SchedulingEngine(std::shared_ptr<const SchedulingConfig> config, const core::Clock& clock)
    : m_calendar(std::move(config)), m_clock(clock), m_utcOffsetMinutes(m_calendar.config().utcOffsetMinutes)
{
}

LocalMinute SchedulingEngine::now() const
{
    return localMinuteAt(m_clock.now(), m_utcOffsetMinutes.load());
}

Recommendation SchedulingEngine::recommend(const RecommendationRequest& request) const
{
    std::shared_lock lock(m_mutex);
    return m_calendar.recommend(request, now());
}

std::vector<ExamWindows> SchedulingEngine::feasibleWindows(const RecommendationRequest& request) const
{
    std::shared_lock lock(m_mutex);
    return m_calendar.feasibleWindows(request, now());
}

std::vector<Refusal> SchedulingEngine::check(const BookingRequest& request) const
{
    std::shared_lock lock(m_mutex);
    return m_calendar.check(request, now());
}

BookingOutcome SchedulingEngine::book(const BookingRequest& request)
{
    std::unique_lock lock(m_mutex);
    return m_calendar.book(request, now());
}

MultiBookingOutcome SchedulingEngine::bookAll(const std::vector<BookingRequest>& requests)
{
    std::unique_lock lock(m_mutex);
    return m_calendar.bookAll(requests, now());
}

BookingOutcome SchedulingEngine::change(BookingId id, const SlotChoice& slot, BookingChannel channel)
{
    std::unique_lock lock(m_mutex);
    return m_calendar.change(id, slot, channel, now());
}

std::optional<Refusal> SchedulingEngine::cancel(BookingId id)
{
    std::unique_lock lock(m_mutex);
    return m_calendar.cancel(id);
}

std::optional<Refusal> SchedulingEngine::checkIn(BookingId id)
{
    std::unique_lock lock(m_mutex);
    return m_calendar.checkIn(id);
}

std::optional<Refusal> SchedulingEngine::markNoShow(BookingId id)
{
    std::unique_lock lock(m_mutex);
    return m_calendar.markNoShow(id, now());
}

void SchedulingEngine::restoreBookingRights(core::PatientId patient)
{
    std::unique_lock lock(m_mutex);
    m_calendar.restoreBookingRights(patient);
}

RoomStopResult SchedulingEngine::stopRoom(RoomStop stop)
{
    std::unique_lock lock(m_mutex);
    return m_calendar.stopRoom(std::move(stop), now());
}

RoomStopResult SchedulingEngine::previewRoomStop(const RoomStop& stop) const
{
    std::shared_lock lock(m_mutex);
    return m_calendar.previewRoomStop(stop, now());
}

void SchedulingEngine::reopenRoom(const std::string& roomId, const core::Date& from, const core::Date& to)
{
    std::unique_lock lock(m_mutex);
    m_calendar.reopenRoom(roomId, from, to);
}

void SchedulingEngine::setConfig(std::shared_ptr<const SchedulingConfig> config)
{
    std::unique_lock lock(m_mutex);
    m_utcOffsetMinutes = config->utcOffsetMinutes;
    m_calendar.setConfig(std::move(config));
}

} // namespace lumen::scheduling
