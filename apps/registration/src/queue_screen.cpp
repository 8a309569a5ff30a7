#include "queue_screen.h"

#include "call_announcer.h"

#include "lumen/client/api_client.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace lumen::registration {

namespace {

constexpr int nextShown = 5;
constexpr int signInRetryMs = 10000;

QLabel* bigLabel(QWidget* parent, int points, bool bold, const QColor& colour)
{
    auto* label = new QLabel(parent);
    QFont font = label->font();
    font.setPointSize(points);
    font.setBold(bold);
    label->setFont(font);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, colour);
    label->setPalette(pal);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return label;
}

QString entryText(const client::QueueEntry& entry)
{
    return entry.patientName.isEmpty() ? entry.ticket
                                       : entry.ticket + QStringLiteral("  ") + entry.patientName;
}

} // namespace

QueueScreen::QueueScreen(client::ApiClient& client, const QStringList& roomIds, bool voice, QWidget* parent)
    : QWidget(parent), m_client(client), m_roomIds(roomIds), m_announcer(new CallAnnouncer(voice, this))
{
    setObjectName(QStringLiteral("queueScreen"));
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0x0b, 0x24, 0x3b));
    setPalette(pal);
    connect(m_announcer, &CallAnnouncer::announced, this, &QueueScreen::announced);

    m_title = bigLabel(this, 30, true, Qt::white);
    auto* rooms = new QHBoxLayout;
    rooms->setSpacing(24);
    for (const QString& id : m_roomIds) {
        auto* frame = new QFrame(this);
        frame->setObjectName(QStringLiteral("room_%1").arg(id));
        frame->setFrameShape(QFrame::Box);
        frame->setLineWidth(2);
        QPalette framePal = frame->palette();
        framePal.setColor(QPalette::WindowText, QColor(0x4a, 0x90, 0xd9));
        frame->setPalette(framePal);
        auto* column = new QVBoxLayout(frame);
        Panel panel;
        panel.room = bigLabel(frame, 40, true, QColor(0xff, 0xd5, 0x4f));
        panel.room->setText(id);
        panel.nowHeading = bigLabel(frame, 22, false, QColor(0xc8, 0xd8, 0xe8));
        panel.now = bigLabel(frame, 54, true, Qt::white);
        panel.now->setObjectName(QStringLiteral("now_%1").arg(id));
        panel.nextHeading = bigLabel(frame, 22, false, QColor(0xc8, 0xd8, 0xe8));
        panel.next = bigLabel(frame, 30, false, Qt::white);
        panel.next->setObjectName(QStringLiteral("next_%1").arg(id));
        panel.next->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        column->addWidget(panel.room);
        column->addWidget(panel.nowHeading);
        column->addWidget(panel.now);
        column->addSpacing(20);
        column->addWidget(panel.nextHeading);
        column->addWidget(panel.next, 1);
        rooms->addWidget(frame, 1);
        m_panels.insert(id, panel);
    }
    m_lastCall = bigLabel(this, 32, true, QColor(0xff, 0xd5, 0x4f));
    m_lastCall->setObjectName(QStringLiteral("lastCall"));
    m_status = bigLabel(this, 12, false, QColor(0x9a, 0xb0, 0xc4));
    m_status->setAlignment(Qt::AlignRight);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(30, 20, 30, 10);
    layout->addWidget(m_title);
    layout->addLayout(rooms, 1);
    layout->addWidget(m_lastCall);
    layout->addWidget(m_status);

    m_poll.setInterval(defaultPollMs);
    connect(&m_poll, &QTimer::timeout, this, &QueueScreen::pollNow);
    m_signInRetry.setSingleShot(true);
    m_signInRetry.setInterval(signInRetryMs);
    connect(&m_signInRetry, &QTimer::timeout, this, [this] { signIn(m_username, m_password); });
    connect(&m_client, &client::ApiClient::sessionExpired, this, [this] {
        if (!m_username.isEmpty())
            m_signInRetry.start(0);
    });
    retranslateUi();
}

