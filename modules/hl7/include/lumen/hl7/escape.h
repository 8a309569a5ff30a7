#pragma once
// HL7 escape sequences: \F\ \S\ \T\ \R\ \E\ for the delimiters, \Xhh..\ for raw bytes.
// Formatting (\H\ \N\ \.br\ ...) and character-set switches (\C..\ \M..\) are not kept: a
// line break stands for \.br\, the others are dropped.
#include "lumen/hl7/encoding.h"

#include <string>
#include <string_view>

namespace lumen::hl7 {

std::string unescape(std::string_view text, const Encoding& encoding);
// Escapes the delimiters and turns CR/LF into \X0D\ / \X0A\, so any text fits in one field.
std::string escape(std::string_view text, const Encoding& encoding);

} // namespace lumen::hl7
