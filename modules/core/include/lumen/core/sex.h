#pragma once
#include <optional>
#include <string_view>

namespace lumen::core {

// DICOM-compatible administrative sex: M, F, O (other), U (unknown).
enum class Sex { Male, Female, Other, Unknown };

std::string_view toCode(Sex sex);
std::optional<Sex> sexFromCode(std::string_view code);

} // namespace lumen::core
