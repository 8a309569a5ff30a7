// GUI tests of the registration desk against the real server, in real windows (run under
// xvfb-run). They log in through the login dialog, type like a nurse (Chinese through an
// input-method commit, as a pinyin IME delivers it) and check what the screen shows.
#include "patient_editor.h"
#include "patient_form.h"
#include "patient_search_panel.h"
#include "patient_table_model.h"
#include "registration_window.h"
#include "test_server.h"

#include "lumen/client/api_client.h"
#include "lumen/core/national_id.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/domain_text.h"
#include "lumen/ui/language.h"
#include "lumen/ui/login_dialog.h"

#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen;

namespace {

QString artifactDir()
{
    QDir dir(QStringLiteral(LUMEN_GUI_ARTIFACT_DIR));
    dir.mkpath(QStringLiteral("."));
    return dir.absolutePath();
}

// Chinese text arrives from an IME as one committed string, not as key presses.
void typeCommitted(QWidget* widget, const QString& text)
{
    widget->setFocus(Qt::MouseFocusReason);
    QInputMethodEvent event;
    event.setCommitString(text);
    QApplication::sendEvent(widget, &event);
}

// A valid resident ID for a birth date and sex (odd 17th digit: male), region Beijing Chaoyang.
QString nationalIdFor(const QString& yyyymmdd, bool male)
{
    std::string first17 = "110105" + yyyymmdd.toStdString() + "02" + (male ? "3" : "4");
    return QString::fromStdString(first17 + core::nationalIdCheckCharacter(first17));
}

// Number of distinct colours in `rect` of `image`: text drawn there gives many.
int distinctColours(const QImage& image, const QRect& rect)
{
    QSet<QRgb> colours;
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

QString saveShot(QWidget* widget, const QString& name, QImage* shot)
{
    *shot = widget->grab().toImage();
    const QString path = artifactDir() + QLatin1Char('/') + name + QStringLiteral(".png");
    if (!shot->save(path))
        return {};
    qInfo("screenshot: %s", qPrintable(path));
    return path;
}

} // namespace

class RegistrationGuiTest : public QObject
{
    Q_OBJECT
private:
    test::TestServer m_server;

    // Logs in as the registrar through the real dialog; Enter submits.
    bool logIn(client::ApiClient& client)
    {
        ui::LoginDialog dialog(client);
        dialog.show();
        if (!QTest::qWaitForWindowExposed(&dialog))
            return false;
        auto* server = dialog.findChild<QLineEdit*>(QStringLiteral("serverEdit"));
        auto* user = dialog.findChild<QLineEdit*>(QStringLiteral("userEdit"));
        auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
        if (!server || !user || !password)
            return false;
        server->selectAll();
        QTest::keyClicks(server, m_server.url().toString());
        user->selectAll();
        QTest::keyClicks(user, QStringLiteral("registrar"));
        QTest::keyClicks(password, QStringLiteral("Lumen@2026"));
        QImage shot;
        saveShot(&dialog, QStringLiteral("login_%1").arg(ui::Language::current()), &shot);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::keyClick(password, Qt::Key_Return);
        return QTest::qWaitFor([&] { return accepted.count() == 1; }, 15000);
    }

    bool showWindow(registration::RegistrationWindow& window)
    {
        window.show();
        window.activateWindow();
        return QTest::qWaitForWindowActive(&window, 10000);
    }

    void languageRows()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("zh_CN") << ui::Language::chinese;
        QTest::newRow("en") << ui::Language::english;
    }

private slots:
    void initTestCase()
    {
        if (test::TestServer::binaryPath().isEmpty())
            QSKIP("lumen-server was not built and LUMEN_SERVER_BINARY is not set");
        const QString problem = m_server.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        qInfo("server: %s", qPrintable(m_server.url().toString()));
    }

    void cleanupTestCase() { m_server.stop(); }

