#pragma once
// Picks one patient by searching: a query field, the matches, and the chosen one.
#include "lumen/core/patient.h"

#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class PatientPicker : public QWidget
{
    Q_OBJECT
public:
    explicit PatientPicker(client::ApiClient& client, QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void setPatient(const core::Patient& patient);
    const std::optional<core::Patient>& patient() const { return m_patient; }
    QLineEdit* queryField() const { return m_query; }

signals:
    void patientChanged();

private:
    void search();

    client::ApiClient& m_client;
    QLabel* m_title = nullptr;
    QLineEdit* m_query = nullptr;
    QListWidget* m_matches = nullptr;
    QLabel* m_status = nullptr;
    std::vector<core::Patient> m_found;
    std::optional<core::Patient> m_patient;
};

} // namespace lumen::registration
