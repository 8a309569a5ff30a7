#include "lumen/scheduling/booking_context.h"

#include <array>

namespace lumen::scheduling {

namespace {
constexpr std::array<std::string_view, 5> channelCodes = {"clinic", "registration_desk", "service_desk",
                                                          "kiosk", "internet"};
constexpr std::array<std::string_view, 3> dayPartCodes = {"morning", "afternoon", "evening"};

template <class Enum, std::size_t N>
std::optional<Enum> fromCode(const std::array<std::string_view, N>& codes, std::string_view code)
{
    for (std::size_t i = 0; i < N; ++i)
        if (codes[i] == code)
            return Enum(i);
    return std::nullopt;
}
} // namespace

std::string_view toCode(BookingChannel channel)
{
    return channelCodes[std::size_t(channel)];
}
std::string_view toCode(DayPart part)
{
    return dayPartCodes[std::size_t(part)];
}
std::optional<BookingChannel> channelFromCode(std::string_view code)
{
    return fromCode<BookingChannel>(channelCodes, code);
}
std::optional<DayPart> dayPartFromCode(std::string_view code)
{
    return fromCode<DayPart>(dayPartCodes, code);
}

bool isSelfService(BookingChannel channel)
{
    return channel == BookingChannel::Kiosk || channel == BookingChannel::Internet;
}

std::optional<int> ageInYears(const std::optional<core::Date>& birthDate, const core::Date& on)
{
    if (!birthDate)
        return std::nullopt;
    int age = on.year - birthDate->year;
    if (on.month < birthDate->month || (on.month == birthDate->month && on.day < birthDate->day))
        --age;
    return age;
}

} // namespace lumen::scheduling
