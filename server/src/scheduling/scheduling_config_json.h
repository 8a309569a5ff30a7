#pragma once
// The scheduling configuration as the JSON document of the API (server/API.md "Scheduling and
// bookings"): read strictly (every problem named with its path), written back in the same shape.
#include "lumen/scheduling/scheduling_config.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace lumen::server {

nlohmann::json toJson(const scheduling::SchedulingConfig& config);

struct ParsedSchedulingConfig
{
    scheduling::SchedulingConfig config;
    std::vector<std::string> problems; // "rooms[2].hours.monday[0].end: must be HH:MM"; empty when usable
};

// Reads the document; on any problem the config is not to be used. Also runs validateConfig.
ParsedSchedulingConfig schedulingConfigFromJson(const nlohmann::json& document);

// "08:30" -> 510; nullopt unless HH:MM with 00:00 <= time <= 24:00.
std::optional<int> parseClock(const std::string& text);

} // namespace lumen::server
