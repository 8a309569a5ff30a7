#include "booking_dialog.h"

#include "exam_text.h"
#include "slip_dialog.h"

#include "lumen/client/api_client.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStringList>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

QTableWidget* makeTable(QWidget* parent, const QString& name, int columns)
{
    auto* table = new QTableWidget(0, columns, parent);
    table->setObjectName(name);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(true);
    return table;
}

QString clock(const QTime& t)
{
    return t.toString(QStringLiteral("HH:mm"));
}

QString day(const QDate& d)
{
    return QStringLiteral("%1 %2").arg(d.toString(Qt::ISODate),
                                       QLocale().dayName(d.dayOfWeek(), QLocale::ShortFormat));
}

} // namespace

BookingDialog::BookingDialog(client::ApiClient& client, const core::Patient& patient,
                             std::vector<core::Exam> exams,
                             std::optional<client::SchedulingConfigInfo> config, QWidget* parent)
    : QDialog(parent), m_client(client), m_patient(patient), m_exams(std::move(exams)),
      m_config(std::move(config))
{
    setObjectName(QStringLiteral("bookingDialog"));
    setWindowTitle(tr("Book - %1").arg(QString::fromStdString(patient.name)));

    QStringList examLines;
    for (const auto& e : m_exams)
        examLines << QStringLiteral("%1  %2").arg(QString::fromStdString(e.accessionNumber),
                                                  ExamText::items(e));
    auto* header = new QLabel(examLines.join(QLatin1Char('\n')), this);
    header->setObjectName(QStringLiteral("examsLabel"));

    m_sameDay = new QCheckBox(tr("All on the &same day"), this);
    m_sameDay->setObjectName(QStringLiteral("sameDayCheck"));
    m_days = new QComboBox(this);
    m_days->setObjectName(QStringLiteral("daysCombo"));
    m_days->addItem(tr("Any day"), QStringLiteral("any"));
    m_days->addItem(tr("Weekdays"), QStringLiteral("weekdays"));
    m_days->addItem(tr("Weekends"), QStringLiteral("weekends"));
    m_dayPart = new QComboBox(this);
    m_dayPart->setObjectName(QStringLiteral("dayPartCombo"));
    m_dayPart->addItem(tr("Any time"), QString());
    m_dayPart->addItem(tr("Morning"), QStringLiteral("morning"));
    m_dayPart->addItem(tr("Afternoon"), QStringLiteral("afternoon"));
    m_dayPart->addItem(tr("Evening"), QStringLiteral("evening"));
    m_onDate = new QCheckBox(tr("On &date:"), this);
    m_onDate->setObjectName(QStringLiteral("onDateCheck"));
    m_date = new QDateEdit(QDate::currentDate().addDays(1), this);
    m_date->setObjectName(QStringLiteral("dateEdit"));
    m_date->setCalendarPopup(true);
    m_date->setMinimumDate(QDate::currentDate());
    m_date->setEnabled(false);
    m_search = new QPushButton(tr("&Find slots"), this);
    m_search->setObjectName(QStringLiteral("findSlotsButton"));
    m_search->setAutoDefault(false);
    connect(m_onDate, &QCheckBox::toggled, m_date, &QWidget::setEnabled);

    auto* prefs = new QGroupBox(tr("Preferences"), this);
    auto* prefsRow = new QHBoxLayout(prefs);
    prefsRow->addWidget(m_sameDay);
    prefsRow->addWidget(m_days);
    prefsRow->addWidget(m_dayPart);
    prefsRow->addWidget(m_onDate);
    prefsRow->addWidget(m_date);
    prefsRow->addStretch(1);
    prefsRow->addWidget(m_search);

    // Recommended combinations, best first.
    auto* recommended = new QWidget(this);
    m_combinations = makeTable(recommended, QStringLiteral("recommendationTable"), 6);
    m_combinations->setHorizontalHeaderLabels(
        {tr("Option"), tr("Room"), tr("Date"), tr("Time"), tr("Exam"), tr("Precautions")});
    m_bookRecommended = new QPushButton(tr("&Book this option"), recommended);
    m_bookRecommended->setObjectName(QStringLiteral("bookRecommendedButton"));
    m_bookRecommended->setEnabled(false);
    auto* recLayout = new QVBoxLayout(recommended);
    recLayout->addWidget(m_combinations);
    recLayout->addWidget(m_bookRecommended, 0, Qt::AlignRight);
    connect(m_combinations, &QTableWidget::itemSelectionChanged, this,
            [this] { m_bookRecommended->setEnabled(m_combinations->currentRow() >= 0 && !m_sending); });
    connect(m_combinations, &QTableWidget::cellDoubleClicked, this,
            [this](int row, int) { bookCombination(row); });
    connect(m_bookRecommended, &QPushButton::clicked, this,
            [this] { bookCombination(m_combinations->currentRow()); });

    // Free choice among the feasible windows of the coming days.
    auto* free = new QWidget(this);
    m_windowExam = new QComboBox(free);
    m_windowExam->setObjectName(QStringLiteral("windowExamCombo"));
    for (const auto& e : m_exams)
        m_windowExam->addItem(examLabel(e.id), QVariant::fromValue<qlonglong>(e.id));
    m_windowTable = makeTable(free, QStringLiteral("windowTable"), 4);
    m_windowTable->setHorizontalHeaderLabels(
        {tr("Room"), tr("Date"), tr("Earliest start"), tr("Latest start")});
    m_start = new QComboBox(free);
    m_start->setObjectName(QStringLiteral("startCombo"));
    m_start->setMinimumContentsLength(6);
    m_bookChosen = new QPushButton(tr("Book &chosen time"), free);
    m_bookChosen->setObjectName(QStringLiteral("bookChosenButton"));
    m_bookChosen->setEnabled(false);
    auto* freeRow = new QHBoxLayout;
    freeRow->addWidget(new QLabel(tr("Start:"), free));
    freeRow->addWidget(m_start);
    freeRow->addStretch(1);
    freeRow->addWidget(m_bookChosen);
    auto* freeLayout = new QVBoxLayout(free);
    freeLayout->addWidget(m_windowExam);
    freeLayout->addWidget(m_windowTable);
    freeLayout->addLayout(freeRow);
    m_windowExam->setVisible(m_exams.size() > 1);
    connect(m_windowExam, &QComboBox::currentIndexChanged, this, &BookingDialog::showWindows);
    connect(m_windowTable, &QTableWidget::itemSelectionChanged, this, &BookingDialog::fillStarts);
    connect(m_bookChosen, &QPushButton::clicked, this, &BookingDialog::bookChosenTime);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("bookingTabs"));
    m_tabs->addTab(recommended, tr("&Recommended"));
    m_tabs->addTab(free, tr("Free c&hoice"));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(prefs);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_search, &QPushButton::clicked, this, &BookingDialog::search);
    resize(900, 560);
    if (!m_config)
        m_client.schedulingConfig(this, [this](const client::Result<client::SchedulingConfigInfo>& r) {
            if (r.ok()) {
                m_config = r.value();
                showWindows();
            }
        });
    search();
}

