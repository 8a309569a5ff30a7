#pragma once
// The waiting-room display (排队叫号屏): per room the patient called now and the next ones,
// names masked by the server; polls the queue every two seconds and announces every new call
// once, by voice where the machine has one.
#include "lumen/client/queue_types.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class CallAnnouncer;

class QueueScreen : public QWidget
{
    Q_OBJECT
public:
    static constexpr int defaultPollMs = 2000;

    QueueScreen(client::ApiClient& client, const QStringList& roomIds, bool voice = true,
                QWidget* parent = nullptr);

    // Signs in with the screen's account, again whenever the session ends, and starts polling.
    void signIn(const QString& username, const QString& password);
    void setPollIntervalMs(int intervalMs) { m_poll.setInterval(intervalMs); }
    void pollNow();

    QStringList roomIds() const { return m_roomIds; }
    // What the room's panel shows now (for tests and logs).
    QString currentText(const QString& roomId) const;
    QString waitingText(const QString& roomId) const;
    CallAnnouncer* announcer() const { return m_announcer; }
    // "请 A007 号 张*三 到 CT1室 检查"
    static QString callText(const client::QueueCall& call);
    static QString title();

signals:
    void updated(const QString& roomId);
    void announced(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Panel
    {
        QLabel* room = nullptr;
        QLabel* nowHeading = nullptr;
        QLabel* now = nullptr;
        QLabel* nextHeading = nullptr;
        QLabel* next = nullptr;
        client::RoomQueue last;
        bool seen = false;
        std::int64_t lastSeq = 0;
        bool inFlight = false;
    };

    void retranslateUi();
    void showQueue(Panel& panel, const client::RoomQueue& queue);

    client::ApiClient& m_client;
    QStringList m_roomIds;
    QHash<QString, Panel> m_panels;
    QTimer m_poll;
    QTimer m_signInRetry;
    CallAnnouncer* m_announcer = nullptr;
    QString m_username;
    QString m_password;
    QLabel* m_title = nullptr;
    QLabel* m_lastCall = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace lumen::registration
