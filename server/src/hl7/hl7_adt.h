#pragma once
// ADT messages: A01/A04/A08 register or update the patient PID names, A40 merges the patient
// MRG names into the one PID names. Run inside the message's write job.
#include "hl7/hl7_context.h"
#include "lumen/hl7/message.h"

namespace lumen::store {
class Database;
}

namespace lumen::server {

// Returns what was done, for the log and the audit ("patient 17 updated").
std::string applyPatientUpdate(store::Database& db, const Hl7Context& ctx, const hl7::Message& message);
std::string applyPatientMerge(store::Database& db, const Hl7Context& ctx, const hl7::Message& message);

} // namespace lumen::server
