#include "scheduling/booking_json.h"

#include "lumen/core/date.h"
#include "lumen/store/patient_repository.h"

namespace lumen::server {

using nlohmann::json;
namespace sch = lumen::scheduling;

namespace {

// Exam ids travel as text inside the engine; the API gives numbers.
json examIdJson(const std::string& id)
{
    try {
        return json(std::stoll(id));
    } catch (const std::exception&) {
        return json(id);
    }
}

json slotJson(const sch::SlotChoice& slot)
{
    return {{"roomId", slot.roomId},
            {"date", core::formatIsoDate(slot.date)},
            {"start", sch::formatClock(slot.startMinute)}};
}

} // namespace

json refusalsJson(const std::vector<sch::Refusal>& refusals)
{
    json out = json::array();
    for (const auto& r : refusals)
        out.push_back({{"code", std::string(r.codeText())},
                       {"ruleId", r.ruleId},
                       {"message", r.message},
                       {"examId", r.examId.empty() ? json(nullptr) : examIdJson(r.examId)}});
    return out;
}

json bookingJson(const store::BookingRow& row, const std::string& accessionNumber,
                 const std::string& patientName, const std::string& roomName)
{
    return {{"id", row.id},
            {"examId", row.examId},
            {"patientId", row.patientId},
            {"accessionNumber", accessionNumber},
            {"patientName", patientName},
            {"roomId", row.roomId},
            {"roomName", roomName},
            {"date", row.date},
            {"start", sch::formatClock(row.startMinute)},
            {"end", sch::formatClock(row.endMinute)},
            {"method", row.methodId},
            {"bodyParts", row.bodyPartIds},
            {"status", row.status},
            {"channel", row.channel},
            {"precautions", row.precautions},
            {"patientSource", row.patientSource},
            {"priority", row.priority},
            {"createdAt", row.createdAt},
            {"createdBy", row.createdBy},
            {"cancelledAt", row.cancelledAt ? json(*row.cancelledAt) : json(nullptr)},
            {"cancelReason", row.cancelReason ? json(*row.cancelReason) : json(nullptr)}};
}

json recommendationJson(const sch::Recommendation& answer, const sch::SchedulingConfig& config)
{
    json combinations = json::array();
    for (const auto& c : answer.combinations) {
        json proposals = json::array();
        for (const auto& p : c.proposals) {
            const auto* room = config.room(p.slot.roomId);
            proposals.push_back({{"examId", examIdJson(p.examId)},
                                 {"roomId", p.slot.roomId},
                                 {"roomName", room ? room->name : p.slot.roomId},
                                 {"date", core::formatIsoDate(p.slot.date)},
                                 {"start", sch::formatClock(p.slot.startMinute)},
                                 {"end", sch::formatClock(p.endMinute)},
                                 {"durationMinutes", p.durationMinutes},
                                 {"precautions", p.precautions}});
        }
        combinations.push_back({{"proposals", proposals},
                                {"visits", c.visits},
                                {"waitingMinutes", c.waitingMinutes},
                                {"cost", c.cost}});
    }
    return {{"combinations", combinations}, {"refusals", refusalsJson(answer.refusals)}};
}

json windowsJson(const std::vector<sch::ExamWindows>& exams)
{
    json out = json::array();
    for (const auto& e : exams) {
        json windows = json::array();
        for (const auto& w : e.windows)
            windows.push_back({{"roomId", w.roomId},
                               {"date", core::formatIsoDate(w.date)},
                               {"earliest", sch::formatClock(w.earliestStartMinute)},
                               {"latest", sch::formatClock(w.latestStartMinute)},
                               {"stepMinutes", w.stepMinutes}});
        out.push_back({{"examId", examIdJson(e.examId)},
                       {"durationMinutes", e.durationMinutes},
                       {"precautions", e.precautions},
                       {"windows", windows},
                       {"refusals", refusalsJson(e.refusals)}});
    }
    return out;
}

json roomStopJson(const sch::RoomStopResult& result, store::Database& db,
                  const std::function<std::string(const std::string&)>& roomName)
{
    store::PatientRepository patients(db);
    json notices = json::array();
    for (const auto& n : result.notices) {
        const auto patient = patients.find(n.patientId);
        json moved = nullptr;
        if (n.newSlot) {
            moved = slotJson(*n.newSlot);
            moved["roomName"] = roomName(n.newSlot->roomId);
            moved["end"] = sch::formatClock(n.newEndMinute);
        }
        auto old = slotJson(n.oldSlot);
        old["roomName"] = roomName(n.oldSlot.roomId);
        notices.push_back({{"bookingId", n.bookingId},
                           {"examId", examIdJson(n.examId)},
                           {"patientId", n.patientId},
                           {"patientName", patient ? patient->name : std::string()},
                           {"phone", patient && patient->phone ? json(*patient->phone) : json(nullptr)},
                           {"old", old},
                           {"new", moved},
                           {"reasons", refusalsJson(n.reasons)}});
    }
    const auto& s = result.stop;
    return {{"stop",
             {{"id", s.id},
              {"roomId", s.roomId},
              {"from", core::formatIsoDate(s.from)},
              {"to", core::formatIsoDate(s.to)},
              {"reason", s.reason}}},
            {"notices", notices}};
}

} // namespace lumen::server
