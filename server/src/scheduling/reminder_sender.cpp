#include "scheduling/reminder_sender.h"

#include "log.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <stdexcept>

namespace lumen::server {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

class LogSender : public ReminderSender
{
public:
    std::string name() const override { return "log"; }
    std::optional<std::string> send(const ReminderMessage& m) override
    {
        logLine(LogLevel::Info, "reminder", "appointment reminder (no SMS gateway configured)",
                {{"phone", m.phone}, {"accession", m.accessionNumber}, {"text", m.text}});
        return std::nullopt;
    }
};

class WebhookSender : public ReminderSender
{
public:
    explicit WebhookSender(const std::string& url)
    {
        // http://host[:port][/path]
        auto rest = url.substr(7);
        const auto slash = rest.find('/');
        m_target = slash == std::string::npos ? "/" : rest.substr(slash);
        auto hostPort = rest.substr(0, slash);
        const auto colon = hostPort.rfind(':');
        m_host = colon == std::string::npos ? hostPort : hostPort.substr(0, colon);
        m_port = colon == std::string::npos ? "80" : hostPort.substr(colon + 1);
        if (m_host.empty())
            throw std::invalid_argument("reminder_webhook has no host");
    }
    std::string name() const override { return "webhook"; }
    std::optional<std::string> send(const ReminderMessage& m) override
    {
        try {
            boost::asio::io_context io;
            tcp::resolver resolver(io);
            beast::tcp_stream stream(io);
            stream.expires_after(std::chrono::seconds(10));
            stream.connect(resolver.resolve(m_host, m_port));
            http::request<http::string_body> request(http::verb::post, m_target, 11);
            request.set(http::field::host, m_host);
            request.set(http::field::content_type, "application/json; charset=utf-8");
            request.body() = nlohmann::json{
                {"phone", m.phone},
                {"text", m.text},
                {"patientName", m.patientName},
                {"accessionNumber", m.accessionNumber},
                {"slot", m.slot},
                {"room", m.room}}.dump();
            request.prepare_payload();
            http::write(stream, request);
            beast::flat_buffer buffer;
            http::response<http::string_body> response;
            http::read(stream, buffer, response);
            beast::error_code ignored;
            stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
            if (response.result_int() / 100 != 2)
                return "the gateway answered " + std::to_string(response.result_int());
            return std::nullopt;
        } catch (const std::exception& e) {
            return std::string("the gateway could not be reached: ") + e.what();
        }
    }

private:
    std::string m_host, m_port, m_target;
};

} // namespace

std::unique_ptr<ReminderSender> makeReminderSender(const std::string& webhookUrl)
{
    if (webhookUrl.empty())
        return std::make_unique<LogSender>();
    return std::make_unique<WebhookSender>(webhookUrl);
}

} // namespace lumen::server
