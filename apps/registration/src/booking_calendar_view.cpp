#include "booking_calendar_view.h"

#include "exam_text.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>

#include <cmath>

namespace lumen::registration {

namespace {

QString clockText(const QTime& t)
{
    return t.toString(QStringLiteral("HH:mm"));
}

// Closed time: a light grey with fine diagonal lines, the same in the grid and the legend.
void fillClosed(QPainter& painter, const QRect& rect)
{
    painter.fillRect(rect, QColor(0xe4, 0xe4, 0xe4));
    painter.fillRect(rect, QBrush(QColor(0xc8, 0xc8, 0xc8), Qt::BDiagPattern));
}

QColor nowColour()
{
    return QColor(0xd3, 0x2f, 0x2f);
}

} // namespace

BookingCalendarView::BookingCalendarView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("bookingCalendarView"));
    setMouseTracking(false);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setFocusPolicy(Qt::ClickFocus);
    // Two lines of text and a little room in a 15-minute block, in whole pixels per 5 minutes.
    const int twoLines = 2 * fontMetrics().lineSpacing() + 6;
    const int perFiveMinutes = int(std::ceil(twoLines / 3.0));
    m_pixelsPerHour = std::max(120, perFiveMinutes * 12);
    m_date = QDate::currentDate();
    m_clock = new QTimer(this);
    m_clock->setInterval(30 * 1000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        update();
        emit layoutChanged();
    });
    m_clock->start();
}

void BookingCalendarView::setDate(const QDate& date)
{
    m_date = date;
    update();
    emit layoutChanged();
}

void BookingCalendarView::setNow(const QDateTime& now)
{
    m_now = now;
    update();
    emit layoutChanged();
}

QDateTime BookingCalendarView::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTime();
}

void BookingCalendarView::setColumns(std::vector<Column> columns)
{
    m_columns = std::move(columns);
    setMinimumSize(sizeHint());
    resize(sizeHint());
    updateGeometry();
    update();
    emit layoutChanged();
}

void BookingCalendarView::setBookings(std::vector<client::Booking> bookings)
{
    m_bookings = std::move(bookings);
    m_dragged.reset();
    m_dropSlot.reset();
    m_dragging = false;
    update();
    emit layoutChanged();
}

int BookingCalendarView::gridHeight() const
{
    return m_pixelsPerHour * (lastHour - firstHour);
}

QSize BookingCalendarView::sizeHint() const
{
    return {roomWidth * std::max<int>(1, int(m_columns.size())) + 1, gridHeight() + 1};
}

int BookingCalendarView::yOf(const QTime& time) const
{
    const int minutes = time.hour() * 60 + time.minute() - firstHour * 60;
    return minutes * m_pixelsPerHour / 60;
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
    const int top = std::max(0, yOf(b.start));
    const QTime end = b.end.isValid() && b.end > b.start ? b.end : b.start.addSecs(15 * 60);
    const int bottom = std::min(gridHeight(), yOf(end));
    if (bottom <= top)
        return {};
    return QRect(column * roomWidth + 3, top, roomWidth - 6, std::max(bottom - top, 12));
}

std::optional<std::pair<QString, QTime>> BookingCalendarView::slotAt(const QPoint& p) const
{
    if (p.x() < 0 || p.y() < 0)
        return std::nullopt;
    const int column = p.x() / roomWidth;
    if (column >= int(m_columns.size()))
        return std::nullopt;
    int minutes = firstHour * 60 + p.y() * 60 / m_pixelsPerHour;
    minutes = (minutes + snapMinutes / 2) / snapMinutes * snapMinutes;
    minutes = std::clamp(minutes, firstHour * 60, lastHour * 60 - snapMinutes);
    return std::make_pair(m_columns[std::size_t(column)].roomId, QTime(minutes / 60, minutes % 60));
}

bool BookingCalendarView::isOpen(const QString& roomId, const QTime& start, const QTime& end) const
{
    const int column = columnOf(roomId);
    if (column < 0)
        return false;
    const auto& c = m_columns[std::size_t(column)];
    if (!c.closedReason.isEmpty())
        return false;
    for (const auto& s : c.open)
        if (s.start <= start && end <= s.end)
            return true;
    return false;
}

QTime BookingCalendarView::dragEnd(const QTime& start) const
{
    const int length = m_dragged ? std::max(m_dragged->start.secsTo(m_dragged->end), 5 * 60) : 15 * 60;
    return start.addSecs(length);
}

QString BookingCalendarView::blockLine(const client::Booking& b)
{
    return QStringLiteral("%1-%2 %3 %4 %5")
        .arg(clockText(b.start), clockText(b.end), b.patientName, b.method,
             b.bodyParts.join(QStringLiteral("+")))
        .trimmed();
}

