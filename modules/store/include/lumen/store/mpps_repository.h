#pragma once
// Modality Performed Procedure Step instances as the modalities last set them.
#include "lumen/core/exam.h"

#include <optional>
#include <string>

namespace lumen::store {

class Database;

struct MppsRecord
{
    std::string sopInstanceUid;
    std::string callingAe;
    std::optional<core::ExamId> examId; // none: unscheduled, or no exam matched
    std::string status;                 // IN PROGRESS | COMPLETED | DISCONTINUED
    std::string ppsId;
    std::string modality;
    std::string stationAe;
    std::string accessionNumber;
    std::string studyInstanceUid;
    std::string startDate; // DICOM DA / TM as sent
    std::string startTime;
    std::string endDate;
    std::string endTime;
    std::string discontinuationReason;
    std::string createdAt;
    std::string updatedAt;
};

class MppsRepository
{
public:
    explicit MppsRepository(Database& db) : m_db(db) {}

    std::optional<MppsRecord> find(const std::string& sopInstanceUid);
    // False when an instance with that UID exists already.
    bool insert(const MppsRecord& record);
    // Status, end, reason and updatedAt of an existing instance.
    void update(const MppsRecord& record);

private:
    Database& m_db;
};

} // namespace lumen::store
