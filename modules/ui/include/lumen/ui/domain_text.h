#pragma once
// Words for domain codes in the interface language: roles, sexes, patient fields, and the
// problems core::validatePatient reports.
#include "lumen/core/date.h"
#include "lumen/core/national_id.h"
#include "lumen/core/patient.h"
#include "lumen/core/sex.h"

#include <QCoreApplication>
#include <QString>

namespace lumen::ui {

class DomainText
{
    Q_DECLARE_TR_FUNCTIONS(lumen::ui::DomainText)
public:
    static QString roleName(const QString& role);
    static QString departmentName(const QString& department);
    static QString sexName(core::Sex sex);
    // Label of a patient field given its wire name, e.g. "medicalCardNo" -> "Medical card no.".
    static QString fieldLabel(const QString& field);
    static QString nationalIdProblem(core::NationalIdProblem problem);
    // One problem of core::validatePatient, as a sentence for the field's message label.
    static QString problem(const core::FieldProblem& problem, const core::Patient& patient);
    // "45 y", "3 mo", "12 d" (Chinese: 45岁, 3个月, 12天).
    static QString age(const core::Date& birthDate, const core::Date& today);
    static QString historyAction(const QString& action);
};

} // namespace lumen::ui
