#include "services/worklist_entry.h"

#include "lumen/core/date.h"
#include "lumen/core/dicom_patient.h"
#include "services/worklist_match.h"

#include <ctime>
#include <utility>

namespace lumen::server {
namespace {

using Style = core::MatchStyle;
using core::ExamStatus;

// Local DA and TM of a UTC timestamp: modalities show the hospital's clock.
std::pair<std::string, std::string> localDateTime(const std::string& iso)
{
    const auto at = core::parseIsoTimestamp(iso);
    if (!at)
        return {};
    const std::time_t seconds = std::chrono::system_clock::to_time_t(*at);
    std::tm local{};
    localtime_r(&seconds, &local);
    char date[16];
    char time[16];
    std::strftime(date, sizeof date, "%Y%m%d", &local);
    std::strftime(time, sizeof time, "%H%M%S", &local);
    return {date, time};
}

std::string procedureDescription(const core::Exam& exam)
{
    std::string text;
    for (const auto& item : exam.items)
        text += (text.empty() ? "" : "; ") + item.method + " " + item.bodyPart;
    return text.size() > 64 ? text.substr(0, 64) : text; // LO
}

// Scheduled Procedure Step Status defined terms (PS3.3 C.4.10).
const char* stepStatus(ExamStatus status)
{
    switch (status) {
    case ExamStatus::CheckedIn:
        return "ARRIVED";
    case ExamStatus::Called:
        return "READY";
    default:
        return "SCHEDULED";
    }
}

const char* priorityTerm(core::ExamPriority priority)
{
    switch (priority) {
    case core::ExamPriority::Emergency:
        return "STAT";
    case core::ExamPriority::Urgent:
        return "HIGH";
    case core::ExamPriority::Routine:
        break;
    }
    return "ROUTINE";
}

bool fieldsMatch(const std::vector<WorklistField>& fields, const std::vector<dicom::DicomKey>& keys)
{
    for (const auto& key : keys) {
        if (key.value.empty())
            continue;
        for (const auto& field : fields)
            if (field.group == key.group && field.element == key.element &&
                !worklistValueMatches(key.value, field.value, field.style))
                return false;
    }
    return true;
}

std::vector<dicom::DicomKey> keysOf(const std::vector<WorklistField>& fields)
{
    std::vector<dicom::DicomKey> keys;
    for (const auto& f : fields)
        keys.push_back({f.group, f.element, f.value});
    return keys;
}

} // namespace

std::string dicomBodyPart(const std::string& bodyPart)
{
    // The most frequent parts; others are left for the technologist to choose at the console.
    static const std::pair<const char*, const char*> terms[] = {
        {"冠状动脉", "HEART"}, {"心脏", "HEART"},     {"头颅", "HEAD"},   {"颅脑", "HEAD"},
        {"胸", "CHEST"},       {"上腹", "ABDOMEN"},   {"腹", "ABDOMEN"},  {"盆腔", "PELVIS"},
        {"腰椎", "LSPINE"},    {"颈椎", "CSPINE"},    {"胸椎", "TSPINE"}, {"膝", "KNEE"},
        {"肩", "SHOULDER"},    {"甲状腺", "THYROID"}, {"乳腺", "BREAST"}, {"胃", "STOMACH"},
        {"结肠", "COLON"},     {"肝", "LIVER"},       {"肾", "KIDNEY"},   {"踝", "ANKLE"},
    };
    for (const auto& [part, term] : terms)
        if (bodyPart.find(part) != std::string::npos)
            return term;
    return {};
}

WorklistEntry makeWorklistEntry(const WorklistEntryInput& in)
{
    const core::Exam& exam = in.exam;
    const core::DicomPatient patient = core::toDicomPatient(in.patient);
    const auto [date, time] = localDateTime(in.scheduledAtIso);
    const std::string description = procedureDescription(exam);
    WorklistEntry entry;
    entry.fields = {
        {0x0008, 0x0050, exam.accessionNumber, Style::Text},                     // Accession Number
        {0x0008, 0x0090, exam.requestingDoctor.value_or(""), Style::PersonName}, // Referring Physician
        {0x0010, 0x0010, patient.patientName, Style::PersonName},                // Patient's Name
        {0x0010, 0x0020, patient.patientId, Style::Text},                        // Patient ID
        {0x0010, 0x0021, patient.issuerOfPatientId, Style::Text},                // Issuer of Patient ID
        {0x0010, 0x0030, patient.birthDate, Style::DateTime},                    // Patient's Birth Date
        {0x0010, 0x0040, patient.sex, Style::Text},                              // Patient's Sex
        {0x0020, 0x000D, in.studyInstanceUid, Style::Uid},                       // Study Instance UID
        {0x0032, 0x1032, exam.requestingDoctor.value_or(""), Style::PersonName}, // Requesting Physician
        {0x0032, 0x1033, exam.requestingDepartment.value_or(""), Style::Text},   // Requesting Service
        {0x0032, 0x1060, description, Style::Text},          // Requested Procedure Description
        {0x0040, 0x1001, exam.accessionNumber, Style::Text}, // Requested Procedure ID
        {0x0040, 0x1002, exam.clinicalDiagnosis.value_or(""),
         Style::Text},                                              // Reason for the Requested Procedure
        {0x0040, 0x1003, priorityTerm(exam.priority), Style::Text}, // Requested Procedure Priority
    };
    entry.stepFields = {
        {0x0008, 0x0060, exam.modality, Style::Text}, // Modality
        {0x0018, 0x0015, exam.items.empty() ? "" : dicomBodyPart(exam.items.front().bodyPart),
         Style::Text},                                          // Body Part Examined
        {0x0040, 0x0001, in.stationAeTitle, Style::Text},       // Scheduled Station AE Title
        {0x0040, 0x0002, date, Style::DateTime},                // SPS Start Date
        {0x0040, 0x0003, time, Style::DateTime},                // SPS Start Time
        {0x0040, 0x0006, "", Style::PersonName},                // Scheduled Performing Physician
        {0x0040, 0x0007, description, Style::Text},             // SPS Description
        {0x0040, 0x0009, exam.accessionNumber, Style::Text},    // SPS ID
        {0x0040, 0x0010, exam.room.value_or(""), Style::Text},  // Scheduled Station Name
        {0x0040, 0x0011, exam.room.value_or(""), Style::Text},  // SPS Location
        {0x0040, 0x0020, stepStatus(exam.status), Style::Text}, // SPS Status
    };
    return entry;
}

bool worklistEntryMatches(const WorklistEntry& entry, const dicom::WorklistQuery& query)
{
    return fieldsMatch(entry.fields, query.keys) && fieldsMatch(entry.stepFields, query.stepKeys);
}

dicom::WorklistItem toWorklistItem(const WorklistEntry& entry)
{
    return {keysOf(entry.fields), keysOf(entry.stepFields)};
}

} // namespace lumen::server