QString BookingCalendarView::channelName(const QString& channel)
{
    if (channel == QLatin1String("registration_desk"))
        return tr("Registration desk");
    if (channel == QLatin1String("clinic"))
        return tr("Clinic (doctor's order)");
    if (channel == QLatin1String("service_desk"))
        return tr("Service desk");
    if (channel == QLatin1String("kiosk"))
        return tr("Self-service kiosk");
    if (channel == QLatin1String("internet"))
        return tr("Internet / mobile");
    return channel;
}

QString BookingCalendarView::tooltipText(const client::Booking& b)
{
    QStringList lines;
    lines << tr("Patient: %1").arg(b.patientName);
    if (!b.accessionNumber.isEmpty())
        lines << tr("Accession: %1").arg(b.accessionNumber);
    lines << tr("Exam: %1 %2").arg(b.method, b.bodyParts.join(QStringLiteral("+")));
    lines << tr("Time: %1 %2-%3, %4")
                 .arg(b.date.toString(Qt::ISODate), clockText(b.start), clockText(b.end),
                      b.roomName.isEmpty() ? b.roomId : b.roomName);
    lines << tr("Status: %1").arg(ExamText::bookingStatus(b.status));
    if (!b.channel.isEmpty())
        lines << tr("Booked through: %1").arg(channelName(b.channel));
    if (b.priority == QLatin1String("emergency") || b.priority == QLatin1String("urgent"))
        lines << tr("Urgent");
    if (!b.precautions.isEmpty())
        lines << tr("Precautions: %1").arg(b.precautions);
    return lines.join(QLatin1Char('\n'));
}

QColor BookingCalendarView::statusColour(const client::Booking& b)
{
    if (b.status == QLatin1String("checked_in"))
        return QColor(0xc8, 0xe6, 0xc9);
    if (b.status == QLatin1String("no_show"))
        return QColor(0xcf, 0xcf, 0xcf);
    if (b.priority == QLatin1String("emergency") || b.priority == QLatin1String("urgent"))
        return QColor(0xff, 0xe0, 0xb2);
    return QColor(0xbb, 0xde, 0xfb);
}

const client::Booking* BookingCalendarView::bookingAt(const QPoint& p) const
{
    for (auto it = m_bookings.rbegin(); it != m_bookings.rend(); ++it)
        if (blockRect(*it).contains(p))
            return &*it;
    return nullptr;
}

