#pragma once
// A whole data set in UTF-8, for what must be UTF-8 on the way out (DICOM JSON) and for header
// coercion that mixes the index's UTF-8 values into an object of another character set.
#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcitem.h"

#include <cstddef>

namespace lumen::dicom::detail {

// Decodes every text value of `dataSet` and its sequence items from the Specific Character Set
// that applies to it (an item's own, or the enclosing one's). Unlike DCMTK's convertToUTF8 it
// never fails: a value that does not decode keeps the lossless fallback (character_set.h), and
// a value of a VR outside character sets (CS, UI...) that is not UTF-8 gets it too. When any
// value is then beyond ASCII, Specific Character Set becomes ISO_IR 192 and items lose their
// own. Returns how many values fell back.
std::size_t convertToUtf8(DcmItem& dataSet);

} // namespace lumen::dicom::detail
