#pragma once
// The hospital's calendar day (the server's local time zone), for things people read by day
// such as accession numbers: an exam registered at 07:30 in Beijing belongs to that day, not
// to the previous UTC day.
#include "lumen/core/date.h"

#include <chrono>

namespace lumen::server {

core::Date localDate(std::chrono::system_clock::time_point t);

} // namespace lumen::server
