#pragma once
// First-start content: demo accounts and patients for `--demo`, otherwise one administrator
// with a random password printed once.
#include "config.h"

namespace lumen::store {
class WriteQueue;
}

namespace lumen::server {

class AuditLog;

// Fills an empty database; prints the accounts a person can sign in with.
void bootstrapAccounts(const ServerConfig& config, store::WriteQueue& writer, const AuditLog& audit);

} // namespace lumen::server
