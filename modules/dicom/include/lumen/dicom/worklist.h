#pragma once
// Modality Worklist Information Model - FIND (PS3.4 K.6) as SCP, without DCMTK types. The DIMSE
// server reads the query and shapes each answer to the keys that were asked for; the handler
// matches and gives every value it knows for each item.
#include "lumen/dicom/dimse_service.h"

#include <functional>
#include <string>
#include <vector>

namespace lumen::dicom {

inline constexpr const char* modalityWorklistFindSopClass = "1.2.840.10008.5.1.4.31";

struct WorklistQuery
{
    // Top-level keys and those of the Scheduled Procedure Step Sequence's item, values in UTF-8
    // (decoded from the request's Specific Character Set); an empty value matches anything.
    // Other sequences are not matched (they come back empty).
    std::vector<DicomKey> keys;
    std::vector<DicomKey> stepKeys;
    std::string specificCharacterSet; // as the request declared it
};

// One scheduled procedure step with every value the archive has for it (UTF-8). The answer holds
// only the requested keys, with Specific Character Set ISO_IR 192 when a value is beyond ASCII.
struct WorklistItem
{
    std::vector<DicomKey> keys;
    std::vector<DicomKey> stepKeys; // inside Scheduled Procedure Step Sequence
};

class WorklistHandler
{
public:
    virtual ~WorklistHandler() = default;
    // Calls `sendItem` for each match; it returns false when the SCU cancelled (stop then).
    // A status other than success refuses the query (e.g. 0124 for an AE without the query right).
    virtual FindOutcome findWorklist(const AssociationInfo& association, const WorklistQuery& query,
                                     const std::function<bool(const WorklistItem&)>& sendItem) = 0;
};

} // namespace lumen::dicom
