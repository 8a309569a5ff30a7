// lumen-reading: the radiologist's reading workstation (worklist, 2D viewing, measurements).
#include "reading_window.h"

#include <lumen/client/api_client.h>
#include <lumen/dicom/dimse_server.h>
#include <lumen/ui/client_app.h>
#include <lumen/ui/login_dialog.h>
#include <lumen/viewer/opengl_setup.h>

#include <QApplication>

int main(int argc, char* argv[])
{
    // VTK's volume rendering needs a core profile context, chosen before the application exists.
    lumen::viewer::requestOpenGlCoreProfile();
    QApplication app(argc, argv);
    lumen::ui::initClientApplication(app, QStringLiteral("lumen-reading"),
                                     &lumen::reading::ReadingWindow::title);
    // Compressed images (JPEG, JPEG-LS, RLE, JPEG 2000) decode in this process.
    lumen::dicom::registerCodecs();

    lumen::client::ApiClient client;
    lumen::ui::LoginDialog login(client);
    if (login.exec() != QDialog::Accepted)
        return 0;
    lumen::reading::ReadingWindow window(client);
    window.show();
    return app.exec();
}
