// The self check-in kiosk, the queue screen and the calling panel in real windows against the
// real lumen-server (run under xvfb-run): a patient types the slip's number at the kiosk and
// gets a ticket (printed as PDF); the desk calls the next patient and the waiting-room screen
// shows and announces the masked name.
#include "call_announcer.h"
#include "gui_test_support.h"
#include "kiosk_window.h"
#include "queue_desk_panel.h"
#include "queue_screen.h"
#include "test_server.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/language.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen;
using test::artifactDir;
using test::saveShot;

namespace {

const QString password = QStringLiteral("Lumen@2026");

// Waits for an API answer; the value, or a failed test with the server's words.
template <typename T, typename Call> std::optional<T> await(Call call, QString* problem = nullptr)
{
    std::optional<client::Result<T>> answer;
    call([&](const client::Result<T>& r) { answer = r; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15000)) {
        if (problem)
            *problem = QStringLiteral("no answer");
        return std::nullopt;
    }
    if (!answer->ok()) {
        if (problem)
            *problem = answer->error().code + QStringLiteral(": ") + answer->error().message;
        return std::nullopt;
    }
    return answer->value();
}

} // namespace

class QueueGuiTest : public QObject
{
    Q_OBJECT
private:
    test::TestServer m_server;
    client::ApiClient m_desk; // the registrar, preparing exams through the API

    // A new patient with a CT exam booked in `room` at `dayOffset` days from now (a slot given
    // by hand); the exam as stored.
    std::optional<core::Exam> bookedExam(const QString& name, const QString& room, int dayOffset = 0)
    {
        QString problem;
        core::Patient person;
        person.name = name.toStdString();
        person.sex = core::Sex::Female;
        const auto patient = await<core::Patient>(
            [&](auto done) { m_desk.createPatient(person, true, this, done); }, &problem);
        if (!patient) {
            qWarning("patient: %s", qPrintable(problem));
            return std::nullopt;
        }
        core::Exam order;
        order.patientId = patient->id;
        order.department = core::Department::Radiology;
        order.modality = "CT";
        order.items = {core::ExamItem{"CT平扫", "胸部", std::nullopt, std::nullopt}};
        const auto exam =
            await<core::Exam>([&](auto done) { m_desk.createExam(order, this, done); }, &problem);
        if (!exam) {
            qWarning("exam: %s", qPrintable(problem));
            return std::nullopt;
        }
        client::ExamTransition step;
        step.to = core::ExamStatus::Booked;
        step.scheduledAt = QDateTime::currentDateTimeUtc().addDays(dayOffset).toString(Qt::ISODate);
        step.room = room;
        const auto booked = await<core::Exam>(
            [&](auto done) { m_desk.transitionExam(exam->id, step, this, done); }, &problem);
        if (!booked)
            qWarning("booking: %s", qPrintable(problem));
        return booked;
    }

    // The kiosk as deployed: its own window, signed in with its account, tickets as PDF.
    bool startKiosk(registration::KioskWindow& kiosk, const QString& pdfDir)
    {
        kiosk.setTicketPdfDir(pdfDir);
        QSignalSpy signedIn(&kiosk, &registration::KioskWindow::signedIn);
        kiosk.signIn(QStringLiteral("registrar"), password);
        if (!QTest::qWaitFor([&] { return signedIn.count() > 0; }, 15000) || !signedIn.at(0).at(0).toBool())
            return false;
        kiosk.resize(1280, 900);
        kiosk.show();
        kiosk.activateWindow();
        return QTest::qWaitForWindowActive(&kiosk, 10000);
    }

