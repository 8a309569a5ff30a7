#pragma once
// In-memory matching of one worklist key against one value (PS3.4 C.2.2.2): the worklist is a
// few dozen waiting exams, so they are matched here rather than in SQL.
#include "lumen/core/dicom_match.h"

#include <string_view>

namespace lumen::server {

// An empty key matches anything; otherwise an empty value matches nothing. Person names compare
// ASCII letters case-insensitively; `?` is one UTF-8 character; DA / TM ranges compare by
// value, a TM bound covering the whole second or minute it names.
bool worklistValueMatches(std::string_view key, std::string_view value, core::MatchStyle style);

} // namespace lumen::server
