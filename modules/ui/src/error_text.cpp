#include "lumen/ui/error_text.h"

#include "lumen/client/api_client.h"

namespace lumen::ui {

QString ErrorText::describe(const client::ApiError& error)
{
    const QString& code = error.code;
    const QString serverSays = error.message;
    if (code == QLatin1String(client::codes::networkError))
        return tr("The server cannot be reached. Check the server address and the network (%1).")
            .arg(serverSays);
    if (code == QLatin1String(client::codes::timeout))
        return tr("The server did not answer within %1 seconds. Please try again.")
            .arg(client::ApiClient::defaultTimeoutMs / 1000);
    if (code == QLatin1String(client::codes::badResponse))
        return tr("The server's answer could not be read (%1).").arg(serverSays);
    if (code == QLatin1String(client::codes::notLoggedIn))
        return tr("Please log in first.");
    if (code == QLatin1String("invalid_credentials"))
        return tr("The user name or the password is wrong.");
    if (code == QLatin1String("account_locked"))
        return tr("This account is locked after too many failed log-ins. The server says: %1")
            .arg(serverSays);
    if (code == QLatin1String("token_expired") || code == QLatin1String("unauthorized"))
        return tr("Your session has ended. Please log in again.");
    if (code == QLatin1String("forbidden"))
        return tr("Your role is not allowed to do this.");
    if (code == QLatin1String("not_found"))
        return tr("The record was not found. It may have been merged, or it is confidential.");
    if (code == QLatin1String("duplicate_identifier"))
        return tr("This number is already registered for another patient.");
    if (code == QLatin1String("possible_duplicate"))
        return tr("A patient with the same name and birth date is already registered.");
    if (code == QLatin1String("inconsistent_national_id"))
        return tr("Sex or birth date do not match the national ID number.");
    if (code == QLatin1String("conflict"))
        return tr("Someone else changed this record in the meantime. Reload it and make your change again.");
    if (code == QLatin1String("body_too_large"))
        return tr("The data sent is too large.");
    if (code == QLatin1String("internal"))
        return tr("The server had an internal error. Please try again, or call IT support if it persists.");
    if (code == QLatin1String("invalid_field") || code == QLatin1String("missing_field") ||
        code == QLatin1String("malformed_json") || code == QLatin1String("bad_request"))
        return tr("The server refused the data: %1").arg(serverSays);
    return serverSays.isEmpty() ? tr("The request failed (%1).").arg(code) : serverSays;
}

QString ErrorText::connectionState(client::ConnectionState state)
{
    switch (state) {
    case client::ConnectionState::Online:
        return tr("Server online");
    case client::ConnectionState::Offline:
        return tr("Server offline, retrying");
    case client::ConnectionState::SessionExpired:
        return tr("Session expired, please log in again");
    case client::ConnectionState::Unknown:
        break;
    }
    return tr("Connecting to the server");
}

} // namespace lumen::ui