    // Types like a barcode scanner: the characters, then Enter.
    static void scan(registration::KioskWindow& kiosk, const QString& text)
    {
        QTest::keyClicks(kiosk.scanField(), text);
        QTest::keyClick(kiosk.scanField(), Qt::Key_Return);
    }

private slots:
    void initTestCase()
    {
        if (test::TestServer::binaryPath().isEmpty())
            QSKIP("lumen-server was not built and LUMEN_SERVER_BINARY is not set");
        const QString problem = m_server.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        ui::Language::apply(ui::Language::chinese);
        m_desk.setServerUrl(m_server.url());
        QString why;
        QVERIFY2(
            (await<protocol::SessionInfo>(
                [&](auto done) { m_desk.login(QStringLiteral("registrar"), password, this, done); }, &why)),
            qPrintable(why));
    }

    void cleanupTestCase() { m_server.stop(); }

    // req: 000 §2.3.6 self check-in (报到) by the slip's number, with a printed queue ticket
    void kiosk_checks_in_a_typed_accession_number_and_prints_a_ticket()
    {
        const auto exam = bookedExam(QStringLiteral("欧阳晓明"), QStringLiteral("CT2"));
        QVERIFY(exam);
        const QString accession = QString::fromStdString(exam->accessionNumber);
        QTemporaryDir pdfDir;
        client::ApiClient client;
        client.setServerUrl(m_server.url());
        registration::KioskWindow kiosk(client);
        QVERIFY(startKiosk(kiosk, pdfDir.path()));
        QCOMPARE(kiosk.page(), registration::KioskWindow::Page::Scan);
        QCOMPARE(kiosk.focusWidget(), kiosk.scanField());
        saveShot(&kiosk, QStringLiteral("kiosk_scan"));

        QSignalSpy checkedIn(&kiosk, &registration::KioskWindow::checkedIn);
        // Scanners may send lower case; the kiosk reads the number all the same.
        scan(kiosk, accession.toLower());
        QVERIFY(QTest::qWaitFor([&] { return checkedIn.count() == 1; }, 15000));
        const auto ticket = checkedIn.at(0).at(0).value<client::CheckInTicket>();
        const QString pdf = checkedIn.at(0).at(1).toString();
        QCOMPARE(kiosk.page(), registration::KioskWindow::Page::Ticket);
        QVERIFY(!ticket.ticket.isEmpty());
        QCOMPARE(kiosk.ticketText(), ticket.ticket);
        QCOMPARE(ticket.roomId, QStringLiteral("CT2"));
        QCOMPARE(ticket.patientName, QStringLiteral("欧阳*明"));
        QVERIFY2(QFileInfo(pdf).exists() && QFileInfo(pdf).dir() == QDir(pdfDir.path()), qPrintable(pdf));
        QVERIFY(QFileInfo(pdf).size() > 1000);
        saveShot(&kiosk, QStringLiteral("kiosk_ticket"));

        // The exam is checked in on the server and waits in CT2 with that ticket.
        const auto queue =
            await<client::RoomQueue>([&](auto done) { m_desk.roomQueue(QStringLiteral("CT2"), this, done); });
        QVERIFY(queue);
        QVERIFY(std::any_of(queue->waiting.begin(), queue->waiting.end(), [&](const client::QueueEntry& e) {
            return e.examId == exam->id && e.ticket == ticket.ticket;
        }));

        // The printed ticket carries the number as text and as a barcode a scanner reads.
        if (!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
            QProcess text;
            text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
            QVERIFY(text.waitForFinished(30000));
            const QString words = QString::fromUtf8(text.readAllStandardOutput());
            QVERIFY2(words.contains(ticket.ticket) && words.contains(QStringLiteral("CT2")),
                     qPrintable(words));
        }

        // Scanned twice: the same ticket, no second place in the queue.
        checkedIn.clear();
        scan(kiosk, accession);
        QVERIFY(QTest::qWaitFor([&] { return checkedIn.count() == 1; }, 15000));
        QCOMPARE(checkedIn.at(0).at(0).value<client::CheckInTicket>().ticket, ticket.ticket);
        QVERIFY(checkedIn.at(0).at(0).value<client::CheckInTicket>().again);

        // After a few seconds the kiosk is ready for the next patient by itself.
        kiosk.setReturnDelayMs(300);
        kiosk.showScanPage();
        scan(kiosk, accession);
        QVERIFY(QTest::qWaitFor([&] { return checkedIn.count() == 2; }, 15000));
        QVERIFY(QTest::qWaitFor([&] { return kiosk.page() == registration::KioskWindow::Page::Scan; }, 5000));
        QVERIFY(kiosk.scanField()->text().isEmpty());
    }

