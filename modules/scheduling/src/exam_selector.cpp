#include "lumen/scheduling/rules.h"

#include <algorithm>

namespace lumen::scheduling {

namespace {
bool contains(const std::vector<std::string>& list, const std::string& value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}
} // namespace

bool ExamSelector::matches(const std::string& methodId, const std::string& groupId,
                           const std::vector<std::string>& examBodyPartIds) const
{
    if (!methodIds.empty() && !contains(methodIds, methodId))
        return false;
    if (!groupIds.empty() && !contains(groupIds, groupId))
        return false;
    if (!bodyPartIds.empty() &&
        std::none_of(examBodyPartIds.begin(), examBodyPartIds.end(),
                     [this](const auto& part) { return contains(bodyPartIds, part); }))
        return false;
    return true;
}

} // namespace lumen::scheduling
