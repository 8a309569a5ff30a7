#include "config.h"

#include <charconv>
#include <fstream>
#include <stdexcept>

namespace lumen::server {

namespace {

template <class T>
T parseNumber(const std::string& key, const std::string& value, long long min, long long max)
{
    long long n = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || ptr != value.data() + value.size() || n < min || n > max)
        throw std::invalid_argument(key + " must be a whole number from " + std::to_string(min) + " to " +
                                    std::to_string(max) + ", not '" + value + "'");
    return static_cast<T>(n);
}

bool parseBool(const std::string& key, const std::string& value)
{
    if (value == "true" || value == "1" || value == "yes" || value == "on")
        return true;
    if (value == "false" || value == "0" || value == "no" || value == "off")
        return false;
    throw std::invalid_argument(key + " must be true or false, not '" + value + "'");
}

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// One setting by its config-file key (flags use the same names with dashes).
void setOption(ServerConfig& c, const std::string& key, const std::string& value)
{
    if (key == "data")
        c.dataDir = value;
    else if (key == "bind")
        c.bindAddress = value;
    else if (key == "http_port")
        c.httpPort = parseNumber<unsigned short>(key, value, 0, 65535);
    else if (key == "dicom_port")
        c.dicomPort = parseNumber<unsigned short>(key, value, 0, 65535);
    else if (key == "hl7_port")
        c.hl7Port = parseNumber<unsigned short>(key, value, 0, 65535);
    else if (key == "hl7_max_message_bytes")
        c.hl7MaxMessageBytes = parseNumber<std::size_t>(key, value, 1024, 64LL << 20);
    else if (key == "hl7_idle_timeout_seconds")
        c.hl7IdleTimeoutSeconds = parseNumber<int>(key, value, 1, 24 * 3600);
    else if (key == "hl7_max_connections")
        c.hl7MaxConnections = parseNumber<int>(key, value, 1, 1024);
    else if (key == "reminder_webhook") {
        if (!value.empty() && value.rfind("http://", 0) != 0)
            throw std::invalid_argument("reminder_webhook must be an http:// URL");
        c.reminderWebhook = value;
    } else if (key == "reminder_hour")
        c.reminderHour = parseNumber<int>(key, value, 0, 23);
    else if (key == "hl7_keep_days")
        c.hl7KeepDays = parseNumber<int>(key, value, 1, 3650);
    else if (key == "dicom_ae_title") {
        if (value.empty() || value.size() > 16)
            throw std::invalid_argument("dicom_ae_title must have 1 to 16 characters");
        c.dicomAeTitle = value;
    } else if (key == "dicom_max_associations")
        c.dicomMaxAssociations = parseNumber<int>(key, value, 1, 256);
    else if (key == "dicom_promiscuous")
        c.dicomPromiscuous = parseBool(key, value);
    else if (key == "dicom_undeclared_charset")
        c.dicomUndeclaredCharset = value;
    else if (key == "worklist_include_booked")
        c.worklistIncludeBooked = parseBool(key, value);
    else if (key == "duplicate_policy") {
        if (value != "keep-first" && value != "replace")
            throw std::invalid_argument("duplicate_policy must be keep-first or replace, not '" + value +
                                        "'");
        c.replaceDuplicates = value == "replace";
    } else if (key == "commitment_report_attempts")
        c.commitmentReportAttempts = parseNumber<int>(key, value, 1, 100);
    else if (key == "commitment_retry_seconds")
        c.commitmentRetrySeconds = parseNumber<int>(key, value, 1, 3600);
    else if (key == "demo")
        c.demo = parseBool(key, value);
    else if (key == "demo_images")
        c.demoImages = parseBool(key, value);
    else if (key == "demo_patients")
        c.demoPatients = parseNumber<int>(key, value, 0, 10'000'000);
    else if (key == "log_level") {
        if (!parseLogLevel(value, c.logLevel))
            throw std::invalid_argument("log_level must be debug, info, warning or error, not '" + value +
                                        "'");
    } else if (key == "token_lifetime_seconds")
        c.tokenLifetimeSeconds = parseNumber<int>(key, value, 1, 30 * 24 * 3600);
    else if (key == "lockout_threshold")
        c.lockoutThreshold = parseNumber<int>(key, value, 1, 100);
    else if (key == "lockout_minutes")
        c.lockoutMinutes = parseNumber<int>(key, value, 1, 24 * 60);
    else if (key == "max_body_bytes")
        c.maxBodyBytes = parseNumber<std::size_t>(key, value, 1024, 1LL << 32);
    else if (key == "max_upload_bytes")
        c.maxUploadBytes = parseNumber<std::size_t>(key, value, 1024, 1LL << 40);
    else if (key == "idle_timeout_seconds")
        c.idleTimeoutSeconds = parseNumber<int>(key, value, 1, 3600);
    else if (key == "io_threads")
        c.ioThreads = parseNumber<int>(key, value, 1, 64);
    else if (key == "cors_origins")
        c.corsOrigins = value;
    else if (key == "import_threads")
        c.importThreads = parseNumber<int>(key, value, 1, 64);
    else if (key == "worker_threads")
        c.workerThreads = parseNumber<int>(key, value, 1, 256);
    else
        throw std::invalid_argument("unknown setting '" + key + "'");
}

} // namespace

