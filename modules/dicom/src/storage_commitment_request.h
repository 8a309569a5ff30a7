#pragma once
// The Action Information of a storage commitment N-ACTION (PS3.4 Table J.3-1), read and checked
// before the archive sees it.
#include "lumen/dicom/storage_commitment.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdatset.h"

#include <optional>

namespace lumen::dicom::detail {

// Fills `request`, or returns the N-ACTION status and the reason to refuse it with: a missing
// data set, Transaction UID or Referenced SOP Sequence, an empty sequence, an item without a
// valid Referenced SOP Class / Instance UID (0115), more than maxCommitmentReferences (0213).
std::optional<CommitmentOutcome> readCommitmentRequest(DcmDataset* actionInformation,
                                                       CommitmentRequest& request);

} // namespace lumen::dicom::detail
