#pragma once
// What applying one HL7 message needs: who sends it (for audit), the time, and the services
// whose in-transaction steps it reuses.
#include "services/principal.h"

#include <optional>
#include <string>

namespace lumen::server {

class AuditLog;
class ExamService;
class PatientService;

struct Hl7Context
{
    const Principal& who; // "HL7:<sending application>", from the peer's address
    const std::string& nowIso;
    std::optional<std::string> hisSystem; // MSH-3 as exams record it (unique request numbers per HIS)
    PatientService& patients;
    ExamService& exams;
    const AuditLog& audit;
};

} // namespace lumen::server
