#include "lumen/scheduling/exam_catalogue.h"

#include <algorithm>
#include <cmath>

namespace lumen::scheduling {

void ExamCatalogue::addMethod(ExamMethod method)
{
    auto id = method.id;
    m_methods.insert_or_assign(std::move(id), std::move(method));
}

void ExamCatalogue::addBodyPart(BodyPart part)
{
    auto id = part.id;
    m_bodyParts.insert_or_assign(std::move(id), std::move(part));
}

void ExamCatalogue::setCoefficient(const std::string& methodId, const std::string& bodyPartId,
                                   double coefficient)
{
    m_methodPartCoefficients.insert_or_assign(std::pair{methodId, bodyPartId}, coefficient);
}

const ExamMethod* ExamCatalogue::method(const std::string& id) const
{
    const auto it = m_methods.find(id);
    return it == m_methods.end() ? nullptr : &it->second;
}

const BodyPart* ExamCatalogue::bodyPart(const std::string& id) const
{
    const auto it = m_bodyParts.find(id);
    return it == m_bodyParts.end() ? nullptr : &it->second;
}

double ExamCatalogue::coefficient(const std::string& methodId, const std::string& bodyPartId) const
{
    if (const auto it = m_methodPartCoefficients.find(std::pair{methodId, bodyPartId});
        it != m_methodPartCoefficients.end())
        return it->second;
    const auto* part = bodyPart(bodyPartId);
    return part ? part->timeCoefficient : 1.0;
}

int ExamCatalogue::durationMinutes(const ExamRequest& exam) const
{
    const auto* m = method(exam.methodId);
    const double base = m ? m->baseMinutes : 0;
    if (exam.bodyPartIds.empty())
        return int(base);
    double total = 0;
    for (const auto& part : exam.bodyPartIds)
        total += base * coefficient(exam.methodId, part);
    // The tolerance keeps 10 x 1.2 at 12 rather than 13 after binary rounding.
    return std::max(1, int(std::ceil(total - 1e-6)));
}

std::string ExamCatalogue::precautions(const ExamRequest& exam) const
{
    std::vector<std::string> lines;
    auto add = [&lines](const std::string& text) {
        if (!text.empty() && std::find(lines.begin(), lines.end(), text) == lines.end())
            lines.push_back(text);
    };
    if (const auto* m = method(exam.methodId))
        add(m->precautions);
    for (const auto& id : exam.bodyPartIds)
        if (const auto* part = bodyPart(id))
            add(part->precautions);
    std::string text;
    for (const auto& line : lines)
        text += (text.empty() ? "" : "\n") + line;
    return text;
}

std::vector<ExamMethod> ExamCatalogue::methods() const
{
    std::vector<ExamMethod> out;
    for (const auto& [id, m] : m_methods)
        out.push_back(m);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

std::vector<BodyPart> ExamCatalogue::bodyParts() const
{
    std::vector<BodyPart> out;
    for (const auto& [id, p] : m_bodyParts)
        out.push_back(p);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

} // namespace lumen::scheduling
