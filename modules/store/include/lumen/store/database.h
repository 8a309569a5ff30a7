#pragma once
// A thin RAII layer over one SQLite connection: prepared statements with typed binding and
// reading, transactions, and the pragmas every Lumen connection uses (WAL, foreign keys).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace lumen::store {

class Statement
{
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;

    // Bind by 1-based index; an empty optional binds NULL.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t(value)); }
    Statement& bind(int index, bool value) { return bind(index, std::int64_t(value ? 1 : 0)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bind(int index, const std::optional<std::int64_t>& value);
    Statement& bindNull(int index);

    // Advances to the next row; false when done. Throws StoreError on failure.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::optional<std::int64_t> optionalInteger(int column) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// Thrown for any SQLite failure; `constraint` is set for UNIQUE/FK violations.
class StoreError : public std::runtime_error
{
public:
    StoreError(const std::string& message, int sqliteCode, bool constraint)
        : std::runtime_error(message), m_code(sqliteCode), m_constraint(constraint)
    {
    }
    int sqliteCode() const { return m_code; }
    bool isConstraintViolation() const { return m_constraint; }

private:
    int m_code;
    bool m_constraint;
};

class Database
{
public:
    enum class Mode { ReadWrite, ReadOnly };
    Database(const std::string& path, Mode mode = Mode::ReadWrite);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(m_db, sql); }
    // A cached prepared statement, reset and ready to bind; valid until the Database dies.
    Statement& cached(std::string_view sql);
    std::int64_t lastInsertId() const;
    int changes() const;
    int userVersion();
    sqlite3* handle() const { return m_db; }

private:
    struct Cache;
    sqlite3* m_db = nullptr;
    Cache* m_cache;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless committed.
class Transaction
{
public:
    explicit Transaction(Database& db);
    ~Transaction();
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

} // namespace lumen::store
