#include "lumen/dicom/dimse_server.h"

#include "j2k_decoder.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcrledrg.h"
#include "dcmtk/dcmjpeg/djdecode.h"
#include "dcmtk/dcmjpls/djdecode.h"

#include <mutex>

namespace lumen::dicom {

void registerCodecs()
{
    // DCMTK keeps one global codec list; registering twice adds the decoders twice.
    static std::once_flag once;
    std::call_once(once, [] {
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
        detail::registerJ2kDecoders(); // DCMTK 3.6.7 has none: OpenJPEG
    });
}

} // namespace lumen::dicom
