#pragma once
// Headers that say what the archive index says. Stored files stay exactly as received; when
// the index was corrected after an object arrived (its series moved, its study split, its
// study assigned to a patient by hand), the object leaves with the index's values instead,
// and the values it had travel along in Original Attributes Sequence (PS3.3 C.12.1.1.9).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumen::dicom {

struct CoercedAttribute
{
    std::uint32_t tag = 0; // 0xGGGGEEEE, a text attribute at the top level of the data set
    std::string value;     // DICOM string form, multiple values joined with '\\'
};

struct HeaderCoercion
{
    // Only the attributes whose value differs from the object's change (and are recorded).
    std::vector<CoercedAttribute> attributes;
    std::string characterSet;      // Specific Character Set of the values (the index's: ISO_IR 192)
    std::string reason = "COERCE"; // Reason for the Attribute Modification: COERCE or CORRECT
    std::string modifyingSystem = "LUMEN";
    std::string modifiedAt; // Attribute Modification DateTime, YYYYMMDDHHMMSS
};

// The Part 10 file at `path` with `coercion` applied, in the file's own transfer syntax
// (encapsulated pixel data is copied as it is, never decoded). nullopt when the file already
// holds every value, so that it can go out byte for byte. Throws DicomError ("unreadable",
// "unwritable").
std::optional<std::string> coercedPart10(const std::string& path, const HeaderCoercion& coercion);

} // namespace lumen::dicom
