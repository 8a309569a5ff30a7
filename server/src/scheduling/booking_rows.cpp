#include "scheduling/booking_rows.h"

#include "lumen/core/date.h"
#include "lumen/scheduling/scheduling_engine.h"

#include <algorithm>

namespace lumen::server {

namespace sch = lumen::scheduling;

sch::ExamRequest examRequestOf(const core::Exam& exam)
{
    sch::ExamRequest r;
    r.examId = std::to_string(exam.id);
    if (!exam.items.empty())
        r.methodId = exam.items.front().method;
    for (const auto& item : exam.items)
        if (std::find(r.bodyPartIds.begin(), r.bodyPartIds.end(), item.bodyPart) == r.bodyPartIds.end())
            r.bodyPartIds.push_back(item.bodyPart);
    return r;
}

sch::RequestContext contextOf(const core::Exam& exam, const core::Patient& patient,
                              sch::BookingChannel channel)
{
    sch::RequestContext c;
    c.patient = {patient.id, patient.sex, patient.birthDate, exam.patientSource};
    c.requestingDepartment = exam.requestingDepartment.value_or("");
    c.priority = exam.priority;
    c.channel = channel;
    return c;
}

namespace {

sch::BookingStatus bookingStatusOf(const std::string& code)
{
    if (code == "checked_in")
        return sch::BookingStatus::CheckedIn;
    if (code == "no_show")
        return sch::BookingStatus::NoShow;
    return sch::BookingStatus::Booked;
}

} // namespace

store::BookingRow rowOf(const sch::Booking& b, core::ExamId examId, const std::string& createdAt,
                        const std::string& createdBy)
{
    store::BookingRow r;
    r.id = b.id;
    r.examId = examId;
    r.patientId = b.context.patient.id;
    r.roomId = b.roomId;
    r.date = core::formatIsoDate(b.date);
    r.startMinute = b.startMinute;
    r.endMinute = b.endMinute;
    r.methodId = b.exam.methodId;
    r.bodyPartIds = b.exam.bodyPartIds;
    r.groupId = b.groupId;
    r.precautions = b.precautions;
    r.status = std::string(sch::toCode(b.status));
    r.channel = std::string(sch::toCode(b.context.channel));
    r.patientSex = std::string(core::toCode(b.context.patient.sex));
    if (b.context.patient.birthDate)
        r.patientBirthDate = core::formatIsoDate(*b.context.patient.birthDate);
    r.patientSource = std::string(sch::toCode(b.context.patient.source));
    r.requestingDepartment = b.context.requestingDepartment;
    r.priority = std::string(sch::toCode(b.context.priority));
    r.createdAt = createdAt;
    r.createdBy = createdBy;
    return r;
}

sch::Booking bookingOf(const store::BookingRow& r)
{
    sch::Booking b;
    b.id = r.id;
    b.context.patient.id = r.patientId;
    b.context.patient.sex = core::sexFromCode(r.patientSex).value_or(core::Sex::Unknown);
    if (r.patientBirthDate)
        b.context.patient.birthDate = core::parseIsoDate(*r.patientBirthDate);
    b.context.patient.source = sch::sourceFromCode(r.patientSource).value_or(sch::PatientSource::Outpatient);
    b.context.requestingDepartment = r.requestingDepartment;
    b.context.priority = sch::priorityFromCode(r.priority).value_or(sch::Priority::Routine);
    b.context.channel = sch::channelFromCode(r.channel).value_or(sch::BookingChannel::RegistrationDesk);
    b.exam = {std::to_string(r.examId), r.methodId, r.bodyPartIds};
    b.roomId = r.roomId;
    b.date = core::parseIsoDate(r.date).value_or(core::Date{1970, 1, 1});
    b.startMinute = r.startMinute;
    b.endMinute = r.endMinute;
    b.groupId = r.groupId;
    b.precautions = r.precautions;
    b.status = bookingStatusOf(r.status);
    return b;
}

sch::Booking slotGivenByHand(const core::Exam& exam, const core::Patient& patient,
                             std::chrono::system_clock::time_point start, const sch::SchedulingConfig& config)
{
    const auto local = sch::localMinuteAt(start, config.utcOffsetMinutes);
    sch::Booking b;
    b.context = contextOf(exam, patient, sch::BookingChannel::RegistrationDesk);
    b.exam = examRequestOf(exam);
    b.roomId = exam.room.value_or("");
    b.date = sch::dateOf(sch::dayOfMinute(local));
    b.startMinute = sch::minuteOfDay(local);
    b.endMinute = std::min(sch::kMinutesPerDay, b.startMinute + config.catalogue.durationMinutes(b.exam));
    if (const auto* method = config.catalogue.method(b.exam.methodId))
        b.groupId = method->groupId;
    b.precautions = config.catalogue.precautions(b.exam);
    return b;
}

} // namespace lumen::server
