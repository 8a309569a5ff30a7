// lumen-registration: the registration desk workstation.
#include "registration_window.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/login_dialog.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    lumen::ui::initClientApplication(app, QStringLiteral("lumen-registration"),
                                     &lumen::registration::RegistrationWindow::title);
    lumen::client::ApiClient client;
    lumen::ui::LoginDialog login(client);
    if (login.exec() != QDialog::Accepted)
        return 0;
    lumen::registration::RegistrationWindow window(client);
    window.show();
    return app.exec();
}
