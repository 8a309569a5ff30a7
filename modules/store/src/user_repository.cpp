#include "lumen/store/user_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

std::optional<UserRecord> UserRepository::readOne(std::string_view whereClause, const std::string* text, std::int64_t id)
{
    auto& st = m_db.cached("SELECT id, username, display_name, password_hash, active, failed_logins, locked_until "
                           "FROM users WHERE " +
                           std::string(whereClause));
    if (text)
        st.bind(1, *text);
    else
        st.bind(1, id);
    std::optional<UserRecord> user;
    if (st.step())
        user = UserRecord{st.integer(0),      st.text(1), st.text(2), st.text(3), st.integer(4) != 0,
                          int(st.integer(5)), st.optionalText(6), {}};
    st.reset();
    if (!user)
        return user;
    auto& roles = m_db.cached("SELECT role, department FROM user_roles WHERE user_id = ?1 ORDER BY role, department");
    roles.bind(1, user->id);
    while (roles.step())
        if (const auto role = core::roleFromString(roles.text(0)))
            user->roles.push_back({*role, roles.text(1)});
    roles.reset();
    return user;
}

std::optional<UserRecord> UserRepository::findByUsername(const std::string& username)
{
    return readOne("username = ?1", &username, 0);
}

std::optional<UserRecord> UserRepository::findById(std::int64_t id) { return readOne("id = ?1", nullptr, id); }

std::int64_t UserRepository::count()
{
    auto& st = m_db.cached("SELECT count(*) FROM users");
    st.step();
    const auto n = st.integer(0);
    st.reset();
    return n;
}

std::int64_t UserRepository::insert(const UserRecord& user, const std::string& nowIso)
{
    auto& st = m_db.cached("INSERT INTO users (username, display_name, password_hash, active, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, user.username).bind(2, user.displayName).bind(3, user.passwordHash).bind(4, user.active).bind(5, nowIso);
    st.run();
    const auto id = m_db.lastInsertId();
    auto& roles = m_db.cached("INSERT INTO user_roles (user_id, role, department) VALUES (?1, ?2, ?3)");
    for (const auto& r : user.roles) {
        roles.bind(1, id).bind(2, std::string(core::toString(r.role))).bind(3, r.department);
        roles.run();
    }
    return id;
}

void UserRepository::recordFailedLogin(std::int64_t id, int failedLogins, const std::optional<std::string>& lockedUntil)
{
    auto& st = m_db.cached("UPDATE users SET failed_logins = ?1, locked_until = ?2 WHERE id = ?3");
    st.bind(1, failedLogins).bind(2, lockedUntil).bind(3, id);
    st.run();
}

void UserRepository::resetFailedLogins(std::int64_t id)
{
    auto& st = m_db.cached("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?1");
    st.bind(1, id);
    st.run();
}

} // namespace lumen::store
