#pragma once
// The right-hand side of the registration window: the form with a header and the save
// flow (create or patch, duplicate prompts, server errors mapped onto the fields).
#include "lumen/client/api_error.h"
#include "lumen/core/patient.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class PatientForm;

class PatientEditor : public QWidget
{
    Q_OBJECT
public:
    explicit PatientEditor(client::ApiClient& client, QWidget* parent = nullptr);

    PatientForm* form() const { return m_form; }
    QString messageText() const;
    bool isSaving() const { return m_saving; }
    // The stored patient being edited, or nullopt for a new registration.
    std::optional<core::Patient> currentPatient() const;

    // Each asks before throwing away unsaved changes; false when the user kept them.
    bool newPatient();
    // `askFirst` false when the user already chose to leave the form (e.g. "Open existing").
    bool openPatient(core::PatientId id, bool askFirst = true);
    bool showPatient(const core::Patient& patient);
    void save();
    // Esc: back to the stored values (or an empty form for a new registration).
    void cancelEditing();
    bool confirmDiscardChanges();

    void setPermissions(bool canWrite, bool canSetConfidential);

signals:
    void patientSaved(const lumen::core::Patient& patient);
    // Another patient was loaded (or a new registration started).
    void currentPatientChanged();
    void savingChanged(bool saving);

protected:
    void changeEvent(QEvent* event) override;

private:
    void load(const core::Patient& patient);
    void create(const core::Patient& patient, bool confirmDuplicate);
    void update(const core::Patient& patient);
    void onSaved(const core::Patient& patient, bool created);
    void onSaveFailed(const client::ApiError& error, const core::Patient& patient);
    void offerToOpen(core::PatientId id, const QString& question);
    void setSaving(bool saving);
    void showMessage(const QString& text, bool isError);
    void retranslateUi();

    client::ApiClient& m_client;
    QLabel* m_header = nullptr;
    QLabel* m_message = nullptr;
    QScrollArea* m_scroll = nullptr;
    PatientForm* m_form = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_cancel = nullptr;
    bool m_saving = false;
    bool m_canWrite = false;
};

} // namespace lumen::registration
