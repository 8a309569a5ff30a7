#pragma once
// The archive index: studies, series and instances of stored DICOM objects, and the
// attribute matching that C-FIND and QIDO-RS queries run on it. Callers own transactions.
#include "lumen/core/dicom_match.h"
#include "lumen/core/dicom_object.h"
#include "lumen/core/dicom_patient.h"

#include <functional>
#include <optional>
#include <string>
#include <utility>
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
    bool includeEmpty = false;  // studies without visible instances (kept after a move; see moveSeries)
    int limit = 1000;
    int offset = 0;
};

// InsertedNewStudy: the instance is the first of its study (the study row was created).
enum class IndexOutcome { Inserted, InsertedNewStudy, AlreadyPresent };

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
    // rule); its counts include hidden instances only when `includeHidden`. A study without
    // visible instances is found only with `includeEmpty`.
    std::optional<core::DicomStudyRecord>
    findStudyByUid(const std::string& studyUid, bool includeHidden = false, bool includeEmpty = false);
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
    // Files the study under an exam (nullopt: under none); false when the study does not exist.
    bool linkStudyToExam(const std::string& studyUid, std::optional<std::int64_t> examId,
                         const std::string& nowIso);
    // Links unmatched studies whose Patient ID is one of `dicomPatientIds` to the patient;
    // returns how many were linked.
    int linkUnmatchedStudies(core::PatientId patientId, const std::vector<std::string>& dicomPatientIds,
                             const std::string& nowIso);
    // Moves a series (with its instances) under another study. The series remembers the study
    // its files name (original_study_uid) until it is moved back there.
    bool moveSeries(const std::string& seriesUid, const std::string& targetStudyUid);
    // Removes a study left without series, unless stored files still name it (a series moved
    // out of it can then be moved back). Returns true when it was removed.
    bool removeStudyIfUnused(const std::string& studyUid);
    // A new study `newStudyUid` with the study and patient attributes of `sourceStudyUid`, and
    // its exam (same accession number), but no series. False when the source does not exist.
    bool createStudyLike(const std::string& sourceStudyUid, const std::string& newStudyUid,
                         const std::string& nowIso);
    // Gives the study a Lumen patient's DICOM attributes; the received ones are kept (the
    // first time) for restoreReceivedPatient.
    bool coerceStudyPatient(const std::string& studyUid, const core::DicomPatient& patient,
                            const std::string& nowIso);
    // Undoes coerceStudyPatient; false when the study's received attributes are in use.
    bool restoreReceivedPatient(const std::string& studyUid, const std::string& nowIso);
    // Rewrites the study's text values that depend on Specific Character Set (patient IDs,
    // names, accession number, study ID and description, referring physician, the kept
    // received values, and its series' descriptions) through `convert(value, isPersonName)`
    // and records `characterSet`.
    bool recodeStudyText(const std::string& studyUid,
                         const std::function<std::string(const std::string&, bool)>& convert,
                         const std::string& characterSet);
    // (study UID, character set) of the studies whose text is not recorded as `characterSet`:
    // rows indexed before the index held UTF-8 keep the bytes they arrived in.
    std::vector<std::pair<std::string, std::string>> studiesNotIn(const std::string& characterSet);
    // Hides or shows instances (rejection notes); returns how many changed.
    int setHidden(const std::vector<std::string>& sopInstanceUids, bool hidden);

private:
    Database& m_db;
};

} // namespace lumen::store
