#include "booking_calendar_view.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>

namespace lumen::registration {

namespace {

QColor blockColour(const client::Booking& b)
{
    if (b.status == QLatin1String("checked_in"))
        return QColor(0xc8, 0xe6, 0xc9);
    if (b.status == QLatin1String("no_show"))
        return QColor(0xe0, 0xe0, 0xe0);
    if (b.priority == QLatin1String("emergency") || b.priority == QLatin1String("urgent"))
        return QColor(0xff, 0xe0, 0xb2);
    return QColor(0xbb, 0xde, 0xfb);
}

} // namespace

BookingCalendarView::BookingCalendarView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("bookingCalendarView"));
    setMouseTracking(false);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void BookingCalendarView::setColumns(std::vector<Column> columns)
{
    m_columns = std::move(columns);
    setMinimumSize(sizeHint());
    updateGeometry();
    update();
}

void BookingCalendarView::setBookings(std::vector<client::Booking> bookings)
{
    m_bookings = std::move(bookings);
    m_dragged.reset();
    m_dropSlot.reset();
    m_dragging = false;
    update();
}

QSize BookingCalendarView::sizeHint() const
{
    return {timeAxisWidth + roomWidth * std::max<int>(1, int(m_columns.size())) + 1,
            headerHeight + pixelsPerHour * (lastHour - firstHour) + 1};
}

int BookingCalendarView::yOf(const QTime& time) const
{
    const int minutes = time.hour() * 60 + time.minute() - firstHour * 60;
    return headerHeight + minutes * pixelsPerHour / 60;
}

int BookingCalendarView::columnOf(const QString& roomId) const
{
    for (int i = 0; i < int(m_columns.size()); ++i)
        if (m_columns[std::size_t(i)].roomId == roomId)
            return i;
    return -1;
}

QRect BookingCalendarView::blockRect(const client::Booking& b) const
{
    const int column = columnOf(b.roomId);
    if (column < 0 || !b.start.isValid())
        return {};
    const int top = std::max(headerHeight, yOf(b.start));
    const QTime end = b.end.isValid() && b.end > b.start ? b.end : b.start.addSecs(15 * 60);
    const int bottom = std::min(headerHeight + pixelsPerHour * (lastHour - firstHour), yOf(end));
    if (bottom <= top)
        return {};
    return QRect(timeAxisWidth + column * roomWidth + 2, top, roomWidth - 4, std::max(bottom - top, 14));
}

std::optional<std::pair<QString, QTime>> BookingCalendarView::slotAt(const QPoint& p) const
{
    const int column = (p.x() - timeAxisWidth) / roomWidth;
    if (p.x() < timeAxisWidth || column < 0 || column >= int(m_columns.size()) || p.y() < headerHeight)
        return std::nullopt;
    int minutes = firstHour * 60 + (p.y() - headerHeight) * 60 / pixelsPerHour;
    minutes = (minutes + snapMinutes / 2) / snapMinutes * snapMinutes;
    minutes = std::clamp(minutes, firstHour * 60, lastHour * 60 - snapMinutes);
    return std::make_pair(m_columns[std::size_t(column)].roomId, QTime(minutes / 60, minutes % 60));
}

const client::Booking* BookingCalendarView::bookingAt(const QPoint& p) const
{
    for (auto it = m_bookings.rbegin(); it != m_bookings.rend(); ++it)
        if (blockRect(*it).contains(p))
            return &*it;
    return nullptr;
}

