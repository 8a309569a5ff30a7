#pragma once
// Cancels a booking after the desk gives a reason and confirms; the slot is released and the
// exam goes back to requested, so it can be booked again (req: 000 §2.3.6.4 cancel, release).
#include "lumen/client/booking_types.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class CancelBookingDialog : public QDialog
{
    Q_OBJECT
public:
    CancelBookingDialog(client::ApiClient& client, const client::Booking& booking, QWidget* parent = nullptr);

    void setReason(const QString& reason);
    void submit();
    QString messageText() const;

signals:
    void cancelled(const lumen::client::Booking& booking);

private:
    void showMessage(const QString& text, bool isError);

    client::ApiClient& m_client;
    client::Booking m_booking;
    QComboBox* m_reason = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_confirm = nullptr;
};

} // namespace lumen::registration
