#pragma once
// Applies one HL7 message and gives its ACK. Each message is applied in one write job: the
// changes, their audit entries and the record of the message with its answer commit together,
// or (AE) only the record does. A message sent again with the same sender and control ID
// gets the first answer and is not applied twice.
#include "lumen/core/clock.h"
#include "lumen/hl7/parser.h"

#include <atomic>
#include <string>
#include <string_view>

namespace lumen::store {
class WriteQueue;
}

namespace lumen::server {

class AuditLog;
class ExamService;
class PatientService;

struct Hl7Settings
{
    std::size_t maxMessageBytes = 1024 * 1024;
    int keepDays = 30; // messages and answers are kept this long, for support and duplicates
};

class Hl7Service
{
public:
    Hl7Service(const core::Clock& clock, store::WriteQueue& writer, const AuditLog& audit,
               PatientService& patients, ExamService& exams, Hl7Settings settings);

    // The ACK (unframed, in the sender's character set) for one message as received.
    std::string handle(std::string_view raw, const std::string& peer);

private:
    std::string nextControlId();

    const core::Clock& m_clock;
    store::WriteQueue& m_writer;
    const AuditLog& m_audit;
    PatientService& m_patients;
    ExamService& m_exams;
    Hl7Settings m_settings;
    std::atomic<unsigned long long> m_acks{0};
};

} // namespace lumen::server
