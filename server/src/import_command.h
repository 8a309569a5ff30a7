#pragma once
// `lumen-server import <folder>`: migration of an existing archive. Walks the folder, stores
// every DICOM file through the archive (copies; the source is never changed), in parallel,
// with a progress line; files that are not DICOM or are unreadable are listed, never fatal.
// Running it again resumes: instances already archived are skipped.
#include "config.h"

#include <string>

namespace lumen::server {

// Returns the process exit code: 0 when every DICOM file was archived, 1 when some were
// refused (listed in the report), 2 on a usage or setup error.
int runImport(const ServerConfig& config, const std::string& folder, int threads);

} // namespace lumen::server