client::BookingPreferences BookingDialog::preferences() const
{
    client::BookingPreferences p;
    p.sameDay = m_sameDay->isChecked();
    p.days = m_days->currentData().toString();
    p.dayPart = m_dayPart->currentData().toString();
    if (m_onDate->isChecked())
        p.date = m_date->date();
    return p;
}

void BookingDialog::search()
{
    runSearch(false);
}

void BookingDialog::runSearch(bool keepMessage)
{
    if (!keepMessage)
        m_stickyMessage.clear();
    client::SchedulingRequest request;
    for (const auto& e : m_exams)
        request.examIds.push_back(e.id);
    request.preferences = preferences();
    const int sequence = ++m_sequence;
    m_pending = 2;
    m_search->setEnabled(false);
    if (m_stickyMessage.isEmpty())
        showMessage(tr("Looking for slots..."), false);
    auto finished = [this] {
        if (--m_pending == 0)
            m_search->setEnabled(true);
    };
    m_client.recommendSlots(request, this,
                            [this, sequence, finished](const client::Result<client::Recommendation>& r) {
                                finished();
                                if (sequence != m_sequence)
                                    return;
                                if (!r.ok()) {
                                    m_recommendation = {};
                                    showRecommendation();
                                    showMessage(ExamText::bookingError(r.error()), true);
                                    return;
                                }
                                m_recommendation = r.value();
                                showRecommendation();
                            });
    m_client.freeWindows(
        request, this, [this, sequence, finished](const client::Result<std::vector<client::ExamWindows>>& r) {
            finished();
            if (sequence != m_sequence)
                return;
            m_windows = r.ok() ? r.value() : std::vector<client::ExamWindows>{};
            showWindows();
        });
}

