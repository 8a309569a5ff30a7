#include "exams_panel.h"

#include "attachments_dialog.h"
#include "booking_dialog.h"
#include "cancel_booking_dialog.h"
#include "change_booking_dialog.h"
#include "exam_register_dialog.h"
#include "exam_text.h"
#include "slip_dialog.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/error_text.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

namespace lumen::registration {

namespace {

constexpr int examIdRole = Qt::UserRole;

} // namespace

ExamsPanel::ExamsPanel(client::ApiClient& client, QWidget* parent) : QWidget(parent), m_client(client)
{
    setObjectName(QStringLiteral("examsPanel"));
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("examTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);

    m_register = new QPushButton(this);
    m_register->setObjectName(QStringLiteral("registerExamButton"));
    m_book = new QPushButton(this);
    m_book->setObjectName(QStringLiteral("bookButton"));
    m_change = new QPushButton(this);
    m_change->setObjectName(QStringLiteral("changeBookingButton"));
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelBookingButton"));
    m_attachments = new QPushButton(this);
    m_attachments->setObjectName(QStringLiteral("attachmentsButton"));
    m_printSlip = new QPushButton(this);
    m_printSlip->setObjectName(QStringLiteral("printSlipButton"));
    m_checkIn = new QPushButton(this);
    m_checkIn->setObjectName(QStringLiteral("checkInButton"));
    m_checkIn->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("examsStatusLabel"));

    auto* buttons = new QHBoxLayout;
    for (auto* b : {m_register, m_book, m_change, m_cancel, m_checkIn, m_attachments, m_printSlip}) {
        b->setAutoDefault(false);
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_register, &QPushButton::clicked, this, &ExamsPanel::registerExam);
    connect(m_book, &QPushButton::clicked, this, &ExamsPanel::book);
    connect(m_change, &QPushButton::clicked, this, &ExamsPanel::changeBooking);
    connect(m_cancel, &QPushButton::clicked, this, &ExamsPanel::cancelBooking);
    connect(m_attachments, &QPushButton::clicked, this, &ExamsPanel::showAttachments);
    connect(m_printSlip, &QPushButton::clicked, this, &ExamsPanel::printSlip);
    connect(m_checkIn, &QPushButton::clicked, this, &ExamsPanel::checkIn);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ExamsPanel::updateButtons);
    retranslateUi();
    updateButtons();
}

void ExamsPanel::setCanRegister(bool canRegister)
{
    m_canRegister = canRegister;
    updateButtons();
}

void ExamsPanel::setPatient(const std::optional<core::Patient>& patient)
{
    const bool same = patient && m_patient && patient->id == m_patient->id;
    m_patient = patient;
    if (!same) {
        m_exams.clear();
        m_bookings.clear();
        m_table->setRowCount(0);
    }
    retranslateUi();
    refresh();
}

void ExamsPanel::loadConfig()
{
    if (m_config || m_loadingConfig || !m_client.isLoggedIn())
        return;
    m_loadingConfig = true;
    m_client.schedulingConfig(this, [this](const client::Result<client::SchedulingConfigInfo>& r) {
        m_loadingConfig = false;
        if (r.ok()) {
            m_config = r.value();
            show(m_exams, {});
        }
    });
}

void ExamsPanel::refresh()
{
    loadConfig();
    const int sequence = ++m_sequence;
    if (!m_patient || m_patient->id == 0 || !m_client.isLoggedIn()) {
        m_pending = 0;
        m_status->clear();
        updateButtons();
        return;
    }
    m_pending = 2;
    m_error.clear();
    m_status->setText(tr("Loading exams..."));
    auto exams = std::make_shared<std::vector<core::Exam>>();
    auto bookings = std::make_shared<std::vector<client::Booking>>();
    auto finished = [this, sequence, exams, bookings] {
        if (sequence != m_sequence || --m_pending > 0)
            return;
        if (!m_error.isEmpty()) {
            m_status->setText(m_error);
            updateButtons();
            return;
        }
        m_bookings.clear();
        show(*exams, *bookings);
    };
    client::ExamQuery query;
    query.patientId = m_patient->id;
    query.limit = 200;
    m_client.searchExams(query, this,
                         [this, sequence, exams, finished](const client::Result<client::ExamPage>& r) {
                             if (sequence != m_sequence)
                                 return;
                             if (r.ok())
                                 *exams = r.value().items;
                             else
                                 m_error = ui::ErrorText::describe(r.error());
                             finished();
                         });
    client::BookingQuery bookingQuery;
    bookingQuery.patientId = m_patient->id;
    m_client.listBookings(
        bookingQuery, this,
        [this, sequence, bookings, finished](const client::Result<std::vector<client::Booking>>& r) {
            if (sequence != m_sequence)
                return;
            // Without the book the slots still come from the exams.
            if (r.ok())
                *bookings = r.value();
            finished();
        });
}

