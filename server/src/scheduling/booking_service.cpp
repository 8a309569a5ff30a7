#include "scheduling/booking_service.h"

#include "lumen/core/date.h"
#include "lumen/core/error.h"
#include "lumen/scheduling/calendar.h"
#include "lumen/store/booking_repository.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/database.h"
#include "lumen/store/exam_repository.h"
#include "lumen/store/patient_repository.h"
#include "lumen/store/write_queue.h"
#include "scheduling/booking_json.h"
#include "scheduling/booking_rows.h"
#include "scheduling/booking_statistics.h"
#include "scheduling/scheduling_config_json.h"
#include "services/audit_log.h"
#include "services/exam_service.h"
#include "services/exam_step.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lumen::server {

using core::Error;
using core::ErrorKind;
using core::ExamStatus;
using core::Permission;
using nlohmann::json;
namespace sch = lumen::scheduling;

namespace {

constexpr std::size_t kMaxExamsPerRequest = 8;

[[noreturn]] void badField(const std::string& field, const std::string& message)
{
    throw Error(ErrorKind::BadRequest, "invalid_field", field + ": " + message,
                json{{"field", field}}.dump());
}

[[noreturn]] void refused(const std::vector<sch::Refusal>& refusals)
{
    const auto message =
        refusals.empty() ? std::string("The slot cannot be booked.") : refusals.front().message;
    throw Error(ErrorKind::Conflict, "slot_refused", message,
                json{{"refusals", refusalsJson(refusals)}}.dump());
}

sch::BookingChannel channelField(const json& body)
{
    const auto it = body.find("channel");
    if (it == body.end() || it->is_null())
        return sch::BookingChannel::RegistrationDesk;
    const auto channel = it->is_string() ? sch::channelFromCode(it->get<std::string>()) : std::nullopt;
    if (!channel)
        badField("channel", "must be clinic, registration_desk, service_desk, kiosk or internet.");
    return *channel;
}

std::string textField(const json& body, const std::string& name, std::size_t maxBytes, bool required)
{
    const auto it = body.find(name);
    if (it == body.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty())) {
        if (required)
            throw Error(ErrorKind::BadRequest, "missing_field", name + ": required.",
                        json{{"field", name}}.dump());
        return {};
    }
    if (!it->is_string())
        badField(name, "must be text.");
    auto s = it->get<std::string>();
    if (s.size() > maxBytes)
        badField(name, "at most " + std::to_string(maxBytes) + " bytes.");
    return s;
}

core::Date dateField(const json& body, const std::string& name)
{
    const auto d = core::parseIsoDate(textField(body, name, 10, true));
    if (!d)
        badField(name, "must be a date YYYY-MM-DD.");
    return *d;
}

sch::SlotChoice slotFields(const json& body, const std::string& prefix)
{
    sch::SlotChoice slot;
    slot.roomId = textField(body, "roomId", 32, true);
    slot.date = dateField(body, "date");
    const auto start = parseClock(textField(body, "start", 5, true));
    if (!start || *start >= sch::kMinutesPerDay)
        badField(prefix + "start", "must be a time HH:MM.");
    slot.startMinute = *start;
    return slot;
}

core::ExamId examIdOf(const json& value, const std::string& field)
{
    if (!value.is_number_integer() || value.get<long long>() < 1)
        badField(field, "must be an exam id.");
    return value.get<core::ExamId>();
}

std::vector<core::ExamId> examIdsField(const json& body)
{
    const auto it = body.find("examIds");
    if (it == body.end() || !it->is_array() || it->empty() || it->size() > kMaxExamsPerRequest)
        badField("examIds", "must list 1 to " + std::to_string(kMaxExamsPerRequest) + " exam ids.");
    std::vector<core::ExamId> ids;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto id = examIdOf((*it)[i], "examIds[" + std::to_string(i) + "]");
        if (std::find(ids.begin(), ids.end(), id) != ids.end())
            badField("examIds", "lists an exam twice.");
        ids.push_back(id);
    }
    return ids;
}

sch::Preferences preferencesField(const json& body)
{
    sch::Preferences p;
    const auto it = body.find("preferences");
    if (it == body.end() || it->is_null())
        return p;
    if (!it->is_object())
        badField("preferences", "must be an object.");
    const auto& o = *it;
    if (o.contains("sameDay") && !o["sameDay"].is_null()) {
        if (!o["sameDay"].is_boolean())
            badField("preferences.sameDay", "must be true or false.");
        p.sameDay = o["sameDay"].get<bool>();
    }
    const auto days = textField(o, "days", 16, false);
    if (days == "weekdays")
        p.days = sch::Preferences::Days::WeekdaysOnly;
    else if (days == "weekends")
        p.days = sch::Preferences::Days::WeekendsOnly;
    else if (!days.empty() && days != "any")
        badField("preferences.days", "must be any, weekdays or weekends.");
    if (const auto part = textField(o, "dayPart", 16, false); !part.empty()) {
        p.dayPart = sch::dayPartFromCode(part);
        if (!p.dayPart)
            badField("preferences.dayPart", "must be morning, afternoon or evening.");
    }
    if (const auto date = textField(o, "date", 10, false); !date.empty()) {
        p.date = core::parseIsoDate(date);
        if (!p.date)
            badField("preferences.date", "must be a date YYYY-MM-DD.");
    }
    return p;
}

