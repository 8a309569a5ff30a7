#pragma once
// The per-workstation choices kept with QSettings (organisation "Lumen").
#include <QString>
#include <QUrl>

namespace lumen::ui {

class AppSettings
{
public:
    static QUrl defaultServerUrl() { return QUrl(QStringLiteral("http://127.0.0.1:8080")); }

    static QUrl serverUrl();
    static void setServerUrl(const QUrl& url);
    // "zh_CN" or "en"; empty when never chosen.
    static QString language();
    static void setLanguage(const QString& language);
    static QString lastUsername();
    static void setLastUsername(const QString& username);
};

} // namespace lumen::ui
