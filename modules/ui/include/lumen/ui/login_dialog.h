#pragma once
// Log-in: server address, user, password and interface language. Enter submits; the
// server's refusal is shown in words under the fields.
#include "lumen/protocol/session_json.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace lumen::client {
class ApiClient;
}

namespace lumen::ui {

class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LoginDialog(client::ApiClient& client, QWidget* parent = nullptr);

    // Pre-fills and locks the user name, for logging in again after the session expired.
    void setFixedUsername(const QString& username);
    QString message() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void submit();
    void setBusy(bool busy);
    void showMessage(const QString& text);
    void onLanguageChosen(int index);
    void retranslateUi();

    client::ApiClient& m_client;
    QLabel* m_title = nullptr;
    QLabel* m_serverLabel = nullptr;
    QLabel* m_userLabel = nullptr;
    QLabel* m_passwordLabel = nullptr;
    QLabel* m_languageLabel = nullptr;
    QLineEdit* m_server = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QComboBox* m_language = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_login = nullptr;
    QPushButton* m_cancel = nullptr;
    bool m_busy = false;
};

} // namespace lumen::ui
