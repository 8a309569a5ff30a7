#include "lumen/store/dicom_index_repository.h"

#include "lumen/store/database.h"

#include <ranges>

namespace lumen::store {

namespace {

// WHERE fragments and their bound values, built from code-chosen columns.
struct Where
{
    std::string sql = "1 = 1";
    std::vector<std::string> values;

    void add(const ColumnCondition& c)
    {
        using Kind = core::DicomMatch::Kind;
        const auto& m = c.match;
        switch (m.kind) {
        case Kind::Universal:
            return;
        case Kind::Single:
            sql += " AND " + c.column + " = ?";
            values.push_back(m.values[0]);
            return;
        case Kind::Wildcard: {
            // GLOB is case-sensitive and uses * and ?; '[' is its only other special character.
            std::string pattern;
            for (char ch : m.values[0])
                pattern += ch == '[' ? std::string("[[]") : std::string(1, ch);
            sql += " AND " + c.column + " GLOB ?";
            values.push_back(pattern);
            return;
        }
        case Kind::Range:
            if (!m.values[0].empty()) {
                sql += " AND " + c.column + " >= ?";
                values.push_back(m.values[0]);
            }
            if (!m.values[1].empty()) {
                // "20260101-20260131" includes the whole last day, whatever precision is stored.
                sql += " AND " + c.column + " <= ?";
                values.push_back(m.values[1] + "\x7f");
            }
            return;
        case Kind::List:
            sql += " AND " + c.column + " IN (";
            for (std::size_t i = 0; i < m.values.size(); ++i) {
                sql += i ? ", ?" : "?";
                values.push_back(m.values[i]);
            }
            sql += ")";
            return;
        }
    }

    void build(const DicomQuery& q)
    {
        for (const auto& c : q.conditions)
            add(c);
        if (q.modalityInStudy) {
            sql +=
                " AND EXISTS (SELECT 1 FROM dicom_series ms WHERE ms.study_id = st.id AND ms.modality = ?)";
            values.push_back(*q.modalityInStudy);
        }
        if (!q.includeConfidential)
            sql += " AND (p.confidential IS NULL OR p.confidential = 0)";
        if (q.onlyUnmatched)
            sql += " AND st.patient_id IS NULL";
    }

