#include "lumen/dicom/decoded_image.h"

#include "lumen/dicom/instance_attributes.h"

#include "data_set_utf8.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcistrmb.h"
#include "dcmtk/dcmdata/dcpixel.h"
#include "dcmtk/dcmdata/dcsequen.h"
// clang-format off
#include "dcmtk/dcmimgle/dcmimage.h"
#include "dcmtk/dcmimage/diregist.h" // colour images
// clang-format on

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>

namespace lumen::dicom {

namespace {

// A frame larger than this is refused before any buffer is taken (mammography is ~60 MiB).
constexpr std::uint64_t maxFrameBytes = std::uint64_t(512) << 20;

std::string text(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).good())
        return std::string(value.c_str());
    return {};
}

int integer(DcmItem& item, const DcmTagKey& tag)
{
    return std::atoi(text(item, tag).c_str());
}

std::optional<double> decimal(DcmItem& item, const DcmTagKey& tag, unsigned long index = 0)
{
    Float64 value = 0;
    if (item.findAndGetFloat64(tag, value, index).good())
        return value;
    return std::nullopt;
}

// The first item of a sequence inside `item` (nullptr when absent).
DcmItem* firstItem(DcmItem* item, const DcmTagKey& sequence)
{
    DcmItem* found = nullptr;
    if (item && item->findAndGetSequenceItem(sequence, found, 0).good())
        return found;
    return nullptr;
}

// Geometry and window of one frame: the attributes of the data set, overridden by the
// enhanced objects' shared and then per-frame functional groups.
void readGeometry(DcmItem* source, DecodedFrame& frame, double& slope, double& intercept)
{
    if (!source)
        return;
    if (DcmItem* plane = firstItem(source, DCM_PlanePositionSequence);
        plane || source->tagExists(DCM_ImagePositionPatient)) {
        DcmItem* from = plane ? plane : source;
        auto x = decimal(*from, DCM_ImagePositionPatient, 0), y = decimal(*from, DCM_ImagePositionPatient, 1),
             z = decimal(*from, DCM_ImagePositionPatient, 2);
        if (x && y && z)
            frame.imagePositionPatient = Vec3{*x, *y, *z};
    }
    if (DcmItem* orient = firstItem(source, DCM_PlaneOrientationSequence);
        orient || source->tagExists(DCM_ImageOrientationPatient)) {
        DcmItem* from = orient ? orient : source;
        std::array<double, 6> o{};
        bool ok = true;
        for (unsigned long i = 0; i < 6 && ok; ++i) {
            const auto v = decimal(*from, DCM_ImageOrientationPatient, i);
            ok = v.has_value();
            if (ok)
                o[i] = *v;
        }
        if (ok)
            frame.imageOrientationPatient = o;
    }
    if (DcmItem* measures = firstItem(source, DCM_PixelMeasuresSequence);
        measures || source->tagExists(DCM_PixelSpacing)) {
        DcmItem* from = measures ? measures : source;
        auto r = decimal(*from, DCM_PixelSpacing, 0), c = decimal(*from, DCM_PixelSpacing, 1);
        if (r && c && *r > 0 && *c > 0)
            frame.pixelSpacingMm = std::array<double, 2>{*r, *c};
        if (auto t = decimal(*from, DCM_SliceThickness))
            frame.sliceThicknessMm = *t;
    }
    if (DcmItem* voi = firstItem(source, DCM_FrameVOILUTSequence);
        voi || source->tagExists(DCM_WindowCenter)) {
        DcmItem* from = voi ? voi : source;
        if (auto c = decimal(*from, DCM_WindowCenter))
            frame.windowCenter = *c;
        if (auto w = decimal(*from, DCM_WindowWidth); w && *w > 0)
            frame.windowWidth = *w;
    }
    if (DcmItem* transform = firstItem(source, DCM_PixelValueTransformationSequence);
        transform || source->tagExists(DCM_RescaleSlope)) {
        DcmItem* from = transform ? transform : source;
        if (auto s = decimal(*from, DCM_RescaleSlope); s && *s != 0)
            slope = *s;
        if (auto i = decimal(*from, DCM_RescaleIntercept))
            intercept = *i;
    }
}

