#pragma once
// The day's appointment book per room (today unless another date is picked). Dragging a
// booking to another room or time asks for confirmation and asks the server to move it; a
// refusal is shown in words and the block stays where the book has it. Closed time is shaded
// per room (its opening hours for that day's weekday, holidays), the current time is a line on
// today's date, and the grid opens at the current hour (or the day's first booking).
#include "lumen/client/booking_types.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class BookingCalendarScrollArea;
class BookingCalendarView;

class BookingCalendarDialog : public QDialog
{
    Q_OBJECT
public:
    BookingCalendarDialog(client::ApiClient& client, std::optional<client::SchedulingConfigInfo> config,
                          QWidget* parent = nullptr);

    BookingCalendarView* view() const { return m_view; }
    BookingCalendarScrollArea* scrollArea() const { return m_scroll; }
    QDate date() const;
    void setDate(const QDate& date);
    void reload();
    bool isLoading() const { return m_loading; }
    QString statusText() const;
    // Asks to move a booking as a drop on the grid does (confirmation first).
    void requestMove(const client::Booking& booking, const QString& roomId, const QTime& start);

signals:
    // A booking was moved here: other views of the book should reload.
    void bookingsChanged();

private:
    void showColumns();
    // Shows the current hour on today's date, else the first booking, else the first opening.
    void scrollToStart();
    QWidget* makeLegend();
    void move(const client::Booking& booking, const QString& roomId, const QTime& start);

    client::ApiClient& m_client;
    std::optional<client::SchedulingConfigInfo> m_config;
    QDateEdit* m_date = nullptr;
    QComboBox* m_department = nullptr;
    BookingCalendarScrollArea* m_scroll = nullptr;
    BookingCalendarView* m_view = nullptr;
    QLabel* m_status = nullptr;
    bool m_loading = false;
    bool m_scrollPending = true; // a new date: scroll once its bookings are in
    int m_sequence = 0;
};

} // namespace lumen::registration
