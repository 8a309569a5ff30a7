// The registration desk's administration windows in real windows against the real lumen-server
// (run under xvfb-run): the HIS code dictionary edited through its form, a room stopped with the
// list of patients to phone printed to PDF and the room reopened, and the no-show blacklist.
#include "admin_menu.h"
#include "blacklist_dialog.h"
#include "dictionary_row_dialog.h"
#include "dictionary_window.h"
#include "exam_flow.h"
#include "http_client.h"
#include "registration_window.h"
#include "room_stop_dialog.h"
#include "server_process.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/language.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace lumen;

namespace {

const QString password = QStringLiteral("Lumen@2026");

void saveShot(QWidget* widget, const QString& name)
{
    const QString path = QDir::temp().filePath(QStringLiteral("lumen_admin_%1.png").arg(name));
    if (widget->grab().save(path))
        qInfo("screenshot: %s", qPrintable(path));
}

// The hospital's date (UTC+8) today.
QDate localToday()
{
    return QDateTime::currentDateTimeUtc().addSecs(8 * 3600).date();
}

QDate nextWeekday()
{
    QDate day = localToday().addDays(1);
    while (day.dayOfWeek() > 5)
        day = day.addDays(1);
    return day;
}

// Answers the next confirmation box that opens with its accepting button (Yes, OK, Delete, ...).
void acceptNextMessageBox(bool* seen = nullptr)
{
    auto* timer = new QTimer;
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, seen] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        for (QAbstractButton* b : box->buttons()) {
            const auto role = box->buttonRole(b);
            if (role == QMessageBox::AcceptRole || role == QMessageBox::YesRole ||
                role == QMessageBox::DestructiveRole) {
                if (seen)
                    *seen = true;
                b->click();
                timer->deleteLater();
                timer->stop();
                return;
            }
        }
    });
    timer->start();
}

// Types into a line edit: key by key for ASCII; Chinese arrives at once, as from an input method
// (QTest cannot press keys for characters outside ASCII).
void typeText(QLineEdit* edit, const QString& text)
{
    bool ascii = true;
    for (const QChar c : text)
        ascii = ascii && c.unicode() < 128;
    if (ascii)
        QTest::keyClicks(edit, text);
    else
        edit->insert(text);
}

} // namespace

class AdminGuiTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    test::ServerProcess m_server;
    std::unique_ptr<test::HttpClient> m_http;
    QString m_admin;
    QString m_registrar;

    bool logIn(client::ApiClient& client, const QString& user)
    {
        client.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.httpPort())));
        bool done = false;
        bool ok = false;
        client.login(user, password, nullptr, [&](const client::Result<protocol::SessionInfo>& r) {
            done = true;
            ok = r.ok();
        });
        return QTest::qWaitFor([&] { return done; }, 15000) && ok;
    }

    static bool showWindow(QWidget& window)
    {
        window.show();
        window.activateWindow();
        return QTest::qWaitForWindowExposed(&window, 10000);
    }

    QJsonArray dictionaryRows(const QString& code)
    {
        return m_http->get(QStringLiteral("/api/v1/exam-dictionary?hisCode=") + code, m_admin)
            .value(QStringLiteral("items"))
            .toArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(m_dir.path()), qPrintable(m_server.errorString() + m_server.output()));
        m_http = std::make_unique<test::HttpClient>(m_server.httpPort());
        m_admin = m_http->login(QStringLiteral("admin"));
        m_registrar = m_http->login(QStringLiteral("registrar"));
        QVERIFY(!m_admin.isEmpty() && !m_registrar.isEmpty());
        ui::Language::apply(ui::Language::chinese);
    }

    void cleanupTestCase() { m_server.terminate(); }

    // req: issue 4 the HIS dictionary maps HIS exam items and body parts to Lumen's terms, editable in the
    // app
    void admin_adds_and_edits_a_dictionary_row_through_the_window()
    {
        client::ApiClient client;
        QVERIFY(logIn(client, QStringLiteral("admin")));
        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        QVERIFY(window.adminMenu()->dictionaryAction()->isEnabled());
        // The shortcut opens it, as the menu does.
        QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        auto* dictionary = window.findChild<registration::DictionaryWindow*>();
        QVERIFY(dictionary);
        QVERIFY(QTest::qWaitFor([&] { return !dictionary->isLoading(); }, 15000));
        QVERIFY(dictionary->canEdit());
        QVERIFY(dictionary->addButton()->isEnabled());

        // An item row without its method: the server's words appear beside the method field.
        QTest::mouseClick(dictionary->addButton(), Qt::LeftButton);
        auto* form = dictionary->findChild<registration::DictionaryRowDialog*>();
        QVERIFY(form);
        QVERIFY(QTest::qWaitForWindowExposed(form));
        typeText(form->hisSystemEdit(), QStringLiteral("HIS-GUI"));
        typeText(form->hisCodeEdit(), QStringLiteral("GUI310100"));
        typeText(form->hisNameEdit(), QStringLiteral("CT胸部平扫(图形界面)"));
        typeText(form->bodyPartEdit(), QStringLiteral("胸部"));
        QTest::mouseClick(form->saveButton(), Qt::LeftButton);
        QVERIFY(
            QTest::qWaitFor([&] { return !form->fieldMessage(QStringLiteral("method")).isEmpty(); }, 15000));
        QVERIFY(form->isVisible());
        QVERIFY(dictionaryRows(QStringLiteral("GUI310100")).isEmpty());
        saveShot(form, QStringLiteral("dictionary_form_error"));

        typeText(form->methodEdit(), QStringLiteral("CT平扫"));
        typeText(form->modalityEdit(), QStringLiteral("CT"));
        form->departmentCombo()->setCurrentIndex(
            form->departmentCombo()->findData(QStringLiteral("radiology")));
        QSignalSpy saved(form, &registration::DictionaryRowDialog::rowSaved);
        QTest::mouseClick(form->saveButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return saved.count() == 1; }, 15000));

        // Stored on the server as typed.
        const auto rows = dictionaryRows(QStringLiteral("GUI310100"));
        QCOMPARE(rows.size(), 1);
        const auto row = rows[0].toObject();
        QCOMPARE(row.value("hisSystem").toString(), QStringLiteral("HIS-GUI"));
        QCOMPARE(row.value("kind").toString(), QStringLiteral("item"));
        QCOMPARE(row.value("method").toString(), QStringLiteral("CT平扫"));
        QCOMPARE(row.value("bodyPart").toString(), QStringLiteral("胸部"));
        QCOMPARE(row.value("department").toString(), QStringLiteral("radiology"));
        QCOMPARE(row.value("modality").toString(), QStringLiteral("CT"));
        const auto id = row.value("id").toInteger();

        // And in the table, found by searching its name.
        QVERIFY(QTest::qWaitFor([&] { return !dictionary->isLoading(); }, 15000));
        typeText(dictionary->searchField(), QStringLiteral("图形界面"));
        QCOMPARE(int(dictionary->shownRows().size()), 1);
        QCOMPARE(dictionary->shownRows()[0].id, id);
        QCOMPARE(dictionary->table()->item(0, 2)->text(), QStringLiteral("GUI310100"));
        saveShot(dictionary, QStringLiteral("dictionary"));

        // Someone else changes the row while it is open here: saving says so, Reload shows theirs.
        dictionary->selectRow(id);
        auto* edit = dictionary->editSelected();
        QVERIFY(edit);
        QVERIFY(QTest::qWaitForWindowExposed(edit));
        const auto other = m_http->call("PATCH", QStringLiteral("/api/v1/exam-dictionary/%1").arg(id),
                                        QJsonObject{{"bodyPart", "胸部正位"}}, m_admin);
        QVERIFY2(other.status == 200, other.describe());
        edit->hisNameEdit()->selectAll();
        typeText(edit->hisNameEdit(), QStringLiteral("改名"));
        QTest::mouseClick(edit->saveButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return edit->reloadButton()->isVisible(); }, 15000));
        QVERIFY2(!edit->statusText().isEmpty(),
                 qPrintable(edit->findChild<QLabel*>(QStringLiteral("dictionaryRowStatus"))->text()));
        saveShot(edit, QStringLiteral("dictionary_conflict"));
        QTest::mouseClick(edit->reloadButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return edit->bodyPartEdit()->text() == QStringLiteral("胸部正位"); },
                                15000));
        edit->hisNameEdit()->selectAll();
        typeText(edit->hisNameEdit(), QStringLiteral("改名"));
        QSignalSpy editSaved(edit, &registration::DictionaryRowDialog::rowSaved);
        QTest::mouseClick(edit->saveButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return editSaved.count() == 1; }, 15000));
        const auto after = dictionaryRows(QStringLiteral("GUI310100"))[0].toObject();
        QCOMPARE(after.value("hisName").toString(), QStringLiteral("改名"));
        QCOMPARE(after.value("bodyPart").toString(), QStringLiteral("胸部正位"));

        // Delete, after a confirmation.
        QVERIFY(QTest::qWaitFor([&] { return !dictionary->isLoading(); }, 15000));
        dictionary->searchField()->clear();
        dictionary->selectRow(id);
        bool asked = false;
        acceptNextMessageBox(&asked);
        QTest::mouseClick(dictionary->deleteButton(), Qt::LeftButton);
        QVERIFY(asked);
        QVERIFY(
            QTest::qWaitFor([&] { return dictionaryRows(QStringLiteral("GUI310100")).isEmpty(); }, 15000));
    }

    void registrar_reads_the_dictionary_but_cannot_change_it()
    {
        client::ApiClient client;
        QVERIFY(logIn(client, QStringLiteral("registrar")));
        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        QVERIFY(window.adminMenu()->dictionaryAction()->isEnabled());
        QVERIFY(!window.adminMenu()->roomStopAction()->isEnabled());
        auto* dictionary = window.adminMenu()->showDictionary();
        QVERIFY(QTest::qWaitFor([&] { return !dictionary->isLoading(); }, 15000));
        QVERIFY(!dictionary->canEdit());
        QVERIFY(!dictionary->addButton()->isEnabled());
        QVERIFY(!dictionary->editButton()->isEnabled());
        QVERIFY(!dictionary->deleteButton()->isEnabled());
        QVERIFY(dictionary->addRow() == nullptr);
    }

    // req: issue 4 stopping a room offers batch rescheduling of its booked exams, with a list to notify
    void stopping_a_room_lists_whom_to_call_prints_it_and_reopens()
    {
        // A patient with a phone and a CT exam booked in CT2 on the next weekday.
        test::ExamFlow flow(*m_http);
        QVERIFY(flow.ready());
        const QString name = QStringLiteral("停机通知患者");
        const auto patient = flow.newPatient(name, QJsonObject{{"phone", "13912345678"}});
        QVERIFY(patient != 0);
        const auto created = m_http->call("POST", test::examsPath, test::ctOrder(patient), m_registrar);
        QVERIFY2(created.status == 201, created.describe());
        const auto examId = created.value("id").toInteger();
        const QDate day = nextWeekday();
        const QString date = day.toString(Qt::ISODate);
        test::HttpReply booked;
        for (const char* start : {"09:00", "09:30", "10:00", "14:00", "15:00"}) {
            booked = m_http->call(
                "POST", QStringLiteral("/api/v1/bookings"),
                QJsonObject{
                    {"items", QJsonArray{QJsonObject{
                                  {"examId", examId}, {"roomId", "CT2"}, {"date", date}, {"start", start}}}}},
                m_registrar);
            if (booked.status == 201)
                break;
        }
        QVERIFY2(booked.status == 201, booked.describe());
        const QString bookedStart = booked.value("items").toArray()[0].toObject().value("start").toString();

        client::ApiClient client;
        QVERIFY(logIn(client, QStringLiteral("admin")));
        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        QVERIFY(window.adminMenu()->roomStopAction()->isEnabled());
        window.adminMenu()->roomStopAction()->trigger();
        auto* dialog = window.findChild<registration::RoomStopDialog*>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitFor([&] { return dialog->roomCombo()->count() > 0; }, 15000));
        dialog->setRoom(QStringLiteral("CT2"));
        QCOMPARE(dialog->roomCombo()->currentData().toString(), QStringLiteral("CT2"));
        dialog->setDates(day, day);
        dialog->setReason(QStringLiteral("设备故障"));

        // Preview: the patient, the phone, the old slot and the new one; nothing changes yet.
        QSignalSpy finished(dialog, &registration::RoomStopDialog::finished);
        QTest::mouseClick(dialog->previewButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return finished.count() == 1; }, 15000));
        QCOMPARE(int(dialog->notices().size()), 1);
        QCOMPARE(dialog->table()->rowCount(), 1);
        QCOMPARE(dialog->table()->item(0, 0)->text(), name);
        QCOMPARE(dialog->table()->item(0, 1)->text(), QStringLiteral("13912345678"));
        QVERIFY2(dialog->table()->item(0, 2)->text().contains(date) &&
                     dialog->table()->item(0, 2)->text().contains(bookedStart),
                 qPrintable(dialog->table()->item(0, 2)->text()));
        QVERIFY(!dialog->table()->item(0, 3)->text().isEmpty());
        QCOMPARE(m_http->get(test::examPath(examId), m_registrar).value("room").toString(),
                 QStringLiteral("CT2"));

        // Stop, after a confirmation: the exam follows its new slot.
        bool asked = false;
        acceptNextMessageBox(&asked);
        QTest::mouseClick(dialog->stopButton(), Qt::LeftButton);
        QVERIFY(asked);
        QVERIFY(QTest::qWaitFor([&] { return finished.count() == 2; }, 15000));
        QVERIFY2(dialog->hasApplied(), qPrintable(dialog->statusText()));
        QCOMPARE(int(dialog->notices().size()), 1);
        const auto& notice = dialog->notices()[0];
        const auto exam = m_http->get(test::examPath(examId), m_registrar);
        if (notice.newSlot)
            QCOMPARE(exam.value("room").toString(), notice.newSlot->roomId);
        QVERIFY(notice.newSlot.has_value() || !notice.reasons.empty());
        saveShot(dialog, QStringLiteral("room_stop"));

        // The printed list (to PDF) carries the patient's name and phone.
        const QString pdf = QDir::temp().filePath(QStringLiteral("lumen_admin_room_stop_notices.pdf"));
        QFile::remove(pdf);
        QVERIFY(dialog->saveNoticesPdf(pdf));
        QVERIFY(QFileInfo(pdf).size() > 1000);
        qInfo("notice list: %s", qPrintable(pdf));
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed; the PDF was written but not read back");
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(30000));
        const QString words = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(words.contains(name) && words.contains(QStringLiteral("13912345678")), qPrintable(words));

        // While stopped, CT2 refuses that day; reopened, it books again.
        const auto secondExam = m_http->call("POST", test::examsPath, test::ctOrder(patient), m_registrar);
        QVERIFY2(secondExam.status == 201, secondExam.describe());
        const QJsonObject again{
            {"items", QJsonArray{QJsonObject{{"examId", secondExam.value("id").toInteger()},
                                             {"roomId", "CT2"},
                                             {"date", date},
                                             {"start", "16:00"}}}}};
        QCOMPARE(m_http
                     ->call("POST", QStringLiteral("/api/v1/scheduling/check"),
                            QJsonObject{{"examId", secondExam.value("id").toInteger()},
                                        {"roomId", "CT2"},
                                        {"date", date},
                                        {"start", "16:00"}},
                            m_registrar)
                     .value("refusals")
                     .toArray()
                     .isEmpty(),
                 false);
        asked = false;
        acceptNextMessageBox(&asked);
        QTest::mouseClick(dialog->reopenButton(), Qt::LeftButton);
        QVERIFY(asked);
        QVERIFY(QTest::qWaitFor([&] { return finished.count() == 3; }, 15000));
        const auto rebooked = m_http->call("POST", QStringLiteral("/api/v1/bookings"), again, m_registrar);
        QVERIFY2(rebooked.status == 201, rebooked.describe());
    }

    // req: issue 4 no-show blacklist, booking rights restored by hand
    void blacklist_window_lists_and_restores()
    {
        // Three booked exams missed in a row put a patient on the list (the demo rule).
        test::ExamFlow flow(*m_http);
        QVERIFY(flow.ready());
        const QString name = QStringLiteral("爽约三次");
        const auto patient = flow.newPatient(name);
        QVERIFY(patient != 0);
        const QString date = nextWeekday().toString(Qt::ISODate);
        for (const char* start : {"08:30", "09:30", "10:30"}) {
            const auto exam = m_http->call("POST", test::examsPath, test::ctOrder(patient), m_registrar);
            QVERIFY2(exam.status == 201, exam.describe());
            const auto examId = exam.value("id").toInteger();
            const auto booked = m_http->call(
                "POST", QStringLiteral("/api/v1/bookings"),
                QJsonObject{
                    {"items", QJsonArray{QJsonObject{
                                  {"examId", examId}, {"roomId", "CT1"}, {"date", date}, {"start", start}}}}},
                m_registrar);
            QVERIFY2(booked.status == 201, booked.describe());
            const auto missed = m_http->call("POST", test::transitionsPath(examId),
                                             QJsonObject{{"to", "no_show"}, {"note", "未到检"}}, m_registrar);
            QVERIFY2(missed.status == 200, missed.describe());
        }

        client::ApiClient client;
        QVERIFY(logIn(client, QStringLiteral("registrar")));
        registration::RegistrationWindow window(client);
        QVERIFY(showWindow(window));
        auto* dialog = window.adminMenu()->showBlacklist();
        QSignalSpy loaded(dialog, &registration::BlacklistDialog::loaded);
        QVERIFY(QTest::qWaitFor([&] { return loaded.count() >= 1; }, 15000));
        const auto listed = m_http->get(QStringLiteral("/api/v1/scheduling/blacklist"), m_registrar);
        QCOMPARE(int(dialog->entries().size()), listed.value("items").toArray().size());
        QCOMPARE(dialog->table()->rowCount(), int(dialog->entries().size()));
        const auto id = core::PatientId(patient);
        QVERIFY(std::any_of(
            dialog->entries().begin(), dialog->entries().end(),
            [&](const client::BlacklistEntry& e) { return e.patientId == id && e.consecutiveNoShows == 3; }));
        QVERIFY(QTest::qWaitFor([&] { return dialog->patientName(id) == name; }, 15000));
        saveShot(dialog, QStringLiteral("blacklist"));
        dialog->selectPatient(id);
        QSignalSpy restored(dialog, &registration::BlacklistDialog::restored);
        bool asked = false;
        acceptNextMessageBox(&asked);
        QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
        QVERIFY(asked);
        QVERIFY(QTest::qWaitFor([&] { return restored.count() == 1; }, 15000));
        const auto items =
            m_http->get(QStringLiteral("/api/v1/scheduling/blacklist"), m_registrar).value("items").toArray();
        for (const auto& item : items)
            QVERIFY(item.toObject().value("patientId").toInteger() != id);
    }
};

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    ui::initClientApplication(app, QStringLiteral("test_admin_gui"), {});
    AdminGuiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_admin_gui.moc"
