#include "lumen/store/exam_repository.h"

#include "lumen/core/accession_number.h"
#include "lumen/store/database.h"

namespace lumen::store {

namespace {

constexpr std::string_view selectColumns =
    "SELECT e.id, e.patient_id, e.accession_number, e.status, e.department, e.modality, "
    "e.requesting_department, e.requesting_doctor, e.clinical_diagnosis, e.clinical_history, "
    "e.patient_source, "
    "e.priority, e.his_system, e.his_request_no, e.fee_status, e.scheduled_at, e.room, e.created_at, "
    "e.updated_at, e.version FROM exams e ";

core::Exam readExam(const Statement& st)
{
    core::Exam e;
    e.id = st.integer(0);
    e.patientId = st.integer(1);
    e.accessionNumber = st.text(2);
    // Rows are written only from validated exams; the fallbacks never apply to them.
    e.status = core::examStatusFromCode(st.text(3)).value_or(core::ExamStatus::Requested);
    e.department = core::departmentFromCode(st.text(4)).value_or(core::Department::Other);
    e.modality = st.text(5);
    e.requestingDepartment = st.optionalText(6);
    e.requestingDoctor = st.optionalText(7);
    e.clinicalDiagnosis = st.optionalText(8);
    e.clinicalHistory = st.optionalText(9);
    e.patientSource = core::patientSourceFromCode(st.text(10)).value_or(core::PatientSource::Outpatient);
    e.priority = core::examPriorityFromCode(st.text(11)).value_or(core::ExamPriority::Routine);
    const auto hisSystem = st.text(12);
    if (!hisSystem.empty())
        e.hisSystem = hisSystem;
    e.hisRequestNo = st.optionalText(13);
    e.feeStatus = core::feeStatusFromCode(st.text(14)).value_or(core::FeeStatus::Unpaid);
    e.scheduledAt = st.optionalText(15);
    e.room = st.optionalText(16);
    e.createdAt = st.text(17);
    e.updatedAt = st.text(18);
    e.version = st.integer(19);
    return e;
}

std::string code(core::ExamStatus s)
{
    return std::string(core::toCode(s));
}

// Binds status..room (15 values) starting at `first`.
void bindFields(Statement& st, int first, const core::Exam& e)
{
    st.bind(first, code(e.status))
        .bind(first + 1, std::string(core::toCode(e.department)))
        .bind(first + 2, e.modality)
        .bind(first + 3, e.requestingDepartment)
        .bind(first + 4, e.requestingDoctor)
        .bind(first + 5, e.clinicalDiagnosis)
        .bind(first + 6, e.clinicalHistory)
        .bind(first + 7, std::string(core::toCode(e.patientSource)))
        .bind(first + 8, std::string(core::toCode(e.priority)))
        .bind(first + 9, e.hisSystem.value_or(""))
        .bind(first + 10, e.hisRequestNo)
        .bind(first + 11, std::string(core::toCode(e.feeStatus)))
        .bind(first + 12, e.scheduledAt)
        .bind(first + 13, e.room);
}

} // namespace

std::vector<core::ExamItem> ExamRepository::items(core::ExamId examId)
{
    auto& st = m_db.cached("SELECT method, body_part, his_item_code, his_body_part_code FROM exam_items "
                           "WHERE exam_id = ?1 ORDER BY position");
    st.bind(1, examId);
    std::vector<core::ExamItem> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.optionalText(2), st.optionalText(3)});
    st.reset();
    return out;
}

void ExamRepository::writeItems(core::ExamId examId, const std::vector<core::ExamItem>& items)
{
    auto& clear = m_db.cached("DELETE FROM exam_items WHERE exam_id = ?1");
    clear.bind(1, examId);
    clear.run();
    auto& st = m_db.cached("INSERT INTO exam_items (exam_id, position, method, body_part, his_item_code, "
                           "his_body_part_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (std::size_t i = 0; i < items.size(); ++i) {
        st.reset();
        st.bind(1, examId)
            .bind(2, std::int64_t(i))
            .bind(3, items[i].method)
            .bind(4, items[i].bodyPart)
            .bind(5, items[i].hisItemCode)
            .bind(6, items[i].hisBodyPartCode);
        st.run();
    }
}

