#include "lumen/scheduling/recommendation.h"

namespace lumen::scheduling {

std::vector<BookingRequest> Combination::bookingRequests(const RequestContext& context,
                                                         const std::vector<ExamRequest>& exams) const
{
    std::vector<BookingRequest> requests;
    for (const auto& slot : proposals)
        for (const auto& exam : exams)
            if (exam.examId == slot.examId) {
                requests.push_back(BookingRequest{context, exam, slot.slot});
                break;
            }
    return requests;
}

} // namespace lumen::scheduling
