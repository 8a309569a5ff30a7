#include "lumen/dicom/dimse_server.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/oflog/oflog.h"

#include <cstdlib>

namespace lumen::dicom {

void configureDicomProcess(bool verboseLogging)
{
    // DCMTK logs every association at INFO; the server's own log lines say what matters.
    OFLog::configure(verboseLogging ? OFLogger::DEBUG_LOG_LEVEL : OFLogger::WARN_LOG_LEVEL);
    // dcmnet reads TCP_NODELAY from the environment for each socket; set it before any thread
    // runs (an operator's explicit setting wins).
    ::setenv("TCP_NODELAY", "1", 0);
}

} // namespace lumen::dicom
