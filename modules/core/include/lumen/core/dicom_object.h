#pragma once
// Index records of the DICOM archive: what is kept per study, series and instance.
#include "lumen/core/patient.h"

#include <cstdint>
#include <optional>
#include <string>

namespace lumen::core {

struct DicomStudyRecord
{
    std::int64_t id = 0;
    std::string studyUid;
    std::optional<PatientId> patientId; // matched Lumen patient; empty = unmatched
    // The exam (order, core/exam.h) it was made for; always one of the patient's exams.
    std::optional<std::int64_t> examId;
    std::string dicomPatientId;
    std::string issuerOfPatientId;
    std::string otherPatientIds; // '\\'-joined
    std::string patientName;
    std::string patientBirthDate;
    std::string patientSex;
    std::string studyDate;
    std::string studyTime;
    std::string accessionNumber;
    std::string studyId;
    std::string studyDescription;
    std::string referringPhysician;
    std::string characterSet;
    // Computed over visible instances
    std::string modalitiesInStudy; // '\\'-joined
    std::int64_t seriesCount = 0;
    std::int64_t instanceCount = 0;
    bool confidential = false; // of the matched patient
    // The patient attributes above are a Lumen patient's, set by hand; the received ones are
    // kept in the index, and delivered headers carry these.
    bool patientCoerced = false;
};

struct DicomSeriesRecord
{
    std::int64_t id = 0;
    std::string seriesUid;
    std::string studyUid;
    std::string modality;
    std::string seriesNumber;
    std::string seriesDescription;
    std::string bodyPart;
    std::int64_t instanceCount = 0;
    std::string originalStudyUid; // the Study Instance UID its files carry when moved; else empty
};

struct DicomInstanceRecord
{
    std::int64_t id = 0;
    std::string sopInstanceUid;
    std::string sopClassUid;
    std::string seriesUid;
    std::string studyUid;
    std::string transferSyntaxUid;
    std::string instanceNumber;
    int rows = 0;
    int columns = 0;
    int frames = 1;
    std::string filePath; // relative to the data folder
    std::int64_t fileSize = 0;
    std::string callingAe;
    bool hidden = false;
    std::string originalStudyUid; // of its series: set when its file names another study
};

} // namespace lumen::core
