#include "lumen/ui/language.h"

#include "lumen/ui/app_settings.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace lumen::ui {

namespace {

QString g_current;
QPointer<QTranslator> g_lumenTranslator;
QPointer<QTranslator> g_qtTranslator;

void removeTranslators()
{
    for (QPointer<QTranslator>* t : {&g_lumenTranslator, &g_qtTranslator}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete t->data();
        }
    }
}

} // namespace

QString Language::nativeName(const QString& code)
{
    if (normalized(code) == chinese)
        return QStringLiteral("中文（简体）");
    return QStringLiteral("English");
}

QString Language::normalized(const QString& code)
{
    const QString lower = code.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    if (lower.startsWith(QLatin1String("zh")))
        return chinese;
    if (lower.startsWith(QLatin1String("en")))
        return english;
    return {};
}

QString Language::resolve(const QStringList& arguments)
{
    const auto langArg = arguments.indexOf(QStringLiteral("--lang"));
    if (langArg >= 0 && langArg + 1 < arguments.size())
        if (const QString code = normalized(arguments.at(langArg + 1)); !code.isEmpty())
            return code;
    if (const QString code = normalized(qEnvironmentVariable("LUMEN_LANG")); !code.isEmpty())
        return code;
    if (const QString code = normalized(AppSettings::language()); !code.isEmpty())
        return code;
    return QLocale::system().language() == QLocale::Chinese ? chinese : english;
}

void Language::apply(const QString& requested)
{
    const QString code = normalized(requested).isEmpty() ? english : normalized(requested);
    if (code == g_current)
        return;
    removeTranslators();
    g_current = code;
    if (code == chinese) {
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China));
        // Qt's own strings (standard buttons, context menus) come from its installed catalogue.
        auto* qt = new QTranslator(QCoreApplication::instance());
        if (qt->load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt);
            g_qtTranslator = qt;
        } else {
            delete qt;
        }
        auto* lumen = new QTranslator(QCoreApplication::instance());
        if (lumen->load(QStringLiteral(":/i18n/lumen_zh_CN.qm"))) {
            QCoreApplication::installTranslator(lumen);
            g_lumenTranslator = lumen;
        } else {
            qWarning("lumen: the Chinese translation is not embedded in this application");
            delete lumen;
        }
    } else {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
}

QString Language::current()
{
    return g_current.isEmpty() ? english : g_current;
}

} // namespace lumen::ui
