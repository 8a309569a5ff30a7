#include "log.h"

#include "lumen/core/date.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

namespace lumen::server {

namespace {
std::atomic<LogLevel> g_level{LogLevel::Info};
std::mutex g_mutex;

std::string_view name(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return "debug";
    case LogLevel::Info:
        return "info";
    case LogLevel::Warning:
        return "warning";
    case LogLevel::Error:
        return "error";
    }
    return "info";
}

std::string quoted(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out.push_back('\\');
        if (c == '\n')
            out += "\\n";
        else
            out.push_back(c);
    }
    return out + "\"";
}
} // namespace

bool parseLogLevel(std::string_view text, LogLevel& out)
{
    for (LogLevel l : {LogLevel::Debug, LogLevel::Info, LogLevel::Warning, LogLevel::Error})
        if (name(l) == text) {
            out = l;
            return true;
        }
    return false;
}

void setLogLevel(LogLevel level)
{
    g_level = level;
}
bool logEnabled(LogLevel level)
{
    return level >= g_level.load();
}

void logLine(LogLevel level, std::string_view component, std::string_view message,
             std::initializer_list<std::pair<std::string_view, std::string>> fields)
{
    if (!logEnabled(level))
        return;
    std::string line = core::formatIsoTimestamp(std::chrono::system_clock::now());
    line += " level=";
    line += name(level);
    line += " component=";
    line += component;
    line += " msg=";
    line += quoted(message);
    for (const auto& [key, value] : fields) {
        line += ' ';
        line += key;
        line += '=';
        line += quoted(value);
    }
    line += '\n';
    std::lock_guard lock(g_mutex);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
}

} // namespace lumen::server
