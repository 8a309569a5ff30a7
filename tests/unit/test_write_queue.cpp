// Unit tests of the single-writer queue: group commit, and a failing job rolled back alone.
#include "lumen/store/database.h"
#include "lumen/store/migrations.h"
#include "lumen/store/write_queue.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <future>
#include <stdexcept>
#include <vector>

using namespace lumen::store;

class WriteQueueTest : public QObject
{
    Q_OBJECT
private slots:
    void failing_job_is_rolled_back_and_the_others_commit()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath("q.db").toStdString();
        {
            Database db(path);
            applyMigrations(db);
        }
        WriteQueue queue(path);
        std::vector<std::future<void>> results;
        for (int i = 0; i < 50; ++i)
            results.push_back(queue.submit([i](Database& db) {
                db.exec("INSERT INTO meta (key, value) VALUES ('k" + std::to_string(i) + "', 'v')");
                if (i == 25)
                    throw std::runtime_error("job 25 fails after writing");
            }));
        int failures = 0;
        for (auto& r : results) {
            try {
                r.get();
            } catch (const std::runtime_error&) {
                ++failures;
            }
        }
        QCOMPARE(failures, 1);
        Database db(path);
        auto st = db.prepare("SELECT count(*), sum(key = 'k25') FROM meta");
        st.step();
        QCOMPARE(st.integer(0), std::int64_t(49));
        QCOMPARE(st.integer(1), std::int64_t(0));
    }

    void file_flush_runs_once_per_group_before_its_jobs()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath("f.db").toStdString();
        {
            Database db(path);
            applyMigrations(db);
        }
        WriteQueue queue(path);
        std::atomic<int> flushes{0};
        std::atomic<int> jobsRun{0};
        std::atomic<bool> jobBeforeFlush{false};
        queue.setFileFlush([&] { ++flushes; });
        // Hold the writer so the next jobs queue up and run as one group.
        std::promise<void> release;
        std::promise<void> started;
        auto gate = queue.submit([&](Database&) {
            started.set_value();
            release.get_future().wait();
        });
        started.get_future().wait(); // the writer is busy: what follows queues up together
        std::vector<std::future<void>> results;
        for (int i = 0; i < 20; ++i)
            results.push_back(queue.submitAfterFlush([&](Database&) {
                if (flushes.load() == 0)
                    jobBeforeFlush = true;
                ++jobsRun;
            }));
        release.set_value();
        gate.get();
        for (auto& r : results)
            r.get();
        QCOMPARE(jobsRun.load(), 20);
        QVERIFY2(!jobBeforeFlush, "a job ran before the flush that makes its files durable");
        QCOMPARE(flushes.load(), 1);
        // Plain jobs never pay for a flush.
        queue.submit([](Database&) {}).get();
        QCOMPARE(flushes.load(), 1);
    }

    void failed_flush_fails_only_the_jobs_that_needed_it()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath("g.db").toStdString();
        {
            Database db(path);
            applyMigrations(db);
        }
        WriteQueue queue(path);
        queue.setFileFlush([] { throw std::runtime_error("write-back error"); });
        std::promise<void> release;
        std::promise<void> started;
        auto gate = queue.submit([&](Database&) {
            started.set_value();
            release.get_future().wait();
        });
        started.get_future().wait(); // the writer is busy: what follows queues up together
        auto needsFlush = queue.submitAfterFlush(
            [](Database& db) { db.exec("INSERT INTO meta (key, value) VALUES ('flushed', 'v')"); });
        auto plain = queue.submit(
            [](Database& db) { db.exec("INSERT INTO meta (key, value) VALUES ('plain', 'v')"); });
        release.set_value();
        gate.get();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, needsFlush.get());
        plain.get();
        Database db(path);
        auto st = db.prepare("SELECT sum(key = 'flushed'), sum(key = 'plain') FROM meta");
        st.step();
        QCOMPARE(st.integer(0), std::int64_t(0));
        QCOMPARE(st.integer(1), std::int64_t(1));
    }

    void results_are_returned_after_commit()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath("r.db").toStdString();
        {
            Database db(path);
            applyMigrations(db);
        }
        WriteQueue queue(path);
        const auto id =
            queue
                .submit([](Database& db) {
                    db.exec("INSERT INTO users (username, display_name, password_hash, created_at) "
                            "VALUES ('a', 'A', 'h', 'now')");
                    return db.lastInsertId();
                })
                .get();
        // A separate connection sees the row as soon as the future is ready.
        Database reader(path);
        auto st = reader.prepare("SELECT username FROM users WHERE id = ?1");
        st.bind(1, id);
        QVERIFY(st.step());
        QCOMPARE(QString::fromStdString(st.text(0)), QString("a"));
    }
};

QTEST_APPLESS_MAIN(WriteQueueTest)
#include "test_write_queue.moc"
