#pragma once
// The rule checks, each written once and used both to judge one slot (booking) and to cut
// start windows (recommending), so the recommender never offers what booking refuses.
#include "exam_plan.h"
#include "lumen/scheduling/booking_ledger.h"
#include "lumen/scheduling/no_show_register.h"
#include "lumen/scheduling/room_stops.h"

#include <climits>
#include <optional>
#include <vector>

namespace lumen::scheduling {

// Start times [from, to) that a rule forbids, and the rule.
struct StartBlock
{
    LocalMinute from = 0;
    LocalMinute to = 0;
    Refusal reason;
};

struct QuotaCheck
{
    std::optional<Refusal> refusal;
    int remaining = INT_MAX; // bookings the segment still takes for this group and source
};

class SlotRules
{
public:
    SlotRules(const SchedulingConfig& config, const BookingLedger& ledger, const RoomStops& stops,
              const NoShowRegister& noShows)
        : m_config(config), m_ledger(ledger), m_stops(stops), m_noShows(noShows)
    {
    }

    const SchedulingConfig& config() const { return m_config; }
    const BookingLedger& ledger() const { return m_ledger; }

    // The blacklist, for self-service channels.
    std::optional<Refusal> checkPatient(const RequestContext& context, LocalMinute now) const;
    // Item rules on the channel.
    void checkExam(const ExamPlan& plan, const RequestContext& context, std::vector<Refusal>& out) const;
    // What does not depend on the day: capability, item rooms, request rules (age on `today`).
    void checkRoom(const ExamPlan& plan, const RequestContext& context, const Room& room, DayNumber today,
                   std::vector<Refusal>& out) const;
    // Holidays, stops, horizons, weekday time rules, closed days.
    void checkDay(const ExamPlan& plan, const Room& room, DayNumber day, LocalMinute now,
                  std::vector<Refusal>& out) const;
    // Starts forbidden on `day` by time-of-day and fasting rules, and before `earliestStart`.
    void addDayBlocks(const ExamPlan& plan, const Room& room, DayNumber day, LocalMinute earliestStart,
                      std::vector<StartBlock>& out) const;
    // Starts forbidden by the patient's other bookings: overlap, exclusion and order rules.
    std::vector<StartBlock> patientBlocks(const ExamPlan& plan, core::PatientId patient,
                                          BookingId ignore = 0) const;
    QuotaCheck checkQuota(const ExamPlan& plan, const RequestContext& context, const Room& room,
                          Weekday scheduleDay, const Segment& segment,
                          const std::vector<BookingLedger::Busy>* busy) const;

private:
    const SchedulingConfig& m_config;
    const BookingLedger& m_ledger;
    const RoomStops& m_stops;
    const NoShowRegister& m_noShows;
};

// "45 minutes", "6 hours", "3 days".
std::string describeMinutes(int minutes);

} // namespace lumen::scheduling
