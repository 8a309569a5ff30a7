#pragma once
// Words for the codes of exams and bookings in the interface language: statuses, departments,
// patient sources, priorities, booking states and the appointment engine's refusal codes.
#include "lumen/client/api_error.h"
#include "lumen/client/booking_types.h"
#include "lumen/core/exam.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace lumen::registration {

class ExamText
{
    Q_DECLARE_TR_FUNCTIONS(lumen::registration::ExamText)
public:
    static QString status(core::ExamStatus status);
    static QString department(core::Department department);
    static QString source(core::PatientSource source);
    static QString priority(core::ExamPriority priority);
    static QString bookingStatus(const QString& code);
    // One refusal as a sentence ("The outpatient quota of this period is full (CT1/...)").
    static QString refusal(const client::Refusal& refusal);
    // Several refusals, one per line, each named once.
    static QString refusals(const std::vector<client::Refusal>& refusals);
    // A failed booking call: the refusals when the engine gave some, else the error in words.
    static QString bookingError(const client::ApiError& error);
    // "CT平扫 胸部 + 上腹部" style summary of an exam's items.
    static QString items(const core::Exam& exam);
};

} // namespace lumen::registration
