#include "import_command.h"

#include "lumen/core/date.h"
#include "lumen/dicom/dimse_server.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/database.h"
#include "lumen/store/dicom_file_store.h"
#include "lumen/store/migrations.h"
#include "lumen/store/write_queue.h"
#include "services/archive_service.h"
#include "services/audit_log.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace lumen::server {

namespace {

struct Progress
{
    std::atomic<std::size_t> done{0};
    std::atomic<std::size_t> stored{0};
    std::atomic<std::size_t> duplicates{0};
    std::atomic<std::size_t> refused{0};
    std::atomic<std::uint64_t> bytes{0};
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> failures; // file, reason
};

void printProgress(const Progress& p, std::size_t total, std::chrono::steady_clock::time_point start,
                   bool final)
{
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(
        stderr,
        "%simport: %zu/%zu files, %zu stored, %zu already archived, %zu refused, %.1f MB, %.0f files/s%s",
        final ? "" : "\r", p.done.load(), total, p.stored.load(), p.duplicates.load(), p.refused.load(),
        double(p.bytes.load()) / 1e6, seconds > 0 ? double(p.done.load()) / seconds : 0.0,
        final ? "\n" : "   ");
    std::fflush(stderr);
}

// Copies the source into the archive's incoming folder so the archive can take the copy over.
std::string copyToIncoming(const std::string& source, const std::string& incomingDir)
{
    std::string path = incomingDir + "/import-XXXXXX";
    const int fd = ::mkstemp(path.data());
    if (fd < 0)
        throw std::runtime_error("cannot create a file in " + incomingDir);
    ::close(fd);
    fs::copy_file(source, path, fs::copy_options::overwrite_existing);
    return path;
}

} // namespace

int runImport(const ServerConfig& config, const std::string& folder, int threads)
{
    if (!fs::is_directory(folder)) {
        std::fprintf(stderr, "import: %s is not a folder\n", folder.c_str());
        return 2;
    }
    fs::create_directories(config.dataDir);
    const std::string dbPath = (fs::path(config.dataDir) / "lumen.db").string();
    {
        store::Database db(dbPath);
        store::applyMigrations(db);
    }
    store::WriteQueue writer(dbPath);
    store::ConnectionPool readers(dbPath);
    AuditLog audit(AuditLog::loadOrCreateKey((fs::path(config.dataDir) / "audit.key").string()), writer);
    store::DicomFileStore files(config.dataDir);
    // Migration trusts the old archive: its objects are accepted whatever AE sent them once.
    ArchiveService archive(ArchiveSettings{config.dicomAeTitle, true, DuplicatePolicy::KeepFirst}, readers,
                           writer, audit, files);
    dicom::registerCodecs();

    std::vector<std::string> sources;
    for (const auto& entry :
         fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied))
        if (entry.is_regular_file())
            sources.push_back(entry.path().string());
    std::fprintf(stderr, "import: %zu files under %s, %d threads\n", sources.size(), folder.c_str(), threads);

    Progress progress;
    std::atomic<std::size_t> next{0};
    const auto start = std::chrono::steady_clock::now();
    auto work = [&] {
        for (std::size_t i = next++; i < sources.size(); i = next++) {
            const auto& source = sources[i];
            try {
                const auto size = fs::file_size(source);
                const auto result = archive.ingest(copyToIncoming(source, files.incomingDir()),
                                                   IngestSource{"import", "local", "", ""});
                if (result.outcome.status != dicom::status::success) {
                    ++progress.refused;
                    std::lock_guard lock(progress.mutex);
                    progress.failures.emplace_back(source, result.outcome.reason);
                } else {
                    ++(result.duplicate ? progress.duplicates : progress.stored);
                    progress.bytes += size;
                }
            } catch (const std::exception& e) {
                ++progress.refused;
                std::lock_guard lock(progress.mutex);
                progress.failures.emplace_back(source, e.what());
            }
            ++progress.done;
        }
    };
    std::vector<std::thread> workers;
    for (int t = 0; t < std::max(1, threads); ++t)
        workers.emplace_back(work);
    while (progress.done.load() < sources.size()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        if (::isatty(2))
            printProgress(progress, sources.size(), start, false);
    }
    for (auto& t : workers)
        t.join();
    printProgress(progress, sources.size(), start, true);

    const std::string report =
        (fs::path(config.dataDir) /
         ("import-report-" + core::formatIsoTimestamp(std::chrono::system_clock::now()) + ".txt"))
            .string();
    std::ofstream out(report);
    out << "source\t" << folder << "\nfiles\t" << sources.size() << "\nstored\t" << progress.stored
        << "\nalready archived\t" << progress.duplicates << "\nrefused\t" << progress.refused << "\n";
    for (const auto& [file, reason] : progress.failures)
        out << "refused\t" << file << "\t" << reason << "\n";
    std::printf("import report: %s (%zu stored, %zu already archived, %zu refused)\n", report.c_str(),
                progress.stored.load(), progress.duplicates.load(), progress.refused.load());
    for (const auto& [file, reason] : progress.failures)
        std::printf("  refused %s: %s\n", file.c_str(), reason.c_str());
    return progress.failures.empty() ? 0 : 1;
}

} // namespace lumen::server
