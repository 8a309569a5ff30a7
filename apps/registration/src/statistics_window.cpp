#include "statistics_window.h"

#include "statistics_xlsx.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/error_text.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateEdit>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QTableWidget>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace lumen::registration {

namespace {

constexpr int maxRangeDays = 366;
constexpr int maxDayBars = 62; // longer ranges are shown per week

// Fixed colours, so "no-show" is the same red in every chart and on every day.
const QColor attendedColour(0x43, 0xA0, 0x47);
const QColor noShowColour(0xE5, 0x39, 0x35);
const QColor cancelledColour(0x9E, 0x9E, 0x9E);
const QColor pendingColour(0x42, 0xA5, 0xF5);
const QColor usageColour(0xFB, 0x8C, 0x00);

QString percent(double rate)
{
    return QLocale().toString(rate * 100.0, 'f', 1) + QLatin1Char('%');
}

QString days(double value)
{
    return QLocale().toString(value, 'f', std::floor(value) == value ? 0 : 1);
}

QTableWidgetItem* numberItem(double value, const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setData(Qt::UserRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QChart* newChart(const QString& title)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    QFont font = chart->titleFont();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    font.setBold(true);
    chart->setTitleFont(font);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);
    return chart;
}

// The old chart is not owned by the view once replaced.
void replaceChart(QChartView* view, QChart* chart)
{
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

QBarSet* barSet(const QString& label, const QColor& colour)
{
    auto* set = new QBarSet(label);
    set->setColor(colour);
    set->setBorderColor(colour.darker(115));
    return set;
}

} // namespace

std::pair<QDate, QDate> StatisticsWindow::defaultRange(const QDate& today)
{
    return {today.addDays(-7), today.addDays(7)};
}

std::pair<QDate, QDate> StatisticsWindow::thisWeek(const QDate& today)
{
    const QDate monday = today.addDays(1 - today.dayOfWeek());
    return {monday, monday.addDays(6)};
}

std::pair<QDate, QDate> StatisticsWindow::thisMonth(const QDate& today)
{
    const QDate first(today.year(), today.month(), 1);
    return {first, first.addMonths(1).addDays(-1)};
}

std::pair<QDate, QDate> StatisticsWindow::lastMonth(const QDate& today)
{
    const QDate first = QDate(today.year(), today.month(), 1).addMonths(-1);
    return {first, first.addMonths(1).addDays(-1)};
}

StatisticsWindow::StatisticsWindow(client::ApiClient& client, QWidget* parent)
    : QWidget(parent, Qt::Window), m_client(client)
{
    setObjectName(QStringLiteral("statisticsWindow"));
    setAttribute(Qt::WA_DeleteOnClose, false);

    // The range row: dates, presets, reload and export, and what is going on.
    m_fromLabel = new QLabel(this);
    m_toLabel = new QLabel(this);
    auto makeDate = [this](const QString& name) {
        auto* edit = new QDateEdit(this);
        edit->setObjectName(name);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        return edit;
    };
    m_from = makeDate(QStringLiteral("fromDate"));
    m_to = makeDate(QStringLiteral("toDate"));
    m_fromLabel->setBuddy(m_from);
    m_toLabel->setBuddy(m_to);
    auto makeButton = [this](const QString& name) {
        auto* button = new QPushButton(this);
        button->setObjectName(name);
        button->setAutoDefault(false);
        return button;
    };
    m_defaultPreset = makeButton(QStringLiteral("defaultPresetButton"));
    m_weekPreset = makeButton(QStringLiteral("weekPresetButton"));
    m_monthPreset = makeButton(QStringLiteral("monthPresetButton"));
    m_lastMonthPreset = makeButton(QStringLiteral("lastMonthPresetButton"));
    m_refresh = makeButton(QStringLiteral("refreshButton"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_export = makeButton(QStringLiteral("exportButton"));
    m_export->setEnabled(false);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_busy->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_fromLabel);
    rangeRow->addWidget(m_from);
    rangeRow->addWidget(m_toLabel);
    rangeRow->addWidget(m_to);
    rangeRow->addSpacing(12);
    for (QPushButton* b : {m_defaultPreset, m_weekPreset, m_monthPreset, m_lastMonthPreset})
        rangeRow->addWidget(b);
    rangeRow->addSpacing(12);
    rangeRow->addWidget(m_refresh);
    rangeRow->addStretch(1);
    rangeRow->addWidget(m_export);
    // What is going on, on its own line so a refusal's sentence is read whole.
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_busy);
    statusRow->addWidget(m_status, 1);

    // The summary: one tile per figure, large enough to read from the next desk.
    auto* tiles = new QHBoxLayout;
    for (const char* key : {"bookings", "attendance", "noShow", "cancel", "leadTime"}) {
        auto* frame = new QFrame(this);
        frame->setFrameShape(QFrame::StyledPanel);
        frame->setObjectName(QStringLiteral("tile_%1").arg(QLatin1String(key)));
        auto* box = new QVBoxLayout(frame);
        box->setContentsMargins(12, 6, 12, 6);
        Tile tile{QLatin1String(key), new QLabel(QStringLiteral("–"), frame), new QLabel(frame)};
        tile.value->setObjectName(QStringLiteral("value_%1").arg(QLatin1String(key)));
        QFont big = tile.value->font();
        big.setPointSizeF(big.pointSizeF() * 1.9);
        big.setBold(true);
        tile.value->setFont(big);
        tile.caption->setStyleSheet(QStringLiteral("color: palette(dark);"));
        box->addWidget(tile.value);
        box->addWidget(tile.caption);
        tiles->addWidget(frame, 1);
        m_tiles.push_back(tile);
    }

    auto makeView = [this](const QString& name) {
        auto* view = new QChartView(new QChart, this);
        view->setObjectName(name);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(220);
        return view;
    };
    m_dayChart = makeView(QStringLiteral("dayChart"));
    m_roomChart = makeView(QStringLiteral("roomChart"));
    m_channelChart = makeView(QStringLiteral("channelChart"));

    m_roomTable = new QTableWidget(0, 8, this);
    m_roomTable->setObjectName(QStringLiteral("roomTable"));
    m_roomTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roomTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_roomTable->setAlternatingRowColors(true);
    m_roomTable->verticalHeader()->hide();
    m_roomTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_roomTable->setMinimumHeight(120);

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_roomChart);
    lower->addWidget(m_channelChart);
    lower->setStretchFactor(0, 2);
    lower->setStretchFactor(1, 1);
    lower->setSizes({840, 420});
    lower->setChildrenCollapsible(false);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_dayChart);
    splitter->addWidget(lower);
    splitter->addWidget(m_roomTable);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 5);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({320, 300, 200});
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(rangeRow);
    layout->addLayout(statusRow);
    layout->addLayout(tiles);
    layout->addWidget(splitter, 1);

    // Typing a date reloads once the nurse pauses, not on every digit.
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(400);
    connect(m_reloadTimer, &QTimer::timeout, this, &StatisticsWindow::reload);
    connect(m_from, &QDateEdit::dateChanged, m_reloadTimer, qOverload<>(&QTimer::start));
    connect(m_to, &QDateEdit::dateChanged, m_reloadTimer, qOverload<>(&QTimer::start));
    const QDate today = QDate::currentDate();
    connect(m_defaultPreset, &QPushButton::clicked, this,
            [this] { applyPreset(defaultRange(QDate::currentDate())); });
    connect(m_weekPreset, &QPushButton::clicked, this,
            [this] { applyPreset(thisWeek(QDate::currentDate())); });
    connect(m_monthPreset, &QPushButton::clicked, this,
            [this] { applyPreset(thisMonth(QDate::currentDate())); });
    connect(m_lastMonthPreset, &QPushButton::clicked, this,
            [this] { applyPreset(lastMonth(QDate::currentDate())); });
    connect(m_refresh, &QPushButton::clicked, this, &StatisticsWindow::reload);
    connect(m_export, &QPushButton::clicked, this, &StatisticsWindow::exportWithDialog);

    resize(1280, 900);
    retranslateUi();
    applyPreset(defaultRange(today));
}

