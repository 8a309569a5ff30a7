#pragma once
// One day of the appointment book painted as a grid: a column per room, time of day down the
// side (07:00-20:00), each booking a block with its times, patient and exam. Time a room is
// closed (outside its opening segments for the day, or the whole day on a holiday) is shaded.
// A block dragged to another room or time asks its owner to move it (moveRequested); a drop on
// closed time is refused here (moveRefused); the view itself changes nothing until
// setBookings() brings the book back.
//
// BookingCalendarScrollArea holds the grid with a header row of room names that stays at the
// top while the grid scrolls down, and a time column that stays at the left while it scrolls
// sideways.
#include "lumen/client/booking_types.h"

#include <QDate>
#include <QScrollArea>
#include <QWidget>

#include <optional>
#include <vector>

class QTimer;

namespace lumen::registration {

class BookingCalendarView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int firstHour = 7;
    static constexpr int lastHour = 20;
    static constexpr int timeAxisWidth = 56;
    static constexpr int roomWidth = 150;
    static constexpr int snapMinutes = 5;

    struct Column
    {
        QString roomId;
        QString roomName;
        QString department;                       // in words
        std::vector<client::OpeningSegment> open; // on the view's date
        QString closedReason;                     // the whole day closed: why ("元旦"), else empty
    };

    explicit BookingCalendarView(QWidget* parent = nullptr);

    void setDate(const QDate& date);
    QDate date() const { return m_date; }
    void setColumns(std::vector<Column> columns);
    void setBookings(std::vector<client::Booking> bookings);
    const std::vector<client::Booking>& bookings() const { return m_bookings; }
    const std::vector<Column>& columns() const { return m_columns; }
    // The clock the "now" line follows (the current time unless a test sets one).
    void setNow(const QDateTime& now);
    QDateTime now() const;

    // Pixels per hour: a 15-minute exam is tall enough for two lines of text.
    int pixelsPerHour() const { return m_pixelsPerHour; }
    int yOf(const QTime& time) const;
    // Where a booking's block is drawn (empty when it is not on this day's grid).
    QRect blockRect(const client::Booking& booking) const;
    // The room column and start time under a point, snapped to 5 minutes.
    std::optional<std::pair<QString, QTime>> slotAt(const QPoint& point) const;
    // Whether the room is open for the whole of start..end on the view's date.
    bool isOpen(const QString& roomId, const QTime& start, const QTime& end) const;
    // The words a block shows on one line, and its tooltip.
    static QString blockLine(const client::Booking& booking);
    static QString tooltipText(const client::Booking& booking);
    static QColor statusColour(const client::Booking& booking);
    static QString channelName(const QString& channel);
    QSize sizeHint() const override;

    // While a block is dragged: where it would land (for the header and tests).
    std::optional<std::pair<QString, QTime>> dropSlot() const
    {
        return m_dragging ? m_dropSlot : std::nullopt;
    }

signals:
    void moveRequested(const lumen::client::Booking& booking, const QString& roomId, const QTime& start);
    // A drop the view did not pass on, in words (the room is closed then).
    void moveRefused(const lumen::client::Booking& booking, const QString& why);
    void bookingActivated(const lumen::client::Booking& booking);
    // Columns, date or drag target changed: the header and time column repaint.
    void layoutChanged();

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    int columnOf(const QString& roomId) const;
    int gridHeight() const;
    const client::Booking* bookingAt(const QPoint& point) const;
    QTime dragEnd(const QTime& start) const;
    void cancelDrag();

    std::vector<Column> m_columns;
    std::vector<client::Booking> m_bookings;
    QDate m_date;
    QDateTime m_now;
    QTimer* m_clock = nullptr;
    int m_pixelsPerHour = 144;
    // Dragging: the booking, where the press was inside its block, and the ghost's place.
    std::optional<client::Booking> m_dragged;
    QPoint m_pressPos;
    QPoint m_grabOffset;
    QPoint m_pointer;
    std::optional<std::pair<QString, QTime>> m_dropSlot;
    bool m_dragging = false;
};

// The fixed header row (room names, department, a holiday's name) above the grid.
class BookingCalendarHeader : public QWidget
{
    Q_OBJECT
public:
    BookingCalendarHeader(BookingCalendarView* view, QWidget* parent);
    void setOffset(int x);
    // What column `index` shows, line by line (room, then department or the closed reason).
    QStringList columnText(int index) const;
    static int heightFor(const QFontMetrics& metrics);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    BookingCalendarView* m_view;
    int m_offset = 0;
};

// The fixed time column left of the grid, with the current time marked on today's date.
class BookingCalendarTimeAxis : public QWidget
{
    Q_OBJECT
public:
    BookingCalendarTimeAxis(BookingCalendarView* view, QWidget* parent);
    void setOffset(int y);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    BookingCalendarView* m_view;
    int m_offset = 0;
};

class BookingCalendarScrollArea : public QScrollArea
{
    Q_OBJECT
public:
    explicit BookingCalendarScrollArea(BookingCalendarView* view, QWidget* parent = nullptr);
    BookingCalendarHeader* header() const { return m_header; }
    BookingCalendarTimeAxis* timeAxis() const { return m_axis; }
    // Scrolls so `time` is near the top of the visible grid.
    void scrollToTime(const QTime& time);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void placeMargins();

    BookingCalendarView* m_view;
    BookingCalendarHeader* m_header;
    BookingCalendarTimeAxis* m_axis;
    QWidget* m_corner;
};

} // namespace lumen::registration
