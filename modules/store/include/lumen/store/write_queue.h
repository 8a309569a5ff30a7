#pragma once
// The single writer: jobs run one after another on a dedicated thread with its own connection.
// Jobs that arrive together share one transaction (group commit), each inside its own
// savepoint so a failing job is rolled back alone. A job's future is fulfilled only after
// the transaction holding it has committed, so "done" always means "durable".
// Jobs submitted with submitAfterFlush() index files written outside the database: the queue
// runs the flush once per group before that group's jobs, so N stored files cost one flush
// (e.g. syncfs) instead of N fsyncs, and no index row ever commits before its file is durable.
#include "lumen/store/database.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

namespace lumen::store {

class WriteQueue
{
public:
    explicit WriteQueue(const std::string& databasePath, std::size_t maxBatch = 128);
    ~WriteQueue();
    WriteQueue(const WriteQueue&) = delete;
    WriteQueue& operator=(const WriteQueue&) = delete;

    template <class F> auto submit(F&& work) -> std::future<std::invoke_result_t<F, Database&>>
    {
        return submitJob(std::forward<F>(work), false);
    }
    // Like submit(), after the file flush (see setFileFlush); if the flush throws, the job
    // fails with that error and does not run.
    template <class F> auto submitAfterFlush(F&& work) -> std::future<std::invoke_result_t<F, Database&>>
    {
        return submitJob(std::forward<F>(work), true);
    }
    // Set once, before any submitAfterFlush(); without one those jobs run unflushed.
    void setFileFlush(std::function<void()> flush);

private:
    template <class F>
    auto submitJob(F&& work, bool afterFlush) -> std::future<std::invoke_result_t<F, Database&>>
    {
        using R = std::invoke_result_t<F, Database&>;
        auto promise = std::make_shared<std::promise<R>>();
        auto future = promise->get_future();
        Job job;
        if constexpr (std::is_void_v<R>) {
            job.work = [w = std::forward<F>(work)](Database& db) { w(db); };
            job.committed = [promise] { promise->set_value(); };
        } else {
            auto result = std::make_shared<std::optional<R>>();
            job.work = [w = std::forward<F>(work), result](Database& db) { result->emplace(w(db)); };
            job.committed = [promise, result] { promise->set_value(std::move(**result)); };
        }
        job.failed = [promise](std::exception_ptr e) { promise->set_exception(e); };
        job.afterFlush = afterFlush;
        enqueue(std::move(job));
        return future;
    }

    struct Job
    {
        std::function<void(Database&)> work;
        std::function<void()> committed;
        std::function<void(std::exception_ptr)> failed;
        bool afterFlush = false;
    };
    // Runs the file flush if a job of the batch needs it; drops (and fails) those jobs when
    // the flush fails.
    void flushFilesFor(std::deque<Job>& batch);
    void enqueue(Job job);
    void run();
    void runBatch(std::deque<Job>& batch);

    std::string m_path;
    std::size_t m_maxBatch;
    std::unique_ptr<Database> m_db;
    std::function<void()> m_fileFlush;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace lumen::store