QString BookingDialog::examLabel(core::ExamId id) const
{
    for (const auto& e : m_exams)
        if (e.id == id)
            return QStringLiteral("%1 %2").arg(QString::fromStdString(e.accessionNumber), ExamText::items(e));
    return QString::number(id);
}

QString BookingDialog::roomName(const QString& roomId) const
{
    if (m_config)
        if (const auto* room = m_config->room(roomId))
            return room->name;
    return roomId;
}

void BookingDialog::showRecommendation()
{
    m_combinations->setRowCount(0);
    const auto& list = m_recommendation.combinations;
    m_combinations->setRowCount(int(list.size()));
    for (int row = 0; row < int(list.size()); ++row) {
        const auto& c = list[std::size_t(row)];
        QStringList rooms, dates, times, exams, precautions;
        for (const auto& p : c.proposals) {
            rooms << p.roomName;
            dates << day(p.date);
            times << QStringLiteral("%1-%2").arg(clock(p.start), clock(p.end));
            exams << examLabel(p.examId);
            if (!p.precautions.isEmpty() && !precautions.contains(p.precautions))
                precautions << p.precautions;
        }
        const QString option = row == 0 ? tr("%1 (best)").arg(row + 1) : QString::number(row + 1);
        const QStringList cells = {option,
                                   rooms.join(QLatin1Char('\n')),
                                   dates.join(QLatin1Char('\n')),
                                   times.join(QLatin1Char('\n')),
                                   exams.join(QLatin1Char('\n')),
                                   precautions.join(QLatin1Char('\n'))};
        for (int col = 0; col < cells.size(); ++col)
            m_combinations->setItem(row, col, new QTableWidgetItem(cells[col]));
    }
    m_combinations->resizeColumnsToContents();
    m_combinations->resizeRowsToContents();
    if (!list.empty()) {
        m_combinations->selectRow(0);
        if (m_stickyMessage.isEmpty()) {
            m_message->clear();
            m_message->hide();
        } else {
            showMessage(m_stickyMessage, true);
        }
    } else if (!m_recommendation.refusals.empty()) {
        showMessage(tr("No slot found:") + QLatin1Char('\n') + ExamText::refusals(m_recommendation.refusals),
                    true);
    } else if (m_pending == 0 || m_message->text() == tr("Looking for slots...")) {
        showMessage(tr("No slot found for these preferences."), true);
    }
    m_bookRecommended->setEnabled(!list.empty() && !m_sending);
}