    void bind(Statement& st, int next = 1) const
    {
        for (const auto& v : values)
            st.bind(next++, v);
    }
};

// Hidden (rejected) instances count only when the caller asks for them; the flag is a code
// constant, never input.
std::string visible(const DicomQuery& q)
{
    return q.includeHidden ? "1 = 1" : "i.hidden = 0";
}

// Prepares a query whose placeholders are the WHERE values, then LIMIT and OFFSET.
Statement prepareQuery(Database& db, const std::string& sql, const Where& where, const DicomQuery& q)
{
    auto st = db.prepare(sql + " LIMIT ? OFFSET ?");
    where.bind(st);
    st.bind(int(where.values.size()) + 1, q.limit).bind(int(where.values.size()) + 2, q.offset);
    return st;
}

core::DicomInstanceRecord readInstance(const Statement& st)
{
    return {st.integer(0), st.text(1),     st.text(2),         st.text(3),          st.text(4),
            st.text(5),    st.text(6),     int(st.integer(7)), int(st.integer(8)),  int(st.integer(9)),
            st.text(10),   st.integer(11), st.text(12),        st.integer(13) != 0, st.text(14)};
}

constexpr std::string_view instanceColumns =
    "SELECT i.id, i.sop_instance_uid, i.sop_class_uid, se.series_uid, st.study_uid, i.transfer_syntax_uid, "
    "i.instance_number, i.rows, i.columns, i.frames, i.file_path, i.file_size, i.calling_ae, i.hidden, "
    "coalesce(se.original_study_uid, '') "
    "FROM dicom_instances i JOIN dicom_series se ON se.id = i.series_id JOIN dicom_studies st ON st.id = "
    "se.study_id ";

} // namespace

std::optional<core::DicomInstanceRecord> DicomIndexRepository::findInstance(const std::string& uid)
{
    auto& st = m_db.cached(std::string(instanceColumns) + "WHERE i.sop_instance_uid = ?1");
    st.bind(1, uid);
    std::optional<core::DicomInstanceRecord> r;
    if (st.step())
        r = readInstance(st);
    st.reset();
    return r;
}

IndexOutcome DicomIndexRepository::insert(const core::DicomStudyRecord& s, const core::DicomSeriesRecord& se,
                                          const core::DicomInstanceRecord& i, const std::string& nowIso)
{
    if (findInstance(i.sopInstanceUid))
        return IndexOutcome::AlreadyPresent;

    auto& study = m_db.cached(
        "INSERT INTO dicom_studies (study_uid, patient_id, dicom_patient_id, issuer_of_patient_id, "
        "other_patient_ids, "
        "patient_name, patient_name_key, patient_birth_date, patient_sex, study_date, study_time, "
        "accession_number, "
        "study_id, study_description, referring_physician, character_set, created_at, updated_at, exam_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, ?18) "
        "ON CONFLICT(study_uid) DO NOTHING");
    study.bind(1, s.studyUid)
        .bind(2, s.patientId ? std::optional<std::int64_t>(*s.patientId) : std::nullopt)
        .bind(3, s.dicomPatientId)
        .bind(4, s.issuerOfPatientId)
        .bind(5, s.otherPatientIds)
        .bind(6, s.patientName)
        .bind(7, core::asciiUpper(s.patientName))
        .bind(8, s.patientBirthDate)
        .bind(9, s.patientSex)
        .bind(10, s.studyDate)
        .bind(11, s.studyTime)
        .bind(12, s.accessionNumber)
        .bind(13, s.studyId)
        .bind(14, s.studyDescription)
        .bind(15, s.referringPhysician)
        .bind(16, s.characterSet)
        .bind(17, nowIso)
        .bind(18, s.examId);
    study.run();
    const bool newStudy = m_db.changes() == 1;

    auto& series =
        m_db.cached("INSERT INTO dicom_series (study_id, series_uid, modality, series_number, "
                    "series_description, body_part, "
                    "created_at) SELECT id, ?2, ?3, ?4, ?5, ?6, ?7 FROM dicom_studies WHERE study_uid = ?1 "
                    "ON CONFLICT(series_uid) DO NOTHING");
    series.bind(1, s.studyUid)
        .bind(2, se.seriesUid)
        .bind(3, se.modality)
        .bind(4, se.seriesNumber)
        .bind(5, se.seriesDescription)
        .bind(6, se.bodyPart)
        .bind(7, nowIso);
    series.run();

    auto& instance = m_db.cached(
        "INSERT INTO dicom_instances (series_id, sop_instance_uid, sop_class_uid, transfer_syntax_uid, "
        "instance_number, rows, columns, frames, file_path, file_size, calling_ae, received_at) "
        "SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 FROM dicom_series WHERE series_uid = ?1");
    instance.bind(1, se.seriesUid)
        .bind(2, i.sopInstanceUid)
        .bind(3, i.sopClassUid)
        .bind(4, i.transferSyntaxUid)
        .bind(5, i.instanceNumber)
        .bind(6, i.rows)
        .bind(7, i.columns)
        .bind(8, i.frames)
        .bind(9, i.filePath)
        .bind(10, i.fileSize)
        .bind(11, i.callingAe)
        .bind(12, nowIso);
    instance.run();
    if (m_db.changes() != 1)
        throw StoreError("series " + se.seriesUid + " belongs to another study than " + s.studyUid, 0, true);
    return newStudy ? IndexOutcome::InsertedNewStudy : IndexOutcome::Inserted;
}

void DicomIndexRepository::replaceInstanceFile(const core::DicomInstanceRecord& i, const std::string& nowIso)
{
    auto& st =
        m_db.cached("UPDATE dicom_instances SET file_path = ?1, file_size = ?2, transfer_syntax_uid = ?3, "
                    "calling_ae = ?4, received_at = ?5 WHERE sop_instance_uid = ?6");
    st.bind(1, i.filePath)
        .bind(2, i.fileSize)
        .bind(3, i.transferSyntaxUid)
        .bind(4, i.callingAe)
        .bind(5, nowIso)
        .bind(6, i.sopInstanceUid);
    st.run();
}

std::vector<core::DicomStudyRecord> DicomIndexRepository::findStudies(const DicomQuery& q)
{
    Where where;
    where.build(q);
    const std::string sql =
        "SELECT st.id, st.study_uid, st.patient_id, st.dicom_patient_id, st.issuer_of_patient_id, "
        "st.other_patient_ids, st.patient_name, st.patient_birth_date, st.patient_sex, st.study_date, "
        "st.study_time, "
        "st.accession_number, st.study_id, st.study_description, st.referring_physician, st.character_set, "
        "(SELECT group_concat(m, '\\') FROM (SELECT DISTINCT se.modality AS m FROM dicom_series se "
        "  WHERE se.study_id = st.id ORDER BY 1)), "
        "(SELECT count(DISTINCT se.id) FROM dicom_series se JOIN dicom_instances i ON i.series_id = se.id "
        "  WHERE se.study_id = st.id AND " +
        visible(q) +
        "), "
        "(SELECT count(*) FROM dicom_series se JOIN dicom_instances i ON i.series_id = se.id "
        "  WHERE se.study_id = st.id AND " +
        visible(q) +
        "), "
        "coalesce(p.confidential, 0), st.received_patient_id IS NOT NULL, st.exam_id "
        "FROM dicom_studies st LEFT JOIN patients p ON p.id = st.patient_id WHERE " +
        where.sql +
        (q.includeEmpty
             ? std::string()
             : " AND EXISTS (SELECT 1 FROM dicom_series se JOIN dicom_instances i ON i.series_id = "
               "se.id WHERE se.study_id = st.id AND " +
                   visible(q) + ")") +
        " ORDER BY st.study_date DESC, st.id DESC";
    auto st = prepareQuery(m_db, sql, where, q);
    std::vector<core::DicomStudyRecord> out;
    while (st.step()) {
        core::DicomStudyRecord r;
        r.id = st.integer(0);
        r.studyUid = st.text(1);
        r.patientId = st.optionalInteger(2);
        r.dicomPatientId = st.text(3);
        r.issuerOfPatientId = st.text(4);
        r.otherPatientIds = st.text(5);
        r.patientName = st.text(6);
        r.patientBirthDate = st.text(7);
        r.patientSex = st.text(8);
        r.studyDate = st.text(9);
        r.studyTime = st.text(10);
        r.accessionNumber = st.text(11);
        r.studyId = st.text(12);
        r.studyDescription = st.text(13);
        r.referringPhysician = st.text(14);
        r.characterSet = st.text(15);
        r.modalitiesInStudy = st.text(16);
        r.seriesCount = st.integer(17);
        r.instanceCount = st.integer(18);
        r.confidential = st.integer(19) != 0;
        r.patientCoerced = st.integer(20) != 0;
        r.examId = st.optionalInteger(21);
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<core::DicomStudyRecord>
DicomIndexRepository::findStudyByUid(const std::string& studyUid, bool includeHidden, bool includeEmpty)
{
    DicomQuery q;
    q.conditions.push_back({"st.study_uid", {core::DicomMatch::Kind::Single, {studyUid}}});
    q.includeConfidential = true;
    q.includeHidden = includeHidden;
    q.includeEmpty = includeEmpty;
    q.limit = 1;
    auto found = findStudies(q);
    return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
}

std::optional<core::DicomSeriesRecord> DicomIndexRepository::findSeriesByUid(const std::string& seriesUid,
                                                                             bool includeHidden)
{
    DicomQuery q;
    q.conditions.push_back({"se.series_uid", {core::DicomMatch::Kind::Single, {seriesUid}}});
    q.includeConfidential = true;
    q.includeHidden = includeHidden;
    q.limit = 1;
    auto found = findSeries(q);
    return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
}

std::vector<core::DicomSeriesRecord> DicomIndexRepository::findSeries(const DicomQuery& q)
{
    Where where;
    where.build(q);
    const std::string sql =
        "SELECT se.id, se.series_uid, st.study_uid, se.modality, se.series_number, se.series_description, "
        "se.body_part, (SELECT count(*) FROM dicom_instances i WHERE i.series_id = se.id AND " +
        visible(q) +
        "), coalesce(se.original_study_uid, '') "
        "FROM dicom_series se JOIN dicom_studies st ON st.id = se.study_id "
        "LEFT JOIN patients p ON p.id = st.patient_id WHERE " +
        where.sql + " AND EXISTS (SELECT 1 FROM dicom_instances i WHERE i.series_id = se.id AND " +
        visible(q) + ") ORDER BY st.id, CAST(se.series_number AS INTEGER), se.id";
    auto st = prepareQuery(m_db, sql, where, q);
    std::vector<core::DicomSeriesRecord> out;
    while (st.step())
        out.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6),
                       st.integer(7), st.text(8)});
    return out;
}

