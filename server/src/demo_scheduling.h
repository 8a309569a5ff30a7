#pragma once
// The appointment book of `--demo`: rooms CT1-2, MR1, DR1, US1-3, ES1-2, ECG1-2 with the
// demo exams' methods, weekday and Saturday hours with quotas, holidays and one rule of each
// kind; bookings for the demo exams that have a slot, and queue tickets for those waiting today.
#include "lumen/scheduling/scheduling_config.h"

#include <chrono>
#include <string>

namespace lumen::store {
class Database;
}

namespace lumen::server {

scheduling::SchedulingConfig demoSchedulingConfig();
// Stores the configuration and books the demo exams that have a room and time. Returns the
// number of bookings.
int insertDemoScheduling(store::Database& db, std::chrono::system_clock::time_point now);

} // namespace lumen::server
