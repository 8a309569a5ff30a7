#pragma once
#include "lumen/core/error.h"

#include <string>

namespace lumen::protocol {

// HTTP status for a domain error kind.
int httpStatus(core::ErrorKind kind);
// {"error":{"code":..,"message":..,"details":{..}?}} as text.
std::string errorBody(const std::string& code, const std::string& message, const std::string& detailsJson = {});

} // namespace lumen::protocol
