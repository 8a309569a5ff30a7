#pragma once
// The HIS code dictionary (检查项目对照): which HIS exam item and body part codes mean which of
// Lumen's exam methods and body parts. Filter by kind and HIS system, search by code or name;
// users with exam.dictionary add, edit and delete rows, everyone else reads.
// req: 000 §2.3.6.4 dictionary mapping HIS items and parts to RIS methods and parts, editable
#include "lumen/core/his_code_mapping.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class DictionaryRowDialog;

class DictionaryWindow : public QDialog
{
    Q_OBJECT
public:
    explicit DictionaryWindow(client::ApiClient& client, QWidget* parent = nullptr);

    // Every row of the current kind / HIS filter (all pages), then the search applied locally.
    void reload();
    bool isLoading() const { return m_loading; }
    bool canEdit() const;
    // The rows shown, in table order.
    const std::vector<core::HisCodeMapping>& shownRows() const { return m_shown; }

    // Opens the form for a new row / the selected row (modeless; returned for tests).
    DictionaryRowDialog* addRow();
    DictionaryRowDialog* editSelected();
    // Asks, then deletes the selected row.
    void deleteSelected();
    void selectRow(std::int64_t id);

    QComboBox* kindFilter() const { return m_kind; }
    QComboBox* systemFilter() const { return m_system; }
    QLineEdit* searchField() const { return m_search; }
    QTableWidget* table() const { return m_table; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* editButton() const { return m_edit; }
    QPushButton* deleteButton() const { return m_delete; }
    QString statusText() const;

signals:
    void loaded();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void loadPage(int offset, std::uint64_t generation);
    void applySearch();
    void updateButtons();
    void updateSystems();
    std::optional<core::HisCodeMapping> selectedRow() const;
    void setStatus(const QString& text, bool error = false);

    client::ApiClient& m_client;
    std::vector<core::HisCodeMapping> m_rows;
    std::vector<core::HisCodeMapping> m_shown;
    bool m_loading = false;
    std::uint64_t m_generation = 0;
    std::int64_t m_selectAfterLoad = 0;
    QLabel* m_kindLabel = nullptr;
    QLabel* m_systemLabel = nullptr;
    QLabel* m_searchLabel = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_system = nullptr;
    QLineEdit* m_search = nullptr;
    QPushButton* m_reload = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_readOnly = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace lumen::registration
