#pragma once
// Patient search: one field for any identifier, a name prefix or a phone number, searched
// as the user types (debounced) or at once on Enter, with paged results.
#include "lumen/core/patient.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class PatientTableModel;

class PatientSearchPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int pageSize = 50;
    static constexpr int debounceMs = 350;

    explicit PatientSearchPanel(client::ApiClient& client, QWidget* parent = nullptr);

    void focusSearch();
    // Puts `text` in the field and searches at once.
    void searchFor(const QString& text);
    // Repeats the current search on the current page (after a save or merge).
    void refresh();
    void selectPatient(core::PatientId id);

    QLineEdit* searchField() const { return m_query; }
    QTableView* table() const { return m_table; }
    PatientTableModel* model() const { return m_model; }
    QString statusText() const;
    // True while an answer is awaited.
    bool isSearching() const { return m_pending > 0; }

signals:
    void patientActivated(const lumen::core::Patient& patient);
    void searchFinished();

protected:
    void changeEvent(QEvent* event) override;

private:
    void runSearch(int offset);
    void showPage(int offset, int count, bool hasMore);
    void activateRow(int row);
    void retranslateUi();

    client::ApiClient& m_client;
    QLineEdit* m_query = nullptr;
    QPushButton* m_searchButton = nullptr;
    QTableView* m_table = nullptr;
    PatientTableModel* m_model = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    QLabel* m_status = nullptr;
    QTimer m_debounce;
    QString m_lastQuery;
    int m_offset = 0;
    bool m_hasMore = false;
    int m_pending = 0;
    // Answers to older searches are dropped; only the latest one is shown.
    int m_sequence = 0;
    enum class Status { Idle, Searching, Found, NothingFound, Failed } m_state = Status::Idle;
    QString m_error;
};

} // namespace lumen::registration
