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
#include <QPushButton>
#include <QScrollArea>
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
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_view);
    m_scroll->setWidgetResizable(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("calendarStatusLabel"));
    m_status->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_status);

    connect(m_date, &QDateEdit::dateChanged, this, &BookingCalendarDialog::reload);
    connect(previous, &QPushButton::clicked, this, [this] { m_date->setDate(m_date->date().addDays(-1)); });
    connect(next, &QPushButton::clicked, this, [this] { m_date->setDate(m_date->date().addDays(1)); });
    connect(today, &QPushButton::clicked, this, [this] { m_date->setDate(QDate::currentDate()); });
    connect(m_department, &QComboBox::currentIndexChanged, this, &BookingCalendarDialog::showColumns);
    connect(refresh, &QPushButton::clicked, this, &BookingCalendarDialog::reload);
    connect(m_view, &BookingCalendarView::moveRequested, this, &BookingCalendarDialog::requestMove);

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
        });
    }
    reload();
    // Opening hours start at eight: show the morning first.
    m_scroll->verticalScrollBar()->setValue(BookingCalendarView::pixelsPerHour / 2);
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
    std::vector<BookingCalendarView::Column> columns;
    for (const auto& room : m_config->rooms)
        if (department.isEmpty() || room.department == department)
            columns.push_back({room.id, room.name});
    m_view->setColumns(std::move(columns));
    m_view->resize(m_view->sizeHint());
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
