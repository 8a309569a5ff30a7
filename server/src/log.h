#pragma once
// Structured log lines on stderr: `<time> level=<l> component=<c> msg="..." key="value" ...`.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace lumen::server {

enum class LogLevel { Debug, Info, Warning, Error };

bool parseLogLevel(std::string_view text, LogLevel& out);
void setLogLevel(LogLevel level);
bool logEnabled(LogLevel level);
void logLine(LogLevel level, std::string_view component, std::string_view message,
             std::initializer_list<std::pair<std::string_view, std::string>> fields = {});

} // namespace lumen::server
