#include "queue_desk_panel.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/error_text.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

constexpr int refreshMs = 3000;
const auto roomSetting = "queueDesk/room";

} // namespace

QueueDeskPanel::QueueDeskPanel(client::ApiClient& client, QWidget* parent) : QWidget(parent), m_client(client)
{
    setObjectName(QStringLiteral("queueDeskPanel"));
    m_roomLabel = new QLabel(this);
    m_room = new QComboBox(this);
    m_room->setObjectName(QStringLiteral("queueRoom"));
    m_room->setEditable(true);
    m_room->setInsertPolicy(QComboBox::NoInsert);
    m_room->setMinimumContentsLength(10);
    m_roomLabel->setBuddy(m_room);
    const QString saved = QSettings().value(QLatin1String(roomSetting), QStringLiteral("CT1")).toString();
    m_room->addItem(saved, saved);
    connect(m_room, &QComboBox::currentTextChanged, this, [this] {
        QSettings().setValue(QLatin1String(roomSetting), room());
        refresh();
    });
    m_current = new QLabel(this);
    m_current->setObjectName(QStringLiteral("queueCurrent"));
    QFont big = m_current->font();
    big.setPointSize(big.pointSize() + 6);
    big.setBold(true);
    m_current->setFont(big);

    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("queueTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_callNext = new QPushButton(this);
    m_callNext->setObjectName(QStringLiteral("callNextButton"));
    m_recall = new QPushButton(this);
    m_recall->setObjectName(QStringLiteral("recallButton"));
    m_skip = new QPushButton(this);
    m_skip->setObjectName(QStringLiteral("skipButton"));
    connect(m_callNext, &QPushButton::clicked, this, &QueueDeskPanel::callNext);
    connect(m_recall, &QPushButton::clicked, this, &QueueDeskPanel::recall);
    connect(m_skip, &QPushButton::clicked, this, &QueueDeskPanel::skip);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("queueStatus"));
    m_status->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(m_roomLabel);
    top->addWidget(m_room);
    top->addStretch();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_callNext);
    buttons->addWidget(m_recall);
    buttons->addWidget(m_skip);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_current);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    setMinimumSize(560, 420);
    m_refresh.setInterval(refreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &QueueDeskPanel::refresh);
    m_refresh.start();
    retranslateUi();
    loadRooms();
    refresh();
}

void QueueDeskPanel::retranslateUi()
{
    setWindowTitle(tr("Queue calling"));
    m_roomLabel->setText(tr("&Room:"));
    m_table->setHorizontalHeaderLabels({tr("Ticket"), tr("Patient"), tr("Status"), tr("Appointment no.")});
    m_callNext->setText(tr("Call next (F5)"));
    m_recall->setText(tr("Recall (F6)"));
    m_skip->setText(tr("Skip (F7)"));
    // After the text: QAbstractButton::setText() replaces the shortcut with the text's mnemonic.
    m_callNext->setShortcut(QKeySequence(Qt::Key_F5));
    m_recall->setShortcut(QKeySequence(Qt::Key_F6));
    m_skip->setShortcut(QKeySequence(Qt::Key_F7));
    showQueue(m_queue);
}

void QueueDeskPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void QueueDeskPanel::loadRooms()
{
    m_client.schedulingRooms(this, [this](const client::Result<std::vector<client::RoomInfo>>& result) {
        if (!result.ok())
            return; // the room can still be typed
        const QString keep = room();
        const QSignalBlocker block(m_room);
        m_room->clear();
        for (const auto& r : result.value())
            m_room->addItem(r.name.isEmpty() ? r.id : QStringLiteral("%1 (%2)").arg(r.id, r.name), r.id);
        const int index = m_room->findData(keep);
        if (index >= 0)
            m_room->setCurrentIndex(index);
        else
            m_room->setEditText(keep);
    });
}

