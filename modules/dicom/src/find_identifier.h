#pragma once
// C-FIND identifiers: DCMTK data sets to Lumen's FindRequest and back.
#include "lumen/dicom/dimse_service.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdatset.h"
#include "dcmtk/dcmdata/dcitem.h"

#include <memory>
#include <string>
#include <vector>

namespace lumen::dicom::detail {

// Fills `request` from a C-FIND request identifier: QueryRetrieveLevel and
// SpecificCharacterSet go to their fields, every other top-level element (sequences and group
// lengths left out) becomes a key, its value decoded to UTF-8. False, with `problem` set, when
// the level is missing or not valid for the model.
bool readFindRequest(DcmDataset& identifier, QueryModel model, FindRequest& request, std::string& problem);

// A C-FIND response identifier holding `keys` (UTF-8, each encoded with its dictionary VR; keys
// DCMTK cannot encode, such as unknown private tags, are left out) and QueryRetrieveLevel, with
// Specific Character Set ISO_IR 192 when a value is beyond ASCII.
std::unique_ptr<DcmDataset> makeFindResponse(const std::vector<DicomKey>& keys, QueryLevel level);

const char* levelName(QueryLevel level);

// The non-sequence elements of `item` as keys (group lengths and Specific Character Set left
// out), text decoded to UTF-8 from `specificCharacterSet`.
std::vector<DicomKey> readItemKeys(DcmItem& item, const std::string& specificCharacterSet);
// One key into `item` with its dictionary VR; false when DCMTK refuses it (a malformed number,
// a sequence or unknown tag), which is then left out.
bool putKey(DcmItem& item, const DicomKey& key);

} // namespace lumen::dicom::detail
