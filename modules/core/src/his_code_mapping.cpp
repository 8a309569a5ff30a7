#include "lumen/core/his_code_mapping.h"

#include "lumen/core/exam.h"
#include "lumen/core/text_checks.h"

#include <algorithm>
#include <cctype>

namespace lumen::core {

std::string_view toCode(HisCodeKind kind)
{
    return kind == HisCodeKind::Item ? "item" : "body_part";
}

std::optional<HisCodeKind> hisCodeKindFromCode(std::string_view code)
{
    if (code == "item")
        return HisCodeKind::Item;
    if (code == "body_part")
        return HisCodeKind::BodyPart;
    return std::nullopt;
}

void normalizeHisCodeMapping(HisCodeMapping& m)
{
    m.hisSystem = trimmed(m.hisSystem);
    m.hisCode = trimmed(m.hisCode);
    for (auto* text : {&m.hisName, &m.method, &m.bodyPart, &m.modality})
        trimOptional(*text);
    if (m.modality)
        std::transform(m.modality->begin(), m.modality->end(), m.modality->begin(),
                       [](unsigned char c) { return char(std::toupper(c)); });
}

std::vector<FieldProblem> validateHisCodeMapping(const HisCodeMapping& m)
{
    std::vector<FieldProblem> problems;
    if (!m.hisSystem.empty() && !isPlainIdentifier(m.hisSystem, 32))
        problems.push_back(
            {"hisSystem", "invalid", "May hold at most 32 letters, digits and - _ / . characters."});
    if (m.hisCode.empty())
        problems.push_back({"hisCode", "required", "The HIS code is required."});
    else if (!isPlainIdentifier(m.hisCode, 64))
        problems.push_back(
            {"hisCode", "invalid", "May hold at most 64 letters, digits and - _ / . characters."});
    auto checkText = [&](const char* field, const std::optional<std::string>& text, std::size_t max) {
        if (text && (characterCount(*text) > max || hasControlCharacters(*text)))
            problems.push_back(
                {field, "invalid",
                 "Must have at most " + std::to_string(max) + " characters without control characters."});
    };
    checkText("hisName", m.hisName, 128);
    checkText("method", m.method, 64);
    checkText("bodyPart", m.bodyPart, 64);
    if (m.kind == HisCodeKind::Item && !m.method)
        problems.push_back({"method", "required", "An HIS exam item must map to an exam method."});
    if (m.kind == HisCodeKind::BodyPart) {
        if (!m.bodyPart)
            problems.push_back({"bodyPart", "required", "An HIS body part must map to a body part."});
        if (m.method || m.department || m.modality)
            problems.push_back(
                {"method", "invalid",
                 "An HIS body part maps to a body part only (no method, department or modality)."});
    }
    if (m.modality) {
        if (!m.department)
            problems.push_back(
                {"department", "required", "A modality needs the department that performs it."});
        else if (!departmentPerforms(*m.department, *m.modality))
            problems.push_back({"modality", "invalid",
                                "The " + std::string(toCode(*m.department)) +
                                    " department does not perform " + *m.modality + " exams."});
    }
    return problems;
}

} // namespace lumen::core
