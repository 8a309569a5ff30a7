#pragma once
// The exam dictionary that maps HIS exam item and body part codes to Lumen's exam methods and
// body parts: listed by anyone who reads exams, changed only with exam.dictionary, every change
// audited.
#include "lumen/core/clock.h"
#include "lumen/core/his_code_mapping.h"
#include "lumen/store/his_code_mapping_repository.h"
#include "services/principal.h"

#include <nlohmann/json_fwd.hpp>

namespace lumen::store {
class ConnectionPool;
class WriteQueue;
} // namespace lumen::store

namespace lumen::server {

class AuditLog;

struct HisCodeMappingPage
{
    std::vector<core::HisCodeMapping> items;
    bool hasMore = false;
};

class ExamDictionaryService
{
public:
    ExamDictionaryService(const core::Clock& clock, store::ConnectionPool& readers, store::WriteQueue& writer,
                          const AuditLog& audit);

    HisCodeMappingPage list(const Principal& who, store::HisCodeMappingSearch search);
    core::HisCodeMapping get(const Principal& who, std::int64_t id);
    core::HisCodeMapping create(const Principal& who, const nlohmann::json& body);
    core::HisCodeMapping update(const Principal& who, std::int64_t id, const nlohmann::json& body);
    void remove(const Principal& who, std::int64_t id);

private:
    core::AuditEntry auditEntry(const Principal& who, std::string action, std::int64_t id,
                                std::string detail) const;

    const core::Clock& m_clock;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
};

} // namespace lumen::server
