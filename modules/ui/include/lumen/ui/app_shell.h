#pragma once
// The main-window frame every Lumen client shares: File / Settings / Help menus, a status
// bar with the server state and the signed-in user, re-login when the session expires,
// and live language switching. Applications derive from it and fill the centre.
#include "lumen/client/connection_monitor.h"

#include <QMainWindow>

class QLabel;
class QMenu;

namespace lumen::client {
class ApiClient;
}

namespace lumen::ui {

class AppShell : public QMainWindow
{
    Q_OBJECT
public:
    explicit AppShell(client::ApiClient& client, QWidget* parent = nullptr);

    client::ApiClient& apiClient() { return m_client; }
    client::ConnectionMonitor& connectionMonitor() { return m_monitor; }

protected:
    // Adds an application menu between File and Settings.
    QMenu* addApplicationMenu();
    QMenu* fileMenu() const { return m_fileMenu; }
    // Called after construction and on each language change; overrides call the base.
    virtual void retranslateUi();
    // Called when a (possibly different) user has logged in; permissions may have changed.
    virtual void sessionChanged();
    void changeEvent(QEvent* event) override;

private:
    void updateStatus();
    void logOut();
    void logInAgain();
    void showSettings();
    void showAbout();

    client::ApiClient& m_client;
    client::ConnectionMonitor m_monitor;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_settingsMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_logInAgainAction = nullptr;
    QAction* m_logOutAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QLabel* m_serverState = nullptr;
    QLabel* m_userLabel = nullptr;
    QString m_serverVersion;
    bool m_loginOpen = false;
};

} // namespace lumen::ui