void QueueDeskPanel::setRoom(const QString& roomId)
{
    const int index = m_room->findData(roomId);
    if (index >= 0)
        m_room->setCurrentIndex(index);
    else
        m_room->setEditText(roomId);
}

QString QueueDeskPanel::room() const
{
    const int index = m_room->findText(m_room->currentText());
    if (index >= 0 && !m_room->itemData(index).toString().isEmpty())
        return m_room->itemData(index).toString();
    return m_room->currentText().trimmed().section(QLatin1Char(' '), 0, 0);
}

QString QueueDeskPanel::statusText() const
{
    return m_status->text();
}

void QueueDeskPanel::refresh()
{
    const QString id = room();
    if (id.isEmpty() || !m_client.isLoggedIn())
        return;
    m_client.roomQueue(id, this, [this, id](const client::Result<client::RoomQueue>& result) {
        if (id != room())
            return;
        if (!result.ok()) {
            m_status->setText(ui::ErrorText::describe(result.error()));
            return;
        }
        showQueue(result.value());
        emit refreshed();
    });
}

void QueueDeskPanel::showQueue(const client::RoomQueue& queue)
{
    // Only a row the user chose stays selected; otherwise recall and skip follow the current one.
    const auto chosen = m_table->selectedItems();
    const std::int64_t selected = chosen.isEmpty() ? 0 : chosen.first()->data(Qt::UserRole).toLongLong();
    m_queue = queue;
    m_current->setText(queue.current
                           ? tr("Now called: %1 %2").arg(queue.current->ticket, queue.current->patientName)
                           : tr("Nobody called yet"));
    std::vector<client::QueueEntry> rows = queue.called;
    rows.insert(rows.end(), queue.waiting.begin(), queue.waiting.end());
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r) {
        const auto& e = rows[std::size_t(r)];
        const QString status = e.status == QLatin1String("called") ? tr("Called") : tr("Waiting");
        const QStringList cells = {e.ticket, e.patientName, status, e.accessionNumber};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, qint64(e.examId));
            m_table->setItem(r, c, item);
        }
        if (e.examId == selected && selected != 0)
            m_table->selectRow(r);
    }
    m_recall->setEnabled(!queue.called.empty());
    m_skip->setEnabled(!rows.empty());
}

std::int64_t QueueDeskPanel::targetExam() const
{
    const auto selected = m_table->selectedItems();
    if (!selected.isEmpty())
        return selected.first()->data(Qt::UserRole).toLongLong();
    return m_queue.current ? m_queue.current->examId : 0;
}

void QueueDeskPanel::report(const QString& text)
{
    m_status->setText(text);
    emit actionDone(text);
    refresh();
}

void QueueDeskPanel::callNext()
{
    const QString id = room();
    m_client.callNext(id, this, [this, id](const client::Result<client::QueueEntry>& result) {
        if (!result.ok()) {
            report(result.error().code == QLatin1String("queue_empty")
                       ? tr("Nobody is waiting for %1.").arg(id)
                       : ui::ErrorText::describe(result.error()));
            return;
        }
        m_table->clearSelection();
        report(tr("Called %1 %2.").arg(result.value().ticket, result.value().patientName));
    });
}

void QueueDeskPanel::recall()
{
    const std::int64_t exam = targetExam();
    if (!exam)
        return;
    m_client.recall(room(), exam, this, [this](const client::Result<client::QueueAction>& result) {
        report(result.ok() ? tr("Called again.") : ui::ErrorText::describe(result.error()));
    });
}

void QueueDeskPanel::skip()
{
    const std::int64_t exam = targetExam();
    if (!exam)
        return;
    m_client.skip(room(), exam, this, [this](const client::Result<client::QueueAction>& result) {
        m_table->clearSelection();
        report(result.ok() ? tr("Skipped: the patient waits behind the next one.")
                           : ui::ErrorText::describe(result.error()));
    });
}

} // namespace lumen::registration
