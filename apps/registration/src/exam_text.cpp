#include "exam_text.h"

#include "lumen/ui/error_text.h"

#include <QStringList>

namespace lumen::registration {

QString ExamText::status(core::ExamStatus s)
{
    using S = core::ExamStatus;
    switch (s) {
    case S::Requested:
        return tr("Requested");
    case S::Booked:
        return tr("Booked");
    case S::CheckedIn:
        return tr("Checked in");
    case S::Called:
        return tr("Called");
    case S::InProgress:
        return tr("In progress");
    case S::Examined:
        return tr("Examined");
    case S::ImagesReceived:
        return tr("Images received");
    case S::Reported:
        return tr("Reported");
    case S::Approved:
        return tr("Approved");
    case S::Printed:
        return tr("Printed");
    case S::ReleasedToClinic:
        return tr("Sent to clinic");
    case S::Cancelled:
        return tr("Cancelled");
    case S::NoShow:
        return tr("No-show");
    }
    return {};
}

QString ExamText::department(core::Department d)
{
    using D = core::Department;
    switch (d) {
    case D::Radiology:
        return tr("Radiology");
    case D::Ultrasound:
        return tr("Ultrasound");
    case D::Endoscopy:
        return tr("Endoscopy");
    case D::Ecg:
        return tr("ECG");
    case D::Other:
        return tr("Other");
    }
    return {};
}

QString ExamText::source(core::PatientSource s)
{
    using P = core::PatientSource;
    switch (s) {
    case P::Outpatient:
        return tr("Outpatient");
    case P::Inpatient:
        return tr("Inpatient");
    case P::Emergency:
        return tr("Emergency");
    case P::PhysicalExam:
        return tr("Physical exam");
    }
    return {};
}

QString ExamText::priority(core::ExamPriority p)
{
    using P = core::ExamPriority;
    switch (p) {
    case P::Routine:
        return tr("Routine");
    case P::Urgent:
        return tr("Urgent");
    case P::Emergency:
        return tr("Emergency", "priority");
    }
    return {};
}

QString ExamText::bookingStatus(const QString& code)
{
    if (code == QLatin1String("booked"))
        return tr("Booked");
    if (code == QLatin1String("checked_in"))
        return tr("Checked in");
    if (code == QLatin1String("no_show"))
        return tr("No-show");
    if (code == QLatin1String("cancelled"))
        return tr("Cancelled");
    return code;
}

QString ExamText::refusal(const client::Refusal& r)
{
    const QString& c = r.code;
    QString sentence;
    if (c == QLatin1String("unknown_exam_method"))
        sentence = tr("The exam method is not in the appointment catalogue.");
    else if (c == QLatin1String("unknown_body_part"))
        sentence = tr("The body part is not in the appointment catalogue.");
    else if (c == QLatin1String("unknown_room"))
        sentence = tr("No such exam room.");
    else if (c == QLatin1String("unknown_booking"))
        sentence = tr("The booking no longer exists.");
    else if (c == QLatin1String("booking_not_changeable"))
        sentence =
            tr("The booking can no longer be changed: the patient has checked in or was marked absent.");
    else if (c == QLatin1String("patient_blacklisted"))
        sentence = tr("The patient missed too many appointments and may not book by self-service.");
    else if (c == QLatin1String("room_cannot_perform_method"))
        sentence = tr("This room does not perform this exam method.");
    else if (c == QLatin1String("exam_too_long_for_room"))
        sentence = tr("The exam takes longer than this room allows.");
    else if (c == QLatin1String("item_room_not_allowed"))
        sentence = tr("This exam may not be booked in this room.");
    else if (c == QLatin1String("item_channel_not_allowed"))
        sentence = tr("This exam may not be booked through this channel.");
    else if (c == QLatin1String("request_department_not_allowed"))
        sentence = tr("The requesting department may not book this exam here.");
    else if (c == QLatin1String("request_source_not_allowed"))
        sentence = tr("Patients of this source (outpatient, inpatient...) may not book this exam here.");
    else if (c == QLatin1String("request_sex_not_allowed"))
        sentence = tr("This exam is not booked here for the patient's sex.");
    else if (c == QLatin1String("request_age_not_allowed"))
        sentence = tr("The patient's age is outside what this exam allows here.");
    else if (c == QLatin1String("request_priority_too_low"))
        sentence = tr("The exam's priority is too low for this slot.");
    else if (c == QLatin1String("holiday"))
        sentence = tr("The room is closed on this holiday.");
    else if (c == QLatin1String("room_stopped"))
        sentence = tr("The room is stopped on this day.");
    else if (c == QLatin1String("room_closed_that_day"))
        sentence = tr("The room is closed on this day.");
    else if (c == QLatin1String("beyond_booking_horizon"))
        sentence = tr("The day is too far ahead to book.");
    else if (c == QLatin1String("time_weekday_not_allowed"))
        sentence = tr("This exam is not done on this weekday.");
    else if (c == QLatin1String("slot_in_past"))
        sentence = tr("The time has already passed.");
    else if (c == QLatin1String("outside_opening_hours"))
        sentence = tr("The time is outside the room's opening hours.");
    else if (c == QLatin1String("misaligned_start"))
        sentence = tr("The start time does not fit the room's time step.");
    else if (c == QLatin1String("time_of_day_not_allowed"))
        sentence = tr("This exam is not done at this time of day.");
    else if (c == QLatin1String("fasting_needs_morning"))
        sentence = tr("The exam needs fasting and must start early in the morning.");
    else if (c == QLatin1String("slot_taken"))
        sentence = tr("The room is already taken at this time.");
    else if (c == QLatin1String("outpatient_quota_full"))
        sentence = tr("The outpatient quota of this period is full.");
    else if (c == QLatin1String("inpatient_quota_full"))
        sentence = tr("The inpatient quota of this period is full.");
    else if (c == QLatin1String("total_quota_full"))
        sentence = tr("The quota of this period is full.");
    else if (c == QLatin1String("patient_already_busy"))
        sentence = tr("The patient has another exam at this time.");
    else if (c == QLatin1String("relation_exclusion"))
        sentence = tr("This exam must be further apart from another exam of the patient.");
    else if (c == QLatin1String("relation_order"))
        sentence = tr("This exam must come after another exam of the patient.");
    else if (c == QLatin1String("preference_not_met"))
        sentence = tr("No slot matches the chosen preferences.");
    else if (c == QLatin1String("no_feasible_combination"))
        sentence = tr("No slot could be found for these exams together.");
    else
        sentence = r.message.isEmpty() ? c : r.message;
    if (!r.ruleId.isEmpty())
        sentence += QStringLiteral(" (%1)").arg(r.ruleId);
    return sentence;
}

QString ExamText::refusals(const std::vector<client::Refusal>& list)
{
    QStringList lines;
    for (const auto& r : list) {
        const QString line = refusal(r);
        if (!lines.contains(line))
            lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

QString ExamText::bookingError(const client::ApiError& error)
{
    const auto list = client::refusalsOf(error);
    if (!list.empty())
        return tr("The slot was refused:") + QLatin1Char('\n') + refusals(list);
    if (error.code == QLatin1String("not_bookable"))
        return tr("The exam cannot be booked in its current status (only requested exams are booked).");
    if (error.code == QLatin1String("booking_not_changeable"))
        return tr("The booking can no longer be changed: the patient has checked in or was marked absent.");
    return ui::ErrorText::describe(error);
}

QString ExamText::items(const core::Exam& exam)
{
    QStringList parts;
    QString method;
    for (const auto& item : exam.items) {
        const QString m = QString::fromStdString(item.method);
        const QString b = QString::fromStdString(item.bodyPart);
        if (m == method)
            parts.last() += QStringLiteral(" + ") + b;
        else
            parts << (b.isEmpty() ? m : m + QLatin1Char(' ') + b);
        method = m;
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace lumen::registration
