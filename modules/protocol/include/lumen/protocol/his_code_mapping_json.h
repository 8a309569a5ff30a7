#pragma once
// The JSON form of an exam dictionary row (HIS code -> Lumen method / body part).
#include "lumen/core/his_code_mapping.h"

#include <nlohmann/json_fwd.hpp>

#include <initializer_list>
#include <string_view>

namespace lumen::protocol {

nlohmann::json toJson(const core::HisCodeMapping& mapping);
core::HisCodeMapping hisCodeMappingFromJson(const nlohmann::json& json);
// Applies the fields present in a POST/PATCH body; null clears an optional field. Refuses
// unknown fields (other than `allowedExtra`), wrong types and unknown codes, naming the field.
void applyHisCodeMappingJson(core::HisCodeMapping& mapping, const nlohmann::json& body,
                             std::initializer_list<std::string_view> allowedExtra = {});

} // namespace lumen::protocol
