#pragma once
// The DICOM JSON model (PS3.18 Annex F) of a stored instance, for WADO-RS metadata.
#include <string>

namespace lumen::dicom {

// The data set of the Part 10 file at `path` as one DICOM JSON object (text). Pixel data and
// other bulk values are given as BulkDataURI `bulkDataUri` instead of inline. Throws
// DicomError when the file cannot be read.
std::string instanceMetadataJson(const std::string& path, const std::string& bulkDataUri);

} // namespace lumen::dicom