    // req: 000 §2.3.6 check-in refusals told to the patient in words
    void kiosk_tells_why_a_number_cannot_check_in()
    {
        client::ApiClient client;
        client.setServerUrl(m_server.url());
        registration::KioskWindow kiosk(client);
        QTemporaryDir pdfDir;
        QVERIFY(startKiosk(kiosk, pdfDir.path()));
        QSignalSpy refused(&kiosk, &registration::KioskWindow::refused);

        scan(kiosk, QStringLiteral("R19990101-9999"));
        QVERIFY(QTest::qWaitFor([&] { return refused.count() == 1; }, 15000));
        QCOMPARE(kiosk.page(), registration::KioskWindow::Page::Message);
        QCOMPARE(kiosk.messageText(),
                 registration::KioskWindow::tr(
                     "This appointment number is unknown. Please check your slip or ask at the desk."));
        QVERIFY(kiosk.messageText().contains(QStringLiteral("服务台"))); // shown in Chinese
        saveShot(&kiosk, QStringLiteral("kiosk_unknown"));

        const auto tomorrow = bookedExam(QStringLiteral("明天来"), QStringLiteral("CT2"), 1);
        QVERIFY(tomorrow);
        scan(kiosk, QString::fromStdString(tomorrow->accessionNumber));
        QVERIFY(QTest::qWaitFor([&] { return refused.count() == 2; }, 15000));
        const QString day =
            QDateTime::currentDateTimeUtc().addSecs(8 * 3600).addDays(1).date().toString(Qt::ISODate);
        QVERIFY2(kiosk.messageText().contains(day), qPrintable(kiosk.messageText()));
        QVERIFY(kiosk.messageText().contains(QStringLiteral("不是今天")));

        const auto cancelled = bookedExam(QStringLiteral("已取消"), QStringLiteral("CT2"));
        QVERIFY(cancelled);
        client::ExamTransition cancel;
        cancel.to = core::ExamStatus::Cancelled;
        cancel.note = QStringLiteral("患者取消");
        QVERIFY((
            await<core::Exam>([&](auto done) { m_desk.transitionExam(cancelled->id, cancel, this, done); })));
        scan(kiosk, QString::fromStdString(cancelled->accessionNumber));
        QVERIFY(QTest::qWaitFor([&] { return refused.count() == 3; }, 15000));
        QCOMPARE(kiosk.messageText(),
                 registration::KioskWindow::tr("This appointment was cancelled. Please ask at the desk."));
        QVERIFY(kiosk.messageText().contains(QStringLiteral("取消")));
        saveShot(&kiosk, QStringLiteral("kiosk_cancelled"));
        QVERIFY(!QDir(pdfDir.path()).entryList(QDir::Files).size());
    }

