#pragma once
// Asked when the server answers 409 possible_duplicate: shows the patients with the same
// name and birth date and lets the nurse open one of them or register the new one anyway.
#include "lumen/core/patient.h"

#include <QDialog>

#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace lumen::registration {

class DuplicateDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice { Cancelled, OpenExisting, RegisterAnyway };

    DuplicateDialog(const core::Patient& entered, std::vector<core::Patient> candidates,
                    QWidget* parent = nullptr);

    Choice choice() const { return m_choice; }
    // The candidate to open when choice() is OpenExisting.
    core::PatientId chosenPatientId() const;

    // Reads details.candidates of the 409 answer; empty when absent or malformed.
    static std::vector<core::Patient> candidatesFromDetails(const QByteArray& detailsJson);

private:
    void finishWith(Choice choice);

    std::vector<core::Patient> m_candidates;
    QTableWidget* m_table = nullptr;
    QPushButton* m_open = nullptr;
    Choice m_choice = Cancelled;
};

} // namespace lumen::registration
