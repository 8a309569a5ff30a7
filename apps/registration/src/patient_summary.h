#pragma once
// A printable one-page registration summary of a patient.
#include "lumen/core/patient.h"

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace lumen::registration {

class PatientSummary
{
    Q_DECLARE_TR_FUNCTIONS(lumen::registration::PatientSummary)
public:
    static QString html(const core::Patient& patient);
    // Opens a print preview; printing goes through the system's printer dialog.
    static void preview(const core::Patient& patient, QWidget* parent);
};

} // namespace lumen::registration