// The UTC instant of a local slot start, as the exam's scheduledAt.
std::string scheduledAtOf(const core::Date& date, int startMinute, int utcOffsetMinutes)
{
    const auto minutes = sch::localMinute(sch::dayNumber(date), startMinute) - utcOffsetMinutes;
    return core::formatIsoTimestamp(std::chrono::system_clock::time_point(std::chrono::minutes(minutes)));
}

std::string slotText(const std::string& roomId, const core::Date& date, int startMinute)
{
    return roomId + " " + core::formatIsoDate(date) + " " + sch::formatClock(startMinute);
}

} // namespace

struct BookingService::Impl
{
    const core::Clock& clock;
    store::ConnectionPool& readers;
    store::WriteQueue& writer;
    const AuditLog& audit;
    ExamService& exams;
    sch::SchedulingEngine engine;
    std::int64_t configVersion = 0; // guarded by the engine's lock (read/write)

    Impl(const core::Clock& c, store::ConnectionPool& r, store::WriteQueue& w, const AuditLog& a,
         ExamService& e)
        : clock(c), readers(r), writer(w), audit(a), exams(e),
          engine(std::make_shared<const sch::SchedulingConfig>(), c)
    {
    }

    std::string nowIso() const { return core::formatIsoTimestamp(clock.now()); }

    core::AuditEntry entry(const Principal& who, std::string action, std::string objectId,
                           std::optional<core::PatientId> patient, std::string detail) const
    {
        return core::AuditEntry{0,
                                nowIso(),
                                who.username,
                                who.clientAddress,
                                std::move(action),
                                "booking",
                                std::move(objectId),
                                patient,
                                std::move(detail),
                                "",
                                ""};
    }

    // The exams of one request: visible, one patient, all `requested`; with the patient.
    std::pair<std::vector<core::Exam>, core::Patient>
    bookableExams(const Principal& who, const std::vector<core::ExamId>& ids) const
    {
        auto db = readers.lease();
        std::vector<core::Exam> list;
        for (auto id : ids) {
            auto exam = exams.visibleExam(who, *db, id);
            if (exam.status != ExamStatus::Requested)
                throw Error(ErrorKind::Conflict, "not_bookable",
                            "Exam " + exam.accessionNumber + " is " + std::string(core::toCode(exam.status)) +
                                "; only requested exams can be booked.",
                            json{{"examId", id}, {"status", core::toCode(exam.status)}}.dump());
            if (!list.empty() && exam.patientId != list.front().patientId)
                badField("examIds", "the exams belong to different patients.");
            if (exam.items.empty())
                throw Error(ErrorKind::Conflict, "not_bookable",
                            "Exam " + exam.accessionNumber + " has no items.");
            list.push_back(std::move(exam));
        }
        auto patient = store::PatientRepository(*db).find(list.front().patientId);
        if (!patient)
            throw Error(ErrorKind::NotFound, "not_found", "No such patient.");
        return {std::move(list), std::move(*patient)};
    }

    sch::RecommendationRequest recommendationRequest(const Principal& who, const json& body) const
    {
        const auto ids = examIdsField(body);
        const auto channel = channelField(body);
        const auto preferences = preferencesField(body);
        const auto [list, patient] = bookableExams(who, ids);
        sch::RecommendationRequest request;
        request.context = contextOf(list.front(), patient, channel);
        for (const auto& e : list)
            request.exams.push_back(examRequestOf(e));
        request.preferences = preferences;
        return request;
    }

    void saveNoShow(store::Database& db, core::PatientId patient)
    {
        const auto record = engine.read([&](const sch::Calendar& c) -> std::optional<sch::NoShowRecord> {
            const auto* r = c.noShows().record(patient);
            return r ? std::optional<sch::NoShowRecord>(*r) : std::nullopt;
        });
        store::BookingRepository repo(db);
        if (!record || (record->consecutiveNoShows == 0 && !record->blacklistedAt))
            repo.deleteNoShow(patient);
        else
            repo.saveNoShow(
                {patient, record->consecutiveNoShows,
                 record->blacklistedAt ? std::optional<std::int64_t>(*record->blacklistedAt) : std::nullopt});
    }