std::optional<core::Exam> ExamRepository::find(core::ExamId id)
{
    auto& st = m_db.cached(std::string(selectColumns) + "WHERE e.id = ?1");
    st.bind(1, id);
    std::optional<core::Exam> exam;
    if (st.step())
        exam = readExam(st);
    st.reset();
    if (exam)
        exam->items = items(exam->id);
    return exam;
}

std::optional<core::Exam> ExamRepository::findByAccessionNumber(const std::string& accessionNumber)
{
    // One indexed lookup (the UNIQUE index): the archive asks this for every new study.
    auto& st = m_db.cached(std::string(selectColumns) + "WHERE e.accession_number = ?1");
    st.bind(1, accessionNumber);
    std::optional<core::Exam> exam;
    if (st.step())
        exam = readExam(st);
    st.reset();
    if (exam)
        exam->items = items(exam->id);
    return exam;
}

std::optional<core::Exam> ExamRepository::findByHisRequest(const std::string& hisSystem,
                                                           const std::string& hisRequestNo)
{
    auto& st = m_db.cached("SELECT id FROM exams WHERE his_system = ?1 AND his_request_no = ?2");
    st.bind(1, hisSystem).bind(2, hisRequestNo);
    std::optional<core::ExamId> id;
    if (st.step())
        id = st.integer(0);
    st.reset();
    return id ? find(*id) : std::nullopt;
}

std::vector<core::Exam> ExamRepository::search(const ExamSearch& s)
{
    // Only fixed fragments go into the text; every value is bound. Each filter present adds
    // one condition, so SQLite can use the index that fits it.
    std::string sql(selectColumns);
    sql += "JOIN patients p ON p.id = e.patient_id WHERE 1 = 1";
    if (!s.includeConfidential)
        sql += " AND p.confidential = 0 AND NOT EXISTS (SELECT 1 FROM patients t WHERE t.id = p.merged_into "
               "AND t.confidential = 1)";
    if (s.patientId)
        sql += " AND e.patient_id IN (SELECT id FROM patients WHERE id = :patient OR merged_into = :patient)";
    if (!s.statuses.empty()) {
        sql += " AND e.status IN (";
        for (std::size_t i = 0; i < s.statuses.size(); ++i)
            sql += (i ? ", :status" : ":status") + std::to_string(i);
        sql += ")";
    }
    if (s.department)
        sql += " AND e.department = :department";
    if (s.modality)
        sql += " AND e.modality = :modality";
    if (s.createdFrom)
        sql += " AND e.created_at >= :createdFrom";
    if (s.createdBefore)
        sql += " AND e.created_at < :createdBefore";
    if (s.scheduledFrom)
        sql += " AND e.scheduled_at >= :scheduledFrom";
    if (s.scheduledBefore)
        sql += " AND e.scheduled_at < :scheduledBefore";
    if (s.accessionNumber)
        sql += " AND e.accession_number = :accession";
    if (s.hisRequestNo)
        sql += " AND e.his_request_no = :hisRequestNo";
    if (s.hisSystem)
        sql += " AND e.his_system = :hisSystem";
    sql += s.bySchedule ? " ORDER BY e.scheduled_at IS NULL, e.scheduled_at, e.id" : " ORDER BY e.id DESC";
    sql += " LIMIT :limit OFFSET :offset";

    auto st = m_db.prepare(sql);
    int next = 1;
    // Parameters are numbered in the order they appear; named ones repeat the same number.
    if (s.patientId)
        st.bind(next++, *s.patientId);
    for (auto status : s.statuses)
        st.bind(next++, code(status));
    if (s.department)
        st.bind(next++, std::string(core::toCode(*s.department)));
    for (const auto* value : {&s.modality, &s.createdFrom, &s.createdBefore, &s.scheduledFrom,
                              &s.scheduledBefore, &s.accessionNumber, &s.hisRequestNo, &s.hisSystem})
        if (*value)
            st.bind(next++, **value);
    st.bind(next, s.limit);
    st.bind(next + 1, s.offset);

    std::vector<core::Exam> out;
    while (st.step())
        out.push_back(readExam(st));
    for (auto& exam : out)
        exam.items = items(exam.id);
    return out;
}