QDate StatisticsWindow::from() const
{
    return m_from->date();
}

QDate StatisticsWindow::to() const
{
    return m_to->date();
}

void StatisticsWindow::applyPreset(const std::pair<QDate, QDate>& range)
{
    setRange(range.first, range.second);
}

void StatisticsWindow::setRange(const QDate& from, const QDate& to)
{
    {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setDate(from);
        m_to->setDate(to);
    }
    reload();
}

void StatisticsWindow::reload()
{
    m_reloadTimer->stop();
    const QDate from = m_from->date();
    const QDate to = m_to->date();
    if (from > to) {
        ++m_request; // an answer still on its way is for other dates
        setBusy(false);
        showError(tr("The first day is after the last day: swap them or pick a preset."));
        return;
    }
    if (from.daysTo(to) + 1 > maxRangeDays) {
        ++m_request;
        setBusy(false);
        showError(tr("At most a year at a time: shorten the range."));
        return;
    }
    const quint64 request = ++m_request;
    m_error.clear();
    setBusy(true);
    m_client.bookingStatistics(
        from, to, this, [this, request](const client::Result<client::BookingStatistics>& r) {
            if (request != m_request)
                return; // the nurse has asked for other dates since
            setBusy(false);
            if (!r.ok()) {
                showError(
                    tr("The statistics could not be loaded: %1").arg(ui::ErrorText::describe(r.error())));
                return;
            }
            m_statistics = r.value();
            m_error.clear();
            showStatistics();
            emit loaded();
        });
}