    void registrar_registers_patient_and_finds_it_data() { languageRows(); }
    // req: 000 §2.3.7.5 registration of patient details; search by name and any number
    void registrar_registers_patient_and_finds_it()
    {
        QFETCH(QString, language);
        ui::Language::apply(language);
        const bool chinese = language == ui::Language::chinese;
        // Each row registers its own patient: another birth date, so no duplicate prompt.
        const QString birth = chinese ? QStringLiteral("19860315") : QStringLiteral("19900721");
        const QString nationalId = nationalIdFor(birth, false);
        const QString cardNo =
            QStringLiteral("JZK-GUI-%1").arg(chinese ? QStringLiteral("ZH") : QStringLiteral("EN"));
        const QString name = QStringLiteral("李晓梅");

        client::ApiClient client;
        QVERIFY(logIn(client));
        QCOMPARE(QString::fromStdString(client.session().user.username), QStringLiteral("registrar"));

        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        auto* editor = window.editor();
        auto* form = editor->form();

        // Ctrl+N: a new, empty registration.
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        QVERIFY(form->isNew());
        typeCommitted(form->editor(QStringLiteral("name")), name);
        auto* idEdit = qobject_cast<QLineEdit*>(form->editor(QStringLiteral("nationalId")));
        QTest::mouseClick(idEdit, Qt::LeftButton);
        QTest::keyClicks(idEdit, nationalId);
        // The ID fills in sex and birth date.
        QCOMPARE(form->patient().sex, core::Sex::Female);
        QVERIFY(form->patient().birthDate.has_value());
        QCOMPARE(
            QString::fromStdString(core::formatIsoDate(*form->patient().birthDate)).remove(QLatin1Char('-')),
            birth);
        QTest::keyClicks(form->editor(QStringLiteral("phone")), QStringLiteral("13912345678"));
        QTest::keyClicks(form->editor(QStringLiteral("medicalCardNo")), cardNo);
        typeCommitted(form->editor(QStringLiteral("address")), QStringLiteral("北京市朝阳区建国路88号"));
        for (const QString& field : registration::PatientForm::fields())
            QVERIFY2(form->fieldMessage(field).isEmpty() || field == QLatin1String("nationalId"),
                     qPrintable(field + QStringLiteral(": ") + form->fieldMessage(field)));

        // Ctrl+S saves through the server.
        QSignalSpy saved(editor, &registration::PatientEditor::patientSaved);
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
        QVERIFY2(QTest::qWaitFor([&] { return saved.count() == 1; }, 15000),
                 qPrintable(editor->messageText()));
        const auto stored = saved.at(0).at(0).value<core::Patient>();
        QVERIFY(stored.id > 0);
        QCOMPARE(QString::fromStdString(stored.name), name);
        QCOMPARE(QString::fromStdString(stored.identifier(core::IdentifierKind::NationalId).value_or("")),
                 nationalId);
        QVERIFY(!form->isNew());

        // Ctrl+F, type the name, Enter: the new patient is in the result table.
        auto* search = window.searchPanel();
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(search->searchField()->hasFocus());
        search->searchField()->clear();
        QSignalSpy searched(search, &registration::PatientSearchPanel::searchFinished);
        typeCommitted(search->searchField(), name);
        QTest::keyClick(search->searchField(), Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return !search->isSearching() && searched.count() > 0; }, 15000));
        auto* model = search->model();
        const int row = model->rowOf(stored.id);
        QVERIFY2(row >= 0, qPrintable(search->statusText()));
        QCOMPARE(model->index(row, registration::PatientTableModel::Name).data().toString(), name);
        QCOMPARE(model->index(row, registration::PatientTableModel::MedicalCardNo).data().toString(), cardNo);
        QCOMPARE(model->index(row, registration::PatientTableModel::Sex).data().toString(),
                 ui::DomainText::sexName(core::Sex::Female));

        // What the nurse sees: the row lies inside the table's viewport, its cells are wide
        // enough for their text, and the pixels there are drawn text, not an empty band.
        QTableView* table = search->table();
        search->selectPatient(stored.id);
        QTest::qWait(100);
        QRect rowRect;
        for (int col = 0; col < model->columnCount(); ++col) {
            const QModelIndex index = model->index(row, col);
            const QRect cell = table->visualRect(index);
            rowRect |= cell;
            const QString text = index.data().toString();
            QVERIFY2(table->fontMetrics().horizontalAdvance(text) < cell.width(),
                     qPrintable(QStringLiteral("column %1 truncates '%2'").arg(col).arg(text)));
            const QString header = model->headerData(col, Qt::Horizontal, Qt::DisplayRole).toString();
            QVERIFY2(table->horizontalHeader()->fontMetrics().horizontalAdvance(header) <
                         table->horizontalHeader()->sectionSize(col),
                     qPrintable(QStringLiteral("header '%1' is truncated").arg(header)));
        }
        QVERIFY2(table->viewport()->rect().contains(rowRect),
                 qPrintable(QStringLiteral("row %1,%2 %3x%4 outside the viewport %5x%6")
                                .arg(rowRect.x())
                                .arg(rowRect.y())
                                .arg(rowRect.width())
                                .arg(rowRect.height())
                                .arg(table->viewport()->width())
                                .arg(table->viewport()->height())));
        // The font can draw the name (a CJK font is installed and chosen).
        for (const QChar c : name)
            QVERIFY(table->fontMetrics().inFont(c));

        QImage shot;
        const QString path = saveShot(&window, QStringLiteral("registration_%1").arg(language), &shot);
        QVERIFY(!path.isEmpty());
        const qreal dpr = shot.devicePixelRatio();
        const QRect inWindow(table->viewport()->mapTo(&window, rowRect.topLeft()) * dpr,
                             rowRect.size() * dpr);
        const QRect nameCell(
            table->viewport()->mapTo(&window, table->visualRect(model->index(row, 0)).topLeft()) * dpr,
            table->visualRect(model->index(row, 0)).size() * dpr);
        QVERIFY2(distinctColours(shot, inWindow) > 8, "the result row is a uniform band");
        QVERIFY2(distinctColours(shot, nameCell) > 4, "the name cell shows no glyphs");
        QImage reloaded;
        QVERIFY(reloaded.load(path));
        QCOMPARE(reloaded.size(), shot.size());
        QCOMPARE(reloaded.pixel(inWindow.center()), shot.pixel(inWindow.center()));
    }

    void invalid_national_id_is_refused_with_words_data() { languageRows(); }
    // req: 001 关怀版 颜色用途: input errors are told in words, not by colour alone
    void invalid_national_id_is_refused_with_words()
    {
        QFETCH(QString, language);
        ui::Language::apply(language);
        client::ApiClient client;
        QVERIFY(logIn(client));
        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        auto* editor = window.editor();
        auto* form = editor->form();

        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        typeCommitted(form->editor(QStringLiteral("name")), QStringLiteral("张建国"));
        QString wrong = nationalIdFor(QStringLiteral("19750412"), true);
        wrong[17] = wrong[17] == QLatin1Char('1') ? QLatin1Char('2') : QLatin1Char('1');
        auto* idEdit = qobject_cast<QLineEdit*>(form->editor(QStringLiteral("nationalId")));
        QTest::mouseClick(idEdit, Qt::LeftButton);
        QTest::keyClicks(idEdit, wrong);

        // The message beside the field says what is wrong, in the interface language.
        const QString expected = ui::DomainText::nationalIdProblem(core::NationalIdProblem::BadCheckDigit);
        QCOMPARE(form->fieldMessage(QStringLiteral("nationalId")), expected);
        auto* label = form->findChild<QLabel*>(QStringLiteral("nationalIdMessage"));
        QVERIFY(label && label->isVisible());
        if (language == ui::Language::chinese)
            QVERIFY2(expected.contains(QStringLiteral("校验")), qPrintable(expected));
        else
            QVERIFY2(expected.contains(QStringLiteral("check digit")), qPrintable(expected));
        // A wrong ID fills in nothing.
        QCOMPARE(form->patient().sex, core::Sex::Unknown);

        // Save is refused locally: no request, the form stays new, the cursor goes to the ID.
        QSignalSpy saved(editor, &registration::PatientEditor::patientSaved);
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
        QTest::qWait(1000);
        QCOMPARE(saved.count(), 0);
        QVERIFY(form->isNew());
        QVERIFY(!editor->messageText().isEmpty());
        QVERIFY(idEdit->hasFocus());

        // And the server has no such patient.
        bool answered = false;
        int found = -1;
        client.searchPatients(wrong, 10, 0, nullptr, [&](const client::Result<client::PatientPage>& r) {
            answered = true;
            found = r.ok() ? int(r.value().items.size()) : -1;
        });
        QVERIFY(QTest::qWaitFor([&] { return answered; }, 15000));
        QCOMPARE(found, 0);

        QImage shot;
        const QString path = saveShot(&window, QStringLiteral("invalid_national_id_%1").arg(language), &shot);
        QVERIFY(!path.isEmpty());
        const qreal dpr = shot.devicePixelRatio();
        const QRect labelRect(label->mapTo(&window, QPoint(0, 0)) * dpr, label->size() * dpr);
        QVERIFY(shot.rect().contains(labelRect));
        QVERIFY2(distinctColours(shot, labelRect) > 4, "the message label shows no text");
        QVERIFY2(label->fontMetrics().boundingRect(label->rect(), Qt::TextWordWrap, label->text()).height() <=
                     label->height(),
                 "the message is cut off");
    }
};

int main(int argc, char* argv[])
{
    // xcb under xvfb-run; offscreen when there is no display at all.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Settings of this run stay in a temporary folder.
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QApplication app(argc, argv);
    ui::initClientApplication(app, QStringLiteral("lumen-registration-gui-test"),
                              &registration::RegistrationWindow::title);
    RegistrationGuiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_registration_gui.moc"
