#include "room_stop_dialog.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/error_text.h"

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QTableWidget>
#include <QTextDocument>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

enum Column { PatientColumn, PhoneColumn, OldColumn, NewColumn, ColumnCount };

QString reasonsText(const std::vector<client::Refusal>& reasons)
{
    QStringList parts;
    for (const auto& r : reasons)
        parts << (r.message.isEmpty() ? r.code : r.message);
    parts.removeDuplicates();
    return parts.join(QStringLiteral("; "));
}

} // namespace

RoomStopDialog::RoomStopDialog(client::ApiClient& client, QWidget* parent) : QDialog(parent), m_client(client)
{
    setObjectName(QStringLiteral("roomStopDialog"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);

    m_roomLabel = new QLabel(this);
    m_room = new QComboBox(this);
    m_room->setObjectName(QStringLiteral("stopRoom"));
    m_room->setMinimumContentsLength(10);
    m_fromLabel = new QLabel(this);
    m_from = new QDateEdit(QDate::currentDate(), this);
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_toLabel = new QLabel(this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_reasonLabel = new QLabel(this);
    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("stopReason"));
    m_reason->setEditable(true);
    m_reason->setInsertPolicy(QComboBox::NoInsert);
    m_roomLabel->setBuddy(m_room);
    m_fromLabel->setBuddy(m_from);
    m_toLabel->setBuddy(m_to);
    m_reasonLabel->setBuddy(m_reason);

    auto* choose = new QHBoxLayout;
    choose->addWidget(m_roomLabel);
    choose->addWidget(m_room);
    choose->addSpacing(12);
    choose->addWidget(m_fromLabel);
    choose->addWidget(m_from);
    choose->addWidget(m_toLabel);
    choose->addWidget(m_to);
    choose->addSpacing(12);
    choose->addWidget(m_reasonLabel);
    choose->addWidget(m_reason, 1);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("noticeTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("roomStopStatus"));
    m_status->setWordWrap(true);

    m_previewButton = new QPushButton(this);
    m_stopButton = new QPushButton(this);
    m_reopenButton = new QPushButton(this);
    m_printButton = new QPushButton(this);
    m_closeButton = new QPushButton(this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_printButton);
    buttons->addStretch(1);
    buttons->addWidget(m_reopenButton);
    buttons->addWidget(m_closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(choose);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_previewButton, &QPushButton::clicked, this, &RoomStopDialog::preview);
    connect(m_stopButton, &QPushButton::clicked, this, [this] { stopRoom(); });
    connect(m_reopenButton, &QPushButton::clicked, this, [this] { reopenRoom(); });
    connect(m_printButton, &QPushButton::clicked, this, &RoomStopDialog::print);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::close);
    connect(m_from, &QDateEdit::dateChanged, this, [this](const QDate& d) {
        if (m_to->date() < d)
            m_to->setDate(d);
    });
    // What was previewed no longer matches the choice: preview again before stopping.
    auto stale = [this] {
        if (m_busy)
            return;
        m_result = {};
        m_applied = false;
        m_table->setRowCount(0);
        updateButtons();
    };
    connect(m_room, &QComboBox::currentIndexChanged, this, stale);
    connect(m_from, &QDateEdit::dateChanged, this, stale);
    connect(m_to, &QDateEdit::dateChanged, this, stale);

    retranslateUi();
    resize(1000, 600);
    updateButtons();
    loadRooms();
}

void RoomStopDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void RoomStopDialog::retranslateUi()
{
    setWindowTitle(tr("Stop / reopen room"));
    m_roomLabel->setText(tr("&Room:"));
    m_fromLabel->setText(tr("&From:"));
    m_toLabel->setText(tr("&to:"));
    m_reasonLabel->setText(tr("R&eason:"));
    const QString reason = m_reason->currentText();
    m_reason->clear();
    m_reason->addItems({tr("Equipment failure"), tr("Equipment maintenance"), tr("Staff shortage")});
    m_reason->setCurrentText(reason);
    m_reason->lineEdit()->setPlaceholderText(tr("why the room stops (told to the patients)"));
    m_table->setHorizontalHeaderLabels({tr("Patient"), tr("Phone"), tr("Booked slot"), tr("New slot")});
    m_previewButton->setText(tr("&Preview"));
    m_stopButton->setText(tr("&Stop room..."));
    m_reopenButton->setText(tr("Re&open room..."));
    m_printButton->setText(tr("Print &list..."));
    m_closeButton->setText(tr("Close"));
    if (!m_result.notices.empty())
        showResult(m_result, m_applied);
}

QString RoomStopDialog::statusText() const
{
    return m_status->text();
}

void RoomStopDialog::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void RoomStopDialog::setRoom(const QString& roomId)
{
    const int index = m_room->findData(roomId);
    if (index >= 0)
        m_room->setCurrentIndex(index);
    else
        m_pendingRoom = roomId; // rooms not loaded yet
}

void RoomStopDialog::setDates(const QDate& from, const QDate& to)
{
    m_from->setDate(from);
    m_to->setDate(to);
}

void RoomStopDialog::setReason(const QString& reason)
{
    m_reason->setCurrentText(reason);
}

void RoomStopDialog::loadRooms()
{
    m_client.schedulingRooms(this, [this](const client::Result<std::vector<client::RoomInfo>>& result) {
        if (!result.ok()) {
            setStatus(ui::ErrorText::describe(result.error()), true);
            emit roomsLoaded();
            return;
        }
        m_rooms = result.value();
        const QSignalBlocker block(m_room);
        m_room->clear();
        for (const auto& room : m_rooms) {
            QString label = room.name.isEmpty() ? room.id : room.name;
            if (room.stoppedToday)
                label += QLatin1Char(' ') + tr("(stopped today)");
            m_room->addItem(label, room.id);
        }
        if (!m_pendingRoom.isEmpty())
            m_room->setCurrentIndex(std::max(0, m_room->findData(m_pendingRoom)));
        m_pendingRoom.clear();
        updateButtons();
        emit roomsLoaded();
    });
}

QString RoomStopDialog::roomName(const QString& roomId) const
{
    for (const auto& room : m_rooms)
        if (room.id == roomId)
            return room.name.isEmpty() ? room.id : room.name;
    return roomId;
}

void RoomStopDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void RoomStopDialog::updateButtons()
{
    const bool admin = m_client.hasPermission("scheduling.admin");
    const bool ready = !m_busy && admin && m_room->currentIndex() >= 0;
    m_previewButton->setEnabled(ready);
    m_stopButton->setEnabled(ready && !m_applied);
    m_reopenButton->setEnabled(ready);
    m_printButton->setEnabled(!m_busy && !m_result.notices.empty());
    if (!admin)
        setStatus(tr("Stopping and reopening rooms needs the scheduling.admin permission."), true);
}

bool RoomStopDialog::validInput()
{
    if (m_room->currentIndex() < 0) {
        setStatus(tr("Choose a room."), true);
        return false;
    }
    if (m_to->date() < m_from->date()) {
        setStatus(tr("The last day must not be before the first."), true);
        return false;
    }
    return true;
}

void RoomStopDialog::preview()
{
    if (!validInput())
        return;
    if (m_reason->currentText().trimmed().isEmpty()) {
        setStatus(tr("Give the reason for the stop."), true);
        m_reason->setFocus();
        return;
    }
    setBusy(true);
    setStatus(tr("Looking for new slots..."));
    m_client.stopRoom(m_room->currentData().toString(), m_from->date(), m_to->date(), m_reason->currentText(),
                      true, this, [this](const client::Result<client::RoomStopResult>& result) {
                          setBusy(false);
                          if (!result.ok())
                              setStatus(ui::ErrorText::describe(result.error()), true);
                          else
                              showResult(result.value(), false);
                          emit finished();
                      });
}

void RoomStopDialog::stopRoom(bool confirmed)
{
    if (!validInput())
        return;
    if (m_reason->currentText().trimmed().isEmpty()) {
        setStatus(tr("Give the reason for the stop."), true);
        m_reason->setFocus();
        return;
    }
    const QString room = m_room->currentText();
    const QString range =
        m_from->date() == m_to->date()
            ? m_from->date().toString(Qt::ISODate)
            : tr("%1 to %2").arg(m_from->date().toString(Qt::ISODate), m_to->date().toString(Qt::ISODate));
    if (!confirmed) {
        QMessageBox ask(QMessageBox::Warning, tr("Stop room"),
                        tr("Stop %1 on %2?\n\nIts booked exams move to the next free slots; patients "
                           "without one stay where they are and must be called.")
                            .arg(room, range),
                        QMessageBox::NoButton, this);
        auto* yes = ask.addButton(tr("Stop room"), QMessageBox::AcceptRole);
        ask.addButton(QMessageBox::Cancel);
        ask.setDefaultButton(QMessageBox::Cancel);
        ask.exec();
        if (ask.clickedButton() != yes)
            return;
    }
    setBusy(true);
    setStatus(tr("Stopping the room..."));
    m_client.stopRoom(m_room->currentData().toString(), m_from->date(), m_to->date(), m_reason->currentText(),
                      false, this, [this](const client::Result<client::RoomStopResult>& result) {
                          setBusy(false);
                          if (!result.ok()) {
                              setStatus(ui::ErrorText::describe(result.error()), true);
                          } else {
                              showResult(result.value(), true);
                              emit bookingsChanged();
                          }
                          emit finished();
                      });
}

void RoomStopDialog::reopenRoom(bool confirmed)
{
    if (!validInput())
        return;
    const QString room = m_room->currentText();
    const QString range =
        m_from->date() == m_to->date()
            ? m_from->date().toString(Qt::ISODate)
            : tr("%1 to %2").arg(m_from->date().toString(Qt::ISODate), m_to->date().toString(Qt::ISODate));
    if (!confirmed) {
        const auto answer = QMessageBox::question(
            this, tr("Reopen room"),
            tr("Reopen %1 on %2? Exams moved by the stop stay at their new slots.").arg(room, range),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    setBusy(true);
    const QString roomId = m_room->currentData().toString();
    m_client.reopenRoom(roomId, m_from->date(), m_to->date(), this,
                        [this, room, range](const client::Result<client::Done>& result) {
                            setBusy(false);
                            if (!result.ok()) {
                                setStatus(ui::ErrorText::describe(result.error()), true);
                            } else {
                                m_applied = false;
                                updateButtons();
                                setStatus(tr("%1 is open again on %2.").arg(room, range));
                                emit bookingsChanged();
                            }
                            emit finished();
                        });
}

QString RoomStopDialog::slotText(const client::NoticeSlot& slot)
{
    const QString room = slot.roomName.isEmpty() ? slot.roomId : slot.roomName;
    return QStringLiteral("%1 %2 %3").arg(room, slot.date.toString(Qt::ISODate), slot.start);
}

QString RoomStopDialog::newSlotText(const client::RoomStopNotice& notice)
{
    if (notice.newSlot)
        return slotText(*notice.newSlot);
    const QString why = reasonsText(notice.reasons);
    return why.isEmpty() ? tr("No slot") : tr("No slot: %1").arg(why);
}

void RoomStopDialog::showResult(const client::RoomStopResult& result, bool applied)
{
    m_result = result;
    m_applied = applied;
    m_table->setRowCount(int(result.notices.size()));
    int moved = 0;
    for (int r = 0; r < int(result.notices.size()); ++r) {
        const auto& n = result.notices[std::size_t(r)];
        moved += n.newSlot ? 1 : 0;
        const QStringList cells = {n.patientName, n.phone.isEmpty() ? tr("(no phone)") : n.phone,
                                   slotText(n.oldSlot), newSlotText(n)};
        for (int c = 0; c < ColumnCount; ++c) {
            auto* item = new QTableWidgetItem(cells.value(c));
            if (c == NewColumn && !n.newSlot)
                item->setForeground(QColor(0xb0, 0x00, 0x20));
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    const int total = int(result.notices.size());
    const int stuck = total - moved;
    QString text;
    if (total == 0)
        text = applied ? tr("The room is stopped. No booked exam was affected.")
                       : tr("No booked exam is affected by this stop.");
    else if (applied)
        text = tr("The room is stopped: %n booking(s) affected, %1 moved, %2 without a slot. Print the list "
                  "and phone the patients.",
                  nullptr, total)
                   .arg(moved)
                   .arg(stuck);
    else
        text = tr("Preview, nothing changed yet: %n booking(s) affected, %1 can move, %2 without a slot.",
                  nullptr, total)
                   .arg(moved)
                   .arg(stuck);
    setStatus(text, stuck > 0);
    updateButtons();
}

QString RoomStopDialog::noticesHtml() const
{
    auto esc = [](const QString& s) { return s.toHtmlEscaped(); };
    const QString range =
        m_result.from == m_result.to
            ? m_result.from.toString(Qt::ISODate)
            : tr("%1 to %2").arg(m_result.from.toString(Qt::ISODate), m_result.to.toString(Qt::ISODate));
    QString html = QStringLiteral("<html><body style='font-size:10pt'>");
    html += QStringLiteral("<h2>%1</h2>").arg(esc(tr("Patients to notify of a room stop")));
    html += QStringLiteral("<p>%1<br/>%2<br/>%3</p>")
                .arg(esc(tr("Room: %1").arg(roomName(m_result.roomId))), esc(tr("Days: %1").arg(range)),
                     esc(tr("Reason: %1").arg(m_result.reason)));
    if (!m_applied)
        html += QStringLiteral("<p><b>%1</b></p>").arg(esc(tr("Preview: the room is not stopped yet.")));
    html += QStringLiteral("<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>");
    for (const QString& h :
         {tr("No."), tr("Patient"), tr("Phone"), tr("Booked slot"), tr("New slot"), tr("Called")})
        html += QStringLiteral("<th>%1</th>").arg(esc(h));
    html += QStringLiteral("</tr>");
    int index = 0;
    for (const auto& n : m_result.notices)
        html +=
            QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>&#9744;</td></tr>")
                .arg(++index)
                .arg(esc(n.patientName), esc(n.phone), esc(slotText(n.oldSlot)), esc(newSlotText(n)));
    html +=
        QStringLiteral("</table><p>%1</p></body></html>")
            .arg(esc(tr("Printed %1")
                         .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))));
    return html;
}

bool RoomStopDialog::printNotices(QPrinter& printer) const
{
    QTextDocument document;
    document.setHtml(noticesHtml());
    document.print(&printer);
    return printer.printerState() != QPrinter::Error;
}

bool RoomStopDialog::saveNoticesPdf(const QString& path) const
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setDocName(tr("Room stop notice list"));
    printer.setCreator(QStringLiteral("Lumen"));
    return printNotices(printer);
}

void RoomStopDialog::print()
{
    if (m_result.notices.empty())
        return;
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setDocName(tr("Room stop notice list"));
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print the notice list"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (!printNotices(printer))
        setStatus(tr("The list could not be printed."), true);
}

} // namespace lumen::registration
