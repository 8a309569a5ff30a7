#include "gui_test_support.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/login_dialog.h"

#include <QApplication>
#include <QDir>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QSignalSpy>
#include <QtTest>

namespace lumen::test {

namespace {
const QString demoPassword = QStringLiteral("Lumen@2026");
}

QString artifactDir()
{
    QDir dir(QStringLiteral(LUMEN_GUI_ARTIFACT_DIR));
    dir.mkpath(QStringLiteral("."));
    return dir.absolutePath();
}

void saveShot(QWidget* widget, const QString& name)
{
    const QString path = artifactDir() + QLatin1Char('/') + name + QStringLiteral(".png");
    if (widget->grab().save(path))
        qInfo("screenshot: %s", qPrintable(path));
}

void typeCommitted(QWidget* widget, const QString& text)
{
    widget->setFocus(Qt::MouseFocusReason);
    QInputMethodEvent event;
    event.setCommitString(text);
    QApplication::sendEvent(widget, &event);
}

bool logInThroughDialog(client::ApiClient& client, const QUrl& serverUrl, const QString& username)
{
    ui::LoginDialog dialog(client);
    dialog.show();
    if (!QTest::qWaitForWindowExposed(&dialog))
        return false;
    auto* server = dialog.findChild<QLineEdit*>(QStringLiteral("serverEdit"));
    auto* user = dialog.findChild<QLineEdit*>(QStringLiteral("userEdit"));
    auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
    if (!server || !user || !password)
        return false;
    server->selectAll();
    QTest::keyClicks(server, serverUrl.toString());
    user->selectAll();
    QTest::keyClicks(user, username);
    QTest::keyClicks(password, demoPassword);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::keyClick(password, Qt::Key_Return);
    return QTest::qWaitFor([&] { return accepted.count() == 1; }, 15000);
}

bool logInByApi(client::ApiClient& client, const QUrl& server, const QString& user)
{
    client.setServerUrl(server);
    bool answered = false;
    bool ok = false;
    client.login(user, demoPassword, nullptr, [&](const client::Result<protocol::SessionInfo>& r) {
        answered = true;
        ok = r.ok();
    });
    return QTest::qWaitFor([&] { return answered; }, 15000) && ok;
}

bool activate(QWidget& window)
{
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window, 10000);
}

} // namespace lumen::test
