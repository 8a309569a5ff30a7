#include "lumen/store/exam_attachment_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

namespace {

constexpr const char* kColumns = "id, exam_id, file_name, content_type, size, path, created_at, created_by";

ExamAttachment row(Statement& st)
{
    return {st.integer(0), st.integer(1), st.text(2), st.text(3),
            st.integer(4), st.text(5),    st.text(6), st.text(7)};
}

} // namespace

std::int64_t ExamAttachmentRepository::insert(const ExamAttachment& a)
{
    auto& st =
        m_db.cached("INSERT INTO exam_attachments (exam_id, file_name, content_type, size, path, created_at, "
                    "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, a.examId)
        .bind(2, a.fileName)
        .bind(3, a.contentType)
        .bind(4, a.size)
        .bind(5, a.path)
        .bind(6, a.createdAt)
        .bind(7, a.createdBy);
    st.run();
    return m_db.lastInsertId();
}

std::optional<ExamAttachment> ExamAttachmentRepository::find(std::int64_t id)
{
    auto& st = m_db.cached(std::string("SELECT ") + kColumns + " FROM exam_attachments WHERE id = ?1");
    st.bind(1, id);
    std::optional<ExamAttachment> out;
    if (st.step())
        out = row(st);
    st.reset();
    return out;
}

std::vector<ExamAttachment> ExamAttachmentRepository::ofExam(core::ExamId examId)
{
    auto& st = m_db.cached(std::string("SELECT ") + kColumns +
                           " FROM exam_attachments WHERE exam_id = ?1 ORDER BY id");
    st.bind(1, examId);
    std::vector<ExamAttachment> out;
    while (st.step())
        out.push_back(row(st));
    st.reset();
    return out;
}

std::vector<std::string> ExamAttachmentRepository::allPaths()
{
    auto& st = m_db.cached("SELECT path FROM exam_attachments");
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    st.reset();
    return out;
}

} // namespace lumen::store
