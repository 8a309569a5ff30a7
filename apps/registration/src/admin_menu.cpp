#include "admin_menu.h"

#include "blacklist_dialog.h"
#include "dictionary_window.h"
#include "room_stop_dialog.h"

#include "lumen/client/api_client.h"

#include <QAction>
#include <QEvent>
#include <QMenu>

namespace lumen::registration {

namespace {

template <typename W> void raise(W* window)
{
    window->show();
    window->raise();
    window->activateWindow();
}

} // namespace

AdminMenu::AdminMenu(client::ApiClient& client, QMenu* menu, QWidget* window)
    : QObject(menu), m_client(client), m_menu(menu), m_window(window)
{
    auto add = [this](const QKeySequence& shortcut, auto slot) {
        auto* action = m_menu->addAction(QString());
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_dictionary = add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), [this] { showDictionary(); });
    m_roomStop = add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), [this] { showRoomStop(); });
    m_blacklist = add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), [this] { showBlacklist(); });
    m_menu->installEventFilter(this);
    connect(&m_client, &client::ApiClient::loggedIn, this, &AdminMenu::updateActions);
    connect(&m_client, &client::ApiClient::loggedOut, this, &AdminMenu::updateActions);
    connect(&m_client, &client::ApiClient::sessionExpired, this, &AdminMenu::updateActions);
    retranslateUi();
    updateActions();
}

bool AdminMenu::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_menu && event->type() == QEvent::LanguageChange)
        retranslateUi();
    return QObject::eventFilter(watched, event);
}

void AdminMenu::retranslateUi()
{
    m_menu->setTitle(tr("A&dministration"));
    m_dictionary->setText(tr("Exam &dictionary..."));
    m_roomStop->setText(tr("&Stop / reopen room..."));
    m_blacklist->setText(tr("No-show &blacklist..."));
    for (QAction* a : {m_dictionary, m_roomStop, m_blacklist})
        a->setToolTip(
            QStringLiteral("%1 (%2)").arg(a->text().remove(QLatin1Char('&')).remove(QStringLiteral("...")),
                                          a->shortcut().toString(QKeySequence::NativeText)));
}

void AdminMenu::updateActions()
{
    m_dictionary->setEnabled(m_client.hasPermission("exam.read"));
    m_roomStop->setEnabled(m_client.hasPermission("scheduling.admin"));
    m_blacklist->setEnabled(m_client.hasPermission("exam.read"));
}

DictionaryWindow* AdminMenu::showDictionary()
{
    if (!m_dictionaryWindow) {
        m_dictionaryWindow = new DictionaryWindow(m_client, m_window);
        m_dictionaryWindow->setAttribute(Qt::WA_DeleteOnClose);
    } else {
        m_dictionaryWindow->reload();
    }
    raise(m_dictionaryWindow.data());
    return m_dictionaryWindow;
}

RoomStopDialog* AdminMenu::showRoomStop()
{
    if (!m_roomStopDialog) {
        m_roomStopDialog = new RoomStopDialog(m_client, m_window);
        m_roomStopDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    raise(m_roomStopDialog.data());
    return m_roomStopDialog;
}

BlacklistDialog* AdminMenu::showBlacklist()
{
    if (!m_blacklistDialog) {
        m_blacklistDialog = new BlacklistDialog(m_client, m_window);
        m_blacklistDialog->setAttribute(Qt::WA_DeleteOnClose);
    } else {
        m_blacklistDialog->reload();
    }
    raise(m_blacklistDialog.data());
    return m_blacklistDialog;
}

} // namespace lumen::registration