    // A booking the caller may see that is still `booked`, for change and cancel.
    store::BookingRow changeableBooking(const Principal& who, std::int64_t bookingId, const char* verb) const
    {
        auto db = readers.lease();
        auto found = store::BookingRepository(*db).find(bookingId);
        if (!found)
            throw Error(ErrorKind::NotFound, "not_found", "No such booking.");
        exams.visibleExam(who, *db, found->examId);
        if (found->status != "booked")
            throw Error(ErrorKind::Conflict, "booking_not_changeable",
                        "This booking is " + found->status + "; only booked slots can be " + verb + ".");
        return std::move(*found);
    }

    json bookingsJson(store::Database& db, const std::vector<store::BookingRow>& rows) const
    {
        store::ExamRepository examRepo(db);
        store::PatientRepository patientRepo(db);
        const auto config = engine.read([](const sch::Calendar& c) { return c.sharedConfig(); });
        json items = json::array();
        for (const auto& row : rows) {
            const auto exam = examRepo.find(row.examId);
            const auto patient = patientRepo.find(row.patientId);
            const auto* room = config->room(row.roomId);
            items.push_back(bookingJson(row, exam ? exam->accessionNumber : std::string(),
                                        patient ? patient->name : std::string(),
                                        room ? room->name : row.roomId));
        }
        return items;
    }
};

BookingService::BookingService(const core::Clock& clock, store::ConnectionPool& readers,
                               store::WriteQueue& writer, const AuditLog& audit, ExamService& exams)
    : m(std::make_unique<Impl>(clock, readers, writer, audit, exams))
{
}

BookingService::~BookingService() = default;

void BookingService::load()
{
    // Bookings whose exam moved on without the book (a crash between the two, or a step taken
    // by a device) are reconciled here: the exam is the truth.
    struct Loaded
    {
        std::optional<store::SchedulingConfigRow> config;
        std::vector<store::BookingRow> bookings;
        std::vector<store::RoomStopRow> stops;
        std::vector<store::NoShowRow> noShows;
        std::int64_t maxId = 0;
    };
    const auto loaded =
        m->writer
            .submit([this](store::Database& db) {
                store::BookingRepository repo(db);
                store::ExamRepository examRepo(db);
                Loaded l;
                l.config = repo.config();
                for (auto row : repo.allLive()) {
                    const auto exam = examRepo.find(row.examId);
                    const auto status = exam ? exam->status : ExamStatus::Cancelled;
                    std::string follows = "checked_in";
                    if (status == ExamStatus::Booked)
                        follows = "booked";
                    else if (status == ExamStatus::NoShow)
                        follows = "no_show";
                    else if (status == ExamStatus::Requested || status == ExamStatus::Cancelled)
                        follows = "cancelled";
                    if (follows != row.status) {
                        row.status = follows;
                        if (follows == "cancelled") {
                            row.cancelledAt = m->nowIso();
                            row.cancelledBy = "system";
                            row.cancelReason = "exam is " + std::string(core::toCode(status));
                        }
                        repo.update(row);
                    }
                    if (row.status != "cancelled")
                        l.bookings.push_back(std::move(row));
                }
                l.stops = repo.stops();
                l.noShows = repo.noShows();
                l.maxId = repo.maxId();
                return l;
            })
            .get();
    auto config = std::make_shared<sch::SchedulingConfig>();
    std::int64_t version = 0;
    if (loaded.config) {
        auto parsed = schedulingConfigFromJson(json::parse(loaded.config->document));
        if (!parsed.problems.empty())
            throw std::runtime_error("stored scheduling configuration is unusable: " +
                                     parsed.problems.front());
        *config = std::move(parsed.config);
        version = loaded.config->version;
    }
    m->engine.write([&](sch::Calendar& c, sch::LocalMinute) {
        c.setConfig(config);
        m->configVersion = version;
        for (const auto& row : loaded.bookings)
            c.load(bookingOf(row));
        for (const auto& s : loaded.stops) {
            const auto from = core::parseIsoDate(s.fromDate), to = core::parseIsoDate(s.toDate);
            if (from && to)
                c.load(sch::RoomStop{s.id, s.roomId, *from, *to, s.reason});
        }
        for (const auto& n : loaded.noShows)
            c.load(sch::NoShowRecord{n.patientId, n.consecutiveNoShows,
                                     n.blacklistedAt ? std::optional<sch::LocalMinute>(*n.blacklistedAt)
                                                     : std::nullopt});
        c.reserveIdsBelow(loaded.maxId + 1);
        return 0;
    });
}