void readUltrasoundRegions(DcmItem& data, DecodedImage& image)
{
    DcmItem* region = nullptr;
    for (unsigned long i = 0;
         data.findAndGetSequenceItem(DCM_SequenceOfUltrasoundRegions, region, long(i)).good(); ++i) {
        UltrasoundRegion r;
        Uint32 v = 0;
        if (region->findAndGetUint32(DCM_RegionLocationMinX0, v).good())
            r.x0 = int(v);
        if (region->findAndGetUint32(DCM_RegionLocationMinY0, v).good())
            r.y0 = int(v);
        if (region->findAndGetUint32(DCM_RegionLocationMaxX1, v).good())
            r.x1 = int(v);
        if (region->findAndGetUint32(DCM_RegionLocationMaxY1, v).good())
            r.y1 = int(v);
        Uint16 units = 0, format = 0;
        region->findAndGetUint16(DCM_PhysicalUnitsXDirection, units);
        region->findAndGetUint16(DCM_RegionSpatialFormat, format);
        r.spatialFormat = format;
        // Units 3 are centimetres; other units (seconds, cm/s) are not lengths.
        if (units == 3) {
            r.physicalDeltaXMm = std::abs(decimal(*region, DCM_PhysicalDeltaX).value_or(0)) * 10;
            r.physicalDeltaYMm = std::abs(decimal(*region, DCM_PhysicalDeltaY).value_or(0)) * 10;
        }
        image.ultrasoundRegions.push_back(r);
    }
}

void readGreyFrames(DcmDataset& data, DecodedImage& image,
                    const std::vector<std::pair<double, double>>& rescale, int bitsAllocated,
                    std::uint64_t frameBytes)
{
    // Compressed pixel data becomes native little endian (the registered decoders do this).
    if (data.chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad() ||
        !data.canWriteXfer(EXS_LittleEndianExplicit))
        throw DicomError("undecodable", "the pixel data could not be decompressed");
    DcmElement* element = nullptr;
    if (data.findAndGetElement(DCM_PixelData, element).bad() || !element)
        throw DicomError("no_pixels", "the object has no pixel data");
    const std::size_t pixels = std::size_t(image.rows) * std::size_t(image.columns);
    const std::size_t frames = image.frames.size();
    const unsigned long available = element->getLength();
    if (std::uint64_t(available) < frameBytes * frames)
        throw DicomError("bad_frame", "the pixel data is shorter than its frames");
    const int bitsStored = image.bitsStored > 0 ? image.bitsStored : bitsAllocated;
    const std::uint32_t mask = bitsStored >= 32 ? 0xffffffffu : ((1u << bitsStored) - 1);
    const std::uint32_t signBit = 1u << (bitsStored - 1);

    Uint8* bytes8 = nullptr;
    Uint16* words = nullptr;
    Uint32* longs = nullptr;
    if (bitsAllocated == 8)
        element->getUint8Array(bytes8);
    else if (bitsAllocated == 16)
        element->getUint16Array(words);
    else if (bitsAllocated == 32)
        element->getUint32Array(longs);
    if (!bytes8 && !words && !longs)
        throw DicomError("undecodable", "unsupported bits allocated " + std::to_string(bitsAllocated));

    for (std::size_t f = 0; f < frames; ++f) {
        auto& values = image.frames[f].values;
        values.resize(pixels);
        const float slope = float(rescale[f].first), intercept = float(rescale[f].second);
        const std::size_t base = f * pixels;
        for (std::size_t i = 0; i < pixels; ++i) {
            std::uint32_t raw = bytes8 ? bytes8[base + i] : (words ? words[base + i] : longs[base + i]);
            raw &= mask;
            std::int64_t stored = raw;
            if (image.signedPixels && (raw & signBit))
                stored = std::int64_t(raw) - (std::int64_t(1) << bitsStored);
            values[i] = float(stored) * slope + intercept;
        }
    }
}

// Segmented palettes (PS3.3 C.7.9.2: discrete, linear and indirect segments) expanded into
// the plain palettes DCMTK reads; DCMTK 3.6.7 ignores segmented ones. False when malformed.
bool expandSegment(const Uint16* in, unsigned long count, std::vector<Uint16>& out, int depth)
{
    unsigned long i = 0;
    while (i + 1 < count) {
        const Uint16 op = in[i], length = in[i + 1];
        if (op == 0) { // discrete: `length` values follow
            if (i + 2 + length > count)
                return false;
            out.insert(out.end(), in + i + 2, in + i + 2 + length);
            i += 2 + length;
        } else if (op == 1) { // linear: `length` values from the last one to the next word
            if (i + 2 >= count || out.empty())
                return false;
            const double from = out.back(), to = in[i + 2];
            for (Uint16 k = 1; k <= length; ++k)
                out.push_back(Uint16(std::lround(from + (to - from) * k / length)));
            i += 3;
        } else if (op == 2 && depth == 0) { // indirect: replay `length` segments from an offset
            if (i + 3 >= count)
                return false;
            const unsigned long offset =
                static_cast<unsigned long>(in[i + 2]) | (static_cast<unsigned long>(in[i + 3]) << 16);
            if (offset >= count)
                return false;
            // Each replayed segment is decoded on its own from the offset.
            unsigned long at = offset;
            for (Uint16 s = 0; s < length && at + 1 < count; ++s) {
                const unsigned long segmentWords = in[at] == 0 ? 2ul + in[at + 1] : (in[at] == 1 ? 3ul : 4ul);
                if (!expandSegment(in + at, std::min(segmentWords, count - at), out, depth + 1))
                    return false;
                at += segmentWords;
            }
            i += 4;
        } else {
            return false;
        }
        if (out.size() > 65536)
            return false;
    }
    return true;
}

