// GUI test of the scanned requisition and the appointment slip at the registration desk, against
// the real server (--demo) in real windows (run under xvfb-run): the registrar registers an exam
// with a requisition PDF attached, finds it (and an added PNG) in the exam's attachments, books
// the exam, and saves its slip as PDF from the exams list with Ctrl+P.
#include "attachments_dialog.h"
#include "booking_dialog.h"
#include "exam_register_dialog.h"
#include "exams_panel.h"
#include "gui_test_support.h"
#include "patient_editor.h"
#include "registration_window.h"
#include "slip_dialog.h"
#include "test_server.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/language.h"
#include "lumen/ui/login_dialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace lumen;
using test::activate;
using test::saveShot;
using test::typeCommitted;

namespace {

template <typename T> T* visibleChild(QWidget* parent, const QString& name = {})
{
    for (T* candidate : parent->findChildren<T*>(name))
        if (candidate->isVisible())
            return candidate;
    return nullptr;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A one-page scan-like PDF, as a scanner's software would write it.
bool writeRequisitionPdf(const QString& path)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A5));
    writer.setCreator(QStringLiteral("scanner"));
    QPainter painter;
    if (!painter.begin(&writer))
        return false;
    painter.setFont(QFont(QStringLiteral("DejaVu Sans"), 14));
    painter.drawText(QRectF(0, 0, writer.width(), writer.height() / 4), Qt::AlignCenter,
                     QStringLiteral("CT requisition / Chest"));
    painter.drawRect(
        QRectF(writer.width() * 0.1, writer.height() * 0.3, writer.width() * 0.8, writer.height() * 0.5));
    return painter.end();
}

// Accepts the next file dialog with `path` once it is shown (modal or window-modal).
void acceptFileDialogLater(QWidget* window, const QString& path)
{
    auto* timer = new QTimer(window);
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, window, path] {
        QFileDialog* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            dialog = visibleChild<QFileDialog>(window);
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        dialog->selectFile(path);
        // selectFile() leaves a focused name field alone: type the path as the desk would.
        if (auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit")))
            name->setText(path);
        static_cast<QDialog*>(dialog)->accept(); // QFileDialog::accept is protected
    });
    timer->start();
}

template <typename T> std::optional<T> await(std::function<void(client::ApiClient::Callback<T>)> call)
{
    std::optional<client::Result<T>> result;
    call([&result](const client::Result<T>& r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000) || !result->ok())
        return std::nullopt;
    return result->value();
}

} // namespace

class AttachmentsGuiTest : public QObject
{
    Q_OBJECT
private:
    test::TestServer m_server;

