#include "lumen/client/admin_types.h"

#include "json_read.h"
#include "lumen/core/error.h"
#include "lumen/protocol/his_code_mapping_json.h"
#include "lumen/protocol/json_fields.h"

#include <nlohmann/json.hpp>

namespace lumen::client {

using nlohmann::json;

namespace {

using namespace json_read;

NoticeSlot slotFromJson(const json& j)
{
    if (!j.is_object())
        malformed("A notice slot must be an object.");
    return {text(j, "roomId"), text(j, "roomName"), date(j, "date"), text(j, "start"), text(j, "end")};
}

} // namespace

ExamDictionaryPage examDictionaryPageFromJson(const json& j)
{
    ExamDictionaryPage page;
    for (const auto& row : requireArray(j, "items"))
        page.items.push_back(protocol::hisCodeMappingFromJson(row));
    page.limit = int(protocol::optionalInteger(j, "limit").value_or(0));
    page.offset = int(protocol::optionalInteger(j, "offset").value_or(0));
    page.hasMore = protocol::optionalBool(j, "hasMore").value_or(false);
    return page;
}

RoomStopResult roomStopResultFromJson(const json& j)
{
    RoomStopResult result;
    if (const auto it = j.find("stop"); it != j.end() && it->is_object()) {
        result.stopId = text(*it, "id");
        result.roomId = text(*it, "roomId");
        result.from = date(*it, "from");
        result.to = date(*it, "to");
        result.reason = text(*it, "reason");
    }
    for (const auto& n : requireArray(j, "notices")) {
        if (!n.is_object())
            malformed("A notice must be an object.");
        RoomStopNotice notice;
        notice.bookingId = idOf(n, "bookingId");
        notice.examId = idOf(n, "examId");
        notice.patientId = idOf(n, "patientId");
        notice.patientName = text(n, "patientName");
        notice.phone = text(n, "phone");
        if (!n.contains("old"))
            malformed("Field 'old' is required.");
        notice.oldSlot = slotFromJson(n.at("old"));
        if (const auto it = n.find("new"); it != n.end() && !it->is_null())
            notice.newSlot = slotFromJson(*it);
        if (const auto it = n.find("reasons"); it != n.end())
            notice.reasons = refusalsFromJson(*it);
        result.notices.push_back(std::move(notice));
    }
    return result;
}

std::vector<BlacklistEntry> blacklistFromJson(const json& j)
{
    std::vector<BlacklistEntry> entries;
    for (const auto& e : requireArray(j, "items")) {
        if (!e.is_object())
            malformed("A blacklist entry must be an object.");
        entries.push_back({protocol::requireInteger(e, "patientId"),
                           int(protocol::optionalInteger(e, "consecutiveNoShows").value_or(0)),
                           text(e, "blacklistedAt"), text(e, "restoresAt")});
    }
    return entries;
}

json examDictionaryBody(const core::HisCodeMapping& row)
{
    json body = protocol::toJson(row);
    for (const char* key : {"id", "createdAt", "updatedAt", "version"})
        body.erase(key);
    // A blank optional field is "not set", as the server stores it.
    for (const char* key : {"hisName", "method", "bodyPart", "modality"})
        if (body[key].is_string() && body[key].get<std::string>().empty())
            body[key] = nullptr;
    return body;
}

json examDictionaryPatchBody(const core::HisCodeMapping& row, std::optional<std::int64_t> version)
{
    json body = examDictionaryBody(row);
    if (version)
        body["version"] = *version;
    return body;
}

json roomStopBody(const QDate& from, const QDate& to, const QString& reason, bool preview)
{
    return {{"from", from.toString(Qt::ISODate).toStdString()},
            {"to", to.toString(Qt::ISODate).toStdString()},
            {"reason", reason.trimmed().toStdString()},
            {"preview", preview}};
}

json dateRangeBody(const QDate& from, const QDate& to)
{
    return {{"from", from.toString(Qt::ISODate).toStdString()},
            {"to", to.toString(Qt::ISODate).toStdString()}};
}

} // namespace lumen::client