void applyConfigFile(ServerConfig& config, const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::invalid_argument("cannot read config file " + path);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        line = trim(line);
        if (line.empty() || line[0] == '#' || line[0] == ';')
            continue;
        const auto eq = line.find('=');
        if (eq == std::string::npos)
            throw std::invalid_argument(path + ":" + std::to_string(number) + ": expected 'key = value'");
        try {
            setOption(config, trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(path + ":" + std::to_string(number) + ": " + e.what());
        }
    }
}

CommandLine parseCommandLine(int argc, char** argv)
{
    CommandLine cl;
    std::vector<std::string> args(argv + 1, argv + argc);
    // The config file comes first so flags override it whatever their order.
    for (std::size_t i = 0; i < args.size(); ++i)
        if (args[i] == "--config") {
            if (i + 1 >= args.size())
                throw std::invalid_argument("--config needs a file");
            applyConfigFile(cl.config, args[i + 1]);
        }
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size())
                throw std::invalid_argument(a + " needs a value");
            return args[++i];
        };
        if (a == "--help" || a == "-h")
            cl.help = true;
        else if (a == "--config")
            ++i;
        else if (a == "--demo")
            cl.config.demo = true;
        else if (a.rfind("--", 0) == 0) {
            std::string key = a.substr(2);
            for (char& c : key)
                if (c == '-')
                    c = '_';
            setOption(cl.config, key, value());
        } else
            cl.command.push_back(a);
    }
    return cl;
}

std::string usage()
{
    return "usage: lumen-server [options]            run the server\n"
           "       lumen-server audit verify [--data DIR]   check the audit trail's hash chain\n"
           "       lumen-server import FOLDER [--data DIR] [--import-threads N]   migrate an old archive\n"
           "options:\n"
           "  --config FILE        settings file (key = value lines, same names as the flags)\n"
           "  --data DIR           data folder (SQLite database, keys); default ./lumen-data\n"
           "  --http-port N        HTTP port, default 8080 (0 picks a free port)\n"
           "  --dicom-port N       DICOM port, default 11112 (0 picks a free port)\n"
           "  --dicom-ae-title AE  the archive's AE title, default LUMEN\n"
           "  --hl7-port N         HL7 v2 MLLP port, default 2575 (0 picks a free port)\n"
           "  --hl7-max-message-bytes N (1 MiB), --hl7-idle-timeout-seconds N (600),\n"
           "  --hl7-max-connections N (64), --hl7-keep-days N (30: received messages kept)\n"
           "  --reminder-webhook URL  http:// address of the SMS gateway for appointment reminders\n"
           "                       (JSON POST; without it reminders go to the log)\n"
           "  --reminder-hour H    local hour from which tomorrow's reminders go out, default 18\n"
           "  --dicom-max-associations N, --dicom-promiscuous true|false,\n"
           "  --dicom-undeclared-charset CS  text that declares no character set, default GB18030\n"
           "                       (\"\" keeps it undecoded; UTF-8 text is taken as UTF-8)\n"
           "  --worklist-include-booked true|false (also serve exams booked for today),\n"
           "  --duplicate-policy keep-first|replace   a repeated SOP Instance UID\n"
           "  --commitment-report-attempts N (6), --commitment-retry-seconds N (30, doubling)\n"
           "                       storage commitment report deliveries to an unreachable modality\n"
           "  --bind ADDR          listen address, default 127.0.0.1\n"
           "  --demo               fill an empty data folder with demo users and patients\n"
           "  --demo-patients N    number of demo patients, default 200\n"
           "  --demo-images true|false  phantom CT and MR studies with the demo data, default true\n"
           "  --log-level L        debug, info, warning or error\n"
           "  --token-lifetime-seconds N, --lockout-threshold N, --lockout-minutes N,\n"
           "  --cors-origins LIST  origins browsers may call from (e.g. https://emr.example, or *)\n"
           "  --max-body-bytes N, --max-upload-bytes N (STOW-RS), --idle-timeout-seconds N, --io-threads N, "
           "--worker-threads N\n";
}

} // namespace lumen::server
