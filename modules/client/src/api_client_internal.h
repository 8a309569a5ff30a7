#pragma once
// Private to lumen::client: the raw reply and the JSON parsing step shared by the files that
// implement ApiClient's calls (api_client.cpp, api_client_queue.cpp, ...).
#include "lumen/client/api_client.h"

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QString>

#include <string_view>

namespace lumen::client {

struct ApiClient::RawReply
{
    int httpStatus = 0; // 0: no HTTP answer
    QByteArray body;
    ApiError transportError;
};

template <typename T, typename Parse> ApiClient::RawHandler ApiClient::parsed(Callback<T> done, Parse parse)
{
    return [done = std::move(done), parse = std::move(parse)](const RawReply& raw) {
        if (raw.httpStatus == 0) {
            done(Result<T>::failure(raw.transportError));
            return;
        }
        if (raw.httpStatus < 200 || raw.httpStatus > 299) {
            done(Result<T>::failure(errorFromHttp(raw.httpStatus, raw.body)));
            return;
        }
        try {
            const nlohmann::json doc =
                raw.body.isEmpty()
                    ? nlohmann::json::object()
                    : nlohmann::json::parse(raw.body.constData(), raw.body.constData() + raw.body.size());
            done(Result<T>::success(parse(doc)));
        } catch (const std::exception& e) {
            ApiError error;
            error.httpStatus = raw.httpStatus;
            error.code = QString::fromLatin1(codes::badResponse);
            error.message = QString::fromUtf8(e.what());
            done(Result<T>::failure(error));
        }
    };
}

namespace internal {

inline QString path(std::string_view endpoint)
{
    return QString::fromLatin1(endpoint.data(), qsizetype(endpoint.size()));
}

inline QByteArray bodyOf(const nlohmann::json& j)
{
    return QByteArray::fromStdString(j.dump());
}

} // namespace internal

} // namespace lumen::client