void expandSegmentedPalettes(DcmDataset& data)
{
    const DcmTagKey segmented[3] = {DCM_SegmentedRedPaletteColorLookupTableData,
                                    DCM_SegmentedGreenPaletteColorLookupTableData,
                                    DCM_SegmentedBluePaletteColorLookupTableData};
    const DcmTagKey plain[3] = {DCM_RedPaletteColorLookupTableData, DCM_GreenPaletteColorLookupTableData,
                                DCM_BluePaletteColorLookupTableData};
    for (int c = 0; c < 3; ++c) {
        const Uint16* words = nullptr;
        unsigned long count = 0;
        if (data.tagExists(plain[c]) || data.findAndGetUint16Array(segmented[c], words, &count).bad() ||
            !words)
            continue;
        std::vector<Uint16> table;
        if (!expandSegment(words, count, table, 0) || table.empty())
            continue; // left as it is: DCMTK then refuses the image with its own reason
        data.putAndInsertUint16Array(plain[c], table.data(), static_cast<unsigned long>(table.size()));
        data.findAndDeleteElement(segmented[c]);
    }
}

void readColourFrames(DcmFileFormat& file, DecodedImage& image)
{
    DcmDataset* data = file.getDataset();
    expandSegmentedPalettes(*data);
    const unsigned long frames = image.frames.size();
    DicomImage decoded(&file, data->getOriginalXfer(), CIF_MayDetachPixelData, 0, frames);
    if (decoded.getStatus() != EIS_Normal)
        throw DicomError("undecodable", std::string("cannot decode the colour pixel data: ") +
                                            DicomImage::getString(decoded.getStatus()));
    const std::size_t bytes = std::size_t(image.rows) * std::size_t(image.columns) * 3;
    for (unsigned long f = 0; f < frames; ++f) {
        const void* rgb = decoded.getOutputData(8, f, 0 /* interleaved RGB */);
        if (!rgb)
            throw DicomError("bad_frame", "frame " + std::to_string(f + 1) + " could not be decoded");
        auto& out = image.frames[f].rgb;
        out.resize(bytes);
        std::memcpy(out.data(), rgb, bytes);
    }
}

