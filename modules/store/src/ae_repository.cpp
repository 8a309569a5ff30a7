#include "lumen/store/ae_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

namespace {
constexpr std::string_view columns =
    "SELECT id, ae_title, host, port, can_store, can_query, can_retrieve, description FROM dicom_aes ";

KnownAe read(const Statement& st)
{
    return KnownAe{st.integer(0),      st.text(1),         st.text(2),         int(st.integer(3)),
                   st.integer(4) != 0, st.integer(5) != 0, st.integer(6) != 0, st.text(7)};
}
} // namespace

std::vector<KnownAe> AeRepository::all()
{
    auto st = m_db.prepare(std::string(columns) + "ORDER BY ae_title");
    std::vector<KnownAe> out;
    while (st.step())
        out.push_back(read(st));
    return out;
}

std::optional<KnownAe> AeRepository::find(const std::string& aeTitle)
{
    auto& st = m_db.cached(std::string(columns) + "WHERE ae_title = ?1");
    st.bind(1, aeTitle);
    std::optional<KnownAe> ae;
    if (st.step())
        ae = read(st);
    st.reset();
    return ae;
}

std::int64_t AeRepository::save(const KnownAe& ae)
{
    auto& st = m_db.cached(
        "INSERT INTO dicom_aes (ae_title, host, port, can_store, can_query, can_retrieve, description) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(ae_title) DO UPDATE SET host = excluded.host, "
        "port = excluded.port, can_store = excluded.can_store, can_query = excluded.can_query, "
        "can_retrieve = excluded.can_retrieve, description = excluded.description");
    st.bind(1, ae.aeTitle)
        .bind(2, ae.host)
        .bind(3, ae.port)
        .bind(4, ae.canStore)
        .bind(5, ae.canQuery)
        .bind(6, ae.canRetrieve)
        .bind(7, ae.description);
    st.run();
    return find(ae.aeTitle)->id;
}

bool AeRepository::remove(const std::string& aeTitle)
{
    auto& st = m_db.cached("DELETE FROM dicom_aes WHERE ae_title = ?1");
    st.bind(1, aeTitle);
    st.run();
    return m_db.changes() == 1;
}

} // namespace lumen::store