json BookingService::config(const Principal& who) const
{
    who.require(Permission::ExamRead);
    return m->engine.read([&](const sch::Calendar& c) {
        auto doc = toJson(c.config());
        doc["version"] = m->configVersion;
        return doc;
    });
}

json BookingService::replaceConfig(const Principal& who, const json& document)
{
    who.require(Permission::SchedulingAdmin);
    auto parsed = schedulingConfigFromJson(document);
    if (!parsed.problems.empty())
        throw Error(ErrorKind::BadRequest, "invalid_config",
                    "The scheduling configuration has " + std::to_string(parsed.problems.size()) +
                        " problem(s); the first: " + parsed.problems.front(),
                    json{{"problems", parsed.problems}}.dump());
    std::optional<std::int64_t> expected;
    if (const auto it = document.find("version"); it != document.end() && !it->is_null()) {
        if (!it->is_number_integer())
            badField("version", "must be a whole number.");
        expected = it->get<std::int64_t>();
    }
    auto config = std::make_shared<const sch::SchedulingConfig>(std::move(parsed.config));
    auto stored = toJson(*config);
    const auto text = stored.dump();
    // The database decides the version; the engine is never held while waiting for the writer
    // (the writer's exam steps take the engine's lock).
    const auto version =
        m->writer
            .submit([&](store::Database& db) {
                store::BookingRepository repo(db);
                const auto current = repo.config();
                const auto currentVersion = current ? current->version : 0;
                if (expected && *expected != currentVersion)
                    throw Error(ErrorKind::Conflict, "conflict",
                                "The scheduling configuration was changed by someone else; "
                                "reload and try again.");
                repo.saveConfig({text, currentVersion + 1, m->nowIso(), who.username});
                m->audit.appendInJob(db, m->entry(who, "scheduling.config", "config", std::nullopt,
                                                  "version " + std::to_string(currentVersion + 1) + ", " +
                                                      std::to_string(config->rooms.size()) + " rooms"));
                return currentVersion + 1;
            })
            .get();
    m->engine.write([&](sch::Calendar& c, sch::LocalMinute) {
        if (version > m->configVersion) {
            c.setConfig(config);
            m->configVersion = version;
        }
        return 0;
    });
    stored["version"] = version;
    return stored;
}

json BookingService::rooms(const Principal& who) const
{
    who.require(Permission::ExamRead);
    const auto day = sch::dayNumber(today());
    return m->engine.read([&](const sch::Calendar& c) {
        json items = json::array();
        for (const auto& room : c.config().rooms)
            items.push_back({{"id", room.id},
                             {"name", room.name},
                             {"department", room.department},
                             {"methodIds", room.methodIds},
                             {"stoppedToday", c.stops().stopOn(room.id, day) != nullptr}});
        return json{{"items", items}};
    });
}

json BookingService::recommend(const Principal& who, const json& body) const
{
    who.require(Permission::ExamRead);
    const auto request = m->recommendationRequest(who, body);
    const auto answer = m->engine.recommend(request);
    return m->engine.read([&](const sch::Calendar& c) { return recommendationJson(answer, c.config()); });
}

json BookingService::windows(const Principal& who, const json& body) const
{
    who.require(Permission::ExamRead);
    const auto request = m->recommendationRequest(who, body);
    return {{"exams", windowsJson(m->engine.feasibleWindows(request))}};
}

json BookingService::check(const Principal& who, const json& body) const
{
    who.require(Permission::ExamRead);
    const auto examId = examIdOf(body.value("examId", json()), "examId");
    const auto slot = slotFields(body, "");
    const auto channel = channelField(body);
    const auto [list, patient] = m->bookableExams(who, {examId});
    const auto refusals =
        m->engine.check({contextOf(list.front(), patient, channel), examRequestOf(list.front()), slot});
    return {{"refusals", refusalsJson(refusals)}};
}

json BookingService::list(const Principal& who, const store::BookingQuery& query) const
{
    who.require(Permission::ExamRead);
    auto db = m->readers.lease();
    store::BookingRepository repo(*db);
    std::vector<store::BookingRow> visible;
    for (auto& row : repo.search(query)) {
        // Bookings of confidential patients are for those allowed to see them, like the exams.
        try {
            m->exams.visibleExam(who, *db, row.examId);
        } catch (const Error&) {
            continue;
        }
        visible.push_back(std::move(row));
    }
    auto items = m->bookingsJson(*db, visible);
    m->audit.record(m->entry(who, "booking.search", "-", query.patientId,
                             "date " + query.date.value_or("-") + ", room " + query.roomId.value_or("-") +
                                 ", " + std::to_string(visible.size()) + " found"));
    return {{"items", items}};
}

