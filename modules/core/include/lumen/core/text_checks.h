#pragma once
// Checks and clean-up for free text and identifiers typed by people or sent by other systems.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lumen::core {

std::string trimmed(std::string_view text);
// Trims; an empty result means "not set".
void trimOptional(std::optional<std::string>& value);
// UTF-8 code points, which is what a person means by "characters".
std::size_t characterCount(std::string_view text);
// Control characters other than tab and line breaks when `allowLineBreaks` (multi-line notes).
bool hasControlCharacters(std::string_view text, bool allowLineBreaks = false);
// Letters, digits and - _ / . only, at most `maxBytes`: safe in barcodes, DICOM and HL7.
bool isPlainIdentifier(std::string_view value, std::size_t maxBytes = 64);

} // namespace lumen::core
