#include "scheduling_fixture.h"

#include <algorithm>

namespace lumen::scheduling::testing {

namespace {
std::array<std::vector<Segment>, 7> weekly(const std::vector<Segment>& weekday,
                                           const std::vector<Segment>& saturday,
                                           const std::vector<Segment>& sunday)
{
    std::array<std::vector<Segment>, 7> hours;
    for (int d = 0; d < 5; ++d)
        hours[std::size_t(d)] = weekday;
    hours[5] = saturday;
    hours[6] = sunday;
    return hours;
}

Room room(std::string id, std::vector<std::string> methods, std::array<std::vector<Segment>, 7> hours,
          int step)
{
    Room r;
    r.id = std::move(id);
    r.name = r.id;
    r.methodIds = std::move(methods);
    r.hours = std::move(hours);
    r.slotStepMinutes = step;
    return r;
}

ExamSelector methods(std::vector<std::string> ids)
{
    return ExamSelector{std::move(ids), {}, {}};
}
} // namespace

LocalMinute mondayAt(int hour, int minute)
{
    return localMinute(dayNumber(kMonday), at(hour, minute));
}

SchedulingConfig richConfig()
{
    SchedulingConfig config;
    auto& catalogue = config.catalogue;
    catalogue.addMethod({"US_ABD", "Abdominal ultrasound", "US", 15, "Fast for 8 hours before the exam."});
    catalogue.addMethod({"US_THY", "Thyroid ultrasound", "US", 10, ""});
    catalogue.addMethod({"GYN_US", "Transvaginal ultrasound", "GYN", 15, "Empty the bladder."});
    catalogue.addMethod({"CT_PLAIN", "CT plain scan", "CT", 10, "Remove metal objects."});
    catalogue.addMethod({"CT_ENH", "CT with contrast", "CT", 20, "Bring a companion; iodinated contrast."});
    catalogue.addMethod({"MR", "MR scan", "MR", 30, "No pacemaker or metal implants."});
    catalogue.addMethod({"BARIUM", "Barium meal", "GI", 30, "Fast from midnight."});
    catalogue.addMethod({"DR", "Radiograph", "DR", 5, ""});
    catalogue.addBodyPart({"ABDOMEN", "Abdomen", 1.5, "Fasting required."});
    catalogue.addBodyPart({"CHEST", "Chest", 1.0, ""});
    catalogue.addBodyPart({"HEAD", "Head", 0.8, ""});
    catalogue.addBodyPart({"THYROID", "Thyroid", 1.0, ""});
    catalogue.addBodyPart({"PELVIS", "Pelvis", 1.2, "Full bladder."});
    catalogue.addBodyPart({"KNEE", "Knee", 1.0, ""});
    catalogue.addBodyPart({"UPPER_GI", "Upper GI tract", 1.0, ""});
    catalogue.setCoefficient("MR", "ABDOMEN", 2.0);

    const std::vector<Segment> usDay{{at(8), at(12), {}}, {at(13, 30), at(17), {}}};
    auto us1 = room("US-1", {"US_ABD", "US_THY", "GYN_US"}, weekly(usDay, {{at(8), at(12), {}}}, {}), 5);
    // Monday morning of US-1 is the quota test bed.
    us1.hours[0][0].quotas = {{"", "", 2, 1, 3}, {"Q-US1-GYN", "GYN", kNoLimit, kNoLimit, 1}};
    config.rooms.push_back(us1);
    config.rooms.push_back(
        room("US-2", {"US_ABD", "US_THY", "GYN_US"}, weekly(usDay, {{at(8), at(12), {}}}, {}), 5));

    const std::vector<Segment> ctDay{{at(8), at(12), {}}, {at(13), at(17), {}}};
    config.rooms.push_back(room("CT-1", {"CT_PLAIN", "CT_ENH"}, weekly(ctDay, ctDay, ctDay), 1));
    config.rooms.push_back(room("CT-2", {"CT_PLAIN", "CT_ENH"}, weekly(ctDay, {}, {}), 10));
    auto mr = room("MR-1", {"MR"}, weekly({{at(8), at(12), {}}, {at(13), at(20), {}}}, {}, {}), 5);
    mr.maxExamMinutes = 60;
    config.rooms.push_back(mr);
    config.rooms.push_back(room("GI-1", {"BARIUM"}, weekly({{at(8), at(11), {}}}, {}, {}), 5));
    auto dr = room("DR-1", {"DR"}, weekly({{at(8), at(17), {}}}, {}, {}), 1);
    dr.bookableDaysAhead = 3;
    config.rooms.push_back(dr);
    const std::vector<Segment> allDay{{0, kMinutesPerDay, {}}};
    auto emergency = room("CT-E", {"CT_PLAIN"}, weekly(allDay, allDay, allDay), 1);
    emergency.closedOnHolidays = false;
    config.rooms.push_back(emergency);

    config.holidays.addHoliday({kHoliday, "Hospital founding day"});
    config.holidays.addSwappedWorkday({kSwappedSunday, Weekday::Friday});

    auto& rules = config.rules;
    rules.itemRules.push_back({"ITEM-CT-ENH-ROOM", methods({"CT_ENH"}), {"CT-1"}, {}, 0});
    rules.itemRules.push_back(
        {"ITEM-MR-DESK",
         methods({"MR"}),
         {},
         {BookingChannel::Clinic, BookingChannel::RegistrationDesk, BookingChannel::ServiceDesk},
         10});
    rules.timeRules.push_back(
        {"TIME-ENH-WEEKDAYS",
         methods({"CT_ENH"}),
         {},
         {Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday},
         {},
         0,
         kMinutesPerDay});
    rules.timeRules.push_back(
        {"TIME-THY-AFTERNOON", methods({"US_THY"}), {}, {}, {DayPart::Afternoon}, 0, kMinutesPerDay});

    RequestRule gyn;
    gyn.id = "REQ-GYN-FEMALE";
    gyn.exams = methods({"GYN_US"});
    gyn.sexes = {core::Sex::Female};
    rules.requestRules.push_back(gyn);
    RequestRule mrDepartments;
    mrDepartments.id = "REQ-MR-DEPTS";
    mrDepartments.exams = methods({"MR"});
    mrDepartments.departments = {"Neurology", "Orthopaedics", "Oncology"};
    rules.requestRules.push_back(mrDepartments);
    RequestRule mrAge;
    mrAge.id = "REQ-MR-AGE";
    mrAge.exams = methods({"MR"});
    mrAge.minAgeYears = 6;
    rules.requestRules.push_back(mrAge);
    RequestRule ct2Sources;
    ct2Sources.id = "REQ-CT2-OUTPATIENT";
    ct2Sources.roomIds = {"CT-2"};
    ct2Sources.sources = {PatientSource::Outpatient, PatientSource::PhysicalExam};
    rules.requestRules.push_back(ct2Sources);
    RequestRule emergencyOnly;
    emergencyOnly.id = "REQ-CTE-URGENT";
    emergencyOnly.roomIds = {"CT-E"};
    emergencyOnly.minimumPriority = Priority::Urgent;
    rules.requestRules.push_back(emergencyOnly);

    rules.fastingRules.push_back({"FAST-US-ABD", methods({"US_ABD"}), at(10, 30)});
    rules.fastingRules.push_back({"FAST-BARIUM", methods({"BARIUM"}), at(10)});
    rules.exclusionRules.push_back({"EXCL-CT-ENH-MR", methods({"CT_ENH"}), methods({"MR"}), 24 * 60});
    rules.orderRules.push_back({"ORDER-US-BARIUM", methods({"US_ABD"}), methods({"BARIUM"}), 0});
    rules.orderRules.push_back({"ORDER-CT-BARIUM", ExamSelector{{}, {"CT"}, {}}, methods({"BARIUM"}), 0});
    return config;
}

RequestContext outpatient(core::PatientId id, BookingChannel channel)
{
    return patientOf(id, PatientSource::Outpatient, channel);
}

RequestContext patientOf(core::PatientId id, PatientSource source, BookingChannel channel)
{
    RequestContext context;
    context.patient.id = id;
    context.patient.sex = id % 2 ? core::Sex::Male : core::Sex::Female;
    context.patient.birthDate = core::Date{1970 + int(id % 40), 3, 15};
    context.patient.source = source;
    context.requestingDepartment = "Neurology";
    context.channel = channel;
    return context;
}

ExamRequest exam(std::string examId, std::string methodId, std::vector<std::string> bodyParts)
{
    return ExamRequest{std::move(examId), std::move(methodId), std::move(bodyParts)};
}

BookingRequest request(const RequestContext& context, const ExamRequest& exam, std::string roomId,
                       const core::Date& date, int startMinute)
{
    return BookingRequest{context, exam, SlotChoice{std::move(roomId), date, startMinute}};
}

std::vector<std::string> codes(const std::vector<Refusal>& refusals)
{
    std::vector<std::string> out;
    for (const auto& r : refusals)
        out.emplace_back(r.codeText());
    return out;
}

bool hasRefusal(const std::vector<Refusal>& refusals, ReasonCode code, const std::string& ruleId)
{
    return std::any_of(refusals.begin(), refusals.end(), [&](const Refusal& r) {
        return r.code == code && r.ruleId == ruleId && !r.message.empty();
    });
}

} // namespace lumen::scheduling::testing