void ExamsPanel::show(const std::vector<core::Exam>& exams, const std::vector<client::Booking>& bookings)
{
    std::vector<core::ExamId> selected;
    for (const auto& index : m_table->selectionModel()->selectedRows())
        selected.push_back(m_table->item(index.row(), 0)->data(examIdRole).toLongLong());
    if (&exams != &m_exams)
        m_exams = exams;
    for (const auto& b : bookings)
        if (b.status == QLatin1String("booked") || b.status == QLatin1String("checked_in"))
            m_bookings[b.examId] = b;

    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(m_exams.size()));
    for (int row = 0; row < int(m_exams.size()); ++row) {
        const auto& e = m_exams[std::size_t(row)];
        QString requestedBy = QString::fromStdString(e.requestingDepartment.value_or(""));
        if (e.requestingDoctor)
            requestedBy += QLatin1Char(' ') + QString::fromStdString(*e.requestingDoctor);
        const QStringList cells = {QString::fromStdString(e.accessionNumber), ExamText::status(e.status),
                                   QStringLiteral("%1 %2  %3")
                                       .arg(ExamText::department(e.department),
                                            QString::fromStdString(e.modality), ExamText::items(e)),
                                   slotText(e), requestedBy.trimmed()};
        for (int col = 0; col < ColumnCount; ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            item->setData(examIdRole, QVariant::fromValue<qlonglong>(e.id));
            m_table->setItem(row, col, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->clearSelection();
    for (const auto id : selected)
        selectExam(id);
    if (m_pendingSelect && m_pending == 0) {
        selectExam(*m_pendingSelect);
        m_pendingSelect.reset();
    }
    m_status->setText(m_exams.empty() ? tr("No exams registered for this patient.")
                                      : tr("%n exam(s).", nullptr, int(m_exams.size())));
    updateButtons();
}

QString ExamsPanel::slotText(const core::Exam& e) const
{
    if (const auto it = m_bookings.find(e.id); it != m_bookings.end()) {
        const auto& b = it->second;
        return QStringLiteral("%1 %2 %3-%4")
            .arg(b.roomName, b.date.toString(Qt::ISODate), b.start.toString(QStringLiteral("HH:mm")),
                 b.end.toString(QStringLiteral("HH:mm")));
    }
    if (!e.scheduledAt)
        return {};
    const int offset = m_config ? m_config->utcOffsetMinutes : 480;
    const QDateTime at = QDateTime::fromString(QString::fromStdString(*e.scheduledAt), Qt::ISODate)
                             .toUTC()
                             .addSecs(qint64(offset) * 60);
    QString room = QString::fromStdString(e.room.value_or(""));
    if (m_config)
        if (const auto* r = m_config->room(room))
            room = r->name;
    return QStringLiteral("%1 %2").arg(room, at.toString(QStringLiteral("yyyy-MM-dd HH:mm"))).trimmed();
}

std::optional<client::Booking> ExamsPanel::activeBooking(core::ExamId examId) const
{
    const auto it = m_bookings.find(examId);
    if (it == m_bookings.end() || it->second.status != QLatin1String("booked"))
        return std::nullopt;
    return it->second;
}

std::optional<core::Exam> ExamsPanel::selectedExam() const
{
    const int row = m_table->currentRow();
    const auto rows = m_table->selectionModel()->selectedRows();
    const int chosen = rows.isEmpty() ? -1 : (rows.size() == 1 ? rows.first().row() : row);
    if (chosen < 0 || chosen >= int(m_exams.size()))
        return std::nullopt;
    return m_exams[std::size_t(chosen)];
}

void ExamsPanel::selectExam(core::ExamId id)
{
    for (int row = 0; row < int(m_exams.size()); ++row)
        if (m_exams[std::size_t(row)].id == id) {
            m_table->selectionModel()->select(m_table->model()->index(row, 0),
                                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
            m_table->setCurrentCell(row, 0, QItemSelectionModel::NoUpdate);
        }
}

QString ExamsPanel::statusText() const
{
    return m_status->text();
}

bool ExamsPanel::canRegisterExam() const
{
    return m_canRegister && m_patient && m_patient->id != 0;
}

bool ExamsPanel::canBook() const
{
    if (!canRegisterExam())
        return false;
    for (const auto& e : m_exams)
        if (e.status == core::ExamStatus::Requested)
            return true;
    return false;
}

bool ExamsPanel::canChangeBooking() const
{
    const auto exam = selectedExam();
    return canRegisterExam() && exam && activeBooking(exam->id).has_value();
}

bool ExamsPanel::canShowAttachments() const
{
    return selectedExam().has_value();
}

bool ExamsPanel::canPrintSlip() const
{
    const auto exam = selectedExam();
    return m_patient && exam && activeBooking(exam->id).has_value();
}

bool ExamsPanel::canCheckIn() const
{
    const auto exam = selectedExam();
    return m_canRegister && exam && exam->status == core::ExamStatus::Booked;
}

void ExamsPanel::checkIn()
{
    const auto exam = selectedExam();
    if (!canCheckIn())
        return;
    m_checkIn->setEnabled(false);
    m_status->setText(tr("Checking in %1...").arg(QString::fromStdString(exam->accessionNumber)));
    m_client.checkInExam(
        exam->id, this, [this, id = exam->id](const client::Result<client::CheckInTicket>& r) {
            if (!r.ok()) {
                m_status->setText(tr("Check-in refused: %1").arg(ui::ErrorText::describe(r.error())));
                updateButtons();
                return;
            }
            const auto& t = r.value();
            m_status->setText(
                tr("Checked in: ticket %1 for %2, %n patient(s) waiting before.", nullptr, t.waitingBefore)
                    .arg(t.ticket, t.roomName));
            auto* box = new QMessageBox(QMessageBox::Information, tr("Checked in"),
                                        tr("Queue ticket <b>%1</b><br>Room: %2<br>Waiting before: %3")
                                            .arg(t.ticket.toHtmlEscaped(), t.roomName.toHtmlEscaped())
                                            .arg(t.waitingBefore),
                                        QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("checkInTicketBox"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            afterChange(id);
        });
}

void ExamsPanel::updateButtons()
{
    m_register->setEnabled(canRegisterExam());
    m_book->setEnabled(canBook());
    m_change->setEnabled(canChangeBooking());
    m_cancel->setEnabled(canChangeBooking());
    m_attachments->setEnabled(canShowAttachments());
    m_printSlip->setEnabled(canPrintSlip());
    m_checkIn->setEnabled(canCheckIn());
    emit actionsChanged();
}

QWidget* ExamsPanel::registerExam()
{
    if (!canRegisterExam())
        return nullptr;
    auto* dialog = new ExamRegisterDialog(m_client, *m_patient, m_exams, m_config, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExamRegisterDialog::examRegistered, this,
            [this](const core::Exam& exam) { afterChange(exam.id); });
    dialog->open();
    return dialog;
}

QWidget* ExamsPanel::book()
{
    if (!canBook())
        return nullptr;
    // The selected requested exams, else every requested exam of the patient (one visit if it can be).
    std::vector<core::Exam> chosen;
    for (const auto& index : m_table->selectionModel()->selectedRows())
        if (const auto& e = m_exams[std::size_t(index.row())]; e.status == core::ExamStatus::Requested)
            chosen.push_back(e);
    if (chosen.empty())
        for (const auto& e : m_exams)
            if (e.status == core::ExamStatus::Requested)
                chosen.push_back(e);
    auto* dialog = new BookingDialog(m_client, *m_patient, chosen, m_config, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BookingDialog::booked, this, [this](const std::vector<client::Booking>& bookings) {
        afterChange(bookings.empty() ? std::nullopt : std::optional<core::ExamId>(bookings.front().examId));
    });
    dialog->open();
    return dialog;
}

QWidget* ExamsPanel::changeBooking()
{
    const auto exam = selectedExam();
    const auto booking = exam ? activeBooking(exam->id) : std::nullopt;
    if (!canRegisterExam() || !booking)
        return nullptr;
    auto* dialog = new ChangeBookingDialog(m_client, *booking, m_config, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ChangeBookingDialog::changed, this,
            [this](const client::Booking& b) { afterChange(b.examId); });
    dialog->open();
    return dialog;
}

QWidget* ExamsPanel::cancelBooking()
{
    const auto exam = selectedExam();
    const auto booking = exam ? activeBooking(exam->id) : std::nullopt;
    if (!canRegisterExam() || !booking)
        return nullptr;
    auto* dialog = new CancelBookingDialog(m_client, *booking, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CancelBookingDialog::cancelled, this,
            [this](const client::Booking& b) { afterChange(b.examId); });
    dialog->open();
    return dialog;
}

QWidget* ExamsPanel::showAttachments()
{
    const auto exam = selectedExam();
    if (!exam)
        return nullptr;
    auto* dialog = new AttachmentsDialog(m_client, *exam, canRegisterExam(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QWidget* ExamsPanel::printSlip()
{
    const auto exam = selectedExam();
    const auto booking = exam ? activeBooking(exam->id) : std::nullopt;
    if (!m_patient || !booking)
        return nullptr;
    auto* dialog = new SlipDialog({SlipDialog::dataFor(*m_patient, *booking, exam, m_config)}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void ExamsPanel::afterChange(std::optional<core::ExamId> select)
{
    m_table->clearSelection();
    refresh();
    // Selected once the fresh list is shown.
    m_pendingSelect = select;
    emit examsChanged();
}

void ExamsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        show(m_exams, {});
    }
    QWidget::changeEvent(event);
}

bool ExamsPanel::event(QEvent* event)
{
    // Ctrl+P is also the window's "Print summary": inside this list it prints the selected
    // exam's slip instead, so the key is claimed here before the window's shortcut sees it.
    if (event->type() == QEvent::ShortcutOverride &&
        static_cast<QKeyEvent*>(event)->matches(QKeySequence::Print) && canPrintSlip()) {
        event->accept();
        return true;
    }
    return QWidget::event(event);
}

void ExamsPanel::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Print) && canPrintSlip()) {
        printSlip();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ExamsPanel::retranslateUi()
{
    m_title->setText(m_patient && m_patient->id != 0
                         ? tr("Exams of %1").arg(QString::fromStdString(m_patient->name))
                         : tr("Exams (open a patient to see them)"));
    m_table->setHorizontalHeaderLabels(
        {tr("Accession no."), tr("Status"), tr("Exam"), tr("Slot"), tr("Requested by")});
    m_register->setText(tr("Register e&xam..."));
    m_book->setText(tr("&Book..."));
    m_change->setText(tr("Chan&ge booking..."));
    m_cancel->setText(tr("Cance&l booking..."));
    m_attachments->setText(tr("Attachments..."));
    m_attachments->setToolTip(tr("Scanned requisitions of the selected exam"));
    m_printSlip->setText(tr("Print slip..."));
    m_checkIn->setText(tr("Check &in"));
    m_checkIn->setToolTip(
        tr("Check the selected booked exam in at the desk and give a queue ticket (Ctrl+I)"));
    m_printSlip->setToolTip(tr("Print or save the appointment slip of the selected booked exam (%1)")
                                .arg(QKeySequence(QKeySequence::Print).toString(QKeySequence::NativeText)));
}

} // namespace lumen::registration