json BookingService::book(const Principal& who, const json& body)
{
    who.require(Permission::ExamRegister);
    const auto channel = channelField(body);
    const auto it = body.find("items");
    if (it == body.end() || !it->is_array() || it->empty() || it->size() > kMaxExamsPerRequest)
        badField("items", "must list 1 to " + std::to_string(kMaxExamsPerRequest) + " slots.");
    std::vector<core::ExamId> ids;
    std::vector<sch::SlotChoice> slots;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& item = (*it)[i];
        const auto prefix = "items[" + std::to_string(i) + "].";
        if (!item.is_object())
            badField("items[" + std::to_string(i) + "]", "must be an object.");
        const auto id = examIdOf(item.value("examId", json()), prefix + "examId");
        if (std::find(ids.begin(), ids.end(), id) != ids.end())
            badField(prefix + "examId", "lists an exam twice.");
        ids.push_back(id);
        slots.push_back(slotFields(item, prefix));
    }
    const auto [list, patient] = m->bookableExams(who, ids);
    std::vector<sch::BookingRequest> requests;
    for (std::size_t i = 0; i < list.size(); ++i)
        requests.push_back({contextOf(list[i], patient, channel), examRequestOf(list[i]), slots[i]});

    const auto nowIso = m->nowIso();
    std::future<std::vector<store::BookingRow>> stored;
    std::vector<sch::Booking> taken;
    std::vector<sch::Refusal> refusals;
    m->engine.write([&](sch::Calendar& c, sch::LocalMinute now) {
        auto outcome = c.bookAll(requests, now);
        if (!outcome.ok()) {
            refusals = std::move(outcome.refusals);
            return 0;
        }
        taken = outcome.bookings;
        const int offset = c.config().utcOffsetMinutes;
        // Submitted under the lock so the database sees the book's changes in the book's order;
        // waited for outside it so concurrent bookings share one commit.
        stored = m->writer.submit([this, taken, list = list, offset, nowIso, who](store::Database& db) {
            store::BookingRepository repo(db);
            store::ExamRepository examRepo(db);
            std::vector<store::BookingRow> rows;
            for (std::size_t i = 0; i < taken.size(); ++i) {
                const auto before = examRepo.find(list[i].id);
                if (!before || before->status != ExamStatus::Requested || before->version != list[i].version)
                    throw Error(ErrorKind::Conflict, "conflict",
                                "Exam " + list[i].accessionNumber +
                                    " was changed by someone else; reload and try again.");
                auto row = rowOf(taken[i], before->id, nowIso, who.username);
                repo.insert(row);
                auto after = *before;
                after.status = ExamStatus::Booked;
                after.scheduledAt = scheduledAtOf(taken[i].date, taken[i].startMinute, offset);
                after.room = taken[i].roomId;
                writeExamStep(db, m->audit, *before, after,
                              {who.username, who.displayName, who.clientAddress}, std::nullopt, nowIso);
                m->audit.appendInJob(db,
                                     m->entry(who, "booking.create", std::to_string(row.id), row.patientId,
                                              "exam " + before->accessionNumber + " at " +
                                                  slotText(row.roomId, taken[i].date, row.startMinute) +
                                                  " via " + row.channel));
                rows.push_back(std::move(row));
            }
            return rows;
        });
        return 0;
    });
    if (!refusals.empty())
        refused(refusals);
    std::vector<store::BookingRow> rows;
    try {
        rows = stored.get();
    } catch (...) {
        m->engine.write([&](sch::Calendar& c, sch::LocalMinute) {
            for (const auto& b : taken)
                c.cancel(b.id);
            return 0;
        });
        throw;
    }
    auto db = m->readers.lease();
    return {{"items", m->bookingsJson(*db, rows)}};
}

