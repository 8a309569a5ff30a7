#pragma once
// Exams, the scheduling configuration, recommendations, free windows and bookings as the
// clients see them (server/API.md "Exams (orders)" and "Scheduling and bookings"). Dates are
// the hospital's local dates and times its local clock, as the server sends them.
#include "lumen/client/api_error.h"
#include "lumen/core/exam.h"
#include "lumen/core/exam_event.h"

#include <nlohmann/json_fwd.hpp>

#include <QDate>
#include <QString>
#include <QStringList>
#include <QTime>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace lumen::client {

struct ExamPage
{
    std::vector<core::Exam> items;
    int limit = 0;
    int offset = 0;
    bool hasMore = false;
};

// GET /exams filters; empty or unset ones are left out of the query.
struct ExamQuery
{
    std::optional<core::PatientId> patientId;
    std::vector<core::ExamStatus> statuses;
    QString department;
    QString modality;
    QString createdFrom; // date or UTC time
    QString createdTo;
    QString scheduledFrom;
    QString scheduledTo;
    QString accessionNumber;
    QString hisRequestNo;
    QString sort; // "created" (default) or "scheduled"
    int limit = 50;
    int offset = 0;
};

// POST /exams/{id}/transitions.
struct ExamTransition
{
    core::ExamStatus to = core::ExamStatus::Requested;
    QString note;
    std::optional<std::int64_t> version;
    QString scheduledAt; // UTC, only for the step to booked (a slot given by hand)
    QString room;
};

// --- the scheduling configuration (GET /scheduling/config), the parts a client uses --------

struct ExamMethodInfo
{
    QString id;
    QString name;
    QString groupId;
    int baseMinutes = 0;
    QString precautions;
};

struct BodyPartInfo
{
    QString id;
    QString name;
    double timeCoefficient = 1.0;
    QString precautions;
};

struct OpeningSegment
{
    QTime start;
    QTime end;
};

struct RoomConfig
{
    QString id;
    QString name;
    QString department; // core::Department code
    QStringList methodIds;
    // Monday first.
    std::array<std::vector<OpeningSegment>, 7> hours;
    int slotStepMinutes = 5;
    int bookableDaysAhead = 0;
    int maxExamMinutes = 0;
    bool closedOnHolidays = true;
};

// A day the hospital is closed (rooms with closedOnHolidays keep no hours), with its name.
struct HolidayInfo
{
    QDate date;
    QString name;
};

// A weekend day worked as a weekday: that weekday's hours apply (worksAs: Monday 0 ... Sunday 6).
struct WorkdaySwap
{
    QDate date;
    int worksAs = 0;
};

struct SchedulingConfigInfo
{
    std::int64_t version = 0;
    int utcOffsetMinutes = 480;
    std::vector<ExamMethodInfo> methods;
    std::vector<BodyPartInfo> bodyParts;
    std::vector<RoomConfig> rooms;
    QTime afternoonStart{12, 0};
    QTime eveningStart{18, 0};
    int freeChoiceDays = 7;
    int searchDays = 14;
    std::vector<HolidayInfo> holidays;
    std::vector<WorkdaySwap> workdaySwaps;

    const ExamMethodInfo* method(const QString& id) const;
    const RoomConfig* room(const QString& id) const;
    const HolidayInfo* holidayOn(const QDate& date) const;
    // Whose hours apply on `date` (Monday 0 ... Sunday 6): its weekday, or the one it is swapped to.
    int scheduleWeekday(const QDate& date) const;
    // The room's opening segments on `date`: none on a holiday when the room closes on holidays.
    std::vector<OpeningSegment> openingOn(const RoomConfig& room, const QDate& date) const;
    // Methods some room of `department` performs (all methods when the department has no room).
    std::vector<const ExamMethodInfo*> methodsOfDepartment(const QString& department) const;
};

// --- recommendations, windows, checks -----------------------------------------------------

struct BookingPreferences
{
    bool sameDay = false;
    QString days = QStringLiteral("any"); // any, weekdays, weekends
    QString dayPart;                      // morning, afternoon, evening; empty: any
    QDate date;                           // invalid: any
};

