#include "lumen/store/worklist_repository.h"

#include "lumen/store/database.h"

#include <stdexcept>

namespace lumen::store {

std::optional<std::string> WorklistRepository::studyInstanceUid(core::ExamId examId)
{
    auto& st = m_db.cached("SELECT study_instance_uid FROM exams WHERE id = ?1");
    st.bind(1, examId);
    std::optional<std::string> uid;
    if (st.step() && !st.isNull(0))
        uid = st.text(0);
    st.reset();
    return uid;
}

std::string WorklistRepository::assignStudyInstanceUid(core::ExamId examId, const std::string& uid)
{
    auto& st =
        m_db.cached("UPDATE exams SET study_instance_uid = ?2 WHERE id = ?1 AND study_instance_uid IS NULL");
    st.bind(1, examId).bind(2, uid);
    st.run();
    auto given = studyInstanceUid(examId);
    if (!given)
        throw std::runtime_error("exam " + std::to_string(examId) + " is missing");
    return *given;
}

std::optional<core::ExamId> WorklistRepository::examByStudyInstanceUid(const std::string& uid)
{
    auto& st = m_db.cached("SELECT id FROM exams WHERE study_instance_uid = ?1");
    st.bind(1, uid);
    std::optional<core::ExamId> id;
    if (st.step())
        id = st.integer(0);
    st.reset();
    return id;
}

} // namespace lumen::store