json BookingService::change(const Principal& who, std::int64_t bookingId, const json& body)
{
    who.require(Permission::ExamRegister);
    const auto slot = slotFields(body, "");
    const auto channel = channelField(body);
    auto row = m->changeableBooking(who, bookingId, "changed");
    const auto nowIso = m->nowIso();
    std::optional<sch::Booking> old;
    std::optional<sch::Booking> moved;
    std::vector<sch::Refusal> refusals;
    std::future<store::BookingRow> stored;
    m->engine.write([&](sch::Calendar& c, sch::LocalMinute now) {
        if (const auto* b = c.ledger().find(bookingId))
            old = *b;
        auto outcome = c.change(bookingId, slot, channel, now);
        if (!outcome.ok()) {
            refusals = std::move(outcome.refusals);
            return 0;
        }
        moved = outcome.booking;
        const int offset = c.config().utcOffsetMinutes;
        stored = m->writer.submit([this, row, b = *moved, offset, nowIso, who](store::Database& db) {
            store::BookingRepository repo(db);
            store::ExamRepository examRepo(db);
            auto updated = row;
            updated.roomId = b.roomId;
            updated.date = core::formatIsoDate(b.date);
            updated.startMinute = b.startMinute;
            updated.endMinute = b.endMinute;
            updated.channel = std::string(sch::toCode(b.context.channel));
            updated.precautions = b.precautions;
            updated.groupId = b.groupId;
            const auto before = examRepo.find(row.examId);
            if (!before || before->status != ExamStatus::Booked)
                throw Error(ErrorKind::Conflict, "booking_not_changeable", "The exam is no longer booked.");
            repo.update(updated);
            auto after = *before;
            after.scheduledAt = scheduledAtOf(b.date, b.startMinute, offset);
            after.room = b.roomId;
            if (!examRepo.update(after, nowIso))
                throw Error(ErrorKind::Conflict, "conflict",
                            "The exam was changed by someone else; reload and try again.");
            const auto oldText = row.roomId + " " + row.date + " " + sch::formatClock(row.startMinute);
            const auto newText = slotText(b.roomId, b.date, b.startMinute);
            examRepo.appendEvent({0, before->id, nowIso, who.username, who.displayName, ExamStatus::Booked,
                                  ExamStatus::Booked, "rescheduled " + oldText + " -> " + newText});
            m->audit.appendInJob(db, m->entry(who, "booking.change", std::to_string(row.id), row.patientId,
                                              oldText + " -> " + newText));
            return updated;
        });
        return 0;
    });
    if (!refusals.empty())
        refused(refusals);
    try {
        row = stored.get();
    } catch (...) {
        m->engine.write([&](sch::Calendar& c, sch::LocalMinute) {
            c.cancel(bookingId);
            if (old)
                c.load(*old);
            return 0;
        });
        throw;
    }
    auto db = m->readers.lease();
    return m->bookingsJson(*db, {row}).at(0);
}

json BookingService::cancel(const Principal& who, std::int64_t bookingId, const json& body)
{
    who.require(Permission::ExamRegister);
    const auto reason = textField(body, "reason", 500, true);
    auto row = m->changeableBooking(who, bookingId, "cancelled");
    const auto nowIso = m->nowIso();
    std::optional<sch::Booking> old;
    std::optional<sch::Refusal> refusal;
    std::future<store::BookingRow> stored;
    m->engine.write([&](sch::Calendar& c, sch::LocalMinute) {
        if (const auto* b = c.ledger().find(bookingId))
            old = *b;
        refusal = c.cancel(bookingId);
        if (refusal)
            return 0;
        stored = m->writer.submit([this, row, reason, nowIso, who](store::Database& db) {
            auto updated = row;
            updated.status = "cancelled";
            updated.cancelledAt = nowIso;
            updated.cancelledBy = who.username;
            updated.cancelReason = reason;
            store::ExamRepository examRepo(db);
            const auto before = examRepo.find(row.examId);
            if (!before || before->status != ExamStatus::Booked)
                throw Error(ErrorKind::Conflict, "booking_not_changeable", "The exam is no longer booked.");
            store::BookingRepository(db).update(updated);
            auto after = *before;
            after.status = ExamStatus::Requested;
            after.scheduledAt.reset();
            after.room.reset();
            writeExamStep(db, m->audit, *before, after, {who.username, who.displayName, who.clientAddress},
                          "booking cancelled: " + reason, nowIso);
            m->audit.appendInJob(
                db, m->entry(who, "booking.cancel", std::to_string(row.id), row.patientId, reason));
            return updated;
        });
        return 0;
    });
    if (refusal)
        throw Error(ErrorKind::Conflict,
                    refusal->code == sch::ReasonCode::UnknownBooking ? "booking_not_changeable"
                                                                     : std::string(refusal->codeText()),
                    refusal->message);
    try {
        row = stored.get();
    } catch (...) {
        if (old)
            m->engine.write([&](sch::Calendar& c, sch::LocalMinute) {
                c.load(*old);
                return 0;
            });
        throw;
    }
    auto db = m->readers.lease();
    return m->bookingsJson(*db, {row}).at(0);
}