void StatisticsWindow::setBusy(bool busy)
{
    m_loading = busy;
    m_busy->setVisible(busy);
    m_refresh->setEnabled(!busy);
    if (busy) {
        m_status->setStyleSheet(QString());
        m_status->setText(tr("Loading statistics..."));
    }
}

void StatisticsWindow::showError(const QString& message)
{
    m_error = message;
    m_statistics.reset();
    clearFigures();
    m_status->setStyleSheet(QStringLiteral("color: #C62828; font-weight: bold;"));
    m_status->setText(message);
    m_export->setEnabled(false);
    emit loadFailed(message);
}

QString StatisticsWindow::statusText() const
{
    return m_status->text();
}

QString StatisticsWindow::summaryText(const QString& key) const
{
    for (const Tile& t : m_tiles)
        if (t.key == key)
            return t.value->text();
    return {};
}

void StatisticsWindow::clearFigures()
{
    for (const Tile& t : m_tiles)
        t.value->setText(QStringLiteral("–"));
    for (QChartView* view : {m_dayChart, m_roomChart, m_channelChart})
        replaceChart(view, new QChart);
    m_roomTable->setRowCount(0);
}

void StatisticsWindow::showStatistics()
{
    if (!m_statistics) {
        clearFigures();
        return;
    }
    const auto& s = *m_statistics;
    m_status->setStyleSheet(QString());
    m_status->setText(tr("%1 to %2, %n booking(s)", nullptr, s.total.booked)
                          .arg(QLocale().toString(s.from, QLocale::ShortFormat),
                               QLocale().toString(s.to, QLocale::ShortFormat)));
    m_export->setEnabled(true);
    fillSummary();
    fillDayChart();
    fillRoomChart();
    fillChannelChart();
    fillRoomTable();
}

void StatisticsWindow::fillSummary()
{
    const auto& s = *m_statistics;
    const int decided = s.total.attended + s.total.noShow;
    for (const Tile& t : m_tiles) {
        QString value;
        QString tip;
        if (t.key == QLatin1String("bookings")) {
            value = QLocale().toString(s.total.booked);
            tip = tr("Attended %1, no-show %2, cancelled %3, pending %4")
                      .arg(s.total.attended)
                      .arg(s.total.noShow)
                      .arg(s.total.cancelled)
                      .arg(s.total.pending);
        } else if (t.key == QLatin1String("attendance")) {
            value = decided == 0 ? QStringLiteral("–") : percent(s.attendanceRate);
            tip =
                tr("Of the %n booking(s) whose day has been decided (attended or no-show)", nullptr, decided);
        } else if (t.key == QLatin1String("noShow")) {
            value = decided == 0 ? QStringLiteral("–") : percent(s.noShowRate);
            tip =
                tr("Of the %n booking(s) whose day has been decided (attended or no-show)", nullptr, decided);
        } else if (t.key == QLatin1String("cancel")) {
            value = s.total.booked == 0 ? QStringLiteral("–") : percent(s.cancelRate);
            tip = tr("Of every booking made, cancelled ones included");
        } else if (t.key == QLatin1String("leadTime")) {
            value = s.leadTime ? tr("%1 / %2 d").arg(days(s.leadTime->median), days(s.leadTime->p90))
                               : QStringLiteral("–");
            if (s.leadTime)
                tip = tr("Days from booking to the exam: median %1, 90th percentile %2, mean %3, longest %4")
                          .arg(days(s.leadTime->median), days(s.leadTime->p90), days(s.leadTime->mean),
                               days(s.leadTime->max));
        }
        t.value->setText(value);
        t.value->parentWidget()->setToolTip(tip);
    }
}

