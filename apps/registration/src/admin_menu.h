#pragma once
// The registration window's Administration menu: the HIS code dictionary, stopping and
// reopening rooms, the no-show blacklist. It keeps its own texts and permissions (it follows
// language changes and sign-ins itself), so the window only creates it.
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class BlacklistDialog;
class DictionaryWindow;
class RoomStopDialog;

class AdminMenu : public QObject
{
    Q_OBJECT
public:
    // Fills `menu` (owned by `window`, which parents the windows it opens).
    AdminMenu(client::ApiClient& client, QMenu* menu, QWidget* window);

    QMenu* menu() const { return m_menu; }
    QAction* dictionaryAction() const { return m_dictionary; }
    QAction* roomStopAction() const { return m_roomStop; }
    QAction* blacklistAction() const { return m_blacklist; }

    // Open (or raise) each window; returned for tests.
    DictionaryWindow* showDictionary();
    RoomStopDialog* showRoomStop();
    BlacklistDialog* showBlacklist();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslateUi();
    void updateActions();

    client::ApiClient& m_client;
    QMenu* m_menu = nullptr;
    QWidget* m_window = nullptr;
    QAction* m_dictionary = nullptr;
    QAction* m_roomStop = nullptr;
    QAction* m_blacklist = nullptr;
    QPointer<DictionaryWindow> m_dictionaryWindow;
    QPointer<RoomStopDialog> m_roomStopDialog;
    QPointer<BlacklistDialog> m_blacklistDialog;
};

} // namespace lumen::registration
