#pragma once
// Moves a booking to another room, day or time in one step (the old slot is released and the
// new one taken together, or nothing changes); the engine's refusal is shown in words
// (req: 000 §2.3.6.4 change a booking not yet checked in, releasing its slot).
#include "lumen/client/booking_types.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTimeEdit;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class ChangeBookingDialog : public QDialog
{
    Q_OBJECT
public:
    ChangeBookingDialog(client::ApiClient& client, const client::Booking& booking,
                        std::optional<client::SchedulingConfigInfo> config, QWidget* parent = nullptr);

    void setSlot(const QString& roomId, const QDate& date, const QTime& start);
    void submit();
    QString messageText() const;

signals:
    void changed(const lumen::client::Booking& booking);

private:
    void fillRooms();
    void showMessage(const QString& text, bool isError);

    client::ApiClient& m_client;
    client::Booking m_booking;
    std::optional<client::SchedulingConfigInfo> m_config;
    QComboBox* m_room = nullptr;
    QDateEdit* m_date = nullptr;
    QTimeEdit* m_start = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_change = nullptr;
};

} // namespace lumen::registration
