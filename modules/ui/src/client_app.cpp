#include "lumen/ui/client_app.h"

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
}

} // namespace lumen::ui
