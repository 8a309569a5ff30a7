#include "combination_search.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace lumen::scheduling {

namespace {
constexpr long long kInfinity = std::numeric_limits<long long>::max() / 4;

class Search
{
public:
    Search(const SearchInput& input, const std::vector<int>& durations)
        : m_in(input), m_durations(durations), m_count(input.exams.size()), m_placed(m_count)
    {
    }

    std::vector<FoundCombination> run()
    {
        std::vector<int> order(m_count);
        std::iota(order.begin(), order.end(), 0);
        // Exams that can start soonest first: the first order tried is usually near the best,
        // which makes the bound bite early.
        std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
            return m_in.exams[std::size_t(a)].minLeadMinutes < m_in.exams[std::size_t(b)].minLeadMinutes;
        });
        std::vector<std::vector<int>> permutations;
        std::vector<int> perm = order;
        std::sort(perm.begin(), perm.end());
        do {
            if (respectsOrderRules(perm))
                permutations.push_back(perm);
        } while (std::next_permutation(perm.begin(), perm.end()));
        std::stable_sort(permutations.begin(), permutations.end(),
                         [&order](const auto& a, const auto& b) { return a == order && b != order; });
        for (const auto& p : permutations) {
            m_perm = p;
            m_lowerBoundRest.assign(m_count + 1, 0);
            for (std::size_t k = m_count; k-- > 0;)
                m_lowerBoundRest[k] =
                    m_lowerBoundRest[k + 1] + m_in.exams[std::size_t(m_perm[k])].minLeadMinutes;
            place(0, 0);
            if (m_nodes > m_in.maxNodes)
                break;
        }
        return m_best;
    }

private:
    bool respectsOrderRules(const std::vector<int>& perm) const
    {
        for (std::size_t a = 0; a < perm.size(); ++a)
            for (std::size_t b = a + 1; b < perm.size(); ++b)
                if (m_in.mustPrecede[std::size_t(perm[b])][std::size_t(perm[a])])
                    return false;
        return true;
    }

    long long worstKept() const { return m_best.size() < m_in.maxResults ? kInfinity : m_best.back().cost; }

    bool visiting(DayNumber day, std::size_t placedCount) const
    {
        for (std::size_t k = 0; k < placedCount; ++k)
            if (m_placed[std::size_t(m_perm[k])].window->day == day)
                return true;
        return std::find(m_in.daysAlreadyVisiting.begin(), m_in.daysAlreadyVisiting.end(), day) !=
               m_in.daysAlreadyVisiting.end();
    }

    // Bookings of this combination already placed in the window's room segment; they use the
    // same quota (counted as if every quota were shared, which may only ever refuse too much).
    int placedInSegment(const Window& w, std::size_t placedCount) const
    {
        int count = 0;
        for (std::size_t k = 0; k < placedCount; ++k) {
            const Window& other = *m_placed[std::size_t(m_perm[k])].window;
            count +=
                other.roomIndex == w.roomIndex && other.day == w.day && other.segmentIndex == w.segmentIndex;
        }
        return count;
    }

    void place(std::size_t k, long long costSoFar)
    {
        if (++m_nodes > m_in.maxNodes)
            return;
        if (k == m_count) {
            keep(costSoFar);
            return;
        }
        const auto exam = std::size_t(m_perm[k]);
        LocalMinute notBefore = m_in.now;
        for (std::size_t p = 0; p < k; ++p) {
            const auto other = std::size_t(m_perm[p]);
            const auto& placed = m_placed[other];
            notBefore = std::max(notBefore, placed.start + m_durations[other] + m_in.gapAfter[other][exam]);
        }
        const auto& byDay = m_in.exams[exam].windowsByDay;
        const DayNumber firstDay = std::max(dayOfMinute(notBefore), m_in.fromDay);
        DayNumber lastDay = m_in.fromDay + DayNumber(byDay.size()) - 1;
        DayNumber startDay = firstDay;
        if (m_in.allOnOneDay && k > 0) {
            const DayNumber day = m_placed[std::size_t(m_perm[0])].window->day;
            startDay = std::max(startDay, day);
            lastDay = std::min(lastDay, day);
        }
        for (DayNumber day = startDay; day <= lastDay; ++day) {
            const Window* chosen = nullptr;
            LocalMinute start = 0;
            for (const Window* w : byDay[std::size_t(day - m_in.fromDay)]) {
                const LocalMinute s = w->firstStartFrom(notBefore);
                if (s < 0 || (chosen && s >= start))
                    continue;
                if (placedInSegment(*w, k) >= w->quotaRemaining)
                    continue;
                chosen = w;
                start = s;
            }
            if (!chosen)
                continue;
            const long long lead = start - m_in.now;
            // Later days only start later: once the bare lead cannot win, nothing after can.
            if (costSoFar + lead + m_lowerBoundRest[k + 1] >= worstKept())
                break;
            long long cost = costSoFar + lead + chosen->penalty;
            if (!visiting(day, k))
                cost += m_in.extraVisitCost;
            for (std::size_t p = 0; p < k; ++p) {
                const auto other = std::size_t(m_perm[p]);
                if (m_in.sameDay[other][exam] && m_placed[other].window->day != day)
                    cost += m_in.sameDayMissCost;
            }
            if (cost + m_lowerBoundRest[k + 1] >= worstKept())
                continue;
            m_placed[exam] = Placement{chosen, start};
            place(k + 1, cost);
        }
    }

    void keep(long long cost)
    {
        for (const auto& found : m_best) {
            bool same = true;
            for (std::size_t i = 0; i < m_count && same; ++i)
                same = found.placements[i].start == m_placed[i].start &&
                       found.placements[i].window->roomIndex == m_placed[i].window->roomIndex;
            if (same)
                return;
        }
        FoundCombination found;
        found.placements = m_placed;
        found.cost = cost;
        std::vector<DayNumber> newDays;
        for (const auto& p : m_placed) {
            found.waitingMinutes += p.start - m_in.now;
            const bool known = std::find(newDays.begin(), newDays.end(), p.window->day) != newDays.end() ||
                               std::find(m_in.daysAlreadyVisiting.begin(), m_in.daysAlreadyVisiting.end(),
                                         p.window->day) != m_in.daysAlreadyVisiting.end();
            if (!known)
                newDays.push_back(p.window->day);
        }
        found.visits = int(newDays.size());
        const auto at = std::upper_bound(m_best.begin(), m_best.end(), cost,
                                         [](long long c, const FoundCombination& f) { return c < f.cost; });
        m_best.insert(at, std::move(found));
        if (m_best.size() > m_in.maxResults)
            m_best.pop_back();
    }

    const SearchInput& m_in;
    const std::vector<int>& m_durations;
    std::size_t m_count;
    std::vector<int> m_perm;
    std::vector<long long> m_lowerBoundRest;
    std::vector<Placement> m_placed;
    std::vector<FoundCombination> m_best;
    long m_nodes = 0;
};
} // namespace

std::vector<FoundCombination> searchCombinations(const SearchInput& input, const std::vector<int>& durations)
{
    if (input.exams.empty())
        return {};
    return Search(input, durations).run();
}

} // namespace lumen::scheduling
