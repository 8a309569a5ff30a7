#include "lumen/store/connection_pool.h"

namespace lumen::store {

ConnectionPool::Lease ConnectionPool::lease()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto db = std::move(m_idle.back());
            m_idle.pop_back();
            return Lease(*this, std::move(db));
        }
    }
    return Lease(*this, std::make_unique<Database>(m_path));
}

void ConnectionPool::giveBack(std::unique_ptr<Database> db)
{
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(db));
}

} // namespace lumen::store