void BookingCalendarView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QPalette pal = palette();
    const int gridBottom = headerHeight + pixelsPerHour * (lastHour - firstHour);
    const int gridRight = timeAxisWidth + roomWidth * int(m_columns.size());

    // Hours and half hours.
    for (int h = firstHour; h <= lastHour; ++h) {
        const int y = yOf(QTime(h, 0));
        painter.setPen(pal.color(QPalette::Mid));
        painter.drawLine(timeAxisWidth, y, gridRight, y);
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRect(0, y - 8, timeAxisWidth - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                         QTime(h, 0).toString(QStringLiteral("HH:mm")));
        if (h < lastHour) {
            painter.setPen(QPen(pal.color(QPalette::Midlight), 1, Qt::DotLine));
            const int half = yOf(QTime(h, 30));
            painter.drawLine(timeAxisWidth, half, gridRight, half);
        }
    }
    // Room columns with their names.
    for (int i = 0; i <= int(m_columns.size()); ++i) {
        const int x = timeAxisWidth + i * roomWidth;
        painter.setPen(pal.color(QPalette::Mid));
        painter.drawLine(x, 0, x, gridBottom);
        if (i < int(m_columns.size())) {
            painter.setPen(pal.color(QPalette::Text));
            QFont bold = font();
            bold.setBold(true);
            painter.setFont(bold);
            painter.drawText(QRect(x, 0, roomWidth, headerHeight), Qt::AlignCenter,
                             m_columns[std::size_t(i)].roomName);
            painter.setFont(font());
        }
    }
    painter.drawLine(0, headerHeight, gridRight, headerHeight);

    // Bookings.
    for (const auto& b : m_bookings) {
        const QRect r = blockRect(b);
        if (r.isEmpty())
            continue;
        const bool isDragged = m_dragging && m_dragged && m_dragged->id == b.id;
        QColor fill = blockColour(b);
        if (isDragged)
            fill.setAlpha(90);
        painter.setPen(fill.darker(160));
        painter.setBrush(fill);
        painter.drawRoundedRect(r, 3, 3);
        painter.setPen(QColor(0x1a, 0x1a, 0x1a));
        const QString text = QStringLiteral("%1 %2\n%3 %4")
                                 .arg(b.start.toString(QStringLiteral("HH:mm")), b.patientName, b.method,
                                      b.bodyParts.join(QStringLiteral("+")));
        painter.drawText(r.adjusted(4, 1, -3, -1), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
    }

    // The ghost of a block being dragged, where it would land.
    if (m_dragging && m_dragged && m_dropSlot) {
        client::Booking ghost = *m_dragged;
        const int length = m_dragged->start.secsTo(m_dragged->end);
        ghost.roomId = m_dropSlot->first;
        ghost.start = m_dropSlot->second;
        ghost.end = ghost.start.addSecs(std::max(length, 5 * 60));
        const QRect r = blockRect(ghost);
        painter.setPen(QPen(pal.color(QPalette::Highlight), 2, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(r, 3, 3);
        painter.setPen(pal.color(QPalette::Highlight));
        painter.drawText(r.adjusted(4, 1, -3, -1), Qt::AlignLeft | Qt::AlignTop,
                         ghost.start.toString(QStringLiteral("HH:mm")));
    }
}

void BookingCalendarView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const auto* b = bookingAt(event->position().toPoint());
    if (!b || b->status != QLatin1String("booked")) {
        m_dragged.reset();
        return;
    }
    m_dragged = *b;
    m_pressPos = event->position().toPoint();
    m_grabOffset = m_pressPos - blockRect(*b).topLeft();
    m_dragging = false;
}

void BookingCalendarView::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragged || !(event->buttons() & Qt::LeftButton))
        return;
    const QPoint p = event->position().toPoint();
    if (!m_dragging && (p - m_pressPos).manhattanLength() < QApplication::startDragDistance())
        return;
    m_dragging = true;
    // The block's top follows the pointer, as it was grabbed.
    m_dropSlot = slotAt(QPoint(p.x(), p.y() - m_grabOffset.y()));
    setCursor(Qt::ClosedHandCursor);
    update();
}

void BookingCalendarView::mouseReleaseEvent(QMouseEvent* event)
{
    unsetCursor();
    if (event->button() != Qt::LeftButton || !m_dragged) {
        m_dragged.reset();
        return;
    }
    const auto dragged = *m_dragged;
    const auto slot = m_dropSlot;
    const bool wasDragging = m_dragging;
    m_dragged.reset();
    m_dropSlot.reset();
    m_dragging = false;
    update();
    if (wasDragging && slot && (slot->first != dragged.roomId || slot->second != dragged.start))
        emit moveRequested(dragged, slot->first, slot->second);
}

void BookingCalendarView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (const auto* b = bookingAt(event->position().toPoint()))
        emit bookingActivated(*b);
}

} // namespace lumen::registration
