#pragma once
// The attribute lists of MPPS N-CREATE and N-SET (PS3.4 Table F.7.2-1), read and checked before
// the archive sees them.
#include "lumen/dicom/mpps.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdatset.h"

#include <optional>

namespace lumen::dicom::detail {

// Fills `request.attributes`, or returns the refusal: no attribute list or a missing type 1
// attribute (0120), a type 1 attribute without a value (0121), a status other than IN PROGRESS
// (0106).
std::optional<MppsOutcome> readMppsCreate(DcmDataset* attributes, MppsCreateRequest& request);

// Fills the fields of `request` the modification list holds, or returns the refusal: no list
// (0110), an unknown status value (0106). Attributes N-SET may not change are ignored.
std::optional<MppsOutcome> readMppsSet(DcmDataset* modifications, MppsSetRequest& request);

} // namespace lumen::dicom::detail
