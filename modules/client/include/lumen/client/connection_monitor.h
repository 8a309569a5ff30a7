#pragma once
// Watches the server for the status bar: a periodic health ping, every call's outcome, and
// the session's expiry, folded into one state.
#include <QObject>
#include <QTimer>

namespace lumen::client {

class ApiClient;

enum class ConnectionState {
    Unknown,        // nothing heard yet
    Online,         // the server answers
    Offline,        // the last attempt got no answer
    SessionExpired, // the server answers but our token is no longer valid
};

class ConnectionMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultIntervalMs = 15000;

    explicit ConnectionMonitor(ApiClient& client, QObject* parent = nullptr);

    void setIntervalMs(int intervalMs);
    void start();
    void stop();
    void checkNow();
    ConnectionState state() const { return m_state; }

signals:
    void stateChanged(lumen::client::ConnectionState state);

private:
    void onServerReached(bool reachable);
    void setState(ConnectionState state);
    bool sessionPastExpiry() const;

    ApiClient& m_client;
    QTimer m_timer;
    ConnectionState m_state = ConnectionState::Unknown;
    bool m_expired = false;
};

} // namespace lumen::client
