#include "bootstrap.h"

#include "demo_data.h"
#include "demo_exams.h"
#include "demo_scheduling.h"
#include "log.h"
#include "lumen/core/date.h"
#include "lumen/security/password_hasher.h"
#include "lumen/security/random.h"
#include "lumen/store/ae_repository.h"
#include "lumen/store/patient_repository.h"
#include "lumen/store/user_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"

#include <chrono>
#include <cstdio>

namespace lumen::server {

namespace {
core::AuditEntry systemEntry(std::string action, std::string detail)
{
    return core::AuditEntry{
        0, "", "system", "local", std::move(action), "system", "-", std::nullopt, std::move(detail), "", ""};
}
} // namespace

void bootstrapAccounts(const ServerConfig& config, store::WriteQueue& writer, const AuditLog& audit)
{
    const auto nowIso = core::formatIsoTimestamp(std::chrono::system_clock::now());
    const bool empty =
        writer.submit([](store::Database& db) { return store::UserRepository(db).count() == 0; }).get();

    if (config.demo) {
        if (empty) {
            // Hash outside the writer so the queue is not held for the Argon2 work.
            std::vector<store::UserRecord> users;
            for (const auto& u : demoUsers())
                users.push_back({0,
                                 u.username,
                                 u.displayName,
                                 security::hashPassword(demoPassword),
                                 true,
                                 0,
                                 std::nullopt,
                                 {{u.role, u.department}}});
            auto patients = generateDemoPatients(config.demoPatients);
            int exams = 0;
            writer
                .submit([&](store::Database& db) {
                    store::UserRepository userRepo(db);
                    for (const auto& u : users)
                        userRepo.insert(u, nowIso);
                    store::PatientRepository patientRepo(db);
                    for (auto& p : patients)
                        p.id = patientRepo.insert(p, nowIso);
                    insertDemoDictionary(db, nowIso);
                    exams = insertDemoExams(db, patients, std::chrono::system_clock::now());
                    insertDemoScheduling(db, std::chrono::system_clock::now());
                    // The README's DCMTK examples call in as DEMO_CT and receive C-MOVEs on 11113;
                    // it stands in room CT1, so its worklist lists the demo's CT exams there.
                    store::AeRepository(db).save({0, "DEMO_CT", "127.0.0.1", 11113, true, true, true,
                                                  "demo CT modality (DCMTK tools)", "CT1", "CT"});
                    audit.appendInJob(
                        db, systemEntry("demo.create", std::to_string(users.size()) + " users, " +
                                                           std::to_string(patients.size()) + " patients, " +
                                                           std::to_string(exams) + " exams"));
                })
                .get();
            logLine(LogLevel::Info, "demo", "demo data created",
                    {{"users", std::to_string(users.size())},
                     {"patients", std::to_string(patients.size())},
                     {"exams", std::to_string(exams)}});
        }
        std::printf("demo accounts (password %s):\n", demoPassword);
        for (const auto& u : demoUsers())
            std::printf("  %-13s %s\n", u.username.c_str(), std::string(core::toString(u.role)).c_str());
        std::fflush(stdout);
        return;
    }
    if (empty) {
        const auto password = security::toHex(security::randomBytes(8));
        store::UserRecord admin{0,    "admin", "Administrator", security::hashPassword(password),
                                true, 0,       std::nullopt,    {{core::Role::Administrator, ""}}};
        writer
            .submit([&](store::Database& db) {
                store::UserRepository(db).insert(admin, nowIso);
                audit.appendInJob(db, systemEntry("user.create", "initial administrator"));
            })
            .get();
        std::printf("created administrator 'admin' with password %s (shown once; change it)\n",
                    password.c_str());
        std::fflush(stdout);
    }
}

} // namespace lumen::server
