#include "lumen/core/sex.h"

namespace lumen::core {

std::string_view toCode(Sex sex)
{
    switch (sex) {
    case Sex::Male: return "M";
    case Sex::Female: return "F";
    case Sex::Other: return "O";
    case Sex::Unknown: break;
    }
    return "U";
}

std::optional<Sex> sexFromCode(std::string_view code)
{
    if (code == "M")
        return Sex::Male;
    if (code == "F")
        return Sex::Female;
    if (code == "O")
        return Sex::Other;
    if (code == "U")
        return Sex::Unknown;
    return std::nullopt;
}

} // namespace lumen::core
