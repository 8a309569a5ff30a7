#pragma once
// One exam as a modality worklist entry: every attribute Lumen serves for it, each with how a
// query key is matched against it (PS3.4 K.6.1.2.2 return and matching keys).
#include "lumen/core/dicom_match.h"
#include "lumen/core/exam.h"
#include "lumen/core/patient.h"
#include "lumen/dicom/worklist.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lumen::server {

struct WorklistField
{
    std::uint16_t group;
    std::uint16_t element;
    std::string value; // UTF-8
    core::MatchStyle style;
};

struct WorklistEntry
{
    std::vector<WorklistField> fields;     // top level
    std::vector<WorklistField> stepFields; // Scheduled Procedure Step Sequence item
};

struct WorklistEntryInput
{
    const core::Exam& exam;
    const core::Patient& patient;
    std::string studyInstanceUid;
    std::string stationAeTitle; // '' when no known AE stands in the exam's room
    std::string scheduledAtIso; // UTC: the booked slot, or when the patient checked in
};

WorklistEntry makeWorklistEntry(const WorklistEntryInput& input);

// Keys whose attribute the entry has are matched (an empty value matches only universal keys);
// keys it lacks are ignored, so that a modality asking for more than Lumen keeps still gets
// its exams.
bool worklistEntryMatches(const WorklistEntry& entry, const dicom::WorklistQuery& query);

dicom::WorklistItem toWorklistItem(const WorklistEntry& entry);

// The DICOM Body Part Examined (CS defined term) for a Lumen body part such as "胸部", or "".
std::string dicomBodyPart(const std::string& bodyPart);

} // namespace lumen::server
