#pragma once
// The JSON form of a patient (see server/API.md).
#include "lumen/core/patient.h"

#include <nlohmann/json_fwd.hpp>

#include <initializer_list>
#include <string_view>

namespace lumen::protocol {

nlohmann::json toJson(const core::Patient& patient);
// Reads a full patient as the server sends it. Throws core::Error on a malformed document.
core::Patient patientFromJson(const nlohmann::json& json);
// Applies the writable fields present in a request body onto `patient` (null clears an
// optional field). Rejects unknown fields except `allowedExtra`, and wrong types, naming the
// field. Throws core::Error(BadRequest, "invalid_field" | "malformed_json").
void applyPatientJson(core::Patient& patient, const nlohmann::json& body,
                      std::initializer_list<std::string_view> allowedExtra = {});

} // namespace lumen::protocol
