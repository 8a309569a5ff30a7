#pragma once
// Turns validation problems into the 400 answer clients expect: the first problem in the
// message, all of them in details.problems, the field in details.field.
#include "lumen/core/error.h"
#include "lumen/core/patient.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace lumen::server {

[[noreturn]] inline void throwFieldProblems(const std::vector<core::FieldProblem>& problems)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : problems)
        list.push_back({{"field", p.field}, {"code", p.code}, {"message", p.message}});
    const auto& first = problems.front();
    throw core::Error(core::ErrorKind::BadRequest,
                      first.code == "required" ? "missing_field" : "invalid_field",
                      first.field + ": " + first.message,
                      nlohmann::json{{"field", first.field}, {"problems", list}}.dump());
}

} // namespace lumen::server
