#pragma once
// DICOM C-FIND / QIDO-RS attribute matching (PS3.4 C.2.2.2): universal, single value,
// wildcard (* and ?), range (dates and times, "a-b", "a-", "-b") and UID list ("u1\u2").
#include <string>
#include <string_view>
#include <vector>

namespace lumen::core {

struct DicomMatch
{
    enum class Kind { Universal, Single, Wildcard, Range, List };
    Kind kind = Kind::Universal;
    std::vector<std::string> values; // Single/Wildcard: 1; Range: 2 (either may be ""); List: n
};

enum class MatchStyle {
    Text,       // single value or wildcard
    PersonName, // like Text, compared case-insensitively
    DateTime,   // single value or range
    Uid,        // single value or list
};

// Interprets a query key's value for an attribute of the given style.
DicomMatch parseDicomMatch(std::string_view value, MatchStyle style);
// Upper-cases ASCII letters only (names may carry Chinese ideographs, left as they are).
std::string asciiUpper(std::string_view text);
// SQL LIKE pattern for a DICOM wildcard, escaping LIKE's own % and _ with '\'.
std::string wildcardToLike(std::string_view wildcard);

} // namespace lumen::core
