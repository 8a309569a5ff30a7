#include "part10_bytes.h"

#include "lumen/dicom/instance_attributes.h"

#include "dcmtk/dcmdata/dcostrmb.h"

namespace lumen::dicom::detail {

std::string part10Bytes(DcmFileFormat& file)
{
    const E_TransferSyntax xfer = EXS_LittleEndianExplicit;
    file.validateMetaInfo(xfer);
    // The buffer must hold the whole object: its computed length plus preamble and slack.
    const std::size_t size = std::size_t(file.calcElementLength(xfer, EET_ExplicitLength)) + 4096;
    std::string buffer(size, '\0');
    DcmOutputBufferStream out(buffer.data(), offile_off_t(size));
    file.transferInit();
    const OFCondition status = file.write(out, xfer, EET_ExplicitLength, nullptr);
    file.transferEnd();
    if (status.bad())
        throw DicomError("unwritable", std::string("object not written: ") + status.text());
    void* data = nullptr;
    offile_off_t length = 0;
    out.flushBuffer(data, length);
    return std::string(static_cast<const char*>(data), std::size_t(length));
}

} // namespace lumen::dicom::detail
