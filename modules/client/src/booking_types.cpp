#include "lumen/client/booking_types.h"

#include "json_read.h"
#include "lumen/core/error.h"
#include "lumen/protocol/exam_json.h"
#include "lumen/protocol/json_fields.h"

#include <nlohmann/json.hpp>

namespace lumen::client {

using nlohmann::json;

namespace {

using namespace json_read;

std::string dateText(const QDate& d)
{
    return d.toString(Qt::ISODate).toStdString();
}

std::string clockText(const QTime& t)
{
    return t.toString(QStringLiteral("HH:mm")).toStdString();
}

constexpr const char* weekdayKeys[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

} // namespace

const ExamMethodInfo* SchedulingConfigInfo::method(const QString& id) const
{
    for (const auto& m : methods)
        if (m.id == id)
            return &m;
    return nullptr;
}

const RoomConfig* SchedulingConfigInfo::room(const QString& id) const
{
    for (const auto& r : rooms)
        if (r.id == id)
            return &r;
    return nullptr;
}

const HolidayInfo* SchedulingConfigInfo::holidayOn(const QDate& date) const
{
    for (const auto& h : holidays)
        if (h.date == date)
            return &h;
    return nullptr;
}

int SchedulingConfigInfo::scheduleWeekday(const QDate& date) const
{
    for (const auto& s : workdaySwaps)
        if (s.date == date)
            return s.worksAs;
    return date.dayOfWeek() - 1;
}

std::vector<OpeningSegment> SchedulingConfigInfo::openingOn(const RoomConfig& room, const QDate& date) const
{
    if (!date.isValid() || (room.closedOnHolidays && holidayOn(date)))
        return {};
    const int weekday = scheduleWeekday(date);
    if (weekday < 0 || weekday > 6)
        return {};
    return room.hours[std::size_t(weekday)];
}

std::vector<const ExamMethodInfo*> SchedulingConfigInfo::methodsOfDepartment(const QString& department) const
{
    QStringList ids;
    for (const auto& r : rooms)
        if (r.department == department)
            ids << r.methodIds;
    std::vector<const ExamMethodInfo*> found;
    for (const auto& m : methods)
        if (ids.isEmpty() || ids.contains(m.id))
            found.push_back(&m);
    return found;
}

ExamPage examPageFromJson(const json& j)
{
    ExamPage page;
    for (const auto& item : requireArray(j, "items"))
        page.items.push_back(protocol::examFromJson(item));
    page.limit = integer(j, "limit", int(page.items.size()));
    page.offset = integer(j, "offset");
    page.hasMore = protocol::optionalBool(j, "hasMore").value_or(false);
    return page;
}

std::vector<core::ExamEvent> examTimelineFromJson(const json& j)
{
    std::vector<core::ExamEvent> events;
    for (const auto& item : requireArray(j, "items"))
        events.push_back(protocol::examEventFromJson(item));
    return events;
}

SchedulingConfigInfo schedulingConfigFromJson(const json& j)
{
    requireObject(j, "The scheduling configuration");
    SchedulingConfigInfo c;
    c.version = protocol::optionalInteger(j, "version").value_or(0);
    c.utcOffsetMinutes = integer(j, "utcOffsetMinutes", 480);
    for (const auto& m : requireArray(j, "methods")) {
        requireObject(m, "A method");
        c.methods.push_back({text(m, "id"), text(m, "name"), text(m, "groupId"), integer(m, "baseMinutes"),
                             text(m, "precautions")});
        if (c.methods.back().name.isEmpty())
            c.methods.back().name = c.methods.back().id;
    }
    for (const auto& p : requireArray(j, "bodyParts")) {
        requireObject(p, "A body part");
        c.bodyParts.push_back(
            {text(p, "id"), text(p, "name"), number(p, "timeCoefficient", 1.0), text(p, "precautions")});
        if (c.bodyParts.back().name.isEmpty())
            c.bodyParts.back().name = c.bodyParts.back().id;
    }
    for (const auto& r : requireArray(j, "rooms")) {
        requireObject(r, "A room");
        RoomConfig room;
        room.id = text(r, "id");
        room.name = text(r, "name");
        if (room.name.isEmpty())
            room.name = room.id;
        room.department = text(r, "department");
        room.methodIds = textList(r, "methodIds");
        if (const auto hours = r.find("hours"); hours != r.end() && hours->is_object())
            for (int d = 0; d < 7; ++d)
                if (const auto day = hours->find(weekdayKeys[d]); day != hours->end() && day->is_array())
                    for (const auto& s : *day)
                        room.hours[std::size_t(d)].push_back({clock(s, "start"), clock(s, "end")});
        room.slotStepMinutes = integer(r, "slotStepMinutes", 5);
        room.bookableDaysAhead = integer(r, "bookableDaysAhead");
        room.maxExamMinutes = integer(r, "maxExamMinutes");
        room.closedOnHolidays = protocol::optionalBool(r, "closedOnHolidays").value_or(true);
        c.rooms.push_back(std::move(room));
    }
    // Holidays: {"date", "name"} objects (a bare date string is read as a holiday without a name).
    if (const auto h = j.find("holidays"); h != j.end() && h->is_object()) {
        if (const auto closed = h->find("closed"); closed != h->end() && closed->is_array())
            for (const auto& d : *closed) {
                if (d.is_string())
                    c.holidays.push_back(
                        {QDate::fromString(QString::fromStdString(d.get<std::string>()), Qt::ISODate), {}});
                else if (d.is_object())
                    c.holidays.push_back({date(d, "date"), text(d, "name")});
            }
        if (const auto swaps = h->find("workdaySwaps"); swaps != h->end() && swaps->is_array())
            for (const auto& s : *swaps) {
                if (!s.is_object())
                    continue;
                const QString worksAs = text(s, "worksAs");
                for (int d = 0; d < 7; ++d)
                    if (worksAs == QLatin1String(weekdayKeys[d]))
                        c.workdaySwaps.push_back({date(s, "date"), d});
            }
    }
    if (const auto parts = j.find("dayParts"); parts != j.end() && parts->is_object()) {
        if (const QTime t = clock(*parts, "afternoonStart"); t.isValid())
            c.afternoonStart = t;
        if (const QTime t = clock(*parts, "eveningStart"); t.isValid())
            c.eveningStart = t;
    }
    if (const auto rec = j.find("recommendation"); rec != j.end() && rec->is_object()) {
        c.freeChoiceDays = integer(*rec, "freeChoiceDays", c.freeChoiceDays);
        c.searchDays = integer(*rec, "searchDays", c.searchDays);
    }
    return c;
}

std::vector<Refusal> refusalsFromJson(const json& j)
{
    std::vector<Refusal> refusals;
    if (j.is_null())
        return refusals;
    if (!j.is_array())
        malformed("Refusals must be an array.");
    for (const auto& r : j) {
        requireObject(r, "A refusal");
        refusals.push_back({text(r, "code"), text(r, "ruleId"), text(r, "message"), idOf(r, "examId")});
    }
    return refusals;
}

Recommendation recommendationFromJson(const json& j)
{
    Recommendation rec;
    for (const auto& c : requireArray(j, "combinations")) {
        Combination combination;
        for (const auto& p : requireArray(c, "proposals"))
            combination.proposals.push_back({idOf(p, "examId"), text(p, "roomId"), text(p, "roomName"),
                                             date(p, "date"), clock(p, "start"), clock(p, "end"),
                                             integer(p, "durationMinutes"), text(p, "precautions")});
        combination.visits = integer(c, "visits");
        combination.waitingMinutes = protocol::optionalInteger(c, "waitingMinutes").value_or(0);
        rec.combinations.push_back(std::move(combination));
    }
    if (j.contains("refusals"))
        rec.refusals = refusalsFromJson(j.at("refusals"));
    return rec;
}

std::vector<ExamWindows> examWindowsFromJson(const json& j)
{
    std::vector<ExamWindows> exams;
    for (const auto& e : requireArray(j, "exams")) {
        ExamWindows w;
        w.examId = idOf(e, "examId");
        w.durationMinutes = integer(e, "durationMinutes");
        w.precautions = text(e, "precautions");
        for (const auto& s : requireArray(e, "windows"))
            w.windows.push_back({text(s, "roomId"), date(s, "date"), clock(s, "earliest"), clock(s, "latest"),
                                 integer(s, "stepMinutes", 5)});
        if (e.contains("refusals"))
            w.refusals = refusalsFromJson(e.at("refusals"));
        exams.push_back(std::move(w));
    }
    return exams;
}

Booking bookingFromJson(const json& j)
{
    requireObject(j, "A booking");
    Booking b;
    b.id = protocol::requireInteger(j, "id");
    b.examId = protocol::requireInteger(j, "examId");
    b.patientId = protocol::optionalInteger(j, "patientId").value_or(0);
    b.accessionNumber = text(j, "accessionNumber");
    b.patientName = text(j, "patientName");
    b.roomId = text(j, "roomId");
    b.roomName = text(j, "roomName");
    if (b.roomName.isEmpty())
        b.roomName = b.roomId;
    b.date = date(j, "date");
    b.start = clock(j, "start");
    b.end = clock(j, "end");
    b.method = text(j, "method");
    b.bodyParts = textList(j, "bodyParts");
    b.status = text(j, "status");
    b.channel = text(j, "channel");
    b.precautions = text(j, "precautions");
    b.patientSource = text(j, "patientSource");
    b.priority = text(j, "priority");
    b.createdAt = text(j, "createdAt");
    b.createdBy = text(j, "createdBy");
    b.cancelledAt = text(j, "cancelledAt");
    b.cancelReason = text(j, "cancelReason");
    return b;
}

std::vector<Booking> bookingsFromJson(const json& j)
{
    std::vector<Booking> bookings;
    for (const auto& item : requireArray(j, "items"))
        bookings.push_back(bookingFromJson(item));
    return bookings;
}

std::vector<RoomInfo> roomsFromJson(const json& j)
{
    std::vector<RoomInfo> rooms;
    for (const auto& r : requireArray(j, "items")) {
        requireObject(r, "A room");
        RoomInfo room{text(r, "id"), text(r, "name"), text(r, "department"), textList(r, "methodIds"),
                      protocol::optionalBool(r, "stoppedToday").value_or(false)};
        if (room.name.isEmpty())
            room.name = room.id;
        rooms.push_back(std::move(room));
    }
    return rooms;
}

json newExamBody(const core::Exam& exam)
{
    json body = protocol::toJson(exam);
    for (const char* assigned :
         {"id", "accessionNumber", "status", "createdAt", "updatedAt", "version", "scheduledAt", "room"})
        body.erase(assigned);
    // Fields not set are left to the server's defaults rather than sent as null.
    for (auto it = body.begin(); it != body.end();)
        it = it->is_null() ? body.erase(it) : std::next(it);
    if (exam.modality.empty())
        body.erase("modality");
    return body;
}

json transitionBody(const ExamTransition& t)
{
    json body = {{"to", std::string(core::toCode(t.to))}};
    if (!t.note.trimmed().isEmpty())
        body["note"] = t.note.trimmed().toStdString();
    if (t.version)
        body["version"] = *t.version;
    if (!t.scheduledAt.isEmpty())
        body["scheduledAt"] = t.scheduledAt.toStdString();
    if (!t.room.isEmpty())
        body["room"] = t.room.toStdString();
    return body;
}

json schedulingRequestBody(const SchedulingRequest& r)
{
    const auto& p = r.preferences;
    json prefs = {{"sameDay", p.sameDay},
                  {"days", p.days.isEmpty() ? std::string("any") : p.days.toStdString()},
                  {"dayPart", p.dayPart.isEmpty() ? json(nullptr) : json(p.dayPart.toStdString())},
                  {"date", p.date.isValid() ? json(dateText(p.date)) : json(nullptr)}};
    return {{"examIds", r.examIds}, {"channel", r.channel.toStdString()}, {"preferences", prefs}};
}

json checkBody(const SlotChoice& slot, const QString& channel)
{
    return {{"examId", slot.examId},
            {"roomId", slot.roomId.toStdString()},
            {"date", dateText(slot.date)},
            {"start", clockText(slot.start)},
            {"channel", channel.toStdString()}};
}

json bookBody(const std::vector<SlotChoice>& items, const QString& channel)
{
    json list = json::array();
    for (const auto& s : items)
        list.push_back({{"examId", s.examId},
                        {"roomId", s.roomId.toStdString()},
                        {"date", dateText(s.date)},
                        {"start", clockText(s.start)}});
    return {{"channel", channel.toStdString()}, {"items", list}};
}

json changeBookingBody(const QString& roomId, const QDate& d, const QTime& start, const QString& channel)
{
    return {{"roomId", roomId.toStdString()},
            {"date", dateText(d)},
            {"start", clockText(start)},
            {"channel", channel.toStdString()}};
}

std::vector<Refusal> refusalsOf(const ApiError& error)
{
    if (error.detailsJson.isEmpty())
        return {};
    try {
        const json details = json::parse(error.detailsJson.constData(),
                                         error.detailsJson.constData() + error.detailsJson.size());
        if (details.is_object() && details.contains("refusals"))
            return refusalsFromJson(details.at("refusals"));
    } catch (const std::exception&) {
    }
    return {};
}

} // namespace lumen::client
