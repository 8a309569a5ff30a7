#pragma once
// The registration form: every patient field of API v1, each with a message label beside
// it that says in words what is wrong (core::validatePatient as the user types, or the
// server's refusal). A valid national ID fills in sex and birth date. No network here.
#include "lumen/core/patient.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QGroupBox;
class QLabel;
class QLineEdit;

namespace lumen::registration {

class PatientForm : public QWidget
{
    Q_OBJECT
public:
    // Wire names of the fields, in form order.
    static const QStringList& fields();

    explicit PatientForm(QWidget* parent = nullptr);

    // An empty form for a new registration.
    void clear();
    // Shows a stored patient; edits are compared against it.
    void setPatient(const core::Patient& patient);
    bool isNew() const { return m_original.id == 0; }
    const core::Patient& original() const { return m_original; }

    // The values as typed (not normalised); id and version come from the loaded patient.
    core::Patient patient() const;
    // Shows every problem; returns the normalised patient when there is none, else focuses
    // the first field with a problem and returns nullopt.
    std::optional<core::Patient> validatedPatient();
    // Wire names of the fields whose normalised value differs from the loaded patient.
    std::vector<std::string> changedFields() const;
    bool isModified() const;

    // A problem the server reported for `field`; it stays until the field is edited.
    void setServerError(const QString& field, const QString& message);
    void clearServerErrors();
    // The message shown beside `field` now (empty when none).
    QString fieldMessage(const QString& field) const;
    QWidget* editor(const QString& field) const;

    void setEditable(bool editable);
    void setConfidentialAllowed(bool allowed);
    void focusFirstField();

signals:
    void modifiedChanged(bool modified);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row
    {
        QLabel* label = nullptr;
        QWidget* editor = nullptr;
        QLabel* message = nullptr;
    };

    void addRow(QGridLayout* grid, int& row, const QString& field, QWidget* editor, QWidget* extra = nullptr);
    void onEdited(const QString& field);
    void fillFromNationalId();
    void updateAge();
    // Refreshes every message label; returns the number of problems (shown or not).
    int revalidate();
    void setMessage(const QString& field, const QString& text, bool isError);
    void retranslateUi();
    QLineEdit* lineEdit(const QString& field) const;

    QHash<QString, Row> m_rows;
    QGroupBox* m_personal = nullptr;
    QGroupBox* m_numbers = nullptr;
    QComboBox* m_sex = nullptr;
    QLabel* m_age = nullptr;
    QCheckBox* m_confidential = nullptr;
    core::Patient m_original;
    QSet<QString> m_touched;
    QHash<QString, QString> m_serverErrors;
    QHash<QString, QString> m_notes;
    bool m_showAll = false;
    bool m_editable = true;
    bool m_confidentialAllowed = false;
    bool m_lastModified = false;
};

} // namespace lumen::registration
