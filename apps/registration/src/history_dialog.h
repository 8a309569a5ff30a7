#pragma once
// The change history of one patient record (GET /patients/{id}/history), newest first,
// with "Undo merge" for a merge that is still in effect.
#include "lumen/client/api_types.h"
#include "lumen/core/patient.h"

#include <QDialog>
#include <QHash>

#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class HistoryDialog : public QDialog
{
    Q_OBJECT
public:
    HistoryDialog(client::ApiClient& client, const core::Patient& patient, QWidget* parent = nullptr);

    // "Phone: 13800138000 -> 13900139000" lines for the fields that differ; `names` gives
    // the names of patients that merge entries refer to by record number.
    static QStringList describeChanges(const client::HistoryEntry& entry,
                                       const QHash<core::PatientId, QString>& names = {});
    // The patient merged in by this entry when that merge has not been undone since
    // (entries are newest first); 0 otherwise.
    static core::PatientId undoableMergeSource(const std::vector<client::HistoryEntry>& entries,
                                               std::size_t index);

signals:
    void patientsChanged();

private:
    void load();
    void showEntries(const std::vector<client::HistoryEntry>& entries);
    void undoSelectedMerge();
    void updateUndoButton();
    void fetchMergedNames();

    client::ApiClient& m_client;
    core::Patient m_patient;
    std::vector<client::HistoryEntry> m_entries;
    QHash<core::PatientId, QString> m_names;
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_undo = nullptr;
};

} // namespace lumen::registration
