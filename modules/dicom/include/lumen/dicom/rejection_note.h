#pragma once
// Key Object Selection rejection notes (PS3.3 C.17.6, CID 7011): an instance that says other
// instances were rejected, e.g. for quality reasons or because the wrong patient was selected.
#include <optional>
#include <string>
#include <vector>

namespace lumen::dicom {

inline constexpr const char* keyObjectSelectionSopClass = "1.2.840.10008.5.1.4.1.1.88.59";

struct RejectionNote
{
    std::string codeValue;   // e.g. "113001"
    std::string codeMeaning; // e.g. "Rejected for Quality Reasons"
    std::vector<std::string> rejectedSopInstanceUids;
};

// The note in the Part 10 file at `path`, or nullopt when the file is a Key Object Selection
// that is not a rejection note (or not a KOS at all).
std::optional<RejectionNote> readRejectionNote(const std::string& path);

} // namespace lumen::dicom
