#include "lumen/ui/app_shell.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/domain_text.h"
#include "lumen/ui/error_text.h"
#include "lumen/ui/login_dialog.h"
#include "lumen/ui/settings_dialog.h"

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace lumen::ui {

AppShell::AppShell(client::ApiClient& client, QWidget* parent)
    : QMainWindow(parent), m_client(client), m_monitor(client)
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_logInAgainAction = m_fileMenu->addAction(QString(), this, &AppShell::logInAgain);
    m_logOutAction = m_fileMenu->addAction(QString(), this, &AppShell::logOut);
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_settingsMenu = menuBar()->addMenu(QString());
    m_settingsAction = m_settingsMenu->addAction(QString(), this, &AppShell::showSettings);
    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &AppShell::showAbout);

    m_serverState = new QLabel(this);
    m_serverState->setObjectName(QStringLiteral("serverStateLabel"));
    m_userLabel = new QLabel(this);
    m_userLabel->setObjectName(QStringLiteral("userLabel"));
    statusBar()->addPermanentWidget(m_userLabel);
    statusBar()->addPermanentWidget(m_serverState);

    connect(&m_monitor, &client::ConnectionMonitor::stateChanged, this,
            [this](client::ConnectionState state) {
                updateStatus();
                if (state == client::ConnectionState::SessionExpired)
                    logInAgain();
            });
    m_monitor.start();
    m_client.health(this, [this](const client::Result<client::HealthInfo>& r) {
        if (r.ok())
            m_serverVersion = r.value().version;
    });
    AppShell::retranslateUi();
}

QMenu* AppShell::addApplicationMenu()
{
    auto* menu = new QMenu(this);
    menuBar()->insertMenu(m_settingsMenu->menuAction(), menu);
    return menu;
}

void AppShell::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void AppShell::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_logInAgainAction->setText(tr("Log in &again..."));
    m_logOutAction->setText(tr("Log &out"));
    m_quitAction->setText(tr("&Quit"));
    m_settingsMenu->setTitle(tr("&Settings"));
    m_settingsAction->setText(tr("&Server and language..."));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Lumen"));
    updateStatus();
}

void AppShell::sessionChanged()
{
    updateStatus();
}

void AppShell::updateStatus()
{
    const auto& session = m_client.session();
    QString title = tr("Lumen %1").arg(applicationTitle());
    if (m_client.isLoggedIn())
        title += QStringLiteral(" - ") + QString::fromStdString(session.user.displayName);
    setWindowTitle(title);

    m_serverState->setText(
        tr("%1 (%2)").arg(ErrorText::connectionState(m_monitor.state()), m_client.serverUrl().authority()));
    if (!m_client.isLoggedIn()) {
        m_userLabel->setText(tr("Not logged in"));
        return;
    }
    QStringList roles;
    for (const auto& r : session.user.roles) {
        const QString role = DomainText::roleName(QString::fromStdString(r.role));
        roles << (r.department.empty() ? role
                                       : tr("%1, %2").arg(role, DomainText::departmentName(
                                                                    QString::fromStdString(r.department))));
    }
    m_userLabel->setText(
        tr("User: %1 (%2)")
            .arg(QString::fromStdString(session.user.displayName), roles.join(QStringLiteral("; "))));
}

void AppShell::logOut()
{
    m_client.logout(this, {});
    updateStatus();
    auto* dialog = new LoginDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &AppShell::sessionChanged);
    // Nobody is logged in, so the window must not stay usable.
    connect(dialog, &QDialog::rejected, this, &QWidget::close);
    dialog->open();
}

void AppShell::logInAgain()
{
    if (m_loginOpen)
        return;
    m_loginOpen = true;
    auto* dialog = new LoginDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &AppShell::sessionChanged);
    connect(dialog, &QDialog::finished, this, [this] {
        m_loginOpen = false;
        updateStatus();
    });
    dialog->open();
}

void AppShell::showSettings()
{
    SettingsDialog dialog(this);
    dialog.exec();
}

void AppShell::showAbout()
{
    QString text = tr("<p><b>Lumen %1</b> %2</p><p>Imaging and examination workstations for hospital "
                      "departments.</p>")
                       .arg(applicationTitle(), QCoreApplication::applicationVersion());
    text += tr("<p>Server: %1 (version %2)</p>")
                .arg(m_client.serverUrl().toDisplayString().toHtmlEscaped(),
                     m_serverVersion.isEmpty() ? tr("unknown") : m_serverVersion.toHtmlEscaped());
    QMessageBox::about(this, tr("About Lumen"), text);
}

} // namespace lumen::ui