std::vector<core::DicomInstanceRecord> DicomIndexRepository::findInstances(const DicomQuery& q)
{
    Where where;
    where.build(q);
    const std::string sql = std::string(instanceColumns) +
                            "LEFT JOIN patients p ON p.id = st.patient_id WHERE " + where.sql + " AND " +
                            visible(q) + " ORDER BY se.id, CAST(i.instance_number AS INTEGER), i.id";
    auto st = prepareQuery(m_db, sql, where, q);
    std::vector<core::DicomInstanceRecord> out;
    while (st.step())
        out.push_back(readInstance(st));
    return out;
}

std::vector<std::string> DicomIndexRepository::allFilePaths()
{
    auto st = m_db.prepare("SELECT file_path FROM dicom_instances");
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

void DicomIndexRepository::removeInstance(const std::string& sopInstanceUid)
{
    auto& st = m_db.cached("DELETE FROM dicom_instances WHERE sop_instance_uid = ?1");
    st.bind(1, sopInstanceUid);
    st.run();
}

bool DicomIndexRepository::assignStudy(const std::string& studyUid, std::optional<core::PatientId> patientId,
                                       const std::string& nowIso)
{
    auto& st = m_db.cached("UPDATE dicom_studies SET patient_id = ?1, updated_at = ?2 WHERE study_uid = ?3");
    st.bind(1, patientId ? std::optional<std::int64_t>(*patientId) : std::nullopt)
        .bind(2, nowIso)
        .bind(3, studyUid);
    st.run();
    return m_db.changes() == 1;
}

bool DicomIndexRepository::linkStudyToExam(const std::string& studyUid, std::optional<std::int64_t> examId,
                                           const std::string& nowIso)
{
    auto& st = m_db.cached("UPDATE dicom_studies SET exam_id = ?1, updated_at = ?2 WHERE study_uid = ?3");
    st.bind(1, examId).bind(2, nowIso).bind(3, studyUid);
    st.run();
    return m_db.changes() == 1;
}

int DicomIndexRepository::linkUnmatchedStudies(core::PatientId patientId,
                                               const std::vector<std::string>& dicomPatientIds,
                                               const std::string& nowIso)
{
    auto& st = m_db.cached("UPDATE dicom_studies SET patient_id = ?1, updated_at = ?2 "
                           "WHERE patient_id IS NULL AND dicom_patient_id = ?3");
    int linked = 0;
    for (const auto& id : dicomPatientIds) {
        st.bind(1, patientId).bind(2, nowIso).bind(3, id);
        st.run();
        linked += m_db.changes();
    }
    return linked;
}

bool DicomIndexRepository::moveSeries(const std::string& seriesUid, const std::string& targetStudyUid)
{
    // The files keep naming the study they arrived in: remember it on the first move, forget
    // it when the series goes back there (its files are then right again).
    auto& st =
        m_db.cached("UPDATE dicom_series SET "
                    "original_study_uid = nullif(coalesce(original_study_uid, "
                    "  (SELECT study_uid FROM dicom_studies WHERE id = dicom_series.study_id)), ?1), "
                    "study_id = (SELECT id FROM dicom_studies WHERE study_uid = ?1) "
                    "WHERE series_uid = ?2 AND EXISTS (SELECT 1 FROM dicom_studies WHERE study_uid = ?1)");
    st.bind(1, targetStudyUid).bind(2, seriesUid);
    st.run();
    return m_db.changes() == 1;
}

bool DicomIndexRepository::removeStudyIfUnused(const std::string& studyUid)
{
    auto& st =
        m_db.cached("DELETE FROM dicom_studies WHERE study_uid = ?1 "
                    "AND NOT EXISTS (SELECT 1 FROM dicom_series se WHERE se.study_id = dicom_studies.id) "
                    "AND NOT EXISTS (SELECT 1 FROM dicom_series se WHERE se.original_study_uid = ?1)");
    st.bind(1, studyUid);
    st.run();
    return m_db.changes() == 1;
}

bool DicomIndexRepository::createStudyLike(const std::string& sourceStudyUid, const std::string& newStudyUid,
                                           const std::string& nowIso)
{
    auto& st = m_db.cached(
        "INSERT INTO dicom_studies (study_uid, patient_id, dicom_patient_id, issuer_of_patient_id, "
        "other_patient_ids, patient_name, patient_name_key, patient_birth_date, patient_sex, study_date, "
        "study_time, accession_number, study_id, study_description, referring_physician, character_set, "
        "received_patient_id, received_issuer_of_patient_id, received_patient_name, "
        "received_patient_birth_date, received_patient_sex, exam_id, created_at, updated_at) "
        "SELECT ?2, patient_id, dicom_patient_id, issuer_of_patient_id, other_patient_ids, patient_name, "
        "patient_name_key, patient_birth_date, patient_sex, study_date, study_time, accession_number, "
        "study_id, study_description, referring_physician, character_set, received_patient_id, "
        "received_issuer_of_patient_id, received_patient_name, received_patient_birth_date, "
        "received_patient_sex, exam_id, ?3, ?3 FROM dicom_studies WHERE study_uid = ?1");
    st.bind(1, sourceStudyUid).bind(2, newStudyUid).bind(3, nowIso);
    st.run();
    return m_db.changes() == 1;
}

bool DicomIndexRepository::coerceStudyPatient(const std::string& studyUid, const core::DicomPatient& patient,
                                              const std::string& nowIso)
{
    // SQLite evaluates every right-hand side on the old row: the received values are copied
    // before they are replaced, and only when none were kept yet.
    auto& st = m_db.cached(
        "UPDATE dicom_studies SET "
        "received_patient_id = coalesce(received_patient_id, dicom_patient_id), "
        "received_issuer_of_patient_id = coalesce(received_issuer_of_patient_id, issuer_of_patient_id), "
        "received_patient_name = coalesce(received_patient_name, patient_name), "
        "received_patient_birth_date = coalesce(received_patient_birth_date, patient_birth_date), "
        "received_patient_sex = coalesce(received_patient_sex, patient_sex), "
        "dicom_patient_id = ?1, issuer_of_patient_id = ?2, patient_name = ?3, patient_name_key = ?4, "
        "patient_birth_date = ?5, patient_sex = ?6, updated_at = ?7 WHERE study_uid = ?8");
    st.bind(1, patient.patientId)
        .bind(2, patient.issuerOfPatientId)
        .bind(3, patient.patientName)
        .bind(4, core::asciiUpper(patient.patientName))
        .bind(5, patient.birthDate)
        .bind(6, patient.sex)
        .bind(7, nowIso)
        .bind(8, studyUid);
    st.run();
    return m_db.changes() == 1;
}

bool DicomIndexRepository::restoreReceivedPatient(const std::string& studyUid, const std::string& nowIso)
{
    auto& st = m_db.cached(
        "UPDATE dicom_studies SET dicom_patient_id = received_patient_id, "
        "issuer_of_patient_id = received_issuer_of_patient_id, patient_name = received_patient_name, "
        "patient_name_key = upper(received_patient_name), patient_birth_date = received_patient_birth_date, "
        "patient_sex = received_patient_sex, received_patient_id = NULL, "
        "received_issuer_of_patient_id = NULL, received_patient_name = NULL, "
        "received_patient_birth_date = NULL, received_patient_sex = NULL, "
        "updated_at = ?1 WHERE study_uid = ?2 AND received_patient_id IS NOT NULL");
    st.bind(1, nowIso).bind(2, studyUid);
    st.run();
    return m_db.changes() == 1;
}

bool DicomIndexRepository::recodeStudyText(
    const std::string& studyUid, const std::function<std::string(const std::string&, bool)>& convert,
    const std::string& characterSet)
{
    // (column, is a person name); DA, TM, CS and UI values are ASCII in every character set.
    constexpr std::size_t patientNameColumn = 3;
    static const std::pair<const char*, bool> columns[] = {
        {"dicom_patient_id", false},    {"issuer_of_patient_id", false},
        {"other_patient_ids", false},   {"patient_name", true},
        {"accession_number", false},    {"study_id", false},
        {"study_description", false},   {"referring_physician", true},
        {"received_patient_id", false}, {"received_issuer_of_patient_id", false},
        {"received_patient_name", true}};
    std::string select = "SELECT ";
    std::string update = "UPDATE dicom_studies SET ";
    int n = 0;
    for (const auto& column : columns | std::views::keys) {
        select += std::string(n ? ", " : "") + column;
        update += std::string(n ? ", " : "") + column + " = ?" + std::to_string(n + 1);
        ++n;
    }
    // Cached: the start-up recoding runs this once per study of an earlier index.
    auto& read = m_db.cached(select + " FROM dicom_studies WHERE study_uid = ?1");
    read.bind(1, studyUid);
    if (!read.step())
        return false;
    std::vector<std::optional<std::string>> values;
    for (int i = 0; i < n; ++i)
        values.push_back(read.isNull(i)
                             ? std::nullopt
                             : std::optional<std::string>(convert(read.text(i), columns[i].second)));
    read.reset();
    auto& write =
        m_db.cached(update + ", patient_name_key = ?" + std::to_string(n + 1) + ", character_set = ?" +
                    std::to_string(n + 2) + " WHERE study_uid = ?" + std::to_string(n + 3));
    for (int i = 0; i < n; ++i)
        write.bind(i + 1, values[std::size_t(i)]);
    write.bind(n + 1, core::asciiUpper(values[patientNameColumn].value_or("")))
        .bind(n + 2, characterSet)
        .bind(n + 3, studyUid);
    write.run();

    auto& series = m_db.cached("SELECT se.series_uid, se.series_description FROM dicom_series se "
                               "JOIN dicom_studies st ON st.id = se.study_id WHERE st.study_uid = ?1");
    series.bind(1, studyUid);
    std::vector<std::pair<std::string, std::string>> descriptions;
    while (series.step())
        descriptions.emplace_back(series.text(0), convert(series.text(1), false));
    series.reset();
    auto& describe = m_db.cached("UPDATE dicom_series SET series_description = ?1 WHERE series_uid = ?2");
    for (const auto& [uid, description] : descriptions) {
        describe.bind(1, description).bind(2, uid);
        describe.run();
    }
    return true;
}

std::vector<std::pair<std::string, std::string>>
DicomIndexRepository::studiesNotIn(const std::string& characterSet)
{
    auto st = m_db.prepare("SELECT study_uid, character_set FROM dicom_studies WHERE character_set <> ?1");
    st.bind(1, characterSet);
    std::vector<std::pair<std::string, std::string>> out;
    while (st.step())
        out.emplace_back(st.text(0), st.text(1));
    return out;
}

int DicomIndexRepository::setHidden(const std::vector<std::string>& sopInstanceUids, bool hidden)
{
    auto& st =
        m_db.cached("UPDATE dicom_instances SET hidden = ?1 WHERE sop_instance_uid = ?2 AND hidden <> ?1");
    int changed = 0;
    for (const auto& uid : sopInstanceUids) {
        st.bind(1, hidden).bind(2, uid);
        st.run();
        changed += m_db.changes();
    }
    return changed;
}

} // namespace lumen::store
