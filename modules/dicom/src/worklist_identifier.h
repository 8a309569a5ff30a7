#pragma once
// Modality worklist identifiers: a C-FIND request to Lumen's WorklistQuery, and a matching
// WorklistItem back into an answer shaped like the request.
#include "lumen/dicom/worklist.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdatset.h"

#include <memory>

namespace lumen::dicom::detail {

WorklistQuery readWorklistQuery(DcmDataset& identifier);

// Every element the request holds, valued from `item` where it has the attribute and empty
// otherwise; the Scheduled Procedure Step Sequence gets one item shaped like the request's (or,
// when the request's is empty, with everything the item has); other sequences come back empty.
std::unique_ptr<DcmDataset> makeWorklistResponse(DcmDataset& request, const WorklistItem& item);

} // namespace lumen::dicom::detail
