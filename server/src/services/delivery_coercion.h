#pragma once
// What a stored instance must say when it leaves the archive. Files stay as received; once
// archive repair changed the index (a series moved or split off, a study assigned to a patient
// by hand), the index is the truth and retrieval delivers its values (server/CONFORMANCE.md).
#include "lumen/core/dicom_object.h"
#include "lumen/dicom/header_coercion.h"

#include <chrono>
#include <optional>

namespace lumen::server {

// nullopt in the normal case, decided from the index alone (no file is read): the instance's
// series was never moved and its study's patient attributes are the received ones, so the file
// goes out byte for byte. An instance of a moved series gets its study's UID and study and
// patient attributes (reason CORRECT); one of a study assigned by hand gets the patient
// attributes the study now has (reason COERCE).
std::optional<dicom::HeaderCoercion> deliveryCoercion(const core::DicomStudyRecord& study,
                                                      const core::DicomInstanceRecord& instance,
                                                      std::chrono::system_clock::time_point now);

} // namespace lumen::server
