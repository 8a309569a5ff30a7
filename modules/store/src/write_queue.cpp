#include "lumen/store/write_queue.h"

#include <algorithm>

namespace lumen::store {

WriteQueue::WriteQueue(const std::string& databasePath, std::size_t maxBatch)
    : m_path(databasePath), m_maxBatch(maxBatch), m_db(std::make_unique<Database>(databasePath))
{
    m_thread = std::thread([this] { run(); });
}

WriteQueue::~WriteQueue()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void WriteQueue::setFileFlush(std::function<void()> flush)
{
    std::lock_guard lock(m_mutex);
    m_fileFlush = std::move(flush);
}

void WriteQueue::enqueue(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            job.failed(std::make_exception_ptr(StoreError("the write queue is shut down", 0, false)));
            return;
        }
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void WriteQueue::run()
{
    for (;;) {
        std::deque<Job> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty() && m_stopping)
                return;
            while (!m_jobs.empty() && batch.size() < m_maxBatch) {
                batch.push_back(std::move(m_jobs.front()));
                m_jobs.pop_front();
            }
        }
        flushFilesFor(batch);
        if (!batch.empty())
            runBatch(batch);
    }
}

void WriteQueue::flushFilesFor(std::deque<Job>& batch)
{
    std::function<void()> flush;
    {
        std::lock_guard lock(m_mutex);
        flush = m_fileFlush;
    }
    const bool needed = std::any_of(batch.begin(), batch.end(), [](const Job& j) { return j.afterFlush; });
    if (!needed || !flush)
        return;
    try {
        flush();
    } catch (...) {
        const auto error = std::current_exception();
        std::deque<Job> kept;
        for (auto& job : batch) {
            if (job.afterFlush)
                job.failed(error);
            else
                kept.push_back(std::move(job));
        }
        batch.swap(kept);
    }
}

void WriteQueue::runBatch(std::deque<Job>& batch)
{
    std::vector<std::exception_ptr> errors(batch.size());
    try {
        Transaction tx(*m_db);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            m_db->exec("SAVEPOINT job");
            try {
                batch[i].work(*m_db);
                m_db->exec("RELEASE job");
            } catch (...) {
                errors[i] = std::current_exception();
                m_db->exec("ROLLBACK TO job");
                m_db->exec("RELEASE job");
            }
        }
        tx.commit();
    } catch (...) {
        // The transaction itself failed (disk full, I/O error): nothing of the batch is stored.
        const auto error = std::current_exception();
        for (auto& job : batch)
            job.failed(error);
        return;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (errors[i])
            batch[i].failed(errors[i]);
        else
            batch[i].committed();
    }
}

} // namespace lumen::store
