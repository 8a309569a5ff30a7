#pragma once
// The administrative answers of the registration desk (server/API.md "Exam dictionary (HIS
// codes)" and "Scheduling and bookings": room stop, no-show blacklist): dictionary pages and
// request bodies, the notice list of a room stop, the blacklisted patients.
#include "lumen/client/booking_types.h"
#include "lumen/core/his_code_mapping.h"

#include <nlohmann/json_fwd.hpp>

#include <QDate>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace lumen::client {

// GET /exam-dictionary filters; unset ones are left out of the query.
struct ExamDictionaryQuery
{
    std::optional<core::HisCodeKind> kind;
    // Unset: every HIS; empty: only the rows every HIS shares.
    std::optional<QString> hisSystem;
    QString hisCode; // exact code; empty: any
    int limit = 200;
    int offset = 0;
};

struct ExamDictionaryPage
{
    std::vector<core::HisCodeMapping> items;
    int limit = 0;
    int offset = 0;
    bool hasMore = false;
};

// One slot of a room-stop notice, in the hospital's local time.
struct NoticeSlot
{
    QString roomId;
    QString roomName;
    QDate date;
    QString start; // HH:MM
    QString end;   // HH:MM; empty when not told
};

// One booking the stop affects: whom to phone, the old slot, and the new one or why none.
struct RoomStopNotice
{
    std::int64_t bookingId = 0;
    core::ExamId examId = 0;
    core::PatientId patientId = 0;
    QString patientName;
    QString phone;
    NoticeSlot oldSlot;
    std::optional<NoticeSlot> newSlot;
    std::vector<Refusal> reasons;
};

struct RoomStopResult
{
    QString stopId;
    QString roomId;
    QDate from;
    QDate to;
    QString reason;
    std::vector<RoomStopNotice> notices;
};

struct BlacklistEntry
{
    core::PatientId patientId = 0;
    int consecutiveNoShows = 0;
    QString blacklistedAt; // "YYYY-MM-DD HH:MM" local; empty when not told
    QString restoresAt;    // empty: only by hand
};

// Parsers; they throw core::Error on a document that does not have the documented shape.
ExamDictionaryPage examDictionaryPageFromJson(const nlohmann::json& json);
RoomStopResult roomStopResultFromJson(const nlohmann::json& json);
std::vector<BlacklistEntry> blacklistFromJson(const nlohmann::json& json);

// Request bodies.
// POST /exam-dictionary: the editable fields of `row` (empty optional texts are sent as null).
nlohmann::json examDictionaryBody(const core::HisCodeMapping& row);
// PATCH /exam-dictionary/{id}: the same fields, and `version` when given.
nlohmann::json examDictionaryPatchBody(const core::HisCodeMapping& row, std::optional<std::int64_t> version);
nlohmann::json roomStopBody(const QDate& from, const QDate& to, const QString& reason, bool preview);
nlohmann::json dateRangeBody(const QDate& from, const QDate& to);

} // namespace lumen::client
