#pragma once
// The archive index: studies, series and instances of stored DICOM objects, and the
// attribute matching that C-FIND and QIDO-RS queries run on it. Callers own transactions.
#include "lumen/core/dicom_match.h"
#include "lumen/core/dicom_object.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

// One matching condition on a column chosen by code (never by input).
struct ColumnCondition
{
    std::string column; // e.g. "st.accession_number", "se.modality", "i.sop_instance_uid"
    core::DicomMatch match;
};

struct DicomQuery
{
    std::vector<ColumnCondition> conditions;
    std::optional<std::string> modalityInStudy; // studies having a series of this modality
    bool includeConfidential = false;
    bool includeHidden = false;
    bool onlyUnmatched = false; // studies not yet matched to a Lumen patient
    int limit = 1000;
    int offset = 0;
};

enum class IndexOutcome { Inserted, AlreadyPresent };

class DicomIndexRepository
{
public:
    explicit DicomIndexRepository(Database& db) : m_db(db) {}

    std::optional<core::DicomInstanceRecord> findInstance(const std::string& sopInstanceUid);
    // Indexes a stored object: creates its study and series when new (a study keeps the
    // attributes of its first object), then the instance. AlreadyPresent when the SOP
    // Instance UID is indexed already (nothing changes).
    IndexOutcome insert(const core::DicomStudyRecord& study, const core::DicomSeriesRecord& series,
                        const core::DicomInstanceRecord& instance, const std::string& nowIso);
    // Points an indexed instance at a replacement file.
    void replaceInstanceFile(const core::DicomInstanceRecord& instance, const std::string& nowIso);

    std::vector<core::DicomStudyRecord> findStudies(const DicomQuery& query);
    // One study or series by UID whatever its patient's confidentiality (callers apply that
    // rule); its counts include hidden instances only when `includeHidden`.
    std::optional<core::DicomStudyRecord> findStudyByUid(const std::string& studyUid,
                                                         bool includeHidden = false);
    std::optional<core::DicomSeriesRecord> findSeriesByUid(const std::string& seriesUid,
                                                           bool includeHidden = false);
    std::vector<core::DicomSeriesRecord> findSeries(const DicomQuery& query);
    std::vector<core::DicomInstanceRecord> findInstances(const DicomQuery& query);
    // Every indexed file path (relative), for start-up reconciliation.
    std::vector<std::string> allFilePaths();
    void removeInstance(const std::string& sopInstanceUid);

    // Reconciliation. Each returns false when the study / series does not exist.
    bool assignStudy(const std::string& studyUid, std::optional<core::PatientId> patientId,
                     const std::string& nowIso);
    // Links unmatched studies whose Patient ID is one of `dicomPatientIds` to the patient;
    // returns how many were linked.
    int linkUnmatchedStudies(core::PatientId patientId, const std::vector<std::string>& dicomPatientIds,
                             const std::string& nowIso);
    // Moves a series (with its instances) under another study.
    bool moveSeries(const std::string& seriesUid, const std::string& targetStudyUid);
    // Hides or shows instances (rejection notes); returns how many changed.
    int setHidden(const std::vector<std::string>& sopInstanceUids, bool hidden);

private:
    Database& m_db;
};

} // namespace lumen::store