DecodedImage decode(DcmFileFormat& file)
{
    DcmDataset* data = file.getDataset();
    if (!data->tagExists(DCM_PixelData))
        throw DicomError("no_pixels", "the object has no pixel data");
    DecodedImage image;
    {
        // Identity in UTF-8 from a copy, so the pixel data is never touched by the conversion.
        DcmItem identity;
        for (const DcmTagKey& tag : {DCM_SpecificCharacterSet, DCM_PatientName, DCM_SeriesDescription,
                                     DCM_StudyDescription, DCM_BodyPartExamined})
            if (DcmElement* e = nullptr;
                data->findAndGetElement(tag, e, OFFalse, OFTrue /*copy*/).good() && e)
                identity.insert(e);
        detail::convertToUtf8(identity);
        image.patientName = text(identity, DCM_PatientName);
        image.seriesDescription = text(identity, DCM_SeriesDescription);
        image.studyDescription = text(identity, DCM_StudyDescription);
        image.bodyPartExamined = text(identity, DCM_BodyPartExamined);
    }
    image.sopInstanceUid = text(*data, DCM_SOPInstanceUID);
    image.sopClassUid = text(*data, DCM_SOPClassUID);
    image.seriesInstanceUid = text(*data, DCM_SeriesInstanceUID);
    image.studyInstanceUid = text(*data, DCM_StudyInstanceUID);
    image.frameOfReferenceUid = text(*data, DCM_FrameOfReferenceUID);
    image.modality = text(*data, DCM_Modality);
    image.patientId = text(*data, DCM_PatientID);
    image.patientSex = text(*data, DCM_PatientSex);
    image.studyDate = text(*data, DCM_StudyDate);
    image.accessionNumber = text(*data, DCM_AccessionNumber);
    image.imageType = text(*data, DCM_ImageType);
    image.seriesNumber = integer(*data, DCM_SeriesNumber);
    image.instanceNumber = integer(*data, DCM_InstanceNumber);
    image.acquisitionNumber = integer(*data, DCM_AcquisitionNumber);
    if (auto tilt = decimal(*data, DCM_GantryDetectorTilt))
        image.gantryTiltDegrees = *tilt;
    if (auto r = decimal(*data, DCM_ImagerPixelSpacing, 0), c = decimal(*data, DCM_ImagerPixelSpacing, 1);
        r && c)
        image.imagerPixelSpacingMm = std::array<double, 2>{*r, *c};
    readUltrasoundRegions(*data, image);

    Uint16 rows = 0, columns = 0, samples = 1, bitsAllocated = 0, bitsStored = 0, representation = 0;
    data->findAndGetUint16(DCM_Rows, rows);
    data->findAndGetUint16(DCM_Columns, columns);
    data->findAndGetUint16(DCM_SamplesPerPixel, samples);
    data->findAndGetUint16(DCM_BitsAllocated, bitsAllocated);
    data->findAndGetUint16(DCM_BitsStored, bitsStored);
    data->findAndGetUint16(DCM_PixelRepresentation, representation);
    const std::uint64_t frameBits =
        std::uint64_t(rows) * columns * std::max<Uint16>(samples, 1) * bitsAllocated;
    if (frameBits == 0)
        throw DicomError("undecodable", "the image has no rows, columns or bits allocated");
    if (frameBits / 8 > maxFrameBytes)
        throw DicomError("undecodable", "a frame of " + std::to_string(columns) + "x" + std::to_string(rows) +
                                            " is larger than Lumen decodes");
    long frameCount = 1;
    if (data->findAndGetLongInt(DCM_NumberOfFrames, frameCount).bad())
        frameCount = 1; // single-frame objects have no Number of Frames
    if (frameCount < 1 || std::uint64_t(frameCount) * frameBits / 8 > (std::uint64_t(4) << 30))
        throw DicomError("bad_frame", "implausible number of frames " + std::to_string(frameCount));
    image.rows = rows;
    image.columns = columns;
    image.bitsStored = bitsStored;
    image.signedPixels = representation == 1;
    const std::string photometric = text(*data, DCM_PhotometricInterpretation);
    image.monochrome1 = photometric == "MONOCHROME1";
    image.colour = samples > 1 || photometric == "PALETTE COLOR";

    image.frames.resize(std::size_t(frameCount));
    std::vector<std::pair<double, double>> rescale(std::size_t(frameCount), {1.0, 0.0});
    DcmItem* shared = firstItem(data, DCM_SharedFunctionalGroupsSequence);
    for (long f = 0; f < frameCount; ++f) {
        DecodedFrame& frame = image.frames[std::size_t(f)];
        auto& [slope, intercept] = rescale[std::size_t(f)];
        readGeometry(data, frame, slope, intercept);
        readGeometry(shared, frame, slope, intercept);
        DcmItem* perFrame = nullptr;
        if (data->findAndGetSequenceItem(DCM_PerFrameFunctionalGroupsSequence, perFrame, f).good())
            readGeometry(perFrame, frame, slope, intercept);
    }
    if (image.colour)
        readColourFrames(file, image);
    else
        readGreyFrames(*data, image, rescale, bitsAllocated, frameBits / 8);
    return image;
}

} // namespace

DecodedImage decodeImage(const std::string& part10Bytes)
{
    if (part10Bytes.size() < 132)
        throw DicomError("unreadable", "too short to be a DICOM file");
    DcmInputBufferStream stream;
    stream.setBuffer(part10Bytes.data(), offile_off_t(part10Bytes.size()));
    stream.setEos();
    DcmFileFormat file;
    file.transferInit();
    const OFCondition status = file.read(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
    file.transferEnd();
    if (status.bad())
        throw DicomError("unreadable", std::string("not a readable DICOM file: ") + status.text());
    return decode(file);
}

DecodedImage decodeImageFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw DicomError("unreadable", "cannot open " + path);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return decodeImage(bytes);
}

} // namespace lumen::dicom