// The body of /scheduling/recommend and /scheduling/windows.
struct SchedulingRequest
{
    std::vector<core::ExamId> examIds;
    QString channel = QStringLiteral("registration_desk");
    BookingPreferences preferences;
};

// Why the engine refuses a slot; `code` is stable for translation (modules/scheduling README).
struct Refusal
{
    QString code;
    QString ruleId;
    QString message;
    core::ExamId examId = 0; // 0: not about one exam
};

struct Proposal
{
    core::ExamId examId = 0;
    QString roomId;
    QString roomName;
    QDate date;
    QTime start;
    QTime end;
    int durationMinutes = 0;
    QString precautions;
};

struct Combination
{
    std::vector<Proposal> proposals;
    int visits = 0;
    std::int64_t waitingMinutes = 0;
};

struct Recommendation
{
    std::vector<Combination> combinations; // best first
    std::vector<Refusal> refusals;
};

struct StartWindow
{
    QString roomId;
    QDate date;
    QTime earliest;
    QTime latest;
    int stepMinutes = 5;
};

struct ExamWindows
{
    core::ExamId examId = 0;
    int durationMinutes = 0;
    QString precautions;
    std::vector<StartWindow> windows;
    std::vector<Refusal> refusals;
};

// One exam at one slot: a booking item, a check or a change.
struct SlotChoice
{
    core::ExamId examId = 0;
    QString roomId;
    QDate date;
    QTime start;
};

// --- bookings -----------------------------------------------------------------------------

struct Booking
{
    std::int64_t id = 0;
    core::ExamId examId = 0;
    core::PatientId patientId = 0;
    QString accessionNumber;
    QString patientName;
    QString roomId;
    QString roomName;
    QDate date;
    QTime start;
    QTime end;
    QString method;
    QStringList bodyParts;
    QString status; // booked, checked_in, no_show, cancelled
    QString channel;
    QString precautions;
    QString patientSource;
    QString priority;
    QString createdAt;
    QString createdBy;
    QString cancelledAt;
    QString cancelReason;
};

// GET /bookings: at least one of date, patientId, examId.
struct BookingQuery
{
    QDate date;
    QString roomId;
    std::optional<core::PatientId> patientId;
    std::optional<core::ExamId> examId;
    bool includeCancelled = false;
};

struct RoomInfo
{
    QString id;
    QString name;
    QString department;
    QStringList methodIds;
    bool stoppedToday = false;
};

// Parsers; they throw core::Error on a document that does not have the documented shape.
ExamPage examPageFromJson(const nlohmann::json& json);
std::vector<core::ExamEvent> examTimelineFromJson(const nlohmann::json& json);
SchedulingConfigInfo schedulingConfigFromJson(const nlohmann::json& json);
std::vector<Refusal> refusalsFromJson(const nlohmann::json& json);
Recommendation recommendationFromJson(const nlohmann::json& json);
std::vector<ExamWindows> examWindowsFromJson(const nlohmann::json& json);
Booking bookingFromJson(const nlohmann::json& json);
std::vector<Booking> bookingsFromJson(const nlohmann::json& json);
std::vector<RoomInfo> roomsFromJson(const nlohmann::json& json);

// Request bodies.
// POST /exams: the order fields of `exam` (no id, status, accession number or slot).
nlohmann::json newExamBody(const core::Exam& exam);
nlohmann::json transitionBody(const ExamTransition& transition);
nlohmann::json schedulingRequestBody(const SchedulingRequest& request);
nlohmann::json checkBody(const SlotChoice& slot, const QString& channel);
nlohmann::json bookBody(const std::vector<SlotChoice>& items, const QString& channel);
nlohmann::json changeBookingBody(const QString& roomId, const QDate& date, const QTime& start,
                                 const QString& channel);

// The refusals of a 409 `slot_refused` (details.refusals); empty for any other error.
std::vector<Refusal> refusalsOf(const ApiError& error);

} // namespace lumen::client
