#include "booking_calendar_dialog.h"

#include "booking_calendar_view.h"
#include "exam_text.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/error_text.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace lumen::registration {

BookingCalendarDialog::BookingCalendarDialog(client::ApiClient& client,
                                             std::optional<client::SchedulingConfigInfo> config,
                                             QWidget* parent)
    : QDialog(parent), m_client(client), m_config(std::move(config))
{
    setObjectName(QStringLiteral("bookingCalendarDialog"));
    setWindowTitle(tr("Booking calendar"));

    m_date = new QDateEdit(QDate::currentDate(), this);
    m_date->setObjectName(QStringLiteral("calendarDateEdit"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd ddd"));
    auto* previous = new QPushButton(tr("< &Previous day"), this);
    auto* today = new QPushButton(tr("&Today"), this);
    today->setObjectName(QStringLiteral("todayButton"));
    auto* next = new QPushButton(tr("&Next day >"), this);
    m_department = new QComboBox(this);
    m_department->setObjectName(QStringLiteral("calendarDepartmentCombo"));
    m_department->addItem(tr("All departments"), QString());
    for (const auto d : core::allDepartments())
        m_department->addItem(ExamText::department(d), QString::fromLatin1(core::toCode(d).data()));
    auto* refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    for (auto* b : {previous, today, next, refresh})
        b->setAutoDefault(false);

    auto* top = new QHBoxLayout;
    top->addWidget(previous);
    top->addWidget(m_date);
    top->addWidget(next);
    top->addWidget(today);
    top->addSpacing(16);
    top->addWidget(m_department);
    top->addStretch(1);
    top->addWidget(refresh);

    m_view = new BookingCalendarView(this);
    m_view->setDate(m_date->date());
    m_scroll = new BookingCalendarScrollArea(m_view, this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("calendarStatusLabel"));
    m_status->setWordWrap(true);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(makeLegend());

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_scroll, 1);
    layout->addLayout(bottom);

    connect(m_date, &QDateEdit::dateChanged, this, [this](const QDate& date) {
        m_view->setDate(date);
        m_scrollPending = true;
        showColumns();
        reload();
    });
    connect(previous, &QPushButton::clicked, this, [this] { m_date->setDate(m_date->date().addDays(-1)); });
    connect(next, &QPushButton::clicked, this, [this] { m_date->setDate(m_date->date().addDays(1)); });
    connect(today, &QPushButton::clicked, this, [this] { m_date->setDate(QDate::currentDate()); });
    connect(m_department, &QComboBox::currentIndexChanged, this, &BookingCalendarDialog::showColumns);
    connect(refresh, &QPushButton::clicked, this, &BookingCalendarDialog::reload);
    connect(m_view, &BookingCalendarView::moveRequested, this, &BookingCalendarDialog::requestMove);
    connect(m_view, &BookingCalendarView::moveRefused, this,
            [this](const client::Booking&, const QString& why) { m_status->setText(why); });

    resize(1100, 760);
    if (m_config) {
        showColumns();
    } else {
        m_client.schedulingConfig(this, [this](const client::Result<client::SchedulingConfigInfo>& r) {
            if (!r.ok()) {
                m_status->setText(ui::ErrorText::describe(r.error()));
                return;
            }
            m_config = r.value();
            showColumns();
            if (!m_loading && m_scrollPending)
                scrollToStart();
        });
    }
    reload();
}

QWidget* BookingCalendarDialog::makeLegend()
{
    auto* legend = new QWidget(this);
    legend->setObjectName(QStringLiteral("calendarLegend"));
    auto* row = new QHBoxLayout(legend);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
    const int side = fontMetrics().height() - 2;
    auto swatch = [&](const QString& text, const QColor& fill, bool closed) {
        QPixmap pixmap(side, side);
        pixmap.fill(fill);
        QPainter painter(&pixmap);
        if (closed)
            painter.fillRect(pixmap.rect(), QBrush(QColor(0xc8, 0xc8, 0xc8), Qt::BDiagPattern));
        painter.setPen(closed ? QColor(0x9e, 0x9e, 0x9e) : fill.darker(160));
        painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1));
        painter.end();
        auto* icon = new QLabel(legend);
        icon->setPixmap(pixmap);
        row->addWidget(icon);
        row->addWidget(new QLabel(text, legend));
        row->addSpacing(8);
    };
    client::Booking sample;
    sample.status = QStringLiteral("booked");
    swatch(ExamText::bookingStatus(sample.status), BookingCalendarView::statusColour(sample), false);
    sample.priority = QStringLiteral("urgent");
    swatch(tr("Booked, urgent"), BookingCalendarView::statusColour(sample), false);
    sample.priority.clear();
    sample.status = QStringLiteral("checked_in");
    swatch(ExamText::bookingStatus(sample.status), BookingCalendarView::statusColour(sample), false);
    sample.status = QStringLiteral("no_show");
    swatch(ExamText::bookingStatus(sample.status), BookingCalendarView::statusColour(sample), false);
    swatch(tr("Closed"), QColor(0xe4, 0xe4, 0xe4), true);
    return legend;
}

