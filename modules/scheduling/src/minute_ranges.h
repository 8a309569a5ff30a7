#pragma once
// Sets of start times as a few half-open ranges [from, to); rules cut pieces out of them.
#include "lumen/scheduling/local_time.h"

#include <cstddef>
#include <vector>

namespace lumen::scheduling {

struct MinuteRange
{
    LocalMinute from = 0;
    LocalMinute to = 0;
};

// Removes [from, to) from every range, in place; ranges stay ordered.
inline void subtractRange(std::vector<MinuteRange>& ranges, LocalMinute from, LocalMinute to)
{
    if (from >= to)
        return;
    for (std::size_t i = 0; i < ranges.size();) {
        const MinuteRange r = ranges[i];
        if (to <= r.from || from >= r.to) {
            ++i;
        } else if (r.from < from && to < r.to) {
            ranges[i].to = from;
            ranges.insert(ranges.begin() + std::ptrdiff_t(i) + 1, MinuteRange{to, r.to});
            i += 2;
        } else if (r.from < from) {
            ranges[i].to = from;
            ++i;
        } else if (to < r.to) {
            ranges[i].from = to;
            ++i;
        } else {
            ranges.erase(ranges.begin() + std::ptrdiff_t(i));
        }
    }
}

// True when `value` lies in one of the ranges.
inline bool containsMinute(const std::vector<MinuteRange>& ranges, LocalMinute value)
{
    for (const auto& r : ranges)
        if (r.from <= value && value < r.to)
            return true;
    return false;
}

} // namespace lumen::scheduling
