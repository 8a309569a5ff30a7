#pragma once
// Best combinations of slots for several exams of one patient: fewest visits, least waiting,
// every relation between the exams respected.
//
// The search fixes an order in time (every permutation allowed by the order rules), then
// places each exam at the earliest start its windows allow after the exams before it. With the
// order fixed, every relation is a lower bound on the next start, so the earliest start is
// the best one and one candidate per day suffices. A branch-and-bound on the cost prunes days
// that cannot beat the best combinations found so far.
#include "window_finder.h"

#include <vector>

namespace lumen::scheduling {

struct SearchExam
{
    std::vector<std::vector<const Window*>> windowsByDay; // index: day - fromDay
    long long minLeadMinutes = 0;                         // earliest possible start - now
};

struct SearchInput
{
    std::vector<SearchExam> exams;
    DayNumber fromDay = 0;
    LocalMinute now = 0;
    // gapAfter[i][j]: minutes required from the end of i to the start of j when j follows i.
    std::vector<std::vector<int>> gapAfter;
    // mustPrecede[i][j]: an order rule puts i before j.
    std::vector<std::vector<bool>> mustPrecede;
    // sameDay[i][j]: a same-day rule pairs them.
    std::vector<std::vector<bool>> sameDay;
    std::vector<DayNumber> daysAlreadyVisiting; // the patient's other bookings
    bool allOnOneDay = false;                   // the patient's same-day preference
    long long extraVisitCost = 0;
    long long sameDayMissCost = 0;
    std::size_t maxResults = 3;
    long maxNodes = 200000;
};

struct Placement
{
    const Window* window = nullptr;
    LocalMinute start = 0;
};

struct FoundCombination
{
    std::vector<Placement> placements; // by exam index
    int visits = 0;
    long long waitingMinutes = 0;
    long long cost = 0;
};

// Best first; empty when no combination satisfies the relations.
std::vector<FoundCombination> searchCombinations(const SearchInput& input, const std::vector<int>& durations);

} // namespace lumen::scheduling
