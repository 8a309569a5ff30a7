#pragma once
// The DCMTK side of header coercion, shared by the Part 10 writer, DICOM JSON and the
// C-STORE sub-operations of C-MOVE / C-GET.
#include "lumen/dicom/header_coercion.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdatset.h"

namespace lumen::dicom::detail {

// Applies `coercion` to `dataSet` and appends an Original Attributes Sequence item with the
// values it replaced. When a value cannot be expressed in the data set's character set, the
// data set is converted to UTF-8 first (text that does not decode keeps its lossless fallback,
// as in the index). Returns false, leaving the data set untouched, when every value is already
// there.
bool coerceDataSet(DcmDataset& dataSet, const HeaderCoercion& coercion);

} // namespace lumen::dicom::detail
