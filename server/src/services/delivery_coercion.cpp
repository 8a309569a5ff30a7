#include "services/delivery_coercion.h"

#include <ctime>

namespace lumen::server {

namespace {

// DT with its UTC offset, e.g. 20261122100000+0000.
std::string dicomDateTime(std::chrono::system_clock::time_point t)
{
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d%H%M%S+0000", &utc);
    return text;
}

} // namespace

std::optional<dicom::HeaderCoercion> deliveryCoercion(const core::DicomStudyRecord& study,
                                                      const core::DicomInstanceRecord& instance,
                                                      std::chrono::system_clock::time_point now)
{
    const bool moved = !instance.originalStudyUid.empty() && instance.originalStudyUid != study.studyUid;
    if (!moved && !study.patientCoerced)
        return std::nullopt;
    dicom::HeaderCoercion c;
    c.characterSet = study.characterSet;
    c.reason = moved ? "CORRECT" : "COERCE";
    c.modifiedAt = dicomDateTime(now);
    c.attributes = {{0x00100010, study.patientName},
                    {0x00100020, study.dicomPatientId},
                    {0x00100021, study.issuerOfPatientId},
                    {0x00100030, study.patientBirthDate},
                    {0x00100040, study.patientSex}};
    if (moved) {
        // The series now belongs to another study: all of that study's identity applies.
        c.attributes.insert(c.attributes.end(), {{0x0020000D, study.studyUid},
                                                 {0x00080020, study.studyDate},
                                                 {0x00080030, study.studyTime},
                                                 {0x00080050, study.accessionNumber},
                                                 {0x00080090, study.referringPhysician},
                                                 {0x00081030, study.studyDescription},
                                                 {0x00200010, study.studyId}});
    }
    return c;
}

} // namespace lumen::server
