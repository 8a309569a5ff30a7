#include "services/exam_code_translation.h"

#include "lumen/core/error.h"
#include "lumen/core/text_checks.h"
#include "lumen/store/his_code_mapping_repository.h"

#include <nlohmann/json.hpp>

namespace lumen::server {

using core::Error;
using core::ErrorKind;

namespace {
[[noreturn]] void unknownCode(const std::string& field, const std::string& what, const std::string& code,
                              const std::string& hisSystem)
{
    throw Error(ErrorKind::Unprocessable, "unknown_his_code",
                field + ": " + what + " '" + code + "'" + (hisSystem.empty() ? "" : " of HIS " + hisSystem) +
                    " is not in the exam dictionary.",
                nlohmann::json{{"field", field}, {"code", code}}.dump());
}
} // namespace

void translateHisCodes(store::Database& db, core::Exam& exam, bool departmentGiven)
{
    store::HisCodeMappingRepository dictionary(db);
    const std::string hisSystem = exam.hisSystem.value_or("");
    std::optional<core::Department> mappedDepartment;
    std::optional<std::string> mappedModality;
    for (std::size_t i = 0; i < exam.items.size(); ++i) {
        auto& item = exam.items[i];
        const std::string at = "items[" + std::to_string(i) + "].";
        // Malformed codes are left for validation to refuse by name.
        if (item.hisItemCode && core::isPlainIdentifier(*item.hisItemCode)) {
            const auto row = dictionary.lookup(hisSystem, core::HisCodeKind::Item, *item.hisItemCode);
            if (!row)
                unknownCode(at + "hisItemCode", "HIS exam item", *item.hisItemCode, hisSystem);
            if (item.method.empty())
                item.method = row->method.value_or("");
            if (item.bodyPart.empty() && row->bodyPart)
                item.bodyPart = *row->bodyPart;
            if (!mappedDepartment && row->department) {
                mappedDepartment = row->department;
                mappedModality = row->modality;
            }
        }
        if (item.hisBodyPartCode && core::isPlainIdentifier(*item.hisBodyPartCode)) {
            const auto row = dictionary.lookup(hisSystem, core::HisCodeKind::BodyPart, *item.hisBodyPartCode);
            if (!row)
                unknownCode(at + "hisBodyPartCode", "HIS body part", *item.hisBodyPartCode, hisSystem);
            if (item.bodyPart.empty())
                item.bodyPart = row->bodyPart.value_or("");
        }
    }
    if (!departmentGiven) {
        if (!mappedDepartment)
            throw Error(ErrorKind::BadRequest, "missing_field",
                        "department: The department is required (no item code maps to one).",
                        nlohmann::json{{"field", "department"}}.dump());
        exam.department = *mappedDepartment;
    }
    if (exam.modality.empty() && mappedModality && mappedDepartment == exam.department)
        exam.modality = *mappedModality;
}

} // namespace lumen::server
