#pragma once
// One row of the dictionary that translates what the HIS orders into Lumen's terms: an HIS
// exam item code gives an exam method (and often the body part, department and modality, as
// in "CT chest plain"); an HIS body part code gives a body part (req: 000 §2.3.6.4 part
// dictionary mapping HIS items and parts to RIS methods and parts).
#include "lumen/core/exam_kinds.h"
#include "lumen/core/patient.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumen::core {

enum class HisCodeKind { Item, BodyPart };
std::string_view toCode(HisCodeKind kind); // "item", "body_part"
std::optional<HisCodeKind> hisCodeKindFromCode(std::string_view code);

struct HisCodeMapping
{
    std::int64_t id = 0;
    // The HIS the code belongs to; empty: a code every HIS uses (looked up after the exact HIS).
    std::string hisSystem;
    HisCodeKind kind = HisCodeKind::Item;
    std::string hisCode;
    std::optional<std::string> hisName;  // the HIS's own wording, for people maintaining the table
    std::optional<std::string> method;   // required for items
    std::optional<std::string> bodyPart; // required for body parts; optional for items
    std::optional<Department> department;
    std::optional<std::string> modality;
    std::string createdAt;
    std::string updatedAt;
    std::int64_t version = 0;
};

void normalizeHisCodeMapping(HisCodeMapping& mapping);
std::vector<FieldProblem> validateHisCodeMapping(const HisCodeMapping& mapping);

} // namespace lumen::core
