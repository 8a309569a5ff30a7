#include "lumen/ui/login_dialog.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/app_settings.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/error_text.h"
#include "lumen/ui/language.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lumen::ui {

LoginDialog::LoginDialog(client::ApiClient& client, QWidget* parent) : QDialog(parent), m_client(client)
{
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_server = new QLineEdit(AppSettings::serverUrl().toString(), this);
    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_user = new QLineEdit(AppSettings::lastUsername(), this);
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    for (const QString& code : Language::supported())
        m_language->addItem(Language::nativeName(code), code);
    m_language->setCurrentIndex(m_language->findData(Language::current()));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto* form = new QFormLayout;
    m_serverLabel = new QLabel(this);
    m_userLabel = new QLabel(this);
    m_passwordLabel = new QLabel(this);
    m_languageLabel = new QLabel(this);
    m_serverLabel->setBuddy(m_server);
    m_userLabel->setBuddy(m_user);
    m_passwordLabel->setBuddy(m_password);
    m_languageLabel->setBuddy(m_language);
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_userLabel, m_user);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_languageLabel, m_language);

    auto* buttons = new QDialogButtonBox(this);
    m_login = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_login->setObjectName(QStringLiteral("loginButton"));
    m_login->setDefault(true);
    m_cancel = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    connect(m_language, &QComboBox::currentIndexChanged, this, &LoginDialog::onLanguageChosen);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    retranslateUi();
    (m_user->text().isEmpty() ? m_user : m_password)->setFocus();
}

void LoginDialog::setFixedUsername(const QString& username)
{
    m_user->setText(username);
    m_user->setReadOnly(true);
    m_password->setFocus();
}

QString LoginDialog::message() const
{
    return m_message->text();
}

void LoginDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void LoginDialog::retranslateUi()
{
    setWindowTitle(tr("Log in to Lumen"));
    m_title->setText(tr("Lumen %1").arg(applicationTitle()));
    m_serverLabel->setText(tr("&Server address:"));
    m_userLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_languageLabel->setText(tr("&Language:"));
    m_server->setPlaceholderText(tr("e.g. http://pacs-server:8080"));
    m_login->setText(tr("Log in"));
    m_cancel->setText(tr("Cancel"));
}

void LoginDialog::onLanguageChosen(int index)
{
    const QString code = m_language->itemData(index).toString();
    AppSettings::setLanguage(code);
    Language::apply(code);
}

void LoginDialog::submit()
{
    if (m_busy)
        return;
    const QUrl url = QUrl::fromUserInput(m_server->text().trimmed());
    if (m_server->text().trimmed().isEmpty() || !url.isValid()) {
        showMessage(tr("Please enter the server address, e.g. http://pacs-server:8080."));
        m_server->setFocus();
        return;
    }
    if (m_user->text().trimmed().isEmpty()) {
        showMessage(tr("Please enter your user name."));
        m_user->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showMessage(tr("Please enter your password."));
        m_password->setFocus();
        return;
    }
    setBusy(true);
    showMessage(tr("Connecting to %1 ...").arg(url.toDisplayString()));
    m_client.setServerUrl(url);
    m_client.login(m_user->text().trimmed(), m_password->text(), this,
                   [this, url](const client::Result<protocol::SessionInfo>& result) {
                       setBusy(false);
                       if (!result.ok()) {
                           showMessage(ErrorText::describe(result.error()));
                           m_password->setFocus();
                           m_password->selectAll();
                           return;
                       }
                       AppSettings::setServerUrl(url);
                       AppSettings::setLastUsername(m_user->text().trimmed());
                       m_password->clear();
                       accept();
                   });
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget* w : {static_cast<QWidget*>(m_server), static_cast<QWidget*>(m_password),
                       static_cast<QWidget*>(m_language), static_cast<QWidget*>(m_login)})
        w->setEnabled(!busy);
    if (!m_user->isReadOnly())
        m_user->setEnabled(!busy);
}

void LoginDialog::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

} // namespace lumen::ui
