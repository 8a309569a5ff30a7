#include "lumen/store/patient_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

namespace {

constexpr std::string_view selectColumns =
    "SELECT id, name, sex, birth_date, phone, address, national_id, medical_card_no, outpatient_no, "
    "inpatient_no, registration_no, social_security_no, his_patient_id, confidential, merged_into, "
    "created_at, updated_at, version FROM patients ";

core::Patient readPatient(const Statement& st)
{
    core::Patient p;
    p.id = st.integer(0);
    p.name = st.text(1);
    p.sex = core::sexFromCode(st.text(2)).value_or(core::Sex::Unknown);
    if (const auto birth = st.optionalText(3))
        p.birthDate = core::parseIsoDate(*birth);
    p.phone = st.optionalText(4);
    p.address = st.optionalText(5);
    for (std::size_t i = 0; i < core::allIdentifierKinds.size(); ++i)
        p.identifiers[i] = st.optionalText(int(6 + i));
    p.confidential = st.integer(13) != 0;
    p.mergedInto = st.optionalInteger(14);
    p.createdAt = st.text(15);
    p.updatedAt = st.text(16);
    p.version = st.integer(17);
    return p;
}

std::optional<std::string> birthText(const core::Patient& p)
{
    return p.birthDate ? std::optional<std::string>(core::formatIsoDate(*p.birthDate)) : std::nullopt;
}

// Binds name..confidential (12 values) starting at `first`.
void bindFields(Statement& st, int first, const core::Patient& p)
{
    st.bind(first, p.name)
        .bind(first + 1, std::string(core::toCode(p.sex)))
        .bind(first + 2, birthText(p))
        .bind(first + 3, p.phone)
        .bind(first + 4, p.address);
    for (std::size_t i = 0; i < core::allIdentifierKinds.size(); ++i)
        st.bind(first + 5 + int(i), p.identifiers[i]);
    st.bind(first + 12, p.confidential);
}

// Smallest string greater than every string starting with `prefix` (byte order).
std::string prefixUpperBound(const std::string& prefix) { return prefix + "\xF4\x8F\xBF\xBF"; }

} // namespace

std::optional<core::Patient> PatientRepository::find(core::PatientId id)
{
    auto& st = m_db.cached(std::string(selectColumns) + "WHERE id = ?1");
    st.bind(1, id);
    std::optional<core::Patient> result;
    if (st.step())
        result = readPatient(st);
    st.reset();
    return result;
}

std::vector<core::Patient> PatientRepository::search(const PatientSearch& s)
{
    std::vector<core::Patient> out;
    if (s.query.empty()) {
        auto& st = m_db.cached(std::string(selectColumns) +
                               "WHERE merged_into IS NULL AND (confidential = 0 OR ?1) ORDER BY id DESC "
                               "LIMIT ?2 OFFSET ?3");
        st.bind(1, s.includeConfidential).bind(2, s.limit).bind(3, s.offset);
        while (st.step())
            out.push_back(readPatient(st));
        st.reset();
        return out;
    }
    // Each branch is an indexed lookup; SQLite runs the OR as a union of index scans.
    auto& st = m_db.cached(
        std::string(selectColumns) +
        "WHERE id IN (SELECT COALESCE(merged_into, id) FROM patients WHERE "
        "(name >= ?1 AND name < ?2) OR phone = ?1 OR national_id = upper(?1) OR medical_card_no = ?1 OR "
        "outpatient_no = ?1 OR inpatient_no = ?1 OR registration_no = ?1 OR social_security_no = ?1 OR "
        "his_patient_id = ?1) "
        "AND merged_into IS NULL AND (confidential = 0 OR ?3) ORDER BY name, id LIMIT ?4 OFFSET ?5");
    st.bind(1, s.query).bind(2, prefixUpperBound(s.query)).bind(3, s.includeConfidential).bind(4, s.limit).bind(5, s.offset);
    while (st.step())
        out.push_back(readPatient(st));
    st.reset();
    return out;
}

std::vector<core::Patient> PatientRepository::findByNameAndBirthDate(const std::string& name, const core::Date& birthDate)
{
    auto& st = m_db.cached(std::string(selectColumns) +
                           "WHERE name = ?1 AND birth_date = ?2 AND merged_into IS NULL ORDER BY id LIMIT 20");
    st.bind(1, name).bind(2, core::formatIsoDate(birthDate));
    std::vector<core::Patient> out;
    while (st.step())
        out.push_back(readPatient(st));
    st.reset();
    return out;
}

