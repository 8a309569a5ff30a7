#include "lumen/scheduling/calendar.h"

#include "recommender.h"
#include "slot_rules.h"

#include <algorithm>

namespace lumen::scheduling {

namespace {
Refusal unknownBooking(BookingId id)
{
    return Refusal{ReasonCode::UnknownBooking, "booking:" + std::to_string(id),
                   "There is no booking " + std::to_string(id) + ".", ""};
}

std::optional<Refusal> notChangeable(const Booking& booking)
{
    if (booking.status == BookingStatus::Booked)
        return std::nullopt;
    return Refusal{ReasonCode::BookingNotChangeable, "booking:" + std::to_string(booking.id),
                   "Booking " + std::to_string(booking.id) + " is " + std::string(toCode(booking.status)) +
                       " and can no longer be changed or cancelled.",
                   booking.exam.examId};
}

void addOnce(std::vector<Refusal>& out, const Refusal& refusal)
{
    const bool seen = std::any_of(out.begin(), out.end(), [&refusal](const Refusal& r) {
        return r.code == refusal.code && r.ruleId == refusal.ruleId;
    });
    if (!seen)
        out.push_back(refusal);
}
} // namespace

Calendar::Calendar(std::shared_ptr<const SchedulingConfig> config) : m_config(std::move(config)) {}

std::vector<Refusal> Calendar::check(const BookingRequest& request, LocalMinute now) const
{
    std::vector<Refusal> out;
    const SlotRules rules(*m_config, m_ledger, m_stops, m_noShows);
    const auto& context = request.context;
    if (auto blacklisted = rules.checkPatient(context, now))
        out.push_back(std::move(*blacklisted));
    const auto plan = resolveExam(*m_config, request.exam, 0, out);
    if (!plan)
        return out;
    rules.checkExam(*plan, context, out);
    const auto& slot = request.slot;
    const Room* room = m_config->room(slot.roomId);
    if (!room) {
        out.push_back({ReasonCode::UnknownRoom, slot.roomId, "There is no room " + slot.roomId + ".",
                       request.exam.examId});
        return out;
    }
    const DayNumber day = dayNumber(slot.date);
    rules.checkRoom(*plan, context, *room, dayOfMinute(now), out);
    rules.checkDay(*plan, *room, day, now, out);

    const int start = slot.startMinute;
    const int end = start + plan->durationMinutes;
    const Weekday scheduleDay = m_config->holidays.scheduleWeekday(day);
    const auto& segments = room->segmentsOn(scheduleDay);
    const auto segment = std::find_if(segments.begin(), segments.end(), [start](const Segment& s) {
        return s.startMinute <= start && start < s.endMinute;
    });
    if (segment == segments.end() || end > segment->endMinute) {
        if (!segments.empty())
            out.push_back({ReasonCode::OutsideOpeningHours, room->id,
                           "Room " + room->id + " is not open for the whole exam from " + formatClock(start) +
                               " to " + formatClock(end) + " on " + core::formatIsoDate(slot.date) + ".",
                           request.exam.examId});
    } else {
        const int step = std::max(1, room->slotStepMinutes);
        if ((start - segment->startMinute) % step != 0)
            out.push_back({ReasonCode::MisalignedStart, room->id,
                           "Room " + room->id + " takes starts every " + describeMinutes(step) + " from " +
                               formatClock(segment->startMinute) + ".",
                           request.exam.examId});
        const auto* busy = m_ledger.busyOn(room->id, day);
        if (auto quota = rules.checkQuota(*plan, context, *room, scheduleDay, *segment, busy); quota.refusal)
            out.push_back(std::move(*quota.refusal));
        if (busy)
            for (const auto& b : *busy)
                if (b.startMinute < end && start < b.endMinute) {
                    out.push_back({ReasonCode::SlotTaken, room->id,
                                   "Room " + room->id + " is already booked from " +
                                       formatClock(b.startMinute) + " to " + formatClock(b.endMinute) + ".",
                                   request.exam.examId});
                    break;
                }
    }
    const LocalMinute at = localMinute(day, start);
    std::vector<StartBlock> blocks;
    rules.addDayBlocks(*plan, *room, day, now, blocks);
    for (auto& block : rules.patientBlocks(*plan, context.patient.id))
        blocks.push_back(std::move(block));
    for (const auto& block : blocks)
        if (block.from <= at && at < block.to)
            addOnce(out, block.reason);
    return out;
}

BookingOutcome Calendar::tryBook(const BookingRequest& request, LocalMinute now, BookingId id)
{
    BookingOutcome outcome;
    outcome.refusals = check(request, now);
    if (!outcome.refusals.empty())
        return outcome;
    const auto& catalogue = m_config->catalogue;
    Booking booking;
    booking.id = id;
    booking.context = request.context;
    booking.exam = request.exam;
    booking.roomId = request.slot.roomId;
    booking.date = request.slot.date;
    booking.startMinute = request.slot.startMinute;
    booking.endMinute = booking.startMinute + catalogue.durationMinutes(request.exam);
    booking.groupId = catalogue.method(request.exam.methodId)->groupId;
    booking.precautions = catalogue.precautions(request.exam);
    m_ledger.insert(booking);
    outcome.booking = std::move(booking);
    return outcome;
}

BookingOutcome Calendar::book(const BookingRequest& request, LocalMinute now)
{
    auto outcome = tryBook(request, now, m_nextId);
    if (outcome.ok())
        ++m_nextId;
    return outcome;
}

MultiBookingOutcome Calendar::bookAll(const std::vector<BookingRequest>& requests, LocalMinute now)
{
    MultiBookingOutcome outcome;
    for (const auto& request : requests) {
        auto one = book(request, now);
        if (!one.ok()) {
            for (auto& r : one.refusals) {
                if (r.examId.empty())
                    r.examId = request.exam.examId;
                outcome.refusals.push_back(std::move(r));
            }
            break;
        }
        outcome.bookings.push_back(std::move(*one.booking));
    }
    if (!outcome.refusals.empty()) {
        for (const auto& booking : outcome.bookings)
            m_ledger.erase(booking.id);
        outcome.bookings.clear();
    }
    return outcome;
}

BookingOutcome Calendar::change(BookingId id, const SlotChoice& slot, BookingChannel channel, LocalMinute now)
{
    BookingOutcome outcome;
    const auto* existing = m_ledger.find(id);
    if (!existing) {
        outcome.refusals.push_back(unknownBooking(id));
        return outcome;
    }
    if (auto refusal = notChangeable(*existing)) {
        outcome.refusals.push_back(std::move(*refusal));
        return outcome;
    }
    const Booking old = *existing;
    BookingRequest request{old.context, old.exam, slot};
    request.context.channel = channel;
    // Released first, so the new slot may overlap the old one (e.g. ten minutes later).
    m_ledger.erase(id);
    outcome = tryBook(request, now, id);
    if (!outcome.ok())
        m_ledger.insert(old);
    return outcome;
}

std::optional<Refusal> Calendar::cancel(BookingId id)
{
    const auto* booking = m_ledger.find(id);
    if (!booking)
        return unknownBooking(id);
    if (auto refusal = notChangeable(*booking))
        return refusal;
    m_ledger.erase(id);
    return std::nullopt;
}

std::optional<Refusal> Calendar::checkIn(BookingId id)
{
    const auto* booking = m_ledger.find(id);
    if (!booking)
        return unknownBooking(id);
    if (auto refusal = notChangeable(*booking))
        return refusal;
    m_noShows.recordAttendance(booking->context.patient.id);
    m_ledger.setStatus(id, BookingStatus::CheckedIn);
    return std::nullopt;
}

std::optional<Refusal> Calendar::markNoShow(BookingId id, LocalMinute now)
{
    const auto* booking = m_ledger.find(id);
    if (!booking)
        return unknownBooking(id);
    if (auto refusal = notChangeable(*booking))
        return refusal;
    m_noShows.recordNoShow(booking->context.patient.id, now, m_config->noShow);
    m_ledger.setStatus(id, BookingStatus::NoShow);
    return std::nullopt;
}

void Calendar::restoreBookingRights(core::PatientId patient)
{
    m_noShows.restore(patient);
}

Recommendation Calendar::recommend(const RecommendationRequest& request, LocalMinute now) const
{
    const SlotRules rules(*m_config, m_ledger, m_stops, m_noShows);
    return Recommender(rules).recommend(request, now);
}

std::vector<ExamWindows> Calendar::feasibleWindows(const RecommendationRequest& request,
                                                   LocalMinute now) const
{
    const SlotRules rules(*m_config, m_ledger, m_stops, m_noShows);
    return Recommender(rules).feasibleWindows(request, now);
}

RoomStopResult Calendar::stopRoom(RoomStop stop, LocalMinute now)
{
    RoomStopResult result;
    m_stops.add(stop);
    std::vector<Booking> affected;
    for (const auto id : m_ledger.bookingsInRoom(stop.roomId, dayNumber(stop.from), dayNumber(stop.to)))
        if (const auto* b = m_ledger.find(id); b && b->status == BookingStatus::Booked && b->start() >= now)
            affected.push_back(*b);
    std::sort(affected.begin(), affected.end(), [](const Booking& a, const Booking& b) {
        return a.start() != b.start() ? a.start() < b.start() : a.id < b.id;
    });
    const SlotRules rules(*m_config, m_ledger, m_stops, m_noShows);
    const Recommender recommender(rules);
    for (const auto& old : affected) {
        RescheduleNotice notice;
        notice.bookingId = old.id;
        notice.patientId = old.context.patient.id;
        notice.examId = old.exam.examId;
        notice.oldSlot = SlotChoice{old.roomId, old.date, old.startMinute};
        // Staff move the patient, so self-service limits do not apply.
        RequestContext context = old.context;
        context.channel = BookingChannel::RegistrationDesk;
        const auto slot =
            recommender.earliestSlot(old.exam, context, old.start(), now, old.id, notice.reasons);
        if (slot) {
            auto moved = change(old.id, slot->slot, BookingChannel::RegistrationDesk, now);
            if (moved.ok()) {
                notice.newSlot = slot->slot;
                notice.newEndMinute = moved.booking->endMinute;
            } else {
                notice.reasons = moved.refusals;
            }
        }
        result.notices.push_back(std::move(notice));
    }
    result.stop = std::move(stop);
    return result;
}

RoomStopResult Calendar::previewRoomStop(const RoomStop& stop, LocalMinute now) const
{
    Calendar copy = *this;
    return copy.stopRoom(stop, now);
}

void Calendar::reopenRoom(const std::string& roomId, const core::Date& from, const core::Date& to)
{
    m_stops.reopen(roomId, from, to);
}

void Calendar::load(Booking booking)
{
    m_nextId = std::max(m_nextId, booking.id + 1);
    m_ledger.insert(std::move(booking));
}

void Calendar::load(RoomStop stop)
{
    m_stops.add(std::move(stop));
}

void Calendar::load(NoShowRecord record)
{
    m_noShows.load(record);
}

} // namespace lumen::scheduling
