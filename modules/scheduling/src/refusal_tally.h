#pragma once
// Counts why candidates were dropped during a search, so "nothing found" can name the rules
// that blocked most, without keeping every refusal.
#include "lumen/scheduling/refusal.h"

#include <algorithm>
#include <string>
#include <vector>

namespace lumen::scheduling {

class RefusalTally
{
public:
    void add(const Refusal& refusal)
    {
        for (auto& entry : m_entries)
            if (entry.first.code == refusal.code && entry.first.ruleId == refusal.ruleId) {
                ++entry.second;
                return;
            }
        m_entries.emplace_back(refusal, 1);
    }

    bool empty() const { return m_entries.empty(); }

    // Most frequent first, each with the first message seen and how often it blocked.
    std::vector<Refusal> summary() const
    {
        auto entries = m_entries;
        std::stable_sort(entries.begin(), entries.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        std::vector<Refusal> out;
        for (auto& [refusal, count] : entries) {
            out.push_back(refusal);
            if (count > 1)
                out.back().message += " (blocked " + std::to_string(count) + " candidates)";
        }
        return out;
    }

private:
    std::vector<std::pair<Refusal, int>> m_entries;
};

} // namespace lumen::scheduling
