#pragma once
// The reading room's own data on the server: measurements and marks per image frame (checked
// against the archive's index, confidential patients enforced, every read and change audited)
// and viewer settings per user and per department with optimistic versions.
#include "services/principal.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace lumen::store {
class ConnectionPool;
class WriteQueue;
} // namespace lumen::store

namespace lumen::core {
class Clock;
}

namespace lumen::server {

class AuditLog;

inline constexpr std::size_t kMaxAnnotationItems = 500;
inline constexpr std::size_t kMaxSettingsBytes = 256 * 1024;

class ReadingService
{
public:
    ReadingService(const core::Clock& clock, store::ConnectionPool& readers, store::WriteQueue& writer,
                   const AuditLog& audit);

    nlohmann::json studyAnnotations(const Principal& who, const std::string& studyUid);
    nlohmann::json saveAnnotations(const Principal& who, const std::string& studyUid,
                                   const std::string& sopUid, const nlohmann::json& body);

    nlohmann::json settings(const Principal& who, const std::string& key);
    nlohmann::json saveSettings(const Principal& who, const std::string& key, const std::string& scope,
                                const nlohmann::json& body);

private:
    // The study's patient when the caller may see it; 404 otherwise.
    std::optional<std::int64_t> visibleStudyPatient(const Principal& who, const std::string& studyUid);

    const core::Clock& m_clock;
    store::ConnectionPool& m_readers;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
};

} // namespace lumen::server
