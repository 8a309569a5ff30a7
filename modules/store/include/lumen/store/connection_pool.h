#pragma once
// Reader connections for concurrent queries; WAL lets them read while the writer writes.
#include "lumen/store/database.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace lumen::store {

class ConnectionPool
{
public:
    explicit ConnectionPool(std::string databasePath) : m_path(std::move(databasePath)) {}

    class Lease
    {
    public:
        Lease(ConnectionPool& pool, std::unique_ptr<Database> db) : m_pool(&pool), m_db(std::move(db)) {}
        Lease(Lease&&) noexcept = default;
        ~Lease()
        {
            if (m_db)
                m_pool->giveBack(std::move(m_db));
        }
        Database& operator*() const { return *m_db; }
        Database* operator->() const { return m_db.get(); }

    private:
        ConnectionPool* m_pool;
        std::unique_ptr<Database> m_db;
    };

    Lease lease();

private:
    void giveBack(std::unique_ptr<Database> db);
    std::string m_path;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Database>> m_idle;
};

} // namespace lumen::store
