#pragma once
// Modality Performed Procedure Step SOP Class (PS3.4 F.7) as SCP, without DCMTK types. The DIMSE
// server checks each N-CREATE / N-SET for what the standard requires of the request itself and
// answers those refusals; the handler keeps the instances and decides what depends on them
// (unknown instance, a step already completed or discontinued).
#include "lumen/dicom/dimse_service.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumen::dicom {

inline constexpr const char* mppsSopClass = "1.2.840.10008.3.1.2.3.3";

// Performed Procedure Step Status (0040,0252).
inline constexpr const char* mppsInProgress = "IN PROGRESS";
inline constexpr const char* mppsCompleted = "COMPLETED";
inline constexpr const char* mppsDiscontinued = "DISCONTINUED";

// N-CREATE / N-SET response statuses (PS3.7 10.1.2, 10.1.5; PS3.4 F.7.2) Lumen answers with.
namespace mpps_status {
inline constexpr std::uint16_t invalidAttributeValue = 0x0106;
inline constexpr std::uint16_t processingFailure = 0x0110; // with Error Comment, e.g. "A710 ..."
inline constexpr std::uint16_t duplicateSopInstance = 0x0111;
inline constexpr std::uint16_t noSuchSopInstance = 0x0112;
inline constexpr std::uint16_t noSuchSopClass = 0x0118;
inline constexpr std::uint16_t missingAttribute = 0x0120;
inline constexpr std::uint16_t missingAttributeValue = 0x0121;
inline constexpr std::uint16_t refusedNotAuthorized = 0x0124;
} // namespace mpps_status

// One item of Scheduled Step Attributes Sequence: which order the step performs.
struct MppsScheduledStep
{
    std::string studyInstanceUid;
    std::string accessionNumber;
    std::string requestedProcedureId;
    std::string scheduledProcedureStepId;
};

// The attributes Lumen keeps of an instance (text in UTF-8; dates and times as sent).
struct MppsAttributes
{
    std::string status;
    std::string performedProcedureStepId;
    std::string performedStationAeTitle;
    std::string modality;
    std::string description;
    std::string startDate;
    std::string startTime;
    std::string endDate;
    std::string endTime;
    std::string discontinuationReason; // "code (scheme) meaning" of the first reason item
    std::string patientId;
    std::string patientName;
    std::vector<MppsScheduledStep> scheduledSteps;
};

// N-CREATE: type 1 attributes are present and valued, the status is IN PROGRESS.
struct MppsCreateRequest
{
    std::string sopInstanceUid; // the SCU's, or one the server made up (it is then answered)
    MppsAttributes attributes;
};

// N-SET: only what the modification list holds.
struct MppsSetRequest
{
    std::string sopInstanceUid;
    std::optional<std::string> status; // one of the three values
    std::optional<std::string> description;
    std::optional<std::string> endDate;
    std::optional<std::string> endTime;
    std::optional<std::string> discontinuationReason;
};

struct MppsOutcome
{
    std::uint16_t status = status::success;
    std::string reason; // logged, and sent as Error Comment when not success
};

class MppsHandler
{
public:
    virtual ~MppsHandler() = default;
    // Called on the association thread; success means the instance is durably recorded.
    virtual MppsOutcome createStep(const AssociationInfo& association, const MppsCreateRequest& request) = 0;
    virtual MppsOutcome setStep(const AssociationInfo& association, const MppsSetRequest& request) = 0;
};

} // namespace lumen::dicom
