#pragma once
// Administration of the known DICOM application entities, audited.
#include "lumen/store/ae_repository.h"
#include "services/principal.h"

#include <nlohmann/json_fwd.hpp>

namespace lumen::store {
class ConnectionPool;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;

class AeService
{
public:
    AeService(store::ConnectionPool& readers, store::WriteQueue& writer, const AuditLog& audit)
        : m_readers(readers), m_writer(writer), m_audit(audit)
    {
    }

    std::vector<store::KnownAe> list(const Principal& who);
    // Creates or updates the AE named in the body; validates title, host and port.
    store::KnownAe save(const Principal& who, const nlohmann::json& body);
    void remove(const Principal& who, const std::string& aeTitle);

private:
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
};

nlohmann::json toJson(const store::KnownAe& ae);

} // namespace lumen::server
