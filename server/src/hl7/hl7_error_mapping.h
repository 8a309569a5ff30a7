#pragma once
// Lumen's domain errors (from the patient and exam services) as HL7 application errors: the
// error code by kind, and the HL7 field by the Lumen field the error names.
#include "hl7/hl7_failure.h"
#include "lumen/core/error.h"

namespace lumen::server {

Hl7Failure toHl7Failure(const core::Error& error);

} // namespace lumen::server
