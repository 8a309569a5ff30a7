// lumen-server: the archive and scheduling server shared by all Lumen workstations.
#include "api/api.h"
#include "bootstrap.h"
#include "config.h"
#include "demo_images.h"
#include "hl7/hl7_service.h"
#include "hl7/mllp_server.h"
#include "http/cors_policy.h"
#include "http/http_server.h"
#include "import_command.h"
#include "log.h"
#include "lumen/dicom/character_set.h"
#include "lumen/dicom/dimse_server.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/database.h"
#include "lumen/store/dicom_file_store.h"
#include "lumen/store/migrations.h"
#include "lumen/store/write_queue.h"
#include "scheduling/booking_service.h"
#include "scheduling/queue_service.h"
#include "scheduling/reminder_sender.h"
#include "scheduling/reminder_service.h"
#include "services/ae_service.h"
#include "services/archive_service.h"
#include "services/attachment_service.h"
#include "services/audit_log.h"
#include "services/audit_service.h"
#include "services/auth_service.h"
#include "services/commitment_service.h"
#include "services/dicomweb_service.h"
#include "services/exam_dictionary_service.h"
#include "services/exam_service.h"
#include "services/mpps_service.h"
#include "services/patient_service.h"
#include "services/reading_service.h"
#include "services/reconciliation_service.h"
#include "services/worklist_service.h"

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <pthread.h>
#include <stdexcept>

using namespace lumen;
using namespace lumen::server;

