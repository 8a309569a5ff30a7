#include "lumen/client/connection_monitor.h"

#include "lumen/client/api_client.h"

#include <QDateTime>

namespace lumen::client {

ConnectionMonitor::ConnectionMonitor(ApiClient& client, QObject* parent) : QObject(parent), m_client(client)
{
    // A session exists only after the server answered a log-in.
    if (m_client.isLoggedIn())
        m_state = ConnectionState::Online;
    m_timer.setInterval(defaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionMonitor::checkNow);
    connect(&m_client, &ApiClient::serverReached, this, &ConnectionMonitor::onServerReached);
    connect(&m_client, &ApiClient::sessionExpired, this, [this] {
        m_expired = true;
        setState(ConnectionState::SessionExpired);
    });
    connect(&m_client, &ApiClient::loggedIn, this, [this] {
        m_expired = false;
        setState(ConnectionState::Online);
    });
}

void ConnectionMonitor::setIntervalMs(int intervalMs)
{
    m_timer.setInterval(intervalMs);
}

void ConnectionMonitor::start()
{
    m_timer.start();
    checkNow();
}

void ConnectionMonitor::stop()
{
    m_timer.stop();
}

void ConnectionMonitor::checkNow()
{
    if (m_client.isLoggedIn() && sessionPastExpiry()) {
        // Ask the server rather than trusting our clock; a 401 turns into sessionExpired().
        m_client.currentUser(this, [](const auto&) {});
        return;
    }
    m_client.health(this, [](const auto&) {});
}

void ConnectionMonitor::onServerReached(bool reachable)
{
    if (!reachable)
        setState(ConnectionState::Offline);
    else
        setState(m_expired ? ConnectionState::SessionExpired : ConnectionState::Online);
}

void ConnectionMonitor::setState(ConnectionState state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

bool ConnectionMonitor::sessionPastExpiry() const
{
    const auto expiresAt =
        QDateTime::fromString(QString::fromStdString(m_client.session().expiresAt), Qt::ISODate);
    return expiresAt.isValid() && expiresAt <= QDateTime::currentDateTimeUtc();
}

} // namespace lumen::client
