// Unit tests of the numbered schema migrations: from empty and from every earlier version.
#include "lumen/store/database.h"
#include "lumen/store/migrations.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace lumen::store;

class MigrationsTest : public QObject
{
    Q_OBJECT
private slots:
    void empty_database_reaches_the_latest_version()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("a.db").toStdString());
        QCOMPARE(applyMigrations(db), latestSchemaVersion());
        QCOMPARE(db.userVersion(), latestSchemaVersion());
        QVERIFY(latestSchemaVersion() >= 2);
        // Running again is a no-op.
        QCOMPARE(applyMigrations(db), 0);
    }

    void every_earlier_version_upgrades_and_keeps_its_rows()
    {
        for (int from = 1; from < latestSchemaVersion(); ++from) {
            QTemporaryDir dir;
            Database db(dir.filePath("b.db").toStdString());
            QCOMPARE(applyMigrations(db, from), from);
            db.exec(
                "INSERT INTO patients (name, sex, national_id, created_at, updated_at) "
                "VALUES ('张伟', 'M', '11010519491231002X', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
            db.exec("INSERT INTO users (username, display_name, password_hash, created_at) "
                    "VALUES ('u', 'U', 'h', '2026-01-01T00:00:00Z')");
            QCOMPARE(applyMigrations(db), latestSchemaVersion() - from);
            auto st = db.prepare("SELECT name, national_id, merged_into FROM patients");
            QVERIFY(st.step());
            QCOMPARE(QString::fromStdString(st.text(0)), QString("张伟"));
            QCOMPARE(QString::fromStdString(st.text(1)), QString("11010519491231002X"));
            QVERIFY(st.isNull(2));
            auto users = db.prepare("SELECT count(*) FROM users");
            users.step();
            QCOMPARE(users.integer(0), std::int64_t(1));
        }
    }

    void identifiers_stay_unique_per_kind_after_migration()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("c.db").toStdString());
        applyMigrations(db);
        db.exec("INSERT INTO patients (name, outpatient_no, created_at, updated_at) VALUES ('a', 'MZ1', 'x', "
                "'x')");
        // The same value under another kind is fine; under the same kind it is refused.
        db.exec("INSERT INTO patients (name, inpatient_no, created_at, updated_at) VALUES ('b', 'MZ1', 'x', "
                "'x')");
        bool refused = false;
        try {
            db.exec("INSERT INTO patients (name, outpatient_no, created_at, updated_at) VALUES ('c', 'MZ1', "
                    "'x', 'x')");
        } catch (const StoreError& e) {
            refused = e.isConstraintViolation();
        }
        QVERIFY(refused);
    }

    void a_newer_database_is_refused_not_damaged()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("d.db").toStdString());
        applyMigrations(db);
        db.exec("PRAGMA user_version = 999");
        QVERIFY_THROWS_EXCEPTION(StoreError, applyMigrations(db));
        QCOMPARE(db.userVersion(), 999);
    }
};

QTEST_APPLESS_MAIN(MigrationsTest)
#include "test_migrations.moc"
