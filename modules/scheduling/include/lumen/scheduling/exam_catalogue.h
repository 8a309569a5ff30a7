#pragma once
// Exam methods and body parts with their times and precautions (000 §2.3.6.4: "检查部位 ...
// 检查时间系数、注意事项"): what an exam costs in room minutes and what the slip tells the patient.
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lumen::scheduling {

struct ExamMethod
{
    std::string id;      // e.g. "CT_PLAIN"
    std::string name;    // e.g. "CT plain scan"
    std::string groupId; // quota group, e.g. "CT"
    int baseMinutes = 10;
    std::string precautions;
};

struct BodyPart
{
    std::string id;
    std::string name;
    double timeCoefficient = 1.0;
    std::string precautions;
};

// One exam to book: a method on one or more body parts. Several parts make a combined exam,
// booked as one slot whose length is the sum of the parts' times.
struct ExamRequest
{
    std::string examId; // the order (accession) the slot is for
    std::string methodId;
    std::vector<std::string> bodyPartIds;
};

class ExamCatalogue
{
public:
    void addMethod(ExamMethod method);
    void addBodyPart(BodyPart part);
    // A coefficient that differs for one method, e.g. the abdomen takes longer on MR than on CT.
    void setCoefficient(const std::string& methodId, const std::string& bodyPartId, double coefficient);

    const ExamMethod* method(const std::string& id) const;
    const BodyPart* bodyPart(const std::string& id) const;
    double coefficient(const std::string& methodId, const std::string& bodyPartId) const;

    // Base minutes x body-part coefficient, summed over the parts, rounded up to whole minutes;
    // the base alone without parts. Unknown ids count as coefficient 1.
    int durationMinutes(const ExamRequest& exam) const;
    // The method's precautions followed by each part's, one per line, without repeats.
    std::string precautions(const ExamRequest& exam) const;

    std::vector<ExamMethod> methods() const;
    std::vector<BodyPart> bodyParts() const;
    // (method, body part) -> coefficient, for saving.
    const std::map<std::pair<std::string, std::string>, double>& coefficientOverrides() const
    {
        return m_methodPartCoefficients;
    }

private:
    std::unordered_map<std::string, ExamMethod> m_methods;
    std::unordered_map<std::string, BodyPart> m_bodyParts;
    std::map<std::pair<std::string, std::string>, double> m_methodPartCoefficients;
};

} // namespace lumen::scheduling