    // req: 000 §2.3.6 queue calling (排队叫号): call next at the desk, the screen shows and announces
    void queue_screen_shows_the_called_masked_name_after_call_next()
    {
        const auto exam = bookedExam(QStringLiteral("司马光明"), QStringLiteral("MR1"));
        QVERIFY(exam);
        const auto ticket = await<client::CheckInTicket>(
            [&](auto done) { m_desk.checkIn(QString::fromStdString(exam->accessionNumber), this, done); });
        QVERIFY(ticket);
        QCOMPARE(ticket->patientName, QStringLiteral("司马*明"));

        client::ApiClient screenClient;
        screenClient.setServerUrl(m_server.url());
        registration::QueueScreen screen(screenClient, {QStringLiteral("MR1"), QStringLiteral("CT1")}, true);
        screen.setPollIntervalMs(500);
        QSignalSpy updated(&screen, &registration::QueueScreen::updated);
        QSignalSpy announced(&screen, &registration::QueueScreen::announced);
        screen.signIn(QStringLiteral("registrar"), password);
        screen.resize(1600, 900);
        screen.show();
        QVERIFY(QTest::qWaitForWindowExposed(&screen));
        QVERIFY(QTest::qWaitFor([&] { return updated.count() >= 2; }, 15000));
        QVERIFY2(screen.waitingText(QStringLiteral("MR1")).contains(ticket->ticket),
                 qPrintable(screen.waitingText(QStringLiteral("MR1"))));
        qInfo("voice: %s", screen.announcer()->hasVoice() ? "yes" : "no (calls shown only)");

        // The desk (or the technologist) calls until our patient comes; each call is announced.
        client::ApiClient deskClient;
        deskClient.setServerUrl(m_server.url());
        QVERIFY((await<protocol::SessionInfo>(
            [&](auto done) { deskClient.login(QStringLiteral("technologist"), password, this, done); })));
        registration::QueueDeskPanel desk(deskClient);
        desk.setRoom(QStringLiteral("MR1"));
        desk.show();
        QVERIFY(QTest::qWaitForWindowExposed(&desk));
        bool ours = false;
        for (int i = 0; i < 10 && !ours; ++i) {
            QSignalSpy done(&desk, &registration::QueueDeskPanel::actionDone);
            QTest::mouseClick(desk.callNextButton(), Qt::LeftButton);
            QVERIFY(QTest::qWaitFor([&] { return done.count() == 1; }, 15000));
            ours = desk.statusText().contains(ticket->ticket);
        }
        QVERIFY2(ours, qPrintable(desk.statusText()));
        saveShot(&desk, QStringLiteral("queue_desk"));

        const QString expectedCall = QStringLiteral("请 %1 号 司马*明 到 MR1室 检查").arg(ticket->ticket);
        QVERIFY2(
            QTest::qWaitFor(
                [&] { return announced.count() > 0 && announced.last().at(0).toString() == expectedCall; },
                15000),
            qPrintable(announced.isEmpty() ? QStringLiteral("nothing announced")
                                           : announced.last().at(0).toString()));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return screen.currentText(QStringLiteral("MR1")) ==
                       ticket->ticket + QStringLiteral("  司马*明");
            },
            5000));
        QVERIFY(!screen.waitingText(QStringLiteral("MR1")).contains(ticket->ticket));
        // The full name is never on the screen.
        QVERIFY(!screen.currentText(QStringLiteral("MR1")).contains(QStringLiteral("司马光明")));
        QCOMPARE(registration::CallAnnouncer::spokenForm(QStringLiteral("司马*明")),
                 QStringLiteral("司马某明"));
        saveShot(&screen, QStringLiteral("queue_screen"));

        // Recall (F6) announces again; the number of announcements grows by one.
        const int before = int(announced.count());
        desk.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&desk));
        QSignalSpy done(&desk, &registration::QueueDeskPanel::actionDone);
        QTest::keyClick(&desk, Qt::Key_F6);
        QVERIFY(QTest::qWaitFor([&] { return done.count() == 1; }, 15000));
        QVERIFY(QTest::qWaitFor([&] { return announced.count() == before + 1; }, 10000));
        QCOMPARE(announced.last().at(0).toString(), expectedCall);
    }
};

int main(int argc, char* argv[])
{
    // No speech server is spawned by the tests (it would outlive them): the voice engine finds
    // none, and the screen must go on showing the calls, as on a screen without a voice.
    qputenv("SPEECHD_ADDRESS", "unix_socket:/nonexistent/lumen-test-speechd.sock");
    QApplication app(argc, argv);
    lumen::ui::initClientApplication(app, QStringLiteral("test_queue_gui"), {});
    qRegisterMetaType<lumen::client::CheckInTicket>();
    QueueGuiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_queue_gui.moc"
