#include "lumen/dicom/dicom_json.h"

#include "coerce_data_set.h"
#include "data_set_utf8.h"
#include "lumen/dicom/instance_attributes.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcjson.h"

#include <sstream>

namespace lumen::dicom {

namespace {

// Bulk values are referenced, not inlined: base64 pixel data would make metadata as large as
// the images themselves.
class BulkDataFormat : public DcmJsonFormatCompact
{
public:
    explicit BulkDataFormat(std::string uri) : DcmJsonFormatCompact(OFFalse), m_uri(std::move(uri)) {}

    OFBool asBulkDataURI(const DcmTagKey& tag, OFString& uri) override
    {
        const bool bulk =
            tag == DCM_PixelData || tag == DCM_FloatPixelData || tag == DCM_DoubleFloatPixelData ||
            tag == DCM_EncapsulatedDocument || tag == DCM_WaveformData || tag == DCM_SpectroscopyData ||
            (tag.getGroup() >= 0x6000 && tag.getGroup() <= 0x601E && tag.getElement() == 0x3000);
        if (bulk)
            uri = m_uri.c_str();
        return bulk;
    }

private:
    std::string m_uri;
};

} // namespace

std::string instanceMetadataJson(const std::string& path, const std::string& bulkDataUri,
                                 const std::optional<HeaderCoercion>& coercion)
{
    // The file was checked when it was stored; it is read again without loading large values.
    DcmFileFormat file;
    const OFCondition loaded = file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 4096);
    if (loaded.bad())
        throw DicomError("unreadable", std::string("cannot read stored object: ") + loaded.text());
    if (coercion)
        detail::coerceDataSet(*file.getDataset(), *coercion);
    // JSON is UTF-8 (PS3.18 F.2); DCMTK writes the values' bytes as they are.
    detail::convertToUtf8(*file.getDataset());
    // DcmDataset::writeJson writes the members; the object's braces are the caller's.
    std::ostringstream out;
    out << '{';
    BulkDataFormat format(bulkDataUri);
    const OFCondition written = file.getDataset()->writeJson(out, format);
    if (written.bad())
        throw DicomError("malformed",
                         std::string("cannot express the object as DICOM JSON: ") + written.text());
    out << '}';
    return out.str();
}

} // namespace lumen::dicom
