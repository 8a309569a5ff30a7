#pragma once
// Start-up shared by every Lumen client: names for QSettings, language, fonts, and the
// application's title in the current language.
#include <QString>

#include <functional>

class QApplication;

namespace lumen::ui {

// Call right after constructing QApplication. `title` returns the translated product
// name (e.g. tr("Registration")); it is asked again after each language change.
void initClientApplication(QApplication& app, const QString& applicationName, std::function<QString()> title);
// "Registration", "登记工作站"...; the application name when no title was given.
QString applicationTitle();

} // namespace lumen::ui
