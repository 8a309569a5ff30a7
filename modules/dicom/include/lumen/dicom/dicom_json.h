#pragma once
// The DICOM JSON model (PS3.18 Annex F) of a stored instance, for WADO-RS metadata.
#include "lumen/dicom/header_coercion.h"

#include <optional>
#include <string>

namespace lumen::dicom {

// The data set of the Part 10 file at `path` as one DICOM JSON object (text), with `coercion`
// applied when given (as retrieval delivers it). Pixel data and other bulk values are given as
// BulkDataURI `bulkDataUri` instead of inline. Text is decoded to UTF-8 from the object's
// character set (Specific Character Set then says ISO_IR 192 when any of it is beyond ASCII);
// text that does not decode appears in its lossless fallback (character_set.h), so the result
// is always valid UTF-8. Throws DicomError when the file cannot be read.
std::string instanceMetadataJson(const std::string& path, const std::string& bulkDataUri,
                                 const std::optional<HeaderCoercion>& coercion = std::nullopt);

} // namespace lumen::dicom
