#pragma once
// What went wrong with one API call: the server's error document, or a transport failure.
#include <QByteArray>
#include <QString>

namespace lumen::client {

struct ApiError
{
    // 0 when no HTTP answer arrived (unreachable, timeout, refused connection).
    int httpStatus = 0;
    // The server's machine code (see server/API.md), or one of the client codes below.
    QString code;
    // The server's sentence, or Qt's description of a transport failure.
    QString message;
    // The error's optional `details` object as JSON text; empty when absent.
    QByteArray detailsJson;
    // The patient field the error is about (e.g. "nationalId"), when one can be told.
    QString fieldName;

    bool isTransportError() const { return httpStatus == 0; }
};

// Client-side codes for failures that have no server error document.
namespace codes {
inline constexpr auto networkError = "network_error";
inline constexpr auto timeout = "timeout";
inline constexpr auto badResponse = "bad_response";
inline constexpr auto notLoggedIn = "not_logged_in";
} // namespace codes

// Builds an error from an HTTP error answer; `body` should be {"error":{...}}.
ApiError errorFromHttp(int httpStatus, const QByteArray& body);
// The patient field an error message names, e.g. "Field 'birthDate' must ..." -> "birthDate".
QString patientFieldNamedIn(const QString& message);

} // namespace lumen::client
