#pragma once
// The form of one HIS code dictionary row: add a row or edit one. The server checks it; its
// messages appear beside the field they name. A row changed by someone else meanwhile (stale
// version) is said in words, with "Reload" to start again from what is stored.
#include "lumen/core/his_code_mapping.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace lumen::client {
class ApiClient;
struct ApiError;
} // namespace lumen::client

namespace lumen::registration {

class DictionaryRowDialog : public QDialog
{
    Q_OBJECT
public:
    // `row.id` 0: a new row.
    DictionaryRowDialog(client::ApiClient& client, const core::HisCodeMapping& row,
                        QWidget* parent = nullptr);

    core::HisCodeMapping edited() const;
    // The row as stored after a successful save.
    const core::HisCodeMapping& saved() const { return m_saved; }
    // The message beside `field` (wire name: hisCode, method, ...); empty when none.
    QString fieldMessage(const QString& field) const;
    QString statusText() const;

    QLineEdit* hisSystemEdit() const { return m_hisSystem; }
    QComboBox* kindCombo() const { return m_kind; }
    QLineEdit* hisCodeEdit() const { return m_hisCode; }
    QLineEdit* hisNameEdit() const { return m_hisName; }
    QLineEdit* methodEdit() const { return m_method; }
    QLineEdit* bodyPartEdit() const { return m_bodyPart; }
    QComboBox* departmentCombo() const { return m_department; }
    QLineEdit* modalityEdit() const { return m_modality; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* reloadButton() const { return m_reload; }

public slots:
    void save();

signals:
    void rowSaved(const core::HisCodeMapping& row);

private:
    void fill(const core::HisCodeMapping& row);
    void clearMessages();
    void showError(const client::ApiError& error);
    void reload();
    void updateKind();
    void setBusy(bool busy);

    client::ApiClient& m_client;
    core::HisCodeMapping m_row;
    core::HisCodeMapping m_saved;
    QLineEdit* m_hisSystem = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_hisCode = nullptr;
    QLineEdit* m_hisName = nullptr;
    QLineEdit* m_method = nullptr;
    QLineEdit* m_bodyPart = nullptr;
    QComboBox* m_department = nullptr;
    QLineEdit* m_modality = nullptr;
    QHash<QString, QLabel*> m_messages;
    QLabel* m_status = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_reload = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace lumen::registration
