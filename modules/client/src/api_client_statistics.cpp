// The booking statistics call of ApiClient.
#include "lumen/client/api_client.h"
#include "lumen/client/booking_statistics.h"

#include "api_client_internal.h"

namespace lumen::client {

void ApiClient::bookingStatistics(const QDate& from, const QDate& to, QObject* context,
                                  Callback<BookingStatistics> done)
{
    send("GET", QStringLiteral("/api/v1/scheduling/statistics"),
         {{QStringLiteral("from"), from.toString(Qt::ISODate)},
          {QStringLiteral("to"), to.toString(Qt::ISODate)}},
         {}, true, context, parsed<BookingStatistics>(std::move(done), [](const nlohmann::json& j) {
             return bookingStatisticsFromJson(j);
         }));
}

} // namespace lumen::client
