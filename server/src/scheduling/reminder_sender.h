#pragma once
// Where appointment reminders go: the hospital's SMS gateway through an HTTP webhook, or the
// server log where no gateway is configured. One call per message; a refusal is an error text.
#include <memory>
#include <optional>
#include <string>

namespace lumen::server {

struct ReminderMessage
{
    std::string phone;
    std::string text;
    std::string patientName;
    std::string accessionNumber;
    std::string slot; // "2026-11-23 08:15"
    std::string room;
};

class ReminderSender
{
public:
    virtual ~ReminderSender() = default;
    virtual std::string name() const = 0; // "log" | "webhook"
    // nullopt when delivered; otherwise why not.
    virtual std::optional<std::string> send(const ReminderMessage& message) = 0;
};

// The log sender (default) or a JSON POST to an http:// URL:
// {"phone", "text", "patientName", "accessionNumber", "slot", "room"}; any 2xx is delivered.
std::unique_ptr<ReminderSender> makeReminderSender(const std::string& webhookUrl);

} // namespace lumen::server
