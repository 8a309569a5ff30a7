#include "lumen/ui/app_settings.h"

#include <QSettings>

namespace lumen::ui {

namespace {
constexpr auto serverKey = "connection/serverUrl";
constexpr auto languageKey = "ui/language";
constexpr auto usernameKey = "connection/lastUsername";
} // namespace

QUrl AppSettings::serverUrl()
{
    const QUrl url = QSettings().value(serverKey).toUrl();
    return url.isValid() && !url.isEmpty() ? url : defaultServerUrl();
}

void AppSettings::setServerUrl(const QUrl& url)
{
    QSettings().setValue(serverKey, url);
}

QString AppSettings::language()
{
    return QSettings().value(languageKey).toString();
}

void AppSettings::setLanguage(const QString& language)
{
    QSettings().setValue(languageKey, language);
}

QString AppSettings::lastUsername()
{
    return QSettings().value(usernameKey).toString();
}

void AppSettings::setLastUsername(const QString& username)
{
    QSettings().setValue(usernameKey, username);
}

} // namespace lumen::ui
