#include "cancel_booking_dialog.h"

#include "exam_text.h"

#include "lumen/client/api_client.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lumen::registration {

CancelBookingDialog::CancelBookingDialog(client::ApiClient& client, const client::Booking& booking,
                                         QWidget* parent)
    : QDialog(parent), m_client(client), m_booking(booking)
{
    setObjectName(QStringLiteral("cancelBookingDialog"));
    setWindowTitle(tr("Cancel booking"));

    auto* question =
        new QLabel(tr("Cancel the booking of %1 (%2 %3) in %4 on %5 at %6? The slot is released.")
                       .arg(booking.patientName, booking.accessionNumber,
                            booking.method + QLatin1Char(' ') + booking.bodyParts.join(QStringLiteral(" + ")),
                            booking.roomName, booking.date.toString(Qt::ISODate),
                            booking.start.toString(QStringLiteral("HH:mm"))),
                   this);
    question->setObjectName(QStringLiteral("questionLabel"));
    question->setWordWrap(true);
    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("reasonCombo"));
    m_reason->setEditable(true);
    m_reason->addItems({QString(), tr("Patient's request"), tr("Doctor's request"),
                        tr("Exam no longer needed"), tr("Booked by mistake")});
    m_reason->lineEdit()->setMaxLength(500);
    m_reason->lineEdit()->setPlaceholderText(tr("Required"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Reason:"), m_reason);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(tr("C&ancel booking"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmCancelButton"));
    m_confirm->setEnabled(false);
    auto* keep = buttons->addButton(tr("&Keep booking"), QDialogButtonBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepButton"));
    keep->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &CancelBookingDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QComboBox::currentTextChanged, this,
            [this](const QString& text) { m_confirm->setEnabled(!text.trimmed().isEmpty()); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    m_reason->setFocus();
}

void CancelBookingDialog::setReason(const QString& reason)
{
    m_reason->setEditText(reason);
}

void CancelBookingDialog::submit()
{
    const QString reason = m_reason->currentText().trimmed();
    if (reason.isEmpty()) {
        showMessage(tr("Give the reason for cancelling."), true);
        return;
    }
    m_confirm->setEnabled(false);
    showMessage(tr("Cancelling..."), false);
    m_client.cancelBooking(m_booking.id, reason, this, [this](const client::Result<client::Booking>& r) {
        m_confirm->setEnabled(true);
        if (!r.ok()) {
            showMessage(ExamText::bookingError(r.error()), true);
            return;
        }
        emit cancelled(r.value());
        accept();
    });
}

QString CancelBookingDialog::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void CancelBookingDialog::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
    m_message->show();
}

} // namespace lumen::registration
