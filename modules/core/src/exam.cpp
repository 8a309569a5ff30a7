#include "lumen/core/exam.h"

#include "lumen/core/text_checks.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace lumen::core {

namespace {

// DICOM modality codes radiology performs; DR is not a DICOM code but every Chinese
// requisition says DR for digital radiography, so it is accepted beside DX.
constexpr std::array<std::string_view, 10> radiologyModalities = {"CR", "CT", "DR", "DX", "MG",
                                                                  "MR", "NM", "PT", "RF", "XA"};

bool isModalityCode(const std::string& code)
{
    if (code.empty() || code.size() > 16)
        return false;
    return std::all_of(code.begin(), code.end(),
                       [](unsigned char c) { return std::isupper(c) || std::isdigit(c) || c == '_'; });
}

void checkText(std::vector<FieldProblem>& problems, const std::string& field,
               const std::optional<std::string>& text, std::size_t maxCharacters, bool multiLine)
{
    if (!text)
        return;
    if (characterCount(*text) > maxCharacters)
        problems.push_back(
            {field, "too_long", "Must have at most " + std::to_string(maxCharacters) + " characters."});
    else if (hasControlCharacters(*text, multiLine))
        problems.push_back({field, "invalid", "Contains control characters."});
}

void checkIdentifier(std::vector<FieldProblem>& problems, const std::string& field,
                     const std::optional<std::string>& value, std::size_t maxBytes)
{
    if (value && !isPlainIdentifier(*value, maxBytes))
        problems.push_back(
            {field, "invalid",
             "May hold at most " + std::to_string(maxBytes) + " letters, digits and - _ / . characters."});
}

} // namespace

std::optional<std::string> impliedModality(Department department)
{
    switch (department) {
    case Department::Ultrasound:
        return "US";
    case Department::Endoscopy:
        return "ES";
    case Department::Ecg:
        return "ECG";
    case Department::Radiology:
    case Department::Other:
        break;
    }
    return std::nullopt;
}

bool departmentPerforms(Department department, const std::string& modality)
{
    if (department == Department::Radiology)
        return std::find(radiologyModalities.begin(), radiologyModalities.end(), modality) !=
               radiologyModalities.end();
    if (const auto implied = impliedModality(department))
        return modality == *implied;
    return isModalityCode(modality);
}

void normalizeExam(Exam& exam)
{
    exam.modality = trimmed(exam.modality);
    std::transform(exam.modality.begin(), exam.modality.end(), exam.modality.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    if (exam.modality.empty())
        exam.modality = impliedModality(exam.department).value_or("");
    for (auto& item : exam.items) {
        item.method = trimmed(item.method);
        item.bodyPart = trimmed(item.bodyPart);
        trimOptional(item.hisItemCode);
        trimOptional(item.hisBodyPartCode);
    }
    for (auto* text : {&exam.requestingDepartment, &exam.requestingDoctor, &exam.clinicalDiagnosis,
                       &exam.clinicalHistory, &exam.hisSystem, &exam.hisRequestNo, &exam.room})
        trimOptional(*text);
}

std::vector<FieldProblem> validateExam(const Exam& exam)
{
    std::vector<FieldProblem> problems;
    if (exam.patientId <= 0)
        problems.push_back({"patientId", "required", "The patient is required."});

    if (exam.modality.empty())
        problems.push_back(
            {"modality", "required",
             "The modality is required for " + std::string(toCode(exam.department)) + " exams."});
    else if (!departmentPerforms(exam.department, exam.modality))
        problems.push_back({"modality", "invalid",
                            "The " + std::string(toCode(exam.department)) + " department does not perform " +
                                exam.modality + " exams."});

    if (exam.items.empty())
        problems.push_back(
            {"items", "required", "At least one exam item (method and body part) is required."});
    else if (exam.items.size() > maxExamItems)
        problems.push_back(
            {"items", "too_long", "At most " + std::to_string(maxExamItems) + " items per exam."});
    for (std::size_t i = 0; i < exam.items.size(); ++i) {
        const auto& item = exam.items[i];
        const std::string at = "items[" + std::to_string(i) + "].";
        if (item.method.empty())
            problems.push_back({at + "method", "required", "The exam method is required."});
        else
            checkText(problems, at + "method", item.method, 64, false);
        if (item.bodyPart.empty())
            problems.push_back({at + "bodyPart", "required", "The body part is required."});
        else
            checkText(problems, at + "bodyPart", item.bodyPart, 64, false);
        checkIdentifier(problems, at + "hisItemCode", item.hisItemCode, 64);
        checkIdentifier(problems, at + "hisBodyPartCode", item.hisBodyPartCode, 64);
        for (std::size_t j = 0; j < i; ++j)
            if (exam.items[j].method == item.method && exam.items[j].bodyPart == item.bodyPart &&
                !item.method.empty())
                problems.push_back(
                    {at + "bodyPart", "duplicate",
                     "The same method and body part are already item " + std::to_string(j) + "."});
    }

    checkText(problems, "requestingDepartment", exam.requestingDepartment, 64, false);
    checkText(problems, "requestingDoctor", exam.requestingDoctor, 64, false);
    checkText(problems, "clinicalDiagnosis", exam.clinicalDiagnosis, 500, true);
    checkText(problems, "clinicalHistory", exam.clinicalHistory, 2000, true);
    checkText(problems, "room", exam.room, 32, false);
    checkIdentifier(problems, "hisSystem", exam.hisSystem, 32);
    checkIdentifier(problems, "hisRequestNo", exam.hisRequestNo, 64);
    return problems;
}

} // namespace lumen::core
