#pragma once
// A morning of exams for `--demo`: radiology (CT, MR, DR), ultrasound, endoscopy and ECG
// orders for the first demo patients, spread over the loop from requested to released to the
// clinic, plus a cancellation, a no-show and an exam of a confidential patient. Every status is
// reached through the real status machine and has its timeline; the events fall in the four
// hours before `now`, later bookings after it.
#include "lumen/core/patient.h"

#include <chrono>
#include <string>
#include <vector>

namespace lumen::store {
class Database;
}

namespace lumen::server {

// HIS item and body part codes for the demo orders (the exam dictionary). Returns the count.
int insertDemoDictionary(store::Database& db, const std::string& nowIso);
// `patients` in registration order with their ids. Returns the number of exams created.
int insertDemoExams(store::Database& db, const std::vector<core::Patient>& patients,
                    std::chrono::system_clock::time_point now);

} // namespace lumen::server