void BookingDialog::showWindows()
{
    m_windowTable->setRowCount(0);
    const auto examId = m_windowExam->currentData().toLongLong();
    for (const auto& e : m_windows) {
        if (e.examId != examId)
            continue;
        for (const auto& w : e.windows) {
            const int row = m_windowTable->rowCount();
            m_windowTable->insertRow(row);
            m_windowTable->setItem(row, 0, new QTableWidgetItem(roomName(w.roomId)));
            m_windowTable->setItem(row, 1, new QTableWidgetItem(day(w.date)));
            m_windowTable->setItem(row, 2, new QTableWidgetItem(clock(w.earliest)));
            m_windowTable->setItem(row, 3, new QTableWidgetItem(clock(w.latest)));
        }
        if (e.windows.empty() && !e.refusals.empty()) {
            m_windowTable->insertRow(0);
            auto* item = new QTableWidgetItem(ExamText::refusals(e.refusals));
            item->setFlags(Qt::NoItemFlags);
            m_windowTable->setItem(0, 0, item);
            m_windowTable->setSpan(0, 0, 1, 4);
        }
    }
    m_windowTable->resizeColumnsToContents();
    fillStarts();
}

void BookingDialog::fillStarts()
{
    m_start->clear();
    const int row = m_windowTable->currentRow();
    const auto examId = m_windowExam->currentData().toLongLong();
    const client::StartWindow* window = nullptr;
    for (const auto& e : m_windows)
        if (e.examId == examId && row >= 0 && row < int(e.windows.size()))
            window = &e.windows[std::size_t(row)];
    if (window) {
        const int step = std::max(1, window->stepMinutes);
        for (QTime t = window->earliest; t.isValid() && t <= window->latest; t = t.addSecs(step * 60)) {
            m_start->addItem(clock(t), t);
            if (t.addSecs(step * 60) < t)
                break; // past midnight
        }
    }
    m_bookChosen->setEnabled(m_start->count() > 0 && !m_sending);
}

void BookingDialog::bookCombination(int row)
{
    if (row < 0 || row >= int(m_recommendation.combinations.size()))
        return;
    std::vector<client::SlotChoice> items;
    for (const auto& p : m_recommendation.combinations[std::size_t(row)].proposals)
        items.push_back({p.examId, p.roomId, p.date, p.start});
    send(items);
}

void BookingDialog::bookChosenTime()
{
    const int row = m_windowTable->currentRow();
    const auto examId = m_windowExam->currentData().toLongLong();
    for (const auto& e : m_windows)
        if (e.examId == examId && row >= 0 && row < int(e.windows.size()) && m_start->currentIndex() >= 0) {
            const auto& w = e.windows[std::size_t(row)];
            send({{examId, w.roomId, w.date, m_start->currentData().toTime()}});
            return;
        }
}

void BookingDialog::send(const std::vector<client::SlotChoice>& items)
{
    if (m_sending || items.empty())
        return;
    m_sending = true;
    m_bookRecommended->setEnabled(false);
    m_bookChosen->setEnabled(false);
    showMessage(tr("Booking..."), false);
    m_client.book(items, QStringLiteral("registration_desk"), this,
                  [this](const client::Result<std::vector<client::Booking>>& r) {
                      m_sending = false;
                      if (!r.ok()) {
                          m_stickyMessage = ExamText::bookingError(r.error());
                          showMessage(m_stickyMessage, true);
                          // The book has changed under us: offer what is possible now.
                          runSearch(true);
                          return;
                      }
                      emit booked(r.value());
                      offerSlips(r.value());
                      accept();
                  });
}

void BookingDialog::offerSlips(const std::vector<client::Booking>& bookings)
{
    if (bookings.empty())
        return;
    std::vector<SlipData> slips;
    for (const auto& b : bookings) {
        std::optional<core::Exam> exam;
        for (const auto& e : m_exams)
            if (e.id == b.examId)
                exam = e;
        slips.push_back(SlipDialog::dataFor(m_patient, b, exam, m_config));
    }
    // Beside the window that asked: this dialog closes now. Not modal, so the desk may go on.
    auto* dialog = new SlipDialog(std::move(slips), parentWidget());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

QString BookingDialog::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void BookingDialog::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
    m_message->show();
}

} // namespace lumen::registration
