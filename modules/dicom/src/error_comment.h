#pragma once
// The status detail Lumen sends with a refusal: Error Comment (0000,0902).
#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdatset.h"

#include <memory>
#include <string>

namespace lumen::dicom::detail {

// Null for an empty reason. Error Comment is LO: at most 64 characters of the default
// repertoire, so the reason is cut and anything else becomes a space.
std::unique_ptr<DcmDataset> errorComment(const std::string& reason);

} // namespace lumen::dicom::detail
