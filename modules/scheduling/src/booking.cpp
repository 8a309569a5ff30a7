#include "lumen/scheduling/booking.h"

namespace lumen::scheduling {

std::string_view toCode(BookingStatus status)
{
    switch (status) {
    case BookingStatus::Booked:
        return "booked";
    case BookingStatus::CheckedIn:
        return "checked_in";
    case BookingStatus::NoShow:
        return "no_show";
    }
    return "booked";
}

} // namespace lumen::scheduling