void StatisticsWindow::fillDayChart()
{
    const auto& s = *m_statistics;
    // Per day up to two months; a longer range per week (starting Monday), so bars stay readable.
    const bool weekly = int(s.byDay.size()) > maxDayBars;
    struct Bar
    {
        QDate start;
        client::BookingCounts counts;
    };
    std::vector<Bar> bars;
    for (const auto& day : s.byDay) {
        const QDate start = weekly ? day.date.addDays(1 - day.date.dayOfWeek()) : day.date;
        if (bars.empty() || bars.back().start != start)
            bars.push_back({start, {}});
        auto& c = bars.back().counts;
        c.booked += day.counts.booked;
        c.attended += day.counts.attended;
        c.noShow += day.counts.noShow;
        c.cancelled += day.counts.cancelled;
        c.pending += day.counts.pending;
    }
    auto* attended = barSet(tr("Attended"), attendedColour);
    auto* noShow = barSet(tr("No-show"), noShowColour);
    auto* cancelled = barSet(tr("Cancelled"), cancelledColour);
    auto* pending = barSet(tr("Pending"), pendingColour);
    QStringList labels;
    int highest = 0;
    for (const Bar& bar : bars) {
        *attended << bar.counts.attended;
        *noShow << bar.counts.noShow;
        *cancelled << bar.counts.cancelled;
        *pending << bar.counts.pending;
        // Up to a month of days: the day number alone fits under its bar (its month on the
        // first bar and on each 1st); longer ranges get month/day standing upright. Each label
        // stays unique, as the category axis needs.
        if (bars.size() <= 16)
            labels << bar.start.toString(QStringLiteral("MM-dd"));
        else if (!weekly && bars.size() <= 31 && !labels.isEmpty() && bar.start.day() != 1)
            labels << QString::number(bar.start.day());
        else
            labels << bar.start.toString(QStringLiteral("M/d"));
        highest = std::max(highest, bar.counts.booked);
    }
    // Today's bar is the one the desk looks for first (named when the labels are dates).
    const int todayIndex =
        weekly || bars.size() > 16 ? -1 : int(s.byDay.size()) - 1 - int(QDate::currentDate().daysTo(s.to));
    if (todayIndex >= 0 && todayIndex < labels.size())
        labels[todayIndex] = tr("Today");
    auto* series = new QStackedBarSeries;
    series->append({attended, noShow, cancelled, pending});
    connect(series, &QStackedBarSeries::hovered, this, [labels](bool on, int index, QBarSet* set) {
        if (on && index >= 0 && index < labels.size())
            QToolTip::showText(
                QCursor::pos(),
                QStringLiteral("%1  %2: %3").arg(labels[index], set->label()).arg(set->at(index)));
        else
            QToolTip::hideText();
    });
    series->setBarWidth(0.7);
    auto* chart = newChart(weekly ? tr("Bookings per week") : tr("Bookings per day"));
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(labels);
    if (labels.size() > 31)
        x->setLabelsAngle(-90);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = new QValueAxis;
    y->setRange(0, std::max(4, highest + 1));
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(std::max(1, (highest + 5) / 5));
    y->setTitleText(tr("Bookings"));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    replaceChart(m_dayChart, chart);
}

