#pragma once
// Server settings: defaults, then the config file (`key = value` lines), then flags.
#include "log.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::server {

struct ServerConfig
{
    std::string dataDir = "./lumen-data";
    std::string bindAddress = "127.0.0.1";
    unsigned short httpPort = 8080;
    unsigned short dicomPort = 11112;
    unsigned short hl7Port = 2575;
    std::size_t hl7MaxMessageBytes = 1024 * 1024;
    int hl7IdleTimeoutSeconds = 600; // MLLP senders keep connections open between messages
    int hl7MaxConnections = 64;
    // Appointment reminders for the next day: sent from this local hour on, through the webhook
    // (the hospital's SMS gateway) or, without one, written to the log.
    std::string reminderWebhook;
    int reminderHour = 18;
    int hl7KeepDays = 30; // received messages and their answers, for support and duplicates
    std::string dicomAeTitle = "LUMEN";
    int dicomMaxAssociations = 16;
    bool dicomPromiscuous = false;
    // Assumed for text with bytes above 127 in objects and queries that declare no Specific
    // Character Set: Chinese modalities often send GB18030 so; "" keeps such text undecoded.
    std::string dicomUndeclaredCharset = "GB18030";
    // The worklist serves checked-in and called exams; with this also those booked for today
    // (for rooms whose patients go straight in without checking in at the desk).
    bool worklistIncludeBooked = false;
    bool replaceDuplicates = false;   // duplicate SOP Instance UID: keep the first (default) or replace
    int commitmentReportAttempts = 6; // storage commitment report deliveries before giving up
    int commitmentRetrySeconds = 30;  // first delay between them; doubles, at most an hour
    bool demo = false;
    bool demoImages = true; // phantom CT/MR studies with the demo data (tests turn them off)
    int demoPatients = 200;
    LogLevel logLevel = LogLevel::Info;
    int tokenLifetimeSeconds = 8 * 3600;
    int lockoutThreshold = 5;
    int lockoutMinutes = 15;
    std::size_t maxBodyBytes = 1024 * 1024;
    std::size_t maxUploadBytes = 512ULL * 1024 * 1024; // STOW-RS bodies
    int idleTimeoutSeconds = 60;
    int ioThreads = 2;
    int workerThreads = 8;
    int importThreads = 2;
    std::string corsOrigins; // comma-separated origins allowed to call from browsers; empty = none
};

struct CommandLine
{
    ServerConfig config;
    std::vector<std::string> command; // e.g. {"audit", "verify"}; empty means "serve"
    bool help = false;
};

// Throws std::invalid_argument with a message naming the bad flag, key or value.
CommandLine parseCommandLine(int argc, char** argv);
void applyConfigFile(ServerConfig& config, const std::string& path);
std::string usage();

} // namespace lumen::server
