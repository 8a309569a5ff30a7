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

    // req: 000 §2.3.6.1 exam data stored centrally; an upgrade loses nothing already stored
    void version_5_database_gains_exams_and_keeps_its_rows()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("e.db").toStdString());
        QCOMPARE(applyMigrations(db, 5), 5);
        db.exec("INSERT INTO patients (name, sex, outpatient_no, created_at, updated_at) "
                "VALUES ('李娜', 'F', 'MZ9', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
        db.exec("INSERT INTO dicom_studies (study_uid, patient_id, accession_number, received_patient_id, "
                "created_at, updated_at) VALUES ('1.2.3', 1, 'R20260101-0001', 'OLD', 'x', 'x')");
        db.exec("INSERT INTO audit_log (at, user, client_address, action, object_type, object_id, detail, "
                "prev_hash, hash) VALUES ('x', 'u', '-', 'login', 'session', '-', '', '', 'h')");
        QCOMPARE(applyMigrations(db), latestSchemaVersion() - 5);
        QVERIFY(db.userVersion() >= 6);

        auto kept = db.prepare("SELECT p.name, s.accession_number, s.received_patient_id, "
                               "(SELECT count(*) FROM audit_log) FROM patients p JOIN dicom_studies s "
                               "ON s.patient_id = p.id");
        QVERIFY(kept.step());
        QCOMPARE(QString::fromStdString(kept.text(0)), QString("李娜"));
        QCOMPARE(QString::fromStdString(kept.text(1)), QString("R20260101-0001"));
        QCOMPARE(QString::fromStdString(kept.text(2)), QString("OLD"));
        QCOMPARE(kept.integer(3), std::int64_t(1));

        // The new tables take an exam with items and its timeline, tied to the old patient.
        db.exec(
            "INSERT INTO exams (patient_id, accession_number, status, department, modality, patient_source, "
            "priority, fee_status, created_at, updated_at) VALUES (1, 'R20260101-0002', 'requested', "
            "'radiology', 'CT', 'outpatient', 'routine', 'unpaid', 'x', 'x')");
        db.exec(
            "INSERT INTO exam_items (exam_id, position, method, body_part) VALUES (1, 0, 'CT平扫', '胸部')");
        db.exec("INSERT INTO exam_events (exam_id, at, user, user_display_name, to_status) "
                "VALUES (1, 'x', 'u', 'U', 'requested')");
        bool refused = false;
        try {
            db.exec("INSERT INTO exams (patient_id, accession_number, status, department, modality, "
                    "patient_source, priority, fee_status, created_at, updated_at) VALUES (99, 'R-X', "
                    "'requested', 'radiology', 'CT', 'outpatient', 'routine', 'unpaid', 'x', 'x')");
        } catch (const StoreError& e) {
            refused = e.isConstraintViolation(); // no patient 99
        }
        QVERIFY(refused);
    }

    // req: issue 3 §2 studies matched to exams; an upgrade leaves every study unfiled
    void version_6_database_gains_study_exam_links()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("g.db").toStdString());
        QCOMPARE(applyMigrations(db, 6), 6);
        db.exec("INSERT INTO patients (name, created_at, updated_at) VALUES ('a', 'x', 'x')");
        db.exec(
            "INSERT INTO exams (patient_id, accession_number, status, department, modality, patient_source, "
            "priority, fee_status, created_at, updated_at) VALUES (1, 'R20260101-0001', 'checked_in', "
            "'radiology', 'CT', 'outpatient', 'routine', 'unpaid', 'x', 'x')");
        db.exec("INSERT INTO dicom_studies (study_uid, patient_id, accession_number, created_at, updated_at) "
                "VALUES ('1.2.3', 1, 'R20260101-0001', 'x', 'x')");
        QCOMPARE(applyMigrations(db), latestSchemaVersion() - 6);

        auto unfiled = db.prepare("SELECT exam_id FROM dicom_studies WHERE study_uid = '1.2.3'");
        QVERIFY(unfiled.step());
        QVERIFY(unfiled.isNull(0));
        db.exec("UPDATE dicom_studies SET exam_id = 1");
        bool refused = false;
        try {
            db.exec("UPDATE dicom_studies SET exam_id = 99"); // no exam 99
        } catch (const StoreError& e) {
            refused = e.isConstraintViolation();
        }
        QVERIFY(refused);
        auto indexed = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = "
                                  "'dicom_studies_exam'");
        QVERIFY(indexed.step());
        QCOMPARE(indexed.integer(0), std::int64_t(1));
    }

    // req: issue 4 §5 worklist station AEs, one Study Instance UID per exam, MPPS kept
    void version_8_database_gains_hl7_message_log()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("i.db").toStdString());
        QCOMPARE(applyMigrations(db, 8), 8);
        db.exec("INSERT INTO patients (name, created_at, updated_at) VALUES ('a', 'x', 'x')");
        QCOMPARE(applyMigrations(db), latestSchemaVersion() - 8);
        auto patients = db.prepare("SELECT count(*) FROM patients");
        QVERIFY(patients.step());
        QCOMPARE(patients.integer(0), std::int64_t(1));
        const char* insert =
            "INSERT INTO hl7_messages (sender, control_id, content_hash, message_type, received_at, "
            "peer, ack_code, ack, raw) VALUES ('HIS|H', 'C1', 'h', 'ADT^A01', 'x', 'p', 'AA', 'a', 'r')";
        db.exec(insert);
        bool refused = false;
        try {
            db.exec(insert); // one row per sender and control ID
        } catch (const StoreError& e) {
            refused = e.isConstraintViolation();
        }
        QVERIFY(refused);
    }

    // req: issue 5 §2 annotations saved to the server per image; an upgrade keeps the archive
    void version_12_database_gains_reading_room_tables()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("j.db").toStdString());
        QCOMPARE(applyMigrations(db, 12), 12);
        db.exec("INSERT INTO patients (name, created_at, updated_at) VALUES ('a', 'x', 'x')");
        db.exec("INSERT INTO dicom_studies (study_uid, patient_id, created_at, updated_at) "
                "VALUES ('1.2.3', 1, 'x', 'x')");
        QCOMPARE(applyMigrations(db), latestSchemaVersion() - 12);
        auto studies = db.prepare("SELECT count(*) FROM dicom_studies");
        QVERIFY(studies.step());
        QCOMPARE(studies.integer(0), std::int64_t(1));

        auto refused = [&db](const std::string& sql) {
            try {
                db.exec(sql);
            } catch (const StoreError& e) {
                return e.isConstraintViolation();
            }
            return false;
        };
        const std::string annotation = "INSERT INTO image_annotations (sop_instance_uid, frame, study_uid, "
                                       "items, updated_by, updated_at) VALUES ('1.2.3.1', 0, '1.2.3', '[]', "
                                       "'u', 'x')";
        db.exec(annotation);
        QVERIFY(refused(annotation)); // one list per image frame
        db.exec("INSERT INTO image_annotations (sop_instance_uid, frame, study_uid, items, updated_by, "
                "updated_at) VALUES ('1.2.3.1', 1, '1.2.3', '[]', 'u', 'x')");
        db.exec("INSERT INTO viewer_settings (key, scope, owner, value, version, updated_by, updated_at) "
                "VALUES ('layout', 'user', 'u', '{}', 1, 'u', 'x')");
        db.exec("INSERT INTO viewer_settings (key, scope, owner, value, version, updated_by, updated_at) "
                "VALUES ('layout', 'department', 'u', '{}', 1, 'u', 'x')");
        QVERIFY(refused("INSERT INTO viewer_settings (key, scope, owner, value, version, updated_by, "
                        "updated_at) VALUES ('layout', 'team', 'u', '{}', 1, 'u', 'x')"));
        QVERIFY(refused("INSERT INTO viewer_settings (key, scope, owner, value, version, updated_by, "
                        "updated_at) VALUES ('layout', 'user', 'u', '{}', 2, 'u', 'x')"));
    }

    void version_7_database_gains_worklist_and_procedure_steps()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("h.db").toStdString());
        QCOMPARE(applyMigrations(db, 7), 7);
        db.exec("INSERT INTO patients (name, created_at, updated_at) VALUES ('a', 'x', 'x')");
        db.exec("INSERT INTO dicom_aes (ae_title, host, port) VALUES ('CT1', '127.0.0.1', 104)");
        for (const char* accession : {"R20260101-0001", "R20260101-0002"})
            db.exec(
                std::string("INSERT INTO exams (patient_id, accession_number, status, department, modality, "
                            "patient_source, priority, fee_status, created_at, updated_at) VALUES (1, '") +
                accession +
                "', 'checked_in', 'radiology', 'CT', 'outpatient', 'routine', 'unpaid', 'x', 'x')");
        QCOMPARE(applyMigrations(db), latestSchemaVersion() - 7);

        auto ae = db.prepare("SELECT room, modality FROM dicom_aes WHERE ae_title = 'CT1'");
        QVERIFY(ae.step());
        QCOMPARE(ae.text(0), std::string());
        QCOMPARE(ae.text(1), std::string());
        auto uids = db.prepare("SELECT count(*) FROM exams WHERE study_instance_uid IS NULL");
        QVERIFY(uids.step());
        QCOMPARE(uids.integer(0), std::int64_t(2)); // given when first served, not at upgrade
        db.exec("UPDATE exams SET study_instance_uid = '1.2.3' WHERE id = 1");
        bool refused = false;
        try {
            db.exec("UPDATE exams SET study_instance_uid = '1.2.3' WHERE id = 2");
        } catch (const StoreError& e) {
            refused = e.isConstraintViolation();
        }
        QVERIFY(refused);
        db.exec("INSERT INTO mpps_instances (sop_instance_uid, calling_ae, exam_id, status, created_at, "
                "updated_at) VALUES ('1.2.4', 'CT1', 1, 'IN PROGRESS', 'x', 'x')");
        auto mpps = db.prepare("SELECT exam_id, status FROM mpps_instances");
        QVERIFY(mpps.step());
        QCOMPARE(mpps.integer(0), std::int64_t(1));
    }

    void accession_and_his_request_numbers_are_unique_in_the_schema()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("f.db").toStdString());
        applyMigrations(db);
        db.exec("INSERT INTO patients (name, created_at, updated_at) VALUES ('a', 'x', 'x')");
        auto insert = [&db](const char* accession, const char* hisSystem, const char* request) {
            auto st =
                db.prepare("INSERT INTO exams (patient_id, accession_number, status, department, modality, "
                           "patient_source, priority, his_system, his_request_no, fee_status, created_at, "
                           "updated_at) VALUES (1, ?1, 'requested', 'radiology', 'CT', 'outpatient', "
                           "'routine', ?2, ?3, 'unpaid', 'x', 'x')");
            st.bind(1, accession).bind(2, hisSystem);
            if (request)
                st.bind(3, request);
            try {
                st.run();
                return true;
            } catch (const StoreError& e) {
                if (!e.isConstraintViolation())
                    throw;
                return false;
            }
        };
        QVERIFY(insert("R1", "", "SQ1"));
        QVERIFY(!insert("R1", "", "SQ2"));      // same accession number
        QVERIFY(!insert("R2", "", "SQ1"));      // same request of the same HIS
        QVERIFY(insert("R3", "TIJIAN", "SQ1")); // same number from another HIS
        QVERIFY(insert("R4", "", nullptr));     // exams without a HIS request
        QVERIFY(insert("R5", "", nullptr));
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