std::int64_t ExamRepository::count()
{
    auto& st = m_db.cached("SELECT count(*) FROM exams");
    st.step();
    const auto n = st.integer(0);
    st.reset();
    return n;
}

std::string ExamRepository::allocateAccessionNumber(const std::string& prefix)
{
    auto& st = m_db.cached("INSERT INTO accession_counters (prefix, last_sequence) VALUES (?1, 1) "
                           "ON CONFLICT (prefix) DO UPDATE SET last_sequence = last_sequence + 1 "
                           "RETURNING last_sequence");
    st.bind(1, prefix);
    st.step();
    const auto sequence = st.integer(0);
    st.reset();
    return core::formatAccessionNumber(prefix, sequence);
}

core::ExamId ExamRepository::insert(const core::Exam& e, const std::string& nowIso)
{
    auto& st = m_db.cached(
        "INSERT INTO exams (patient_id, accession_number, status, department, modality, "
        "requesting_department, "
        "requesting_doctor, clinical_diagnosis, clinical_history, patient_source, priority, his_system, "
        "his_request_no, fee_status, scheduled_at, room, created_at, updated_at, version) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, 1)");
    st.bind(1, e.patientId).bind(2, e.accessionNumber);
    bindFields(st, 3, e);
    st.bind(17, nowIso);
    st.run();
    const auto id = m_db.lastInsertId();
    writeItems(id, e.items);
    return id;
}

bool ExamRepository::update(const core::Exam& e, const std::string& nowIso)
{
    auto& st = m_db.cached(
        "UPDATE exams SET status = ?1, department = ?2, modality = ?3, requesting_department = ?4, "
        "requesting_doctor = ?5, clinical_diagnosis = ?6, clinical_history = ?7, patient_source = ?8, "
        "priority = ?9, his_system = ?10, his_request_no = ?11, fee_status = ?12, scheduled_at = ?13, room = "
        "?14, "
        "updated_at = ?15, version = version + 1 WHERE id = ?16 AND version = ?17");
    bindFields(st, 1, e);
    st.bind(15, nowIso).bind(16, e.id).bind(17, e.version);
    st.run();
    if (m_db.changes() != 1)
        return false;
    writeItems(e.id, e.items);
    return true;
}

void ExamRepository::appendEvent(const core::ExamEvent& ev)
{
    auto& st =
        m_db.cached("INSERT INTO exam_events (exam_id, at, user, user_display_name, from_status, to_status, "
                    "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, ev.examId)
        .bind(2, ev.at)
        .bind(3, ev.user)
        .bind(4, ev.userDisplayName)
        .bind(5, ev.from ? std::optional<std::string>(code(*ev.from)) : std::nullopt)
        .bind(6, code(ev.to))
        .bind(7, ev.note);
    st.run();
}

std::vector<core::ExamEvent> ExamRepository::timeline(core::ExamId examId)
{
    auto& st = m_db.cached("SELECT id, exam_id, at, user, user_display_name, from_status, to_status, note "
                           "FROM exam_events WHERE exam_id = ?1 ORDER BY id");
    st.bind(1, examId);
    std::vector<core::ExamEvent> out;
    while (st.step()) {
        core::ExamEvent ev;
        ev.id = st.integer(0);
        ev.examId = st.integer(1);
        ev.at = st.text(2);
        ev.user = st.text(3);
        ev.userDisplayName = st.text(4);
        if (const auto from = st.optionalText(5))
            ev.from = core::examStatusFromCode(*from);
        ev.to = core::examStatusFromCode(st.text(6)).value_or(core::ExamStatus::Requested);
        ev.note = st.optionalText(7);
        out.push_back(std::move(ev));
    }
    st.reset();
    return out;
}

} // namespace lumen::store