bool BookingCalendarView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const auto* b = bookingAt(help->pos())) {
            QToolTip::showText(help->globalPos(), tooltipText(*b), this, blockRect(*b));
            return true;
        }
        if (const auto slot = slotAt(help->pos()); slot && !isOpen(slot->first, slot->second, slot->second)) {
            const auto& c = m_columns[std::size_t(columnOf(slot->first))];
            QString text = c.closedReason.isEmpty()
                               ? tr("%1 is closed at this time.").arg(c.roomName)
                               : QStringLiteral("%1: %2").arg(c.roomName, c.closedReason);
            QStringList hours;
            for (const auto& s : c.open)
                hours << QStringLiteral("%1-%2").arg(clockText(s.start), clockText(s.end));
            if (c.closedReason.isEmpty() && !hours.isEmpty())
                text += QLatin1Char('\n') + tr("Open %1").arg(hours.join(QStringLiteral(", ")));
            QToolTip::showText(help->globalPos(), text, this);
            return true;
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

void BookingCalendarView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QPalette pal = palette();
    const int bottom = gridHeight();
    const int right = roomWidth * int(m_columns.size());

    // Closed time per room: shaded, the opening segments left white.
    for (int i = 0; i < int(m_columns.size()); ++i) {
        const auto& c = m_columns[std::size_t(i)];
        const QRect column(i * roomWidth, 0, roomWidth, bottom);
        fillClosed(painter, column);
        if (!c.closedReason.isEmpty())
            continue;
        for (const auto& s : c.open) {
            const int top = std::max(0, yOf(s.start));
            const int end =
                std::min(bottom, s.end.hour() == 23 && s.end.minute() == 59 ? bottom : yOf(s.end));
            if (end > top)
                painter.fillRect(QRect(column.left(), top, roomWidth, end - top), pal.color(QPalette::Base));
        }
    }

    // Hours and half hours.
    for (int h = firstHour; h <= lastHour; ++h) {
        const int y = yOf(QTime(h, 0));
        painter.setPen(pal.color(QPalette::Mid));
        painter.drawLine(0, y, right, y);
        if (h < lastHour) {
            painter.setPen(QPen(pal.color(QPalette::Midlight), 1, Qt::DotLine));
            const int half = yOf(QTime(h, 30));
            painter.drawLine(0, half, right, half);
        }
    }
    painter.setPen(pal.color(QPalette::Mid));
    for (int i = 0; i <= int(m_columns.size()); ++i)
        painter.drawLine(i * roomWidth, 0, i * roomWidth, bottom);

    // A holiday's name down its shaded column, every two hours (fixed places, so scrolling
    // never leaves half a label behind).
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(QColor(0x75, 0x75, 0x75));
    for (int i = 0; i < int(m_columns.size()); ++i) {
        const auto& c = m_columns[std::size_t(i)];
        if (c.closedReason.isEmpty())
            continue;
        for (int h = firstHour; h < lastHour; h += 2) {
            const QRect band(i * roomWidth, yOf(QTime(h, 30)) - 20, roomWidth, 40);
            painter.drawText(band, Qt::AlignCenter | Qt::TextWordWrap, c.closedReason);
        }
    }
    painter.setFont(font());

    // Bookings: times and patient on the first line, the exam on the second when there is room;
    // otherwise all on one line, elided.
    const QFontMetrics metrics = fontMetrics();
    const int line = metrics.lineSpacing();
    for (const auto& b : m_bookings) {
        const QRect r = blockRect(b);
        if (r.isEmpty())
            continue;
        const bool isDragged = m_dragging && m_dragged && m_dragged->id == b.id;
        QColor fill = statusColour(b);
        if (isDragged)
            fill.setAlpha(90);
        painter.setPen(fill.darker(160));
        painter.setBrush(fill);
        painter.drawRoundedRect(r, 3, 3);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QColor(0x1a, 0x1a, 0x1a));
        const QRect text = r.adjusted(4, 2, -3, -1);
        painter.save();
        painter.setClipRect(r.adjusted(1, 1, -1, -1));
        if (r.height() >= 2 * line + 4) {
            const QString first =
                QStringLiteral("%1-%2 %3").arg(clockText(b.start), clockText(b.end), b.patientName);
            const QString second =
                QStringLiteral("%1 %2").arg(b.method, b.bodyParts.join(QStringLiteral("+")));
            painter.drawText(QRect(text.left(), text.top(), text.width(), line),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(first, Qt::ElideRight, text.width()));
            painter.drawText(QRect(text.left(), text.top() + line, text.width(), line),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(second, Qt::ElideRight, text.width()));
        } else {
            painter.drawText(QRect(text.left(), r.top(), text.width(), r.height()),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(blockLine(b), Qt::ElideRight, text.width()));
        }
        if (b.status == QLatin1String("no_show")) {
            painter.setPen(QPen(QColor(0x75, 0x75, 0x75), 1));
            painter.drawLine(r.left() + 3, r.top() + r.height() / 2, r.right() - 3, r.top() + r.height() / 2);
        }
        painter.restore();
    }

    // Now, on today's date.
    const QDateTime current = now();
    if (current.date() == m_date && current.time() >= QTime(firstHour, 0) &&
        current.time() < QTime(lastHour, 0)) {
        const int y = yOf(current.time());
        painter.setPen(QPen(nowColour(), 2));
        painter.drawLine(0, y, right, y);
        painter.setBrush(nowColour());
        painter.drawEllipse(QPoint(0, y), 4, 4);
        painter.setBrush(Qt::NoBrush);
    }

    // The ghost of a block being dragged where it would land, and the target in words beside
    // the pointer; red where the room is closed.
    if (m_dragging && m_dragged && m_dropSlot) {
        client::Booking ghost = *m_dragged;
        ghost.roomId = m_dropSlot->first;
        ghost.start = m_dropSlot->second;
        ghost.end = dragEnd(ghost.start);
        const bool open = isOpen(ghost.roomId, ghost.start, ghost.end);
        const QColor colour = open ? pal.color(QPalette::Highlight) : nowColour();
        const QRect r = blockRect(ghost);
        painter.setPen(QPen(colour, 2, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(r, 3, 3);

        const int column = columnOf(ghost.roomId);
        QString label =
            QStringLiteral("%1 %2-%3")
                .arg(m_columns[std::size_t(column)].roomName, clockText(ghost.start), clockText(ghost.end));
        if (!open)
            label += QLatin1Char('\n') + tr("Closed: cannot move here");
        const QRect textSize = metrics.boundingRect(QRect(0, 0, 400, 200), Qt::AlignLeft, label);
        QRect box(m_pointer + QPoint(16, 12), textSize.size() + QSize(12, 8));
        const QRect area = visibleRegion().boundingRect();
        if (box.right() > area.right())
            box.moveRight(m_pointer.x() - 8);
        if (box.bottom() > area.bottom())
            box.moveBottom(m_pointer.y() - 8);
        painter.setPen(colour);
        painter.setBrush(QColor(0xff, 0xff, 0xf0));
        painter.drawRoundedRect(box, 3, 3);
        painter.setPen(open ? pal.color(QPalette::Text) : nowColour());
        painter.drawText(box.adjusted(6, 4, -6, -4), Qt::AlignLeft | Qt::AlignTop, label);
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
    m_pointer = p;
    // The block's top follows the pointer, as it was grabbed.
    m_dropSlot = slotAt(QPoint(p.x(), std::max(0, p.y() - m_grabOffset.y())));
    setCursor(Qt::ClosedHandCursor);
    // Near the edge of what is shown, the grid scrolls along.
    if (auto* area = qobject_cast<QScrollArea*>(parentWidget() ? parentWidget()->parentWidget() : nullptr))
        area->ensureVisible(p.x(), p.y(), 24, 24);
    update();
    emit layoutChanged();
}

void BookingCalendarView::cancelDrag()
{
    unsetCursor();
    m_dragged.reset();
    m_dropSlot.reset();
    m_dragging = false;
    update();
    emit layoutChanged();
}

void BookingCalendarView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && m_dragging) {
        cancelDrag();
        return;
    }
    QWidget::keyPressEvent(event);
}