QString QueueScreen::title()
{
    return tr("Queue");
}

QString QueueScreen::callText(const client::QueueCall& call)
{
    const QString room = call.roomName.isEmpty() ? call.roomId : call.roomName;
    if (call.patientName.isEmpty())
        return tr("Number %1, please go to %2 for your exam").arg(call.ticket, room);
    return tr("Number %1 %2, please go to %3 for your exam").arg(call.ticket, call.patientName, room);
}

void QueueScreen::retranslateUi()
{
    setWindowTitle(title());
    m_title->setText(tr("Please wait for your number to be called"));
    for (auto& panel : m_panels) {
        panel.nowHeading->setText(tr("Now called"));
        panel.nextHeading->setText(tr("Please get ready"));
        if (panel.seen)
            showQueue(panel, panel.last);
    }
}

void QueueScreen::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void QueueScreen::signIn(const QString& username, const QString& password)
{
    m_username = username;
    m_password = password;
    m_client.login(username, password, this, [this](const client::Result<protocol::SessionInfo>& result) {
        if (!result.ok()) {
            m_status->setText(tr("Cannot sign in: %1").arg(result.error().message));
            qWarning("queue screen: cannot sign in as %s: %s", qPrintable(m_username),
                     qPrintable(result.error().message));
            m_signInRetry.start(signInRetryMs);
            return;
        }
        m_status->setText(m_client.serverUrl().authority());
        pollNow();
        m_poll.start();
    });
}

void QueueScreen::pollNow()
{
    if (!m_client.isLoggedIn())
        return;
    for (const QString& id : m_roomIds) {
        Panel& panel = m_panels[id];
        if (panel.inFlight)
            continue; // a slow answer is not overtaken by a newer request
        panel.inFlight = true;
        m_client.roomQueue(id, this, [this, id](const client::Result<client::RoomQueue>& result) {
            Panel& panel = m_panels[id];
            panel.inFlight = false;
            if (!result.ok()) {
                m_status->setText(tr("%1: %2").arg(id, result.error().message));
                return;
            }
            const auto& queue = result.value();
            // The first answer only sets where announcing starts: old calls are not replayed.
            for (const auto& call : queue.calls) {
                if (call.seq <= panel.lastSeq)
                    continue;
                if (panel.seen) {
                    client::QueueCall named = call;
                    if (named.roomName.isEmpty())
                        named.roomName = queue.roomName;
                    const QString text = callText(named);
                    m_lastCall->setText(text);
                    m_announcer->announce(text);
                }
                panel.lastSeq = std::max(panel.lastSeq, call.seq);
            }
            panel.seen = true;
            showQueue(panel, queue);
            m_status->setText(m_client.serverUrl().authority());
            emit updated(id);
        });
    }
}

void QueueScreen::showQueue(Panel& panel, const client::RoomQueue& queue)
{
    panel.last = queue;
    panel.room->setText(queue.roomName.isEmpty() ? queue.roomId : queue.roomName);
    panel.now->setText(queue.current ? entryText(*queue.current) : tr("-"));
    QStringList next;
    for (std::size_t i = 0; i < queue.waiting.size() && i < std::size_t(nextShown); ++i)
        next << entryText(queue.waiting[i]);
    if (queue.waiting.size() > std::size_t(nextShown))
        next << tr("and %n more", nullptr, int(queue.waiting.size()) - nextShown);
    panel.next->setText(next.isEmpty() ? tr("Nobody waiting") : next.join(QLatin1Char('\n')));
}

QString QueueScreen::currentText(const QString& roomId) const
{
    const auto it = m_panels.constFind(roomId);
    return it == m_panels.cend() ? QString() : it->now->text();
}

QString QueueScreen::waitingText(const QString& roomId) const
{
    const auto it = m_panels.constFind(roomId);
    return it == m_panels.cend() ? QString() : it->next->text();
}

} // namespace lumen::registration
