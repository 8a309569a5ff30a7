#include "services/ae_service.h"

#include "lumen/core/date.h"
#include "lumen/core/error.h"
#include "lumen/protocol/json_fields.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>

namespace lumen::server {

using core::Error;
using core::ErrorKind;

namespace {

// PS3.5: an AE title is 1-16 characters of the default repertoire without backslash or
// control characters; leading/trailing spaces are not significant.
bool isValidAeTitle(const std::string& title)
{
    if (title.empty() || title.size() > 16 || title.front() == ' ' || title.back() == ' ')
        return false;
    for (unsigned char c : title)
        if (c < 0x20 || c > 0x7E || c == '\\')
            return false;
    return true;
}

core::AuditEntry entry(const Principal& who, std::string action, const std::string& title)
{
    return core::AuditEntry{0,
                            core::formatIsoTimestamp(std::chrono::system_clock::now()),
                            who.username,
                            who.clientAddress,
                            std::move(action),
                            "dicom_ae",
                            title,
                            std::nullopt,
                            "",
                            "",
                            ""};
}

} // namespace

nlohmann::json toJson(const store::KnownAe& ae)
{
    return {{"aeTitle", ae.aeTitle},         {"host", ae.host},         {"port", ae.port},
            {"canStore", ae.canStore},       {"canQuery", ae.canQuery}, {"canRetrieve", ae.canRetrieve},
            {"description", ae.description}, {"room", ae.room},         {"modality", ae.modality}};
}

std::vector<store::KnownAe> AeService::list(const Principal& who)
{
    who.require(core::Permission::ArchiveAdmin);
    auto db = m_readers.lease();
    return store::AeRepository(*db).all();
}

store::KnownAe AeService::save(const Principal& who, const nlohmann::json& body)
{
    who.require(core::Permission::ArchiveAdmin);
    for (const auto& [key, value] : body.items())
        if (key != "aeTitle" && key != "host" && key != "port" && key != "canStore" && key != "canQuery" &&
            key != "canRetrieve" && key != "description" && key != "room" && key != "modality")
            throw Error(ErrorKind::BadRequest, "invalid_field", "Unknown field '" + key + "'.");
    store::KnownAe ae;
    ae.aeTitle = protocol::requireString(body, "aeTitle", 16);
    if (!isValidAeTitle(ae.aeTitle))
        throw Error(ErrorKind::BadRequest, "invalid_field",
                    "aeTitle: an AE title has 1 to 16 printable characters, no backslash, no outer spaces.");
    ae.host = protocol::requireString(body, "host", 253);
    for (unsigned char c : ae.host)
        if (!(std::isalnum(c) || c == '.' || c == '-' || c == ':'))
            throw Error(ErrorKind::BadRequest, "invalid_field",
                        "host: a host name or IP address is expected.");
    const auto port = protocol::requireInteger(body, "port");
    if (port < 1 || port > 65535)
        throw Error(ErrorKind::BadRequest, "invalid_field", "port: must be from 1 to 65535.");
    ae.port = int(port);
    ae.canStore = protocol::optionalBool(body, "canStore").value_or(true);
    ae.canQuery = protocol::optionalBool(body, "canQuery").value_or(true);
    ae.canRetrieve = protocol::optionalBool(body, "canRetrieve").value_or(true);
    ae.description = protocol::optionalString(body, "description", 256).value_or("");
    // The worklist serves an AE the exams booked in its room (of its modality, when set).
    ae.room = protocol::optionalString(body, "room", 64).value_or("");
    ae.modality = protocol::optionalString(body, "modality", 16).value_or("");
    for (char& c : ae.modality) {
        if (!std::isalnum(static_cast<unsigned char>(c)))
            throw Error(ErrorKind::BadRequest, "invalid_field",
                        "modality: a DICOM modality code such as CT.");
        c = char(std::toupper(static_cast<unsigned char>(c)));
    }
    return m_writer
        .submit([&](store::Database& db) {
            store::AeRepository repo(db);
            ae.id = repo.save(ae);
            m_audit.appendInJob(db, entry(who, "dicom_ae.save", ae.aeTitle));
            return ae;
        })
        .get();
}

void AeService::remove(const Principal& who, const std::string& aeTitle)
{
    who.require(core::Permission::ArchiveAdmin);
    m_writer
        .submit([&](store::Database& db) {
            if (!store::AeRepository(db).remove(aeTitle))
                throw Error(ErrorKind::NotFound, "not_found",
                            "No AE titled '" + aeTitle + "' is configured.");
            m_audit.appendInJob(db, entry(who, "dicom_ae.remove", aeTitle));
        })
        .get();
}

} // namespace lumen::server
