#pragma once
// Merging a duplicate record into the record kept: both chosen by search, compared side by
// side, merged only after an explicit confirmation, and undoable (unmerge) from here.
#include "lumen/client/api_types.h"
#include "lumen/core/patient.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class PatientPicker;

class MergeDialog : public QDialog
{
    Q_OBJECT
public:
    MergeDialog(client::ApiClient& client, const std::optional<core::Patient>& keep,
                QWidget* parent = nullptr);

signals:
    // After a merge or its undo; the window refreshes what it shows.
    void patientsChanged(core::PatientId keptId);

private:
    void updateComparison();
    void merge();
    void undoMerge();
    void showMessage(const QString& text, bool isError);

    client::ApiClient& m_client;
    PatientPicker* m_source = nullptr;
    PatientPicker* m_target = nullptr;
    QTableWidget* m_compare = nullptr;
    QCheckBox* m_confirm = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_merge = nullptr;
    QPushButton* m_undo = nullptr;
    QPushButton* m_swap = nullptr;
    std::optional<client::MergeResult> m_done;
    bool m_busy = false;
};

} // namespace lumen::registration
