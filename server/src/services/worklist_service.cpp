#include "services/worklist_service.h"

#include "local_date.h"
#include "log.h"
#include "lumen/core/date.h"
#include "lumen/core/uid.h"
#include "lumen/store/ae_repository.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/exam_repository.h"
#include "lumen/store/patient_repository.h"
#include "lumen/store/worklist_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"
#include "services/worklist_entry.h"

#include <chrono>

namespace lumen::server {

using core::ExamStatus;

namespace {

struct Candidate
{
    core::Exam exam;
    core::Patient patient;
    std::optional<std::string> studyInstanceUid;
    std::string stationAe;
    std::string scheduledAtIso;
};

// The known AE standing in the exam's room that performs its modality (or any modality).
std::string stationAeFor(const core::Exam& exam, const std::vector<store::KnownAe>& aes)
{
    if (!exam.room)
        return {};
    for (const auto& ae : aes)
        if (ae.room == *exam.room && (ae.modality.empty() || ae.modality == exam.modality))
            return ae.aeTitle;
    return {};
}

// When the patient was checked in: the step's time for a walk-in exam without a slot.
std::string checkedInAt(store::ExamRepository& exams, const core::Exam& exam)
{
    std::string at = exam.updatedAt;
    for (const auto& event : exams.timeline(exam.id))
        if (event.to == ExamStatus::CheckedIn)
            at = event.at;
    return at;
}

} // namespace

dicom::FindOutcome
WorklistService::findWorklist(const dicom::AssociationInfo& from, const dicom::WorklistQuery& query,
                              const std::function<bool(const dicom::WorklistItem&)>& sendItem)
{
    const auto now = std::chrono::system_clock::now();
    std::vector<Candidate> matches;
    {
        auto db = m_readers.lease();
        store::AeRepository aeRepository(*db);
        if (!m_settings.promiscuous) {
            const auto ae = aeRepository.find(from.callingAeTitle);
            if (!ae || !ae->canQuery) {
                logLine(LogLevel::Warning, "dicom", "worklist query refused: AE may not query",
                        {{"calling", from.callingAeTitle}, {"peer", from.peerAddress}});
                return {dicom::status::refusedNotAuthorized, "AE " + from.callingAeTitle + " may not query"};
            }
        }
        const auto aes = aeRepository.all();
        store::ExamRepository exams(*db);
        store::PatientRepository patients(*db);
        store::WorklistRepository worklist(*db);
        store::ExamSearch search;
        search.statuses = {ExamStatus::CheckedIn, ExamStatus::Called};
        if (m_settings.includeBookedToday)
            search.statuses.push_back(ExamStatus::Booked);
        // The modality examines whoever is in the room: confidentiality hides patients from
        // readers, not from the device that examines them.
        search.includeConfidential = true;
        search.bySchedule = true;
        search.limit = 200;
        const core::Date today = localDate(now);
        for (search.offset = 0;; search.offset += search.limit) {
            const auto page = exams.search(search);
            for (const auto& exam : page) {
                Candidate c{exam, {}, std::nullopt, stationAeFor(exam, aes), {}};
                if (exam.status == ExamStatus::Booked) {
                    const auto at =
                        exam.scheduledAt ? core::parseIsoTimestamp(*exam.scheduledAt) : std::nullopt;
                    if (!at || localDate(*at) != today)
                        continue;
                }
                c.scheduledAtIso = exam.scheduledAt ? *exam.scheduledAt : checkedInAt(exams, exam);
                const auto patient = patients.find(exam.patientId);
                if (!patient)
                    continue;
                c.patient = *patient;
                c.studyInstanceUid = worklist.studyInstanceUid(exam.id);
                const auto entry = makeWorklistEntry(
                    {c.exam, c.patient, c.studyInstanceUid.value_or("-"), c.stationAe, c.scheduledAtIso});
                if (worklistEntryMatches(entry, query))
                    matches.push_back(std::move(c));
            }
            if (int(page.size()) < search.limit)
                break;
        }
    }

    // The UID the modality will put in the images is given once, durably, before it is served.
    int assigned = 0;
    const auto nowText = core::formatIsoTimestamp(now);
    m_writer
        .submit([&](store::Database& db) {
            store::WorklistRepository worklist(db);
            for (auto& c : matches)
                if (!c.studyInstanceUid) {
                    c.studyInstanceUid = worklist.assignStudyInstanceUid(c.exam.id, core::generateUid());
                    ++assigned;
                }
            m_audit.appendInJob(db,
                                core::AuditEntry{0, nowText, "AE:" + from.callingAeTitle, from.peerAddress,
                                                 "dicom.worklist", "worklist", "-", std::nullopt,
                                                 std::to_string(matches.size()) + " items, " +
                                                     std::to_string(assigned) + " study UIDs assigned",
                                                 "", ""});
        })
        .get();

    for (const auto& c : matches) {
        const auto entry =
            makeWorklistEntry({c.exam, c.patient, *c.studyInstanceUid, c.stationAe, c.scheduledAtIso});
        if (!sendItem(toWorklistItem(entry)))
            break;
    }
    return {dicom::status::success, ""};
}

} // namespace lumen::server