json BookingService::stopRoom(const Principal& who, const std::string& roomId, const json& body)
{
    who.require(Permission::SchedulingAdmin);
    if (roomIndex(roomId) < 0)
        throw Error(ErrorKind::NotFound, "not_found", "No such room in the scheduling configuration.");
    sch::RoomStop stop;
    stop.roomId = roomId;
    stop.from = dateField(body, "from");
    stop.to = dateField(body, "to");
    if (stop.to < stop.from)
        badField("to", "must not be before from.");
    stop.reason = textField(body, "reason", 500, true);
    const bool preview = body.value("preview", false);
    const auto nowIso = m->nowIso();
    stop.id = "stop-" + roomId + "-" + core::formatIsoDate(stop.from) + "-" + nowIso;
    if (preview) {
        const auto result = m->engine.previewRoomStop(stop);
        auto db = m->readers.lease();
        return roomStopJson(result, *db, [this](const std::string& id) { return roomName(id); });
    }
    std::future<void> stored;
    sch::RoomStopResult result;
    m->engine.write([&](sch::Calendar& c, sch::LocalMinute now) {
        result = c.stopRoom(stop, now);
        const int offset = c.config().utcOffsetMinutes;
        stored = m->writer.submit([this, result, offset, nowIso, who](store::Database& db) {
            store::BookingRepository repo(db);
            store::ExamRepository examRepo(db);
            const auto& s = result.stop;
            repo.insert(store::RoomStopRow{s.id, s.roomId, core::formatIsoDate(s.from),
                                           core::formatIsoDate(s.to), s.reason, nowIso, who.username});
            for (const auto& n : result.notices) {
                if (!n.newSlot)
                    continue;
                auto row = repo.find(n.bookingId);
                const auto exam = row ? examRepo.find(row->examId) : std::nullopt;
                if (!row || !exam)
                    continue;
                row->roomId = n.newSlot->roomId;
                row->date = core::formatIsoDate(n.newSlot->date);
                row->startMinute = n.newSlot->startMinute;
                row->endMinute = n.newEndMinute;
                repo.update(*row);
                auto after = *exam;
                after.scheduledAt = scheduledAtOf(n.newSlot->date, n.newSlot->startMinute, offset);
                after.room = n.newSlot->roomId;
                examRepo.update(after, nowIso);
                examRepo.appendEvent(
                    {0, exam->id, nowIso, who.username, who.displayName, exam->status, exam->status,
                     "moved by the stop of room " + s.roomId + " to " +
                         slotText(n.newSlot->roomId, n.newSlot->date, n.newSlot->startMinute)});
            }
            m->audit.appendInJob(db,
                                 m->entry(who, "scheduling.room_stop", s.id, std::nullopt,
                                          s.roomId + " " + core::formatIsoDate(s.from) + ".." +
                                              core::formatIsoDate(s.to) + ": " + s.reason + "; " +
                                              std::to_string(result.notices.size()) + " bookings affected"));
        });
        return 0;
    });
    try {
        stored.get();
    } catch (...) {
        // Rare (the disk failed): rebuild the book from what the database holds.
        load();
        throw;
    }
    auto db = m->readers.lease();
    return roomStopJson(result, *db, [this](const std::string& id) { return roomName(id); });
}

void BookingService::reopenRoom(const Principal& who, const std::string& roomId, const json& body)
{
    who.require(Permission::SchedulingAdmin);
    const auto from = dateField(body, "from");
    const auto to = dateField(body, "to");
    if (to < from)
        badField("to", "must not be before from.");
    const auto nowIso = m->nowIso();
    std::future<void> stored;
    m->engine.write([&](sch::Calendar& c, sch::LocalMinute) {
        c.reopenRoom(roomId, from, to);
        std::vector<store::RoomStopRow> rows;
        for (const auto& s : c.stops().all())
            if (s.roomId == roomId)
                rows.push_back({s.id, s.roomId, core::formatIsoDate(s.from), core::formatIsoDate(s.to),
                                s.reason, nowIso, who.username});
        stored = m->writer.submit([this, rows, roomId, from, to, who](store::Database& db) {
            store::BookingRepository(db).replaceStopsOfRoom(roomId, rows);
            m->audit.appendInJob(db, m->entry(who, "scheduling.room_reopen", roomId, std::nullopt,
                                              core::formatIsoDate(from) + ".." + core::formatIsoDate(to)));
        });
        return 0;
    });
    stored.get();
}

json BookingService::blacklist(const Principal& who) const
{
    who.require(Permission::ExamRead);
    const auto now = m->engine.now();
    return m->engine.read([&](const sch::Calendar& c) {
        json items = json::array();
        for (const auto& [patient, record] : c.noShows().all()) {
            if (!c.noShows().isBlacklisted(patient, now, c.config().noShow))
                continue;
            const auto restores = c.noShows().restoresAt(patient, c.config().noShow);
            items.push_back(
                {{"patientId", patient},
                 {"consecutiveNoShows", record.consecutiveNoShows},
                 {"blacklistedAt",
                  record.blacklistedAt ? json(sch::formatLocalMinute(*record.blacklistedAt)) : json(nullptr)},
                 {"restoresAt", restores ? json(sch::formatLocalMinute(*restores)) : json(nullptr)}});
        }
        return json{{"items", items}};
    });
}

