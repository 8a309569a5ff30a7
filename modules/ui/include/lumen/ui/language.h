#pragma once
// The user interface language: English source text, Simplified Chinese translation.
#include <QString>
#include <QStringList>

namespace lumen::ui {

class Language
{
public:
    static inline const QString chinese = QStringLiteral("zh_CN");
    static inline const QString english = QStringLiteral("en");

    static QStringList supported() { return {chinese, english}; }
    // The language's own name ("中文（简体）", "English"), never translated.
    static QString nativeName(const QString& code);
    // First match wins: "--lang CODE" in `arguments`, $LUMEN_LANG, the saved setting, then
    // Chinese when the system locale is Chinese, else English.
    static QString resolve(const QStringList& arguments);
    // Installs Lumen's and Qt's translators for `code`; widgets receive LanguageChange.
    static void apply(const QString& code);
    static QString current();

private:
    static QString normalized(const QString& code);
};

} // namespace lumen::ui
