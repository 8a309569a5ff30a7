#pragma once
// Requests that reach the server at the same moment: each from its own thread and connection,
// released together. (One QNetworkAccessManager keeps at most six requests per host in
// flight, so HttpClient::callAll cannot put 20 or 50 clients on the wire at once.)
#include "http_client.h"

#include <QList>

namespace lumen::test {

// Replies in request order.
QList<HttpReply> callConcurrently(quint16 port, const QList<HttpClient::Request>& requests);

} // namespace lumen::test
