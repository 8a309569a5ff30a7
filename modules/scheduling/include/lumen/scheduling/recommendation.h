#pragma once
// What the recommender is asked and what it answers (000 §2.3.6.2): the best slots for one
// exam, the best combinations for several, or every feasible start of the coming week.
#include "lumen/scheduling/booking.h"
#include "lumen/scheduling/refusal.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::scheduling {

// The patient's choices; each one set is a hard filter.
struct Preferences
{
    enum class Days { Any, WeekdaysOnly, WeekendsOnly };
    bool sameDay = false; // every exam on one day
    Days days = Days::Any;
    std::optional<DayPart> dayPart;
    std::optional<core::Date> date; // a chosen date
};

struct RecommendationRequest
{
    RequestContext context;
    std::vector<ExamRequest> exams;
    Preferences preferences;
};

struct ProposedSlot
{
    std::string examId;
    SlotChoice slot;
    int endMinute = 0;
    int durationMinutes = 0;
    std::string precautions;
};

struct Combination
{
    std::vector<ProposedSlot> proposals; // in the order of the request's exams
    int visits = 0;                      // days the patient comes that they were not coming anyway
    long long waitingMinutes = 0;        // from now to each exam's start, summed
    long long cost = 0;                  // what the ranking minimises

    // The requests that book this combination, for Calendar::bookAll.
    std::vector<BookingRequest> bookingRequests(const RequestContext& context,
                                                const std::vector<ExamRequest>& exams) const;
};

struct Recommendation
{
    std::vector<Combination> combinations; // best first; for one exam, one slot each
    std::vector<Refusal> refusals;         // why nothing (or nothing better) was found
    bool found() const { return !combinations.empty(); }
};

// Every start from `earliestStartMinute` to `latestStartMinute` in steps of `stepMinutes`
// is feasible for the exam on its own.
struct StartWindow
{
    std::string roomId;
    core::Date date;
    int earliestStartMinute = 0;
    int latestStartMinute = 0;
    int stepMinutes = 1;
};

struct ExamWindows
{
    std::string examId;
    int durationMinutes = 0;
    std::string precautions;
    std::vector<StartWindow> windows; // by date, then start, then room
    std::vector<Refusal> refusals;    // filled when there are no windows
};

} // namespace lumen::scheduling
