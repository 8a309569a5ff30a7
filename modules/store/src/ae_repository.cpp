#include "lumen/store/ae_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

namespace {
constexpr std::string_view columns =
    "SELECT id, ae_title, host, port, can_store, can_query, can_retrieve, description, room, modality "
    "FROM dicom_aes ";

KnownAe read(const Statement& st)
{
    return KnownAe{st.integer(0),      st.text(1),         st.text(2), int(st.integer(3)), st.integer(4) != 0,
                   st.integer(5) != 0, st.integer(6) != 0, st.text(7), st.text(8),         st.text(9)};
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

std::vector<KnownAe> AeRepository::inRoom(const std::string& room)
{
    auto& st = m_db.cached(std::string(columns) + "WHERE room = ?1 ORDER BY ae_title");
    st.bind(1, room);
    std::vector<KnownAe> out;
    while (st.step())
        out.push_back(read(st));
    st.reset();
    return out;
}

std::int64_t AeRepository::save(const KnownAe& ae)
{
    auto& st = m_db.cached(
        "INSERT INTO dicom_aes (ae_title, host, port, can_store, can_query, can_retrieve, description, room, "
        "modality) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(ae_title) DO UPDATE SET "
        "host = excluded.host, port = excluded.port, can_store = excluded.can_store, "
        "can_query = excluded.can_query, can_retrieve = excluded.can_retrieve, "
        "description = excluded.description, room = excluded.room, modality = excluded.modality");
    st.bind(1, ae.aeTitle)
        .bind(2, ae.host)
        .bind(3, ae.port)
        .bind(4, ae.canStore)
        .bind(5, ae.canQuery)
        .bind(6, ae.canRetrieve)
        .bind(7, ae.description)
        .bind(8, ae.room)
        .bind(9, ae.modality);
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