void StatisticsWindow::fillRoomChart()
{
    const auto& s = *m_statistics;
    auto* booked = barSet(tr("Bookings"), pendingColour.darker(120));
    auto* usage = new QLineSeries;
    usage->setName(tr("Slot usage %"));
    usage->setColor(usageColour);
    QPen pen(usageColour);
    pen.setWidth(3);
    usage->setPen(pen);
    usage->setPointsVisible(true);
    connect(usage, &QLineSeries::hovered, this, [this](const QPointF& point, bool on) {
        const int index = int(std::lround(point.x()));
        if (!on || !m_statistics || index < 0 || index >= int(m_statistics->byRoom.size())) {
            QToolTip::hideText();
            return;
        }
        const auto& room = m_statistics->byRoom[std::size_t(index)];
        QToolTip::showText(QCursor::pos(), tr("%1: slot usage %2").arg(room.roomName, percent(room.usage)));
    });
    QStringList labels;
    int highest = 0;
    double highestUsage = 0;
    for (std::size_t i = 0; i < s.byRoom.size(); ++i) {
        const auto& room = s.byRoom[i];
        *booked << room.counts.booked;
        const double usagePercent = std::round(room.usage * 1000.0) / 10.0;
        usage->append(double(i), usagePercent);
        labels << (room.roomName.isEmpty() ? room.roomId : room.roomName);
        highest = std::max(highest, room.counts.booked);
        highestUsage = std::max(highestUsage, usagePercent);
    }
    auto* series = new QBarSeries;
    series->append(booked);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    auto* chart = newChart(tr("Bookings and slot usage per room"));
    chart->addSeries(series);
    chart->addSeries(usage);
    auto* x = new QBarCategoryAxis;
    x->append(labels);
    if (labels.size() > 14)
        x->setLabelsAngle(-45);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    usage->attachAxis(x);
    auto* y = new QValueAxis;
    const int top = std::max(4, int(std::ceil(highest * 1.15)) + 1);
    y->setRange(0, top);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(std::max(1, (top + 4) / 5));
    y->setTitleText(tr("Bookings"));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto* u = new QValueAxis;
    // Scaled to the busiest room (at least 10%), so low usage is still seen to differ.
    const double usageTop = std::max(10.0, std::ceil(highestUsage * 1.15 / 10.0) * 10.0);
    u->setRange(0, usageTop);
    u->setTickType(QValueAxis::TicksDynamic);
    u->setTickAnchor(0);
    u->setTickInterval(usageTop / 5.0);
    u->setLabelFormat(QStringLiteral("%d%%"));
    u->setTitleText(tr("Slot usage"));
    u->setLinePenColor(usageColour);
    u->setLabelsColor(usageColour.darker(130));
    chart->addAxis(u, Qt::AlignRight);
    usage->attachAxis(u);
    replaceChart(m_roomChart, chart);
}

void StatisticsWindow::fillChannelChart()
{
    const auto& s = *m_statistics;
    int total = 0;
    for (const auto& c : s.byChannel)
        total += c.booked;
    auto* chart = newChart(tr("Bookings per channel"));
    if (total == 0) {
        chart->setTitle(tr("Bookings per channel: none in this period"));
        replaceChart(m_channelChart, chart);
        return;
    }
    static const QColor palette[] = {QColor(0x1E, 0x88, 0xE5), QColor(0x43, 0xA0, 0x47),
                                     QColor(0xFB, 0x8C, 0x00), QColor(0x8E, 0x24, 0xAA),
                                     QColor(0x00, 0xAC, 0xC1), QColor(0x6D, 0x4C, 0x41)};
    auto* pie = new QPieSeries;
    int i = 0;
    for (const auto& c : s.byChannel) {
        auto* slice = pie->append(StatisticsXlsx::channelName(c.channel), c.booked);
        slice->setColor(palette[i++ % std::size(palette)]);
        slice->setLabel(tr("%1: %2 (%3)")
                            .arg(StatisticsXlsx::channelName(c.channel))
                            .arg(c.booked)
                            .arg(percent(double(c.booked) / total)));
        slice->setLabelVisible(true);
    }
    pie->setPieSize(0.62);
    chart->addSeries(pie);
    chart->legend()->hide(); // each slice carries its name and share
    replaceChart(m_channelChart, chart);
}

