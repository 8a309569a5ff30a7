#include "change_booking_dialog.h"

#include "exam_text.h"

#include "lumen/client/api_client.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace lumen::registration {

ChangeBookingDialog::ChangeBookingDialog(client::ApiClient& client, const client::Booking& booking,
                                         std::optional<client::SchedulingConfigInfo> config, QWidget* parent)
    : QDialog(parent), m_client(client), m_booking(booking), m_config(std::move(config))
{
    setObjectName(QStringLiteral("changeBookingDialog"));
    setWindowTitle(tr("Change booking - %1").arg(booking.patientName));

    auto* current =
        new QLabel(tr("%1 %2, now %3 %4 %5-%6")
                       .arg(booking.accessionNumber,
                            booking.method + QLatin1Char(' ') + booking.bodyParts.join(QStringLiteral(" + ")),
                            booking.roomName, booking.date.toString(Qt::ISODate),
                            booking.start.toString(QStringLiteral("HH:mm")),
                            booking.end.toString(QStringLiteral("HH:mm"))),
                   this);
    current->setWordWrap(true);
    m_room = new QComboBox(this);
    m_room->setObjectName(QStringLiteral("roomCombo"));
    m_date = new QDateEdit(booking.date, this);
    m_date->setObjectName(QStringLiteral("dateEdit"));
    m_date->setCalendarPopup(true);
    m_start = new QTimeEdit(booking.start, this);
    m_start->setObjectName(QStringLiteral("startEdit"));
    m_start->setDisplayFormat(QStringLiteral("HH:mm"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Room:"), m_room);
    form->addRow(tr("&Date:"), m_date);
    form->addRow(tr("&Start:"), m_start);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_change = buttons->addButton(tr("C&hange booking"), QDialogButtonBox::AcceptRole);
    m_change->setObjectName(QStringLiteral("changeButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChangeBookingDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(current);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    fillRooms();
    if (!m_config)
        m_client.schedulingConfig(this, [this](const client::Result<client::SchedulingConfigInfo>& r) {
            if (r.ok()) {
                m_config = r.value();
                fillRooms();
            }
        });
}

void ChangeBookingDialog::fillRooms()
{
    const QString chosen = m_room->currentData().toString();
    m_room->clear();
    if (m_config)
        for (const auto& room : m_config->rooms)
            if (room.methodIds.contains(m_booking.method))
                m_room->addItem(room.name, room.id);
    if (m_room->findData(m_booking.roomId) < 0)
        m_room->addItem(m_booking.roomName, m_booking.roomId);
    m_room->setCurrentIndex(m_room->findData(chosen.isEmpty() ? m_booking.roomId : chosen));
}

void ChangeBookingDialog::setSlot(const QString& roomId, const QDate& date, const QTime& start)
{
    if (const int i = m_room->findData(roomId); i >= 0)
        m_room->setCurrentIndex(i);
    m_date->setDate(date);
    m_start->setTime(start);
}

void ChangeBookingDialog::submit()
{
    m_change->setEnabled(false);
    showMessage(tr("Changing..."), false);
    m_client.changeBooking(m_booking.id, m_room->currentData().toString(), m_date->date(), m_start->time(),
                           QStringLiteral("registration_desk"), this,
                           [this](const client::Result<client::Booking>& r) {
                               m_change->setEnabled(true);
                               if (!r.ok()) {
                                   showMessage(ExamText::bookingError(r.error()), true);
                                   return;
                               }
                               emit changed(r.value());
                               accept();
                           });
}

QString ChangeBookingDialog::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void ChangeBookingDialog::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
    m_message->show();
}

} // namespace lumen::registration