void BookingCalendarDialog::scrollToStart()
{
    m_scrollPending = false;
    const QDateTime now = m_view->now();
    QTime at;
    if (now.date() == m_date->date())
        at = now.time().addSecs(-30 * 60);
    else if (!m_view->bookings().empty()) {
        at = m_view->bookings().front().start;
        for (const auto& b : m_view->bookings())
            if (b.start.isValid() && b.start < at)
                at = b.start;
        at = at.addSecs(-15 * 60);
    } else {
        for (const auto& c : m_view->columns())
            for (const auto& s : c.open)
                if (!at.isValid() || s.start < at)
                    at = s.start;
        if (!at.isValid())
            at = QTime(8, 0);
        at = at.addSecs(-15 * 60);
    }
    if (!at.isValid() || at < QTime(BookingCalendarView::firstHour, 0) ||
        at.hour() < BookingCalendarView::firstHour)
        at = QTime(BookingCalendarView::firstHour, 0);
    m_scroll->scrollToTime(at);
}

QDate BookingCalendarDialog::date() const
{
    return m_date->date();
}

void BookingCalendarDialog::setDate(const QDate& date)
{
    m_date->setDate(date);
}

QString BookingCalendarDialog::statusText() const
{
    return m_status->text();
}

void BookingCalendarDialog::showColumns()
{
    if (!m_config)
        return;
    const QString department = m_department->currentData().toString();
    const QDate day = m_date->date();
    const auto* holiday = m_config->holidayOn(day);
    std::vector<BookingCalendarView::Column> columns;
    for (const auto& room : m_config->rooms) {
        if (!department.isEmpty() && room.department != department)
            continue;
        BookingCalendarView::Column column;
        column.roomId = room.id;
        column.roomName = room.name;
        column.department = room.department;
        for (const auto d : core::allDepartments())
            if (room.department == QString::fromLatin1(core::toCode(d).data()))
                column.department = ExamText::department(d);
        column.open = m_config->openingOn(room, day);
        if (holiday && room.closedOnHolidays)
            column.closedReason =
                holiday->name.isEmpty() ? tr("Holiday") : tr("Holiday: %1").arg(holiday->name);
        else if (column.open.empty())
            column.closedReason = tr("Closed on this day");
        columns.push_back(std::move(column));
    }
    m_view->setColumns(std::move(columns));
}

void BookingCalendarDialog::reload()
{
    client::BookingQuery query;
    query.date = m_date->date();
    const int sequence = ++m_sequence;
    m_loading = true;
    m_status->setText(tr("Loading..."));
    m_client.listBookings(
        query, this, [this, sequence](const client::Result<std::vector<client::Booking>>& r) {
            if (sequence != m_sequence)
                return;
            m_loading = false;
            if (!r.ok()) {
                m_status->setText(ui::ErrorText::describe(r.error()));
                return;
            }
            m_view->setBookings(r.value());
            if (m_scrollPending && m_config)
                scrollToStart();
            m_status->setText(tr("%n booking(s) on %1. Drag a booking to another room or time to move it.",
                                 nullptr, int(r.value().size()))
                                  .arg(m_date->date().toString(Qt::ISODate)));
        });
}

void BookingCalendarDialog::requestMove(const client::Booking& booking, const QString& roomId,
                                        const QTime& start)
{
    QString roomName = roomId;
    if (m_config)
        if (const auto* room = m_config->room(roomId))
            roomName = room->name;
    auto* confirm = new QMessageBox(QMessageBox::Question, tr("Move booking"),
                                    tr("Move %1 (%2 %3) from %4 %5 to %6 %7?")
                                        .arg(booking.patientName, booking.method,
                                             booking.bodyParts.join(QStringLiteral("+")), booking.roomName,
                                             booking.start.toString(QStringLiteral("HH:mm")), roomName,
                                             start.toString(QStringLiteral("HH:mm"))),
                                    QMessageBox::Yes | QMessageBox::No, this);
    confirm->setObjectName(QStringLiteral("moveConfirm"));
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    confirm->button(QMessageBox::Yes)->setText(tr("Move"));
    confirm->button(QMessageBox::No)->setText(tr("Keep"));
    confirm->setDefaultButton(QMessageBox::No);
    connect(confirm, &QMessageBox::finished, this, [this, booking, roomId, start](int answer) {
        if (answer == QMessageBox::Yes)
            move(booking, roomId, start);
    });
    confirm->open();
}

void BookingCalendarDialog::move(const client::Booking& booking, const QString& roomId, const QTime& start)
{
    m_status->setText(tr("Moving..."));
    m_client.changeBooking(booking.id, roomId, m_date->date(), start, QStringLiteral("registration_desk"),
                           this, [this](const client::Result<client::Booking>& r) {
                               if (!r.ok()) {
                                   const QString why = ExamText::bookingError(r.error());
                                   m_status->setText(why);
                                   auto* refused =
                                       new QMessageBox(QMessageBox::Warning, tr("Booking not moved"), why,
                                                       QMessageBox::Ok, this);
                                   refused->setObjectName(QStringLiteral("moveRefused"));
                                   refused->setAttribute(Qt::WA_DeleteOnClose);
                                   refused->open();
                               } else {
                                   emit bookingsChanged();
                               }
                               // Either way the grid shows the book as it is now.
                               reload();
                           });
}

} // namespace lumen::registration