void StatisticsWindow::fillRoomTable()
{
    const auto& s = *m_statistics;
    m_roomTable->setSortingEnabled(false);
    m_roomTable->setRowCount(int(s.byRoom.size()));
    const QLocale locale;
    for (int row = 0; row < int(s.byRoom.size()); ++row) {
        const auto& room = s.byRoom[std::size_t(row)];
        const auto& c = room.counts;
        auto* name = new QTableWidgetItem(room.roomName.isEmpty() ? room.roomId : room.roomName);
        name->setData(Qt::UserRole, room.roomId);
        name->setToolTip(room.roomId);
        m_roomTable->setItem(row, 0, name);
        m_roomTable->setItem(row, 1, numberItem(c.booked, locale.toString(c.booked)));
        m_roomTable->setItem(row, 2, numberItem(c.attended, locale.toString(c.attended)));
        m_roomTable->setItem(row, 3, numberItem(c.noShow, locale.toString(c.noShow)));
        m_roomTable->setItem(row, 4, numberItem(c.cancelled, locale.toString(c.cancelled)));
        m_roomTable->setItem(row, 5, numberItem(c.pending, locale.toString(c.pending)));
        m_roomTable->setItem(row, 6,
                             numberItem(double(c.bookedMinutes),
                                        tr("%1 h").arg(locale.toString(c.bookedMinutes / 60.0, 'f', 1))));
        auto* usage = numberItem(room.usage, percent(room.usage));
        usage->setToolTip(tr("%1 of %2 open hours booked")
                              .arg(locale.toString(c.bookedMinutes / 60.0, 'f', 1),
                                   locale.toString(room.openMinutes / 60.0, 'f', 1)));
        m_roomTable->setItem(row, 7, usage);
    }
}

QString StatisticsWindow::exportTo(const QString& path) const
{
    if (!m_statistics)
        return tr("There are no statistics to export yet.");
    return StatisticsXlsx::write(*m_statistics, path);
}

QString StatisticsWindow::defaultExportName() const
{
    return m_statistics ? StatisticsXlsx::defaultFileName(m_statistics->from, m_statistics->to)
                        : StatisticsXlsx::defaultFileName(from(), to());
}

void StatisticsWindow::exportWithDialog()
{
    if (!m_statistics)
        return;
    QSettings settings;
    const QString folder =
        settings.value(QStringLiteral("statistics/exportFolder"), QDir::homePath()).toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export booking statistics"),
                                                      QDir(folder).filePath(defaultExportName()),
                                                      tr("Excel workbook (*.xlsx)"));
    if (path.isEmpty())
        return;
    const QString target =
        path.endsWith(QLatin1String(".xlsx"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".xlsx");
    settings.setValue(QStringLiteral("statistics/exportFolder"), QFileInfo(target).absolutePath());
    const QString problem = exportTo(target);
    if (problem.isEmpty()) {
        m_status->setStyleSheet(QString());
        m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(target)));
    } else {
        m_status->setStyleSheet(QStringLiteral("color: #C62828; font-weight: bold;"));
        m_status->setText(problem);
    }
}

void StatisticsWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StatisticsWindow::retranslateUi()
{
    setWindowTitle(tr("Booking statistics"));
    m_fromLabel->setText(tr("&From"));
    m_toLabel->setText(tr("&To"));
    m_defaultPreset->setText(tr("Last and next 7 days"));
    m_weekPreset->setText(tr("This &week"));
    m_monthPreset->setText(tr("This &month"));
    m_lastMonthPreset->setText(tr("&Last month"));
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(
        tr("Load the figures again (%1)").arg(m_refresh->shortcut().toString(QKeySequence::NativeText)));
    m_export->setText(tr("&Export to Excel..."));
    for (const Tile& t : m_tiles) {
        if (t.key == QLatin1String("bookings"))
            t.caption->setText(tr("Bookings"));
        else if (t.key == QLatin1String("attendance"))
            t.caption->setText(tr("Attendance rate"));
        else if (t.key == QLatin1String("noShow"))
            t.caption->setText(tr("No-show rate"));
        else if (t.key == QLatin1String("cancel"))
            t.caption->setText(tr("Cancel rate"));
        else if (t.key == QLatin1String("leadTime"))
            t.caption->setText(tr("Lead time, median / 90th percentile"));
    }
    m_roomTable->setHorizontalHeaderLabels({tr("Room"), tr("Bookings"), tr("Attended"), tr("No-show"),
                                            tr("Cancelled"), tr("Pending"), tr("Booked time"),
                                            tr("Slot usage")});
    if (m_statistics)
        showStatistics();
    else if (!m_error.isEmpty())
        m_status->setText(m_error); // a refusal's words came from the server or were built before
}

} // namespace lumen::registration
