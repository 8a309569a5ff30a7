#include "lumen/store/database.h"

#include <sqlite3.h>

#include <memory>
#include <unordered_map>

namespace lumen::store {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what)
{
    const bool constraint = (rc & 0xFF) == SQLITE_CONSTRAINT;
    throw StoreError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)), rc, constraint);
}
} // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db)
{
    const int rc = sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(db, rc, "prepare");
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) { other.m_stmt = nullptr; }

Statement& Statement::bind(int index, std::int64_t value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        fail(m_db, rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        fail(m_db, rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value)
{
    if (const int rc = sqlite3_bind_text(m_stmt, index, value.data(), int(value.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(m_db, rc, "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value)
{
    return value ? bind(index, std::string_view(*value)) : bindNull(index);
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Statement& Statement::bindNull(int index)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        fail(m_db, rc, "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const int code = rc;
    sqlite3_reset(m_stmt);
    fail(m_db, code, "step");
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::real(int column) const { return sqlite3_column_double(m_stmt, column); }

std::string Statement::text(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? std::string(p, std::size_t(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

std::optional<std::string> Statement::optionalText(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

std::optional<std::int64_t> Statement::optionalInteger(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return integer(column);
}

struct Database::Cache
{
    std::unordered_map<std::string, std::unique_ptr<Statement>> statements;
};

Database::Database(const std::string& path, Mode mode) : m_cache(new Cache)
{
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    if (const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr); rc != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        delete m_cache;
        throw StoreError("open " + path + ": " + message, rc, false);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 10000);
    exec("PRAGMA foreign_keys = ON");
    if (mode == Mode::ReadWrite) {
        exec("PRAGMA journal_mode = WAL");
        // FULL: every commit is fsynced, so an acknowledged change survives power loss too.
        exec("PRAGMA synchronous = FULL");
    }
}

Database::~Database()
{
    delete m_cache;
    sqlite3_close_v2(m_db);
}

void Database::exec(std::string_view sql)
{
    char* error = nullptr;
    const std::string text(sql);
    if (const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error); rc != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw StoreError("exec: " + message, rc, (rc & 0xFF) == SQLITE_CONSTRAINT);
    }
}

Statement& Database::cached(std::string_view sql)
{
    auto& slot = m_cache->statements[std::string(sql)];
    if (!slot)
        slot = std::make_unique<Statement>(m_db, sql);
    else
        slot->reset();
    return *slot;
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }

int Database::userVersion()
{
    auto st = prepare("PRAGMA user_version");
    st.step();
    return int(st.integer(0));
}

Transaction::Transaction(Database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // The connection already rolled back (e.g. after SQLITE_FULL); nothing to undo.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace lumen::store
