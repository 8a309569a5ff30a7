#pragma once
// What the GUI tests share: screenshots into the artifact folder, typing Chinese as an input
// method commits it, signing in (through the real login dialog, or straight through the API
// when the dialog is not what is tested) and bringing a window to the front.
#include <QString>
#include <QUrl>

class QWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::test {

// The folder of LUMEN_GUI_ARTIFACT_DIR (made when missing).
QString artifactDir();
// `widget` as artifactDir()/name.png.
void saveShot(QWidget* widget, const QString& name);
// Chinese text arrives from an IME as one committed string, not as key presses.
void typeCommitted(QWidget* widget, const QString& text);
// Fills the real login dialog (server, user, the demo password) and submits it with Enter.
bool logInThroughDialog(client::ApiClient& client, const QUrl& server, const QString& user);
// Signs in through the API, for tests about other windows.
bool logInByApi(client::ApiClient& client, const QUrl& server, const QString& user);
bool activate(QWidget& window);

} // namespace lumen::test