json BookingService::statistics(const Principal& who, const core::Date& from, const core::Date& to) const
{
    who.require(Permission::ExamRead);
    if (to < from || sch::dayNumber(to) - sch::dayNumber(from) > 366)
        badField("to", "must be from 'from' to a year after it.");
    std::vector<store::BookingRow> rows;
    {
        auto db = m->readers.lease();
        rows = store::BookingRepository(*db).between(core::formatIsoDate(from), core::formatIsoDate(to));
    }
    auto out = m->engine.read([&](const sch::Calendar& c) { return bookingStatistics(rows, c, from, to); });
    m->audit.record(m->entry(who, "booking.statistics", "-", std::nullopt,
                             core::formatIsoDate(from) + ".." + core::formatIsoDate(to)));
    return out;
}

void BookingService::restoreBookingRights(const Principal& who, core::PatientId patientId)
{
    who.require(Permission::ExamRegister);
    std::future<void> stored;
    m->engine.write([&](sch::Calendar& c, sch::LocalMinute) {
        c.restoreBookingRights(patientId);
        stored = m->writer.submit([this, patientId, who](store::Database& db) {
            store::BookingRepository(db).deleteNoShow(patientId);
            m->audit.appendInJob(db, m->entry(who, "scheduling.restore_rights", std::to_string(patientId),
                                              patientId, "no-show blacklist lifted by hand"));
        });
        return 0;
    });
    stored.get();
}

void BookingService::bookByHand(store::Database& db, const Principal& who, const core::Exam& exam)
{
    const auto start = core::parseIsoTimestamp(*exam.scheduledAt);
    const auto patient = store::PatientRepository(db).find(exam.patientId);
    if (!start || !patient || exam.items.empty())
        return;
    const auto nowIso = m->nowIso();
    auto row = m->engine.write([&](sch::Calendar& c, sch::LocalMinute) {
        auto b = slotGivenByHand(exam, *patient, *start, c.config());
        b.id = c.loadNew(b);
        return rowOf(b, exam.id, nowIso, who.username);
    });
    store::BookingRepository(db).insert(row);
    m->audit.appendInJob(db,
                         m->entry(who, "booking.create", std::to_string(row.id), row.patientId,
                                  "by hand (no rules): exam " + exam.accessionNumber + " at " + row.roomId +
                                      " " + row.date + " " + sch::formatClock(row.startMinute)));
}

void BookingService::examStepping(store::Database& db, const Principal& who, const core::Exam& before,
                                  const core::Exam& after)
{
    store::BookingRepository repo(db);
    if (after.status == ExamStatus::Booked && before.status != ExamStatus::Booked) {
        if (after.room && after.scheduledAt && roomIndex(*after.room) >= 0)
            bookByHand(db, who, after);
        return;
    }
    auto row = repo.liveForExam(before.id);
    if (!row)
        return;
    const auto nowIso = m->nowIso();
    if (after.status == ExamStatus::CheckedIn && row->status == "booked") {
        m->engine.write([&](sch::Calendar& c, sch::LocalMinute) { return c.checkIn(row->id); });
        row->status = "checked_in";
        repo.update(*row);
        m->saveNoShow(db, row->patientId);
    } else if (after.status == ExamStatus::NoShow) {
        m->engine.write([&](sch::Calendar& c, sch::LocalMinute now) { return c.markNoShow(row->id, now); });
        row->status = "no_show";
        repo.update(*row);
        m->saveNoShow(db, row->patientId);
    } else if ((after.status == ExamStatus::Cancelled || after.status == ExamStatus::Requested) &&
               row->status == "booked") {
        m->engine.write([&](sch::Calendar& c, sch::LocalMinute) { return c.cancel(row->id); });
        row->status = "cancelled";
        row->cancelledAt = nowIso;
        row->cancelledBy = "exam";
        row->cancelReason = "exam " + std::string(core::toCode(after.status));
        repo.update(*row);
    }
}

core::Date BookingService::today() const
{
    return sch::dateOf(sch::dayOfMinute(m->engine.now()));
}

std::string BookingService::roomName(const std::string& roomId) const
{
    return m->engine.read([&](const sch::Calendar& c) {
        const auto* room = c.config().room(roomId);
        return room ? room->name : roomId;
    });
}

int BookingService::roomIndex(const std::string& roomId) const
{
    return m->engine.read([&](const sch::Calendar& c) { return c.config().roomIndex(roomId); });
}

int BookingService::utcOffsetMinutes() const
{
    return m->engine.read([](const sch::Calendar& c) { return c.config().utcOffsetMinutes; });
}

} // namespace lumen::server