std::optional<core::PatientId> PatientRepository::findByIdentifier(core::IdentifierKind kind, const std::string& value)
{
    // Column names come from a fixed table, never from input.
    auto& st = m_db.cached("SELECT id FROM patients WHERE " + std::string(core::columnName(kind)) + " = ?1");
    st.bind(1, value);
    std::optional<core::PatientId> id;
    if (st.step())
        id = st.integer(0);
    st.reset();
    return id;
}

std::int64_t PatientRepository::count()
{
    auto& st = m_db.cached("SELECT count(*) FROM patients");
    st.step();
    const auto n = st.integer(0);
    st.reset();
    return n;
}

core::PatientId PatientRepository::insert(const core::Patient& p, const std::string& nowIso)
{
    auto& st = m_db.cached(
        "INSERT INTO patients (name, sex, birth_date, phone, address, national_id, medical_card_no, outpatient_no, "
        "inpatient_no, registration_no, social_security_no, his_patient_id, confidential, created_at, updated_at, "
        "version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, 1)");
    bindFields(st, 1, p);
    st.bind(14, nowIso);
    st.run();
    return m_db.lastInsertId();
}

bool PatientRepository::update(const core::Patient& p, const std::string& nowIso)
{
    auto& st = m_db.cached(
        "UPDATE patients SET name = ?1, sex = ?2, birth_date = ?3, phone = ?4, address = ?5, national_id = ?6, "
        "medical_card_no = ?7, outpatient_no = ?8, inpatient_no = ?9, registration_no = ?10, "
        "social_security_no = ?11, his_patient_id = ?12, confidential = ?13, updated_at = ?14, "
        "version = version + 1 WHERE id = ?15 AND version = ?16");
    bindFields(st, 1, p);
    st.bind(14, nowIso).bind(15, p.id).bind(16, p.version);
    st.run();
    return m_db.changes() == 1;
}

void PatientRepository::setMergedInto(core::PatientId sourceId, std::optional<core::PatientId> targetId,
                                      const std::string& nowIso)
{
    auto& st = m_db.cached(
        "UPDATE patients SET merged_into = ?1, updated_at = ?2, version = version + 1 WHERE id = ?3");
    st.bind(1, targetId).bind(2, nowIso).bind(3, sourceId);
    st.run();
}

std::int64_t PatientRepository::countMergedInto(core::PatientId targetId)
{
    auto& st = m_db.cached("SELECT count(*) FROM patients WHERE merged_into = ?1");
    st.bind(1, targetId);
    st.step();
    const auto n = st.integer(0);
    st.reset();
    return n;
}

void PatientRepository::appendHistory(const PatientHistoryEntry& e)
{
    auto& st = m_db.cached(
        "INSERT INTO patient_history (patient_id, at, user, action, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, e.patientId).bind(2, e.at).bind(3, e.user).bind(4, e.action).bind(5, e.beforeJson).bind(6, e.afterJson);
    st.run();
}

std::vector<PatientHistoryEntry> PatientRepository::history(core::PatientId patientId, int limit)
{
    auto& st = m_db.cached("SELECT id, patient_id, at, user, action, before, after FROM patient_history "
                           "WHERE patient_id = ?1 ORDER BY id DESC LIMIT ?2");
    st.bind(1, patientId).bind(2, limit);
    std::vector<PatientHistoryEntry> out;
    while (st.step())
        out.push_back({st.integer(0), st.integer(1), st.text(2), st.text(3), st.text(4), st.optionalText(5),
                       st.optionalText(6)});
    st.reset();
    return out;
}

std::int64_t PatientRepository::insertMerge(const PatientMerge& m)
{
    auto& st = m_db.cached(
        "INSERT INTO patient_merges (target_id, source_id, merged_at, merged_by) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, m.targetId).bind(2, m.sourceId).bind(3, m.mergedAt).bind(4, m.mergedBy);
    st.run();
    return m_db.lastInsertId();
}

std::optional<PatientMerge> PatientRepository::openMergeOf(core::PatientId sourceId)
{
    auto& st = m_db.cached("SELECT id, target_id, source_id, merged_at, merged_by FROM patient_merges "
                           "WHERE source_id = ?1 AND unmerged_at IS NULL ORDER BY id DESC LIMIT 1");
    st.bind(1, sourceId);
    std::optional<PatientMerge> m;
    if (st.step())
        m = PatientMerge{st.integer(0), st.integer(1), st.integer(2), st.text(3), st.text(4)};
    st.reset();
    return m;
}

void PatientRepository::closeMerge(std::int64_t mergeId, const std::string& nowIso, const std::string& user)
{
    auto& st = m_db.cached("UPDATE patient_merges SET unmerged_at = ?1, unmerged_by = ?2 WHERE id = ?3");
    st.bind(1, nowIso).bind(2, user).bind(3, mergeId);
    st.run();
}

} // namespace lumen::store
