#pragma once
// One day of the appointment book painted as a grid: a column per room, time of day down the
// side (07:00-20:00), each booking a block with the patient's name and exam. A block dragged
// to another room or time asks its owner to move it (moveRequested); the view itself changes
// nothing until setBookings() brings the book back.
#include "lumen/client/booking_types.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace lumen::registration {

class BookingCalendarView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int firstHour = 7;
    static constexpr int lastHour = 20;
    static constexpr int timeAxisWidth = 56;
    static constexpr int headerHeight = 28;
    static constexpr int roomWidth = 132;
    static constexpr int pixelsPerHour = 72;
    static constexpr int snapMinutes = 5;

    struct Column
    {
        QString roomId;
        QString roomName;
    };

    explicit BookingCalendarView(QWidget* parent = nullptr);

    void setColumns(std::vector<Column> columns);
    void setBookings(std::vector<client::Booking> bookings);
    const std::vector<client::Booking>& bookings() const { return m_bookings; }
    const std::vector<Column>& columns() const { return m_columns; }

    // Where a booking's block is drawn (empty when it is not on this day's grid).
    QRect blockRect(const client::Booking& booking) const;
    // The room column and start time under a point, snapped to 5 minutes.
    std::optional<std::pair<QString, QTime>> slotAt(const QPoint& point) const;
    QSize sizeHint() const override;

signals:
    void moveRequested(const lumen::client::Booking& booking, const QString& roomId, const QTime& start);
    void bookingActivated(const lumen::client::Booking& booking);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    int yOf(const QTime& time) const;
    int columnOf(const QString& roomId) const;
    const client::Booking* bookingAt(const QPoint& point) const;

    std::vector<Column> m_columns;
    std::vector<client::Booking> m_bookings;
    // Dragging: the booking, where the press was inside its block, and the ghost's place.
    std::optional<client::Booking> m_dragged;
    QPoint m_pressPos;
    QPoint m_grabOffset;
    std::optional<std::pair<QString, QTime>> m_dropSlot;
    bool m_dragging = false;
};

} // namespace lumen::registration