namespace {

constexpr const char* version = "0.1.0";

std::string databasePath(const ServerConfig& c)
{
    return (std::filesystem::path(c.dataDir) / "lumen.db").string();
}
std::string auditKeyPath(const ServerConfig& c)
{
    return (std::filesystem::path(c.dataDir) / "audit.key").string();
}

int verifyAudit(const ServerConfig& config)
{
    if (!std::filesystem::exists(databasePath(config))) {
        std::fprintf(stderr, "no database in %s\n", config.dataDir.c_str());
        return 2;
    }
    store::Database db(databasePath(config));
    store::WriteQueue unusedWriter(databasePath(config));
    AuditLog audit(AuditLog::loadKey(auditKeyPath(config)), unusedWriter);
    const auto verdict = audit.verify(db);
    if (verdict.ok) {
        std::printf("audit chain intact: %lld entries\n", static_cast<long long>(verdict.entries));
        return 0;
    }
    std::printf("audit chain TAMPERED: first bad entry %lld: %s (%lld entries verified before it)\n",
                static_cast<long long>(verdict.firstBadSeq.value_or(0)), verdict.reason.c_str(),
                static_cast<long long>(verdict.entries));
    return 1;
}

// Scanned requisitions attached to exams are larger than API bodies.
std::optional<std::size_t> attachmentBodyLimit(std::string_view path)
{
    constexpr std::string_view suffix = "/attachments";
    if (path.size() > suffix.size() && path.substr(path.size() - suffix.size()) == suffix)
        return kMaxAttachmentBytes;
    return std::nullopt;
}

int serve(const ServerConfig& config)
{
    // Block the stop signals in every thread; the main thread waits for them below.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    std::filesystem::create_directories(config.dataDir);
    {
        store::Database db(databasePath(config));
        const int applied = store::applyMigrations(db);
        logLine(LogLevel::Info, "store", "database ready",
                {{"path", databasePath(config)},
                 {"schema", std::to_string(store::latestSchemaVersion())},
                 {"migrationsApplied", std::to_string(applied)}});
    }
    store::WriteQueue writer(databasePath(config));
    store::ConnectionPool readers(databasePath(config));
    AuditLog audit(AuditLog::loadOrCreateKey(auditKeyPath(config)), writer);
    core::SystemClock clock;
    AuthService auth(clock,
                     AuthSettings{std::chrono::seconds(config.tokenLifetimeSeconds), config.lockoutThreshold,
                                  std::chrono::minutes(config.lockoutMinutes)},
                     readers, writer, audit);
    PatientService patients(clock, readers, writer, audit);
    AuditService auditService(readers, audit);
    bootstrapAccounts(config, writer, audit);

    store::DicomFileStore files(config.dataDir);
    ArchiveService archive(
        ArchiveSettings{config.dicomAeTitle, config.dicomPromiscuous,
                        config.replaceDuplicates ? DuplicatePolicy::Replace : DuplicatePolicy::KeepFirst},
        readers, writer, audit, files);
    archive.reconcile();
    AeService aeService(readers, writer, audit);
    DicomWebService dicomWeb(readers, audit, files, archive, config.dicomAeTitle);
    ReconciliationService reconciliation(readers, writer, audit, files);
    ExamService exams(clock, readers, writer, audit);
    ExamDictionaryService examDictionary(clock, readers, writer, audit);
    BookingService bookings(clock, readers, writer, audit, exams);
    bookings.load();
    QueueService queue(clock, readers, writer, audit, exams, bookings);
    // Steps taken on exams keep the appointment book and the queue in step.
    exams.setStepHook([&bookings, &queue](store::Database& db, const Principal& who, const core::Exam& before,
                                          const core::Exam& after) {
        bookings.examStepping(db, who, before, after);
        queue.examStepping(db, before, after);
    });
    ReminderService reminders(clock, readers, writer, audit, bookings,
                              makeReminderSender(config.reminderWebhook), config.reminderHour);
    AttachmentService attachments(clock, config.dataDir, readers, writer, audit, exams);
    attachments.removeOrphans();
    ReadingService reading(clock, readers, writer, audit);
    Api api(auth, patients, auditService, aeService, dicomWeb, reconciliation, exams, examDictionary,
            bookings, queue, reminders, attachments, reading, version);
    const CorsPolicy cors(parseOriginList(config.corsOrigins));
    if (config.demo && config.demoImages)
        insertDemoImages(archive, readers, config.dataDir);
    HttpServer http(HttpServer::Options{.bindAddress = config.bindAddress,
                                        .port = config.httpPort,
                                        .bodyLimitBytes = config.maxBodyBytes,
                                        .idleTimeout = std::chrono::seconds(config.idleTimeoutSeconds),
                                        .ioThreads = config.ioThreads,
                                        .workerThreads = config.workerThreads,
                                        .largeBodyPathPrefix = "/dicom-web/",
                                        .largeBodyLimitBytes = config.maxUploadBytes,
                                        .bodyLimitOverride = attachmentBodyLimit},
                    [&api, &cors](const HttpRequest& request) {
                        if (auto preflight = cors.preflight(request))
                            return *preflight;
                        auto response = api.handle(request);
                        cors.decorate(request, response);
                        return response;
                    });
    dicom::registerCodecs();
    // Started before the DIMSE server: reports left pending by a stop or crash go out first.
    CommitmentService commitments(CommitmentSettings{config.dicomAeTitle, config.commitmentReportAttempts,
                                                     std::chrono::seconds(config.commitmentRetrySeconds),
                                                     std::chrono::seconds(30)},
                                  readers, writer, audit, files);
    commitments.start();
    WorklistService worklist(WorklistSettings{config.dicomPromiscuous, config.worklistIncludeBooked}, readers,
                             writer, audit);
    MppsService procedureSteps(config.dicomPromiscuous, readers, writer, audit);
    dicom::DimseServer dimse(dicom::DimseServerOptions{config.dicomAeTitle, config.dicomPort,
                                                       config.dicomMaxAssociations, std::chrono::seconds(30),
                                                       std::chrono::seconds(60), files.incomingDir()},
                             archive, &commitments, &worklist, &procedureSteps);
    Hl7Service hl7Service(clock, writer, audit, patients, exams,
                          Hl7Settings{config.hl7MaxMessageBytes, config.hl7KeepDays});
    MllpServer mllp(MllpServer::Options{config.bindAddress, config.hl7Port, config.hl7MaxMessageBytes,
                                        std::chrono::seconds(config.hl7IdleTimeoutSeconds),
                                        config.hl7MaxConnections, 4},
                    [&hl7Service](const std::string& message, const std::string& peer) {
                        return hl7Service.handle(message, peer);
                    });
    reminders.start();
    const auto dicomPort = dimse.start();
    const auto hl7Port = mllp.start();
    const auto httpPort = http.start();
    std::printf("lumen-server %s: http://%s:%u/api/v1/health  data=%s\n", version, config.bindAddress.c_str(),
                unsigned(httpPort), config.dataDir.c_str());
    std::printf("dicom: AE title %s on port %u\n", config.dicomAeTitle.c_str(), unsigned(dicomPort));
    std::printf("hl7: MLLP on port %u\n", unsigned(hl7Port));
    // Tests parse this line; fields are only ever added at its end.
    std::printf("listening http=%u dicom=%u hl7=%u\n", unsigned(httpPort), unsigned(dicomPort),
                unsigned(hl7Port));
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stopSignals, &signal);
    logLine(LogLevel::Info, "server", "stopping", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
    mllp.stop();
    reminders.stop();
    dimse.stop();
    commitments.stop();
    http.stop();
    logLine(LogLevel::Info, "server", "stopped");
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    CommandLine cl;
    try {
        cl = parseCommandLine(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "lumen-server: %s\n%s", e.what(), usage().c_str());
        return 2;
    }
    if (cl.help) {
        std::fputs(usage().c_str(), stdout);
        return 0;
    }
    setLogLevel(cl.config.logLevel);
    dicom::configureDicomProcess(cl.config.logLevel == LogLevel::Debug);
    try {
        dicom::setUndeclaredCharacterSet(cl.config.dicomUndeclaredCharset);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "lumen-server: dicom_undeclared_charset: %s\n", e.what());
        return 2;
    }
    try {
        if (cl.command == std::vector<std::string>{"audit", "verify"})
            return verifyAudit(cl.config);
        if (cl.command.size() == 2 && cl.command[0] == "import")
            return runImport(cl.config, cl.command[1], cl.config.importThreads);
        if (!cl.command.empty()) {
            std::fprintf(stderr, "lumen-server: unknown command '%s'\n%s", cl.command.front().c_str(),
                         usage().c_str());
            return 2;
        }
        return serve(cl.config);
    } catch (const std::exception& e) {
        logLine(LogLevel::Error, "server", "fatal", {{"error", e.what()}});
        return 1;
    }
}
