#include "lumen/store/his_code_mapping_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

namespace {

constexpr std::string_view selectColumns =
    "SELECT id, his_system, kind, his_code, his_name, method, body_part, "
    "department, modality, created_at, updated_at, version "
    "FROM exam_dictionary ";

core::HisCodeMapping readMapping(const Statement& st)
{
    core::HisCodeMapping m;
    m.id = st.integer(0);
    m.hisSystem = st.text(1);
    m.kind = core::hisCodeKindFromCode(st.text(2)).value_or(core::HisCodeKind::Item);
    m.hisCode = st.text(3);
    m.hisName = st.optionalText(4);
    m.method = st.optionalText(5);
    m.bodyPart = st.optionalText(6);
    if (const auto department = st.optionalText(7))
        m.department = core::departmentFromCode(*department);
    m.modality = st.optionalText(8);
    m.createdAt = st.text(9);
    m.updatedAt = st.text(10);
    m.version = st.integer(11);
    return m;
}

// Binds his_system..modality (8 values) starting at `first`.
void bindFields(Statement& st, int first, const core::HisCodeMapping& m)
{
    st.bind(first, m.hisSystem)
        .bind(first + 1, std::string(core::toCode(m.kind)))
        .bind(first + 2, m.hisCode)
        .bind(first + 3, m.hisName)
        .bind(first + 4, m.method)
        .bind(first + 5, m.bodyPart)
        .bind(first + 6, m.department ? std::optional<std::string>(std::string(core::toCode(*m.department)))
                                      : std::nullopt)
        .bind(first + 7, m.modality);
}

} // namespace

std::optional<core::HisCodeMapping> HisCodeMappingRepository::find(std::int64_t id)
{
    auto& st = m_db.cached(std::string(selectColumns) + "WHERE id = ?1");
    st.bind(1, id);
    std::optional<core::HisCodeMapping> m;
    if (st.step())
        m = readMapping(st);
    st.reset();
    return m;
}

std::optional<core::HisCodeMapping> HisCodeMappingRepository::lookup(const std::string& hisSystem,
                                                                     core::HisCodeKind kind,
                                                                     const std::string& hisCode)
{
    // The exact HIS sorts before the shared row ('' < any name, so order by "is it shared").
    auto& st = m_db.cached(std::string(selectColumns) +
                           "WHERE kind = ?1 AND his_code = ?2 AND his_system IN (?3, '') "
                           "ORDER BY his_system = '' LIMIT 1");
    st.bind(1, std::string(core::toCode(kind))).bind(2, hisCode).bind(3, hisSystem);
    std::optional<core::HisCodeMapping> m;
    if (st.step())
        m = readMapping(st);
    st.reset();
    return m;
}

std::vector<core::HisCodeMapping> HisCodeMappingRepository::search(const HisCodeMappingSearch& s)
{
    auto& st = m_db.cached(
        std::string(selectColumns) +
        "WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR his_system = ?2) "
        "AND (?3 IS NULL OR his_code = ?3) ORDER BY kind, his_system, his_code LIMIT ?4 OFFSET ?5");
    st.bind(1, s.kind ? std::optional<std::string>(std::string(core::toCode(*s.kind))) : std::nullopt)
        .bind(2, s.hisSystem)
        .bind(3, s.hisCode)
        .bind(4, s.limit)
        .bind(5, s.offset);
    std::vector<core::HisCodeMapping> out;
    while (st.step())
        out.push_back(readMapping(st));
    st.reset();
    return out;
}

std::int64_t HisCodeMappingRepository::insert(const core::HisCodeMapping& m, const std::string& nowIso)
{
    auto& st =
        m_db.cached("INSERT INTO exam_dictionary (his_system, kind, his_code, his_name, method, body_part, "
                    "department, modality, created_at, updated_at, version) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, 1)");
    bindFields(st, 1, m);
    st.bind(9, nowIso);
    st.run();
    return m_db.lastInsertId();
}

bool HisCodeMappingRepository::update(const core::HisCodeMapping& m, const std::string& nowIso)
{
    auto& st =
        m_db.cached("UPDATE exam_dictionary SET his_system = ?1, kind = ?2, his_code = ?3, his_name = ?4, "
                    "method = ?5, body_part = ?6, department = ?7, modality = ?8, updated_at = ?9, "
                    "version = version + 1 WHERE id = ?10 AND version = ?11");
    bindFields(st, 1, m);
    st.bind(9, nowIso).bind(10, m.id).bind(11, m.version);
    st.run();
    return m_db.changes() == 1;
}

bool HisCodeMappingRepository::remove(std::int64_t id)
{
    auto& st = m_db.cached("DELETE FROM exam_dictionary WHERE id = ?1");
    st.bind(1, id);
    st.run();
    return m_db.changes() == 1;
}

} // namespace lumen::store
