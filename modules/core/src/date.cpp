#include "lumen/core/date.h"

#include <cstdio>

namespace lumen::core {

namespace {
bool parseDigits(std::string_view s, int& out)
{
    out = 0;
    if (s.empty())
        return false;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        out = out * 10 + (c - '0');
    }
    return true;
}
} // namespace

bool isValidDate(int year, int month, int day)
{
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
        return false;
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                                          std::chrono::day{unsigned(day)}};
    return ymd.ok();
}

std::optional<Date> parseIsoDate(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    Date d;
    if (!parseDigits(text.substr(0, 4), d.year) || !parseDigits(text.substr(5, 2), d.month) ||
        !parseDigits(text.substr(8, 2), d.day))
        return std::nullopt;
    if (!isValidDate(d.year, d.month, d.day))
        return std::nullopt;
    return d;
}

std::string formatIsoDate(const Date& date)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buf;
}

Date toDate(std::chrono::system_clock::time_point t)
{
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    return Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

std::string formatIsoTimestamp(std::chrono::system_clock::time_point t)
{
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - days)};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                  int(hms.seconds().count()));
    return buf;
}

std::optional<std::chrono::system_clock::time_point> parseIsoTimestamp(std::string_view text)
{
    const auto date = parseIsoDate(text.substr(0, 10));
    if (!date)
        return std::nullopt;
    const auto days = std::chrono::sys_days{std::chrono::year{date->year} / std::chrono::month{unsigned(date->month)} /
                                            std::chrono::day{unsigned(date->day)}};
    if (text.size() == 10)
        return std::chrono::system_clock::time_point{days};
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        return std::nullopt;
    int h = 0, m = 0, s = 0;
    if (!parseDigits(text.substr(11, 2), h) || !parseDigits(text.substr(14, 2), m) ||
        !parseDigits(text.substr(17, 2), s) || h > 23 || m > 59 || s > 60)
        return std::nullopt;
    return std::chrono::system_clock::time_point{days} + std::chrono::hours{h} + std::chrono::minutes{m} +
           std::chrono::seconds{s};
}

} // namespace lumen::core
