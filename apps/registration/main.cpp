// lumen-registration: the registration desk workstation, and in other modes the self check-in
// kiosk (--kiosk), the waiting-room queue screen (--queue-screen --room CT1,CT2) and the
// calling panel of a room (--queue-desk --room CT1).
#include "kiosk_window.h"
#include "queue_desk_panel.h"
#include "queue_screen.h"
#include "registration_window.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/app_settings.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/language.h"
#include "lumen/ui/login_dialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

namespace {

using namespace lumen;

// The kiosk and the queue screen sign in with their own account: options, else settings.
std::pair<QString, QString> unattendedAccount(const QCommandLineParser& parser, const QString& group)
{
    QSettings settings;
    const QString user = parser.isSet(QStringLiteral("user"))
                             ? parser.value(QStringLiteral("user"))
                             : settings.value(group + QStringLiteral("/user")).toString();
    const QString password = parser.isSet(QStringLiteral("password"))
                                 ? parser.value(QStringLiteral("password"))
                                 : settings.value(group + QStringLiteral("/password")).toString();
    return {user, password};
}

void addOptions(QCommandLineParser& parser)
{
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("server"), QStringLiteral("Server address."), QStringLiteral("url")},
        {QStringLiteral("lang"), QStringLiteral("Interface language: zh_CN or en."), QStringLiteral("code")},
        {QStringLiteral("kiosk"), QStringLiteral("Self check-in kiosk, full screen.")},
        {QStringLiteral("queue-screen"), QStringLiteral("Waiting-room queue display, full screen.")},
        {QStringLiteral("queue-desk"), QStringLiteral("Calling panel of a room.")},
        {QStringLiteral("room"), QStringLiteral("Room id(s), comma separated."), QStringLiteral("ids")},
        {QStringLiteral("user"), QStringLiteral("Account of the kiosk or screen."), QStringLiteral("name")},
        {QStringLiteral("password"), QStringLiteral("Password of that account."), QStringLiteral("password")},
        {QStringLiteral("ticket-pdf-dir"), QStringLiteral("Write queue tickets as PDF files there."),
         QStringLiteral("dir")},
        {QStringLiteral("no-voice"), QStringLiteral("Show queue calls without speaking them.")},
        {QStringLiteral("windowed"), QStringLiteral("Kiosk or screen in a window, not full screen.")},
    });
}

QStringList roomsOf(const QCommandLineParser& parser)
{
    QStringList rooms;
    for (const QString& value : parser.values(QStringLiteral("room")))
        for (const QString& room : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            rooms << room.trimmed();
    return rooms;
}

} // namespace

int main(int argc, char* argv[])
{
    // --help needs no display.
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], "--help") == 0 || qstrcmp(argv[i], "-h") == 0) {
            QCoreApplication app(argc, argv);
            QCommandLineParser parser;
            addOptions(parser);
            parser.process(app); // prints the options and exits
        }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    addOptions(parser);
    parser.parse(app.arguments());
    const bool kiosk = parser.isSet(QStringLiteral("kiosk"));
    const bool screen = parser.isSet(QStringLiteral("queue-screen"));
    const bool desk = parser.isSet(QStringLiteral("queue-desk"));

    auto title =
        kiosk ? &registration::KioskWindow::title
              : (screen ? &registration::QueueScreen::title : &registration::RegistrationWindow::title);
    ui::initClientApplication(app, QStringLiteral("lumen-registration"), title);
    // Patients at a kiosk or in a waiting room read Chinese unless told otherwise.
    if ((kiosk || screen) && !parser.isSet(QStringLiteral("lang")) &&
        qEnvironmentVariableIsEmpty("LUMEN_LANG"))
        ui::Language::apply(ui::Language::chinese);

    client::ApiClient client;
    const bool windowed = parser.isSet(QStringLiteral("windowed"));
    if (kiosk) {
        client.setServerUrl(ui::AppSettings::serverUrl());
        registration::KioskWindow window(client);
        window.setTicketPdfDir(parser.value(QStringLiteral("ticket-pdf-dir")));
        const auto [user, password] = unattendedAccount(parser, QStringLiteral("kiosk"));
        window.signIn(user, password);
        windowed ? window.show() : window.showFullScreen();
        return app.exec();
    }
    if (screen) {
        const QStringList rooms = roomsOf(parser);
        if (rooms.isEmpty()) {
            qCritical("--queue-screen needs --room, e.g. --room CT1,CT2");
            return 2;
        }
        client.setServerUrl(ui::AppSettings::serverUrl());
        registration::QueueScreen window(client, rooms, !parser.isSet(QStringLiteral("no-voice")));
        const auto [user, password] = unattendedAccount(parser, QStringLiteral("queueScreen"));
        window.signIn(user, password);
        windowed ? window.show() : window.showFullScreen();
        return app.exec();
    }

    ui::LoginDialog login(client);
    if (login.exec() != QDialog::Accepted)
        return 0;
    if (desk) {
        registration::QueueDeskPanel panel(client);
        if (const QStringList rooms = roomsOf(parser); !rooms.isEmpty())
            panel.setRoom(rooms.constFirst());
        panel.resize(640, 480);
        panel.show();
        return app.exec();
    }
    registration::RegistrationWindow window(client);
    window.show();
    return app.exec();
}
