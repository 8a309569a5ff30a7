// Unit tests of the HMAC-SM3 audit chain: it verifies when intact and names the first
// entry that was edited, deleted or cut off.
#include "lumen/security/audit_chain.h"
#include "lumen/security/random.h"
#include "lumen/store/database.h"
#include "lumen/store/migrations.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace lumen;

namespace {
struct Trail
{
    QTemporaryDir dir;
    std::string path = dir.filePath("audit.db").toStdString();
    std::vector<unsigned char> key = security::randomBytes(32);

    explicit Trail(int entries)
    {
        {
            store::Database db(path);
            store::applyMigrations(db);
        }
        store::WriteQueue writer(path);
        server::AuditLog log(key, writer);
        for (int i = 1; i <= entries; ++i)
            log.record(core::AuditEntry{0, "", "registrar", "127.0.0.1", "patient.read", "patient",
                                        std::to_string(i), i, "entry " + std::to_string(i), "", ""});
    }
    security::ChainVerdict verify()
    {
        store::Database db(path);
        store::WriteQueue writer(path);
        return server::AuditLog(key, writer).verify(db);
    }
    void sql(const char* statement)
    {
        store::Database db(path);
        db.exec(statement);
    }
};
} // namespace

class AuditChainTest : public QObject
{
    Q_OBJECT
private slots:
    void hmac_sm3_matches_a_known_answer()
    {
        // HMAC-SM3 with key "key" over "The quick brown fox jumps over the lazy dog"
        // (cross-checked with `openssl mac -digest SM3 -macopt key:key HMAC`).
        const std::string key = "key";
        const auto mac = security::hmacSm3Hex(std::vector<unsigned char>(key.begin(), key.end()),
                                              "The quick brown fox jumps over the lazy dog");
        QCOMPARE(QString::fromStdString(mac).size(), 64);
        QCOMPARE(QString::fromStdString(mac),
                 QString("bd4a34077888162b210645b8ebf74b9af357303789357a27c7fc457244ebd398"));
    }

    // req: 001 integrity of logs (HMAC-SM3)
    void intact_chain_verifies()
    {
        Trail trail(20);
        const auto verdict = trail.verify();
        QVERIFY(verdict.ok);
        QCOMPARE(verdict.entries, std::int64_t(20));
    }

    void edited_row_is_named()
    {
        Trail trail(20);
        trail.sql("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 7");
        const auto verdict = trail.verify();
        QVERIFY(!verdict.ok);
        QCOMPARE(verdict.firstBadSeq.value_or(-1), std::int64_t(7));
        QCOMPARE(verdict.entries, std::int64_t(6));
    }

    void edited_user_or_time_is_named()
    {
        Trail trail(10);
        trail.sql("UPDATE audit_log SET user = 'admin' WHERE seq = 3");
        QCOMPARE(trail.verify().firstBadSeq.value_or(-1), std::int64_t(3));
    }

    void deleted_middle_row_is_named()
    {
        Trail trail(20);
        trail.sql("DELETE FROM audit_log WHERE seq = 12");
        const auto verdict = trail.verify();
        QVERIFY(!verdict.ok);
        QCOMPARE(verdict.firstBadSeq.value_or(-1), std::int64_t(12));
    }

    void deleted_tail_is_detected_against_the_recorded_head()
    {
        Trail trail(20);
        trail.sql("DELETE FROM audit_log WHERE seq >= 18");
        const auto verdict = trail.verify();
        QVERIFY(!verdict.ok);
        QCOMPARE(verdict.firstBadSeq.value_or(-1), std::int64_t(18));
    }

    void wrong_key_fails_at_the_first_entry()
    {
        Trail trail(5);
        trail.key = security::randomBytes(32);
        QCOMPARE(trail.verify().firstBadSeq.value_or(-1), std::int64_t(1));
    }
};

QTEST_APPLESS_MAIN(AuditChainTest)
#include "test_audit_chain.moc"
