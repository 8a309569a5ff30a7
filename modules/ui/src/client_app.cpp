#include "lumen/ui/client_app.h"

#include "lumen/ui/app_settings.h"
#include "lumen/ui/language.h"

#include <QApplication>
#include <QFont>

namespace lumen::ui {

namespace {
std::function<QString()> g_title;
}

QString applicationTitle()
{
    return g_title ? g_title() : QCoreApplication::applicationName();
}

void initClientApplication(QApplication& app, const QString& applicationName, std::function<QString()> title)
{
    g_title = std::move(title);
    QCoreApplication::setOrganizationName(QStringLiteral("Lumen"));
    QCoreApplication::setApplicationName(applicationName);
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    // Patient names are Chinese whatever the interface language; prefer Simplified Chinese
    // glyph forms over whichever CJK font the system would fall back to first.
    QFont font = QApplication::font();
    font.setFamilies({font.family(), QStringLiteral("Noto Sans CJK SC"), QStringLiteral("Microsoft YaHei UI"),
                      QStringLiteral("PingFang SC"), QStringLiteral("WenQuanYi Micro Hei")});
    QApplication::setFont(font);

    Language::apply(Language::resolve(app.arguments()));

    // `--server URL` (used by the run command) preselects the server in the login dialog.
    const QStringList args = app.arguments();
    if (const auto i = args.indexOf(QStringLiteral("--server")); i >= 0 && i + 1 < args.size()) {
        const QUrl url = QUrl::fromUserInput(args.at(i + 1));
        if (url.isValid())
            AppSettings::setServerUrl(url);
    }
}

} // namespace lumen::ui