void BookingCalendarView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_dragged) {
        cancelDrag();
        return;
    }
    const auto dragged = *m_dragged;
    const auto slot = m_dropSlot;
    const bool wasDragging = m_dragging;
    const QTime end = slot ? dragEnd(slot->second) : QTime();
    cancelDrag();
    if (!wasDragging || !slot || (slot->first == dragged.roomId && slot->second == dragged.start))
        return;
    if (!isOpen(slot->first, slot->second, end)) {
        const auto& c = m_columns[std::size_t(columnOf(slot->first))];
        const QString why =
            c.closedReason.isEmpty()
                ? tr("Not moved: %1 is not open from %2 to %3.")
                      .arg(c.roomName, clockText(slot->second), clockText(end))
                : tr("Not moved: %1 is closed on this day (%2).").arg(c.roomName, c.closedReason);
        emit moveRefused(dragged, why);
        return;
    }
    emit moveRequested(dragged, slot->first, slot->second);
}

void BookingCalendarView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (const auto* b = bookingAt(event->position().toPoint()))
        emit bookingActivated(*b);
}

// --- header ---------------------------------------------------------------------------------

BookingCalendarHeader::BookingCalendarHeader(BookingCalendarView* view, QWidget* parent)
    : QWidget(parent), m_view(view)
{
    setObjectName(QStringLiteral("bookingCalendarHeader"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
}

int BookingCalendarHeader::heightFor(const QFontMetrics& metrics)
{
    return 2 * metrics.lineSpacing() + 10;
}

void BookingCalendarHeader::setOffset(int x)
{
    m_offset = x;
    update();
}

QStringList BookingCalendarHeader::columnText(int index) const
{
    const auto& columns = m_view->columns();
    if (index < 0 || index >= int(columns.size()))
        return {};
    const auto& c = columns[std::size_t(index)];
    return {c.roomName, c.closedReason.isEmpty() ? c.department : c.closedReason};
}

void BookingCalendarHeader::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QPalette pal = palette();
    const auto& columns = m_view->columns();
    const auto target = m_view->dropSlot();
    const QFontMetrics metrics = fontMetrics();
    const int line = metrics.lineSpacing();
    QFont bold = font();
    bold.setBold(true);
    for (int i = 0; i < int(columns.size()); ++i) {
        const auto& c = columns[std::size_t(i)];
        const QRect r(i * BookingCalendarView::roomWidth - m_offset, 0, BookingCalendarView::roomWidth,
                      height());
        if (r.right() < 0 || r.left() > width())
            continue;
        if (target && target->first == c.roomId)
            painter.fillRect(r, pal.color(QPalette::Highlight).lighter(170));
        else if (!c.closedReason.isEmpty())
            fillClosed(painter, r);
        const QStringList text = columnText(i);
        const QRect inner = r.adjusted(4, 4, -4, -4);
        painter.setFont(bold);
        painter.setPen(pal.color(QPalette::WindowText));
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), line), Qt::AlignCenter,
                         QFontMetrics(bold).elidedText(text.value(0), Qt::ElideRight, inner.width()));
        painter.setFont(font());
        painter.setPen(c.closedReason.isEmpty() ? pal.color(QPalette::PlaceholderText) : nowColour());
        painter.drawText(QRect(inner.left(), inner.top() + line, inner.width(), line), Qt::AlignCenter,
                         metrics.elidedText(text.value(1), Qt::ElideRight, inner.width()));
        painter.setPen(pal.color(QPalette::Mid));
        painter.drawLine(r.left(), 0, r.left(), height());
    }
    const int end = int(columns.size()) * BookingCalendarView::roomWidth - m_offset;
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(end, 0, end, height());
    painter.drawLine(0, height() - 1, width(), height() - 1);
}

