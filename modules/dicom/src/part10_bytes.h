#pragma once
// A DCMTK file format as Part 10 bytes (Explicit VR Little Endian), for objects Lumen makes
// in memory (phantoms, secondary captures, key-object selections).
#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcfilefo.h"

#include <string>

namespace lumen::dicom::detail {

// Throws DicomError("unwritable") when DCMTK cannot write it.
std::string part10Bytes(DcmFileFormat& file);

} // namespace lumen::dicom::detail