    bool logIn(client::ApiClient& client)
    {
        return test::logInThroughDialog(client, m_server.url(), QStringLiteral("registrar"));
    }

private slots:
    void initTestCase()
    {
        if (test::TestServer::binaryPath().isEmpty())
            QSKIP("lumen-server was not built and LUMEN_SERVER_BINARY is not set");
        const QString problem = m_server.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void cleanupTestCase() { m_server.stop(); }

    void requisition_is_attached_at_registration_and_slip_prints_after_booking()
    {
        ui::Language::apply(ui::Language::chinese);
        QTemporaryDir files;
        QVERIFY(files.isValid());
        const QString pdfPath = files.filePath(QStringLiteral("申请单.pdf"));
        QVERIFY(writeRequisitionPdf(pdfPath));
        const QByteArray pdfBytes = readAll(pdfPath);
        QVERIFY(pdfBytes.startsWith("%PDF-"));

        client::ApiClient client;
        QVERIFY(logIn(client));
        registration::RegistrationWindow window(client);
        window.show();
        QVERIFY(activate(window));

        std::vector<core::Patient> patients;
        bool answered = false;
        client.searchPatients({}, 5, 0, nullptr, [&](const client::Result<client::PatientPage>& r) {
            answered = true;
            if (r.ok())
                patients = r.value().items;
        });
        QVERIFY(QTest::qWaitFor([&] { return answered; }, 15000));
        QVERIFY(!patients.empty());
        const core::Patient patient = patients.back();
        QVERIFY(window.editor()->openPatient(patient.id, false));
        auto* exams = window.examsPanel();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return window.editor()->currentPatient() &&
                       window.editor()->currentPatient()->id == patient.id && !exams->isLoading() &&
                       exams->config().has_value();
            },
            15000));
        const std::size_t examsBefore = exams->exams().size();

        // Ctrl+E, one item, and "Attach requisition..." with the scanned PDF.
        QVERIFY(activate(window));
        QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier);
        registration::ExamRegisterDialog* reg = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] { return (reg = visibleChild<registration::ExamRegisterDialog>(&window)); }, 5000));
        auto* method = reg->findChild<QComboBox*>(QStringLiteral("methodCombo"));
        auto* bodyPart = reg->findChild<QComboBox*>(QStringLiteral("bodyPartCombo"));
        QVERIFY(QTest::qWaitFor([&] { return method->findData(QStringLiteral("CT平扫")) >= 0; }, 5000));
        method->setCurrentIndex(method->findData(QStringLiteral("CT平扫")));
        bodyPart->setCurrentIndex(bodyPart->findData(QStringLiteral("胸部")));
        QTest::mouseClick(reg->findChild<QPushButton*>(QStringLiteral("addItemButton")), Qt::LeftButton);
        QCOMPARE(reg->findChild<QListWidget*>(QStringLiteral("itemList"))->count(), 1);
        acceptFileDialogLater(reg, pdfPath);
        QTest::mouseClick(reg->findChild<QPushButton*>(QStringLiteral("attachRequisitionButton")),
                          Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return reg->requisition().has_value(); }, 5000));
        QCOMPARE(reg->requisition()->contentType, QStringLiteral("application/pdf"));
        QVERIFY(reg->findChild<QLabel*>(QStringLiteral("requisitionLabel"))
                    ->text()
                    .contains(QStringLiteral("申请单.pdf")));
        saveShot(reg, QStringLiteral("exam_register_requisition"));

        // A file over 20 MiB is refused before anything is sent.
        const QString hugePath = files.filePath(QStringLiteral("huge.pdf"));
        {
            QFile huge(hugePath);
            QVERIFY(huge.open(QIODevice::WriteOnly));
            huge.write("%PDF-1.4\n");
            QVERIFY(huge.resize(client::maxAttachmentBytes + 1));
        }
        QVERIFY(!reg->setRequisitionFile(hugePath));
        QVERIFY(!reg->messageText().isEmpty());
        QCOMPARE(reg->requisition()->fileName, QStringLiteral("申请单.pdf")); // the earlier choice stays

        QPointer<registration::ExamRegisterDialog> regGuard(reg);
        QTest::mouseClick(reg->findChild<QPushButton*>(QStringLiteral("registerButton")), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (auto* prompt = window.findChild<QMessageBox*>(QStringLiteral("revisitPrompt"));
                    prompt && prompt->isVisible())
                    prompt->button(QMessageBox::Yes)->click();
                return regGuard.isNull() || !regGuard->isVisible();
            },
            20000));
        QVERIFY(!window.findChild<QMessageBox*>(QStringLiteral("requisitionNotAttachedMessage")));
        QVERIFY(QTest::qWaitFor(
            [&] { return !exams->isLoading() && exams->exams().size() == examsBefore + 1; }, 15000));
        const core::Exam exam = exams->exams().front(); // newest first
        QCOMPARE(exam.status, core::ExamStatus::Requested);
        const QString accession = QString::fromStdString(exam.accessionNumber);
        QVERIFY(!accession.isEmpty());

        // GET /exams/{id}/attachments lists it, and its bytes come back unchanged.
        const auto listed = await<std::vector<client::ExamAttachment>>(
            [&](auto done) { client.listAttachments(exam.id, nullptr, done); });
        QVERIFY(listed);
        QCOMPARE(listed->size(), std::size_t(1));
        QCOMPARE(listed->front().fileName, QStringLiteral("申请单.pdf"));
        QCOMPARE(listed->front().contentType, QStringLiteral("application/pdf"));
        QCOMPARE(listed->front().size, qint64(pdfBytes.size()));
        const auto downloaded = await<client::AttachmentFile>(
            [&](auto done) { client.downloadAttachment(exam.id, listed->front().id, nullptr, done); });
        QVERIFY(downloaded);
        QCOMPARE(downloaded->contentType, QStringLiteral("application/pdf"));
        QVERIFY(downloaded->bytes == pdfBytes);

        // Attachments (附件) of the selected exam: the PDF, then a photo added with "Add...".
        exams->table()->clearSelection();
        exams->selectExam(exam.id);
        auto* attachmentsButton = exams->findChild<QPushButton*>(QStringLiteral("attachmentsButton"));
        QVERIFY(attachmentsButton->isEnabled());
        QTest::mouseClick(attachmentsButton, Qt::LeftButton);
        registration::AttachmentsDialog* attachments = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] { return (attachments = visibleChild<registration::AttachmentsDialog>(exams)); }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return !attachments->isBusy(); }, 15000));
        QCOMPARE(attachments->table()->rowCount(), 1);
        QCOMPARE(attachments->table()->item(0, registration::AttachmentsDialog::FileColumn)->text(),
                 QStringLiteral("申请单.pdf"));

        const QString pngPath = files.filePath(QStringLiteral("photo.png"));
        QImage photo(240, 160, QImage::Format_RGB32);
        photo.fill(QColor(30, 110, 200));
        QVERIFY(photo.save(pngPath));
        acceptFileDialogLater(attachments, pngPath);
        QTest::mouseClick(attachments->findChild<QPushButton*>(QStringLiteral("addAttachmentButton")),
                          Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor(
                     [&] { return !attachments->isBusy() && attachments->attachments().size() == 2; }, 15000),
                 qPrintable(attachments->messageText()));
        QCOMPARE(attachments->table()->rowCount(), 2);
        QTest::qWait(100);
        saveShot(attachments, QStringLiteral("attachments_list"));

        // Open: the PDF goes to a temp file for the system's viewer, the photo to a preview.
        int pdfRow = -1;
        int pngRow = -1;
        for (int row = 0; row < 2; ++row)
            (attachments->attachments()[std::size_t(row)].contentType == QLatin1String("image/png")
                 ? pngRow
                 : pdfRow) = row;
        QVERIFY(pdfRow >= 0 && pngRow >= 0);
        QSignalSpy opened(attachments, &registration::AttachmentsDialog::attachmentOpened);
        attachments->table()->selectRow(pdfRow);
        QTest::mouseClick(attachments->findChild<QPushButton*>(QStringLiteral("openAttachmentButton")),
                          Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return opened.count() == 1; }, 15000));
        QVERIFY(readAll(attachments->lastOpenedPath()) == pdfBytes);
        attachments->table()->selectRow(pngRow);
        QTest::mouseClick(attachments->findChild<QPushButton*>(QStringLiteral("openAttachmentButton")),
                          Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return opened.count() == 2; }, 15000));
        QDialog* preview = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] {
                return (preview = visibleChild<QDialog>(attachments, QStringLiteral("attachmentPreview")));
            },
            5000));
        QVERIFY(!preview->findChild<QLabel*>(QStringLiteral("attachmentImage"))->pixmap().isNull());
        preview->close();
        attachments->close();

        // Book with the recommender's best proposal; the slip is offered at once.
        exams->table()->clearSelection();
        exams->selectExam(exam.id);
        QVERIFY(activate(window));
        QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier);
        registration::BookingDialog* bookDialog = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] { return (bookDialog = visibleChild<registration::BookingDialog>(&window)); }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return !bookDialog->isLoading(); }, 15000));
        QVERIFY2(!bookDialog->recommendation().combinations.empty(), qPrintable(bookDialog->messageText()));
        QPointer<registration::BookingDialog> bookGuard(bookDialog);
        QTest::mouseClick(bookDialog->findChild<QPushButton*>(QStringLiteral("bookRecommendedButton")),
                          Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor([&] { return bookGuard.isNull() || !bookGuard->isVisible(); }, 15000),
                 qPrintable(bookGuard ? bookGuard->messageText() : QString()));
        registration::SlipDialog* offered = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (offered = visibleChild<registration::SlipDialog>(&window)); },
                                5000));
        QCOMPARE(offered->currentSlip().accessionNumber, accession);
        QCOMPARE(offered->currentSlip().patientName, QString::fromStdString(patient.name));
        QVERIFY(!offered->currentSlip().room.isEmpty());
        QCOMPARE(offered->currentSlip().examItems, QStringList({QStringLiteral("CT平扫 胸部")}));
        saveShot(offered, QStringLiteral("slip_after_booking"));
        offered->close();
        QVERIFY(QTest::qWaitFor(
            [&] { return !exams->isLoading() && exams->activeBooking(exam.id).has_value(); }, 15000));
        const auto booking = *exams->activeBooking(exam.id);

        // Ctrl+P in the exams list: the slip of the selected booked exam, saved as PDF.
        exams->table()->clearSelection();
        exams->selectExam(exam.id);
        QVERIFY(exams->canPrintSlip());
        QVERIFY(activate(window));
        exams->table()->setFocus();
        QTest::keyClick(exams->table(), Qt::Key_P, Qt::ControlModifier);
        registration::SlipDialog* slip = nullptr;
        QVERIFY(
            QTest::qWaitFor([&] { return (slip = visibleChild<registration::SlipDialog>(&window)); }, 5000));
        QCOMPARE(slip->currentSlip().accessionNumber, accession);
        QCOMPARE(slip->currentSlip().date, booking.date);
        QCOMPARE(slip->currentSlip().startTime, booking.start.toString(QStringLiteral("HH:mm")));
        QCOMPARE(slip->currentSlip().room, booking.roomName);
        QCOMPARE(slip->currentSlip().precautions, booking.precautions);
        const QString slipPath = files.filePath(QStringLiteral("slip.pdf"));
        acceptFileDialogLater(slip, slipPath);
        QTest::mouseClick(slip->findChild<QPushButton*>(QStringLiteral("saveSlipPdfButton")), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return QFile::exists(slipPath) && QFileInfo(slipPath).size() > 0; },
                                10000));
        QProcess pdftotext;
        pdftotext.start(QStringLiteral("pdftotext"), {slipPath, QStringLiteral("-")});
        QVERIFY2(pdftotext.waitForFinished(30000), "pdftotext did not finish");
        const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
        QVERIFY2(text.contains(accession), qPrintable(text));
        slip->close();
    }
};

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QApplication app(argc, argv);
    ui::initClientApplication(app, QStringLiteral("lumen-registration-gui-test"),
                              &registration::RegistrationWindow::title);
    AttachmentsGuiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_attachments_gui.moc"