// --- time column ----------------------------------------------------------------------------

BookingCalendarTimeAxis::BookingCalendarTimeAxis(BookingCalendarView* view, QWidget* parent)
    : QWidget(parent), m_view(view)
{
    setObjectName(QStringLiteral("bookingCalendarTimeAxis"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
}

void BookingCalendarTimeAxis::setOffset(int y)
{
    m_offset = y;
    update();
}

void BookingCalendarTimeAxis::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QPalette pal = palette();
    const int half = fontMetrics().height() / 2;
    for (int h = BookingCalendarView::firstHour; h <= BookingCalendarView::lastHour; ++h) {
        const int y = m_view->yOf(QTime(h, 0)) - m_offset;
        painter.setPen(pal.color(QPalette::Mid));
        painter.drawLine(width() - 5, y, width(), y);
        painter.setPen(pal.color(QPalette::WindowText));
        // The first label sits below its line so it is never cut off at the top.
        const int top = h == BookingCalendarView::firstHour ? y : y - half;
        painter.drawText(QRect(0, top, width() - 8, 2 * half), Qt::AlignRight | Qt::AlignVCenter,
                         QTime(h, 0).toString(QStringLiteral("HH:mm")));
    }
    const QDateTime now = m_view->now();
    if (now.date() == m_view->date() && now.time() >= QTime(BookingCalendarView::firstHour, 0) &&
        now.time() < QTime(BookingCalendarView::lastHour, 0)) {
        const int y = m_view->yOf(now.time()) - m_offset;
        const QRect box(2, y - half - 1, width() - 4, 2 * half + 2);
        painter.setPen(Qt::NoPen);
        painter.setBrush(nowColour());
        painter.drawRoundedRect(box, 3, 3);
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignCenter, now.time().toString(QStringLiteral("HH:mm")));
    }
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(width() - 1, 0, width() - 1, height());
}

// --- scroll area ----------------------------------------------------------------------------

BookingCalendarScrollArea::BookingCalendarScrollArea(BookingCalendarView* view, QWidget* parent)
    : QScrollArea(parent), m_view(view)
{
    setObjectName(QStringLiteral("bookingCalendarScroll"));
    setWidget(view);
    setWidgetResizable(false);
    m_header = new BookingCalendarHeader(view, this);
    m_axis = new BookingCalendarTimeAxis(view, this);
    m_corner = new QWidget(this);
    m_corner->setAutoFillBackground(true);
    m_corner->setBackgroundRole(QPalette::Window);
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, m_header, &BookingCalendarHeader::setOffset);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, m_axis, &BookingCalendarTimeAxis::setOffset);
    connect(view, &BookingCalendarView::layoutChanged, m_header, qOverload<>(&QWidget::update));
    connect(view, &BookingCalendarView::layoutChanged, m_axis, qOverload<>(&QWidget::update));
    placeMargins();
}

void BookingCalendarScrollArea::placeMargins()
{
    const int headerHeight = BookingCalendarHeader::heightFor(fontMetrics());
    setViewportMargins(BookingCalendarView::timeAxisWidth, headerHeight, 0, 0);
    const QRect v = viewport()->geometry();
    m_header->setGeometry(v.left(), v.top() - headerHeight, v.width(), headerHeight);
    m_axis->setGeometry(v.left() - BookingCalendarView::timeAxisWidth, v.top(),
                        BookingCalendarView::timeAxisWidth, v.height());
    m_corner->setGeometry(v.left() - BookingCalendarView::timeAxisWidth, v.top() - headerHeight,
                          BookingCalendarView::timeAxisWidth, headerHeight);
}

void BookingCalendarScrollArea::resizeEvent(QResizeEvent* event)
{
    QScrollArea::resizeEvent(event);
    placeMargins();
}

void BookingCalendarScrollArea::scrollToTime(const QTime& time)
{
    verticalScrollBar()->setValue(std::max(0, m_view->yOf(time)));
}

} // namespace lumen::registration
