#pragma once
// The no-show blacklist (爽约黑名单): patients who missed too many bookings in a row and may not
// book themselves for a while; the desk restores their booking rights by hand.
// req: issue 4 no-show blacklist, restore by hand
#include "lumen/client/admin_types.h"

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

class BlacklistDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BlacklistDialog(client::ApiClient& client, QWidget* parent = nullptr);

    void reload();
    // Asks (unless `confirmed`), then lifts the selected patient's blacklisting.
    void restoreSelected(bool confirmed = false);
    void selectPatient(core::PatientId id);

    const std::vector<client::BlacklistEntry>& entries() const { return m_entries; }
    QString patientName(core::PatientId id) const { return m_names.value(id); }
    QString statusText() const;
    QTableWidget* table() const { return m_table; }
    QPushButton* restoreButton() const { return m_restore; }

signals:
    void loaded();
    void restored(core::PatientId id);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void showEntries();
    void fetchNames();
    void updateButtons();
    std::optional<client::BlacklistEntry> selectedEntry() const;
    void setStatus(const QString& text, bool error = false);

    client::ApiClient& m_client;
    std::vector<client::BlacklistEntry> m_entries;
    QHash<core::PatientId, QString> m_names;
    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_reload = nullptr;
    QPushButton* m_restore = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace lumen::registration
