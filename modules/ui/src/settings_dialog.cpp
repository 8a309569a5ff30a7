#include "lumen/ui/settings_dialog.h"

#include "lumen/ui/app_settings.h"
#include "lumen/ui/language.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace lumen::ui {

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent)
{
    m_server = new QLineEdit(AppSettings::serverUrl().toString(), this);
    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    for (const QString& code : Language::supported())
        m_language->addItem(Language::nativeName(code), code);
    m_language->setCurrentIndex(m_language->findData(Language::current()));
    m_serverLabel = new QLabel(this);
    m_serverLabel->setBuddy(m_server);
    m_languageLabel = new QLabel(this);
    m_languageLabel->setBuddy(m_language);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_languageLabel, m_language);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    setMinimumWidth(480);
    retranslateUi();
}

void SettingsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    m_serverLabel->setText(tr("&Server address:"));
    m_languageLabel->setText(tr("&Language:"));
    m_note->setText(tr("A new server address is used from the next log-in. The language changes at once."));
}

void SettingsDialog::save()
{
    const QUrl url = QUrl::fromUserInput(m_server->text().trimmed());
    if (url.isValid() && !m_server->text().trimmed().isEmpty())
        AppSettings::setServerUrl(url);
    const QString language = m_language->currentData().toString();
    AppSettings::setLanguage(language);
    Language::apply(language);
    accept();
}

} // namespace lumen::ui
