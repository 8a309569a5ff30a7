#include "lumen/dicom/frame_access.h"

#include "lumen/dicom/instance_attributes.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcpixel.h"
// diplugin.h uses the export macro of didefine.h without including it: keep this order.
// clang-format off
#include "dcmtk/dcmimgle/dcmimage.h"
#include "dcmtk/dcmimgle/didefine.h"
#include "dcmtk/dcmimage/diregist.h" // colour images
#include "dcmtk/dcmimage/dipipng.h"
#include "dcmtk/dcmjpeg/dipijpeg.h"
// clang-format on

#include <cstdint>
#include <cstdio>
#include <memory>

namespace lumen::dicom {

namespace {

// Real frames (mammography, DX) are well under 100 MiB; decoders need several times a frame.
constexpr std::uint64_t maxFrameBytes = std::uint64_t(512) << 20;

std::unique_ptr<DcmFileFormat> load(const std::string& path)
{
    auto file = std::make_unique<DcmFileFormat>();
    if (file->loadFile(path.c_str()).bad())
        throw DicomError("unreadable", "cannot read the stored object");
    return file;
}

// Rows x Columns x Samples x Bits Allocated / 8 computed wide: DCMTK 3.6.7 computes it in
// 32 bits and overflows on absurd attributes, and every buffer below is sized from it.
std::uint64_t checkedFrameBytes(DcmDataset& data)
{
    Uint16 rows = 0, columns = 0, samples = 1, bitsAllocated = 0;
    data.findAndGetUint16(DCM_Rows, rows);
    data.findAndGetUint16(DCM_Columns, columns);
    data.findAndGetUint16(DCM_SamplesPerPixel, samples);
    data.findAndGetUint16(DCM_BitsAllocated, bitsAllocated);
    const std::uint64_t bits = std::uint64_t(rows) * columns * samples * bitsAllocated;
    if (bits == 0)
        throw DicomError("undecodable", "the image has no rows, columns, samples or bits allocated");
    if (bits / 8 > maxFrameBytes)
        throw DicomError("undecodable", "a frame of " + std::to_string(columns) + "x" + std::to_string(rows) +
                                            " is larger than the archive decodes");
    return (bits + 7) / 8;
}

// DCMTK's plugins write to a FILE*; an in-memory stream gives the bytes back.
template <class Plugin> std::string encode(DicomImage& image, Plugin& plugin)
{
    char* buffer = nullptr;
    std::size_t size = 0;
    FILE* stream = ::open_memstream(&buffer, &size);
    if (!stream)
        throw DicomError("undecodable", "out of memory");
    const int ok = image.writePluginFormat(&plugin, stream, 0);
    std::fclose(stream);
    std::string bytes(buffer ? buffer : "", size);
    std::free(buffer);
    if (!ok)
        throw DicomError("undecodable", "the image could not be encoded");
    return bytes;
}

} // namespace

std::string renderFrame(const std::string& path, const RenderOptions& options)
{
    const auto file = load(path);
    DcmDataset* data = file->getDataset();
    if (!data->tagExists(DCM_PixelData))
        throw DicomError("no_pixels", "the object has no pixel data");
    long frames = 1;
    data->findAndGetLongInt(DCM_NumberOfFrames, frames);
    if (options.frame < 1 || options.frame > std::max(1L, frames))
        throw DicomError("bad_frame", "frame " + std::to_string(options.frame) + " does not exist");
    checkedFrameBytes(*data); // before DicomImage allocates a frame

    DicomImage image(file.get(), data->getOriginalXfer(), CIF_UsePartialAccessToPixelData,
                     unsigned(options.frame - 1), 1);
    if (image.getStatus() != EIS_Normal)
        throw DicomError("undecodable", std::string("cannot decode the pixel data: ") +
                                            DicomImage::getString(image.getStatus()));
    if (image.isMonochrome()) {
        if (options.windowCenter && options.windowWidth)
            image.setWindow(*options.windowCenter, *options.windowWidth);
        else if (image.getWindowCount() > 0)
            image.setWindow(0); // the first window the modality stored
        else
            image.setMinMaxWindow();
    }
    DicomImage* output = &image;
    std::unique_ptr<DicomImage> scaled;
    const auto width = image.getWidth(), height = image.getHeight();
    if ((options.maxWidth > 0 && width > unsigned(options.maxWidth)) ||
        (options.maxHeight > 0 && height > unsigned(options.maxHeight))) {
        const double sx = options.maxWidth > 0 ? double(options.maxWidth) / width : 1.0;
        const double sy = options.maxHeight > 0 ? double(options.maxHeight) / height : 1.0;
        const double s = std::min(sx, sy);
        scaled.reset(image.createScaledImage(std::max(1UL, (unsigned long)(width * s)),
                                             std::max(1UL, (unsigned long)(height * s)), 1 /*interpolate*/));
        if (!scaled)
            throw DicomError("undecodable", "the image could not be scaled");
        output = scaled.get();
    }
    if (options.format == ImageFormat::Jpeg) {
        DiJPEGPlugin plugin;
        plugin.setQuality(unsigned(std::clamp(options.jpegQuality, 1, 100)));
        return encode(*output, plugin);
    }
    DiPNGPlugin plugin;
    plugin.setInterlaceType(E_pngInterlaceNone); // smaller, and drawn at once by viewers
    return encode(*output, plugin);
}

std::vector<std::string> readFrames(const std::string& path, const std::vector<int>& frameNumbers)
{
    const auto file = load(path);
    DcmDataset* data = file->getDataset();
    DcmElement* element = nullptr;
    if (data->findAndGetElement(DCM_PixelData, element).bad() || !element)
        throw DicomError("no_pixels", "the object has no pixel data");
    long frames = 1;
    data->findAndGetLongInt(DCM_NumberOfFrames, frames);
    Uint32 frameSize = 0;
    if (element->getUncompressedFrameSize(data, frameSize).bad() || frameSize != checkedFrameBytes(*data))
        throw DicomError("undecodable", "the frame size cannot be determined");
    std::vector<std::string> out;
    for (int frame : frameNumbers) {
        if (frame < 1 || frame > std::max(1L, frames))
            throw DicomError("bad_frame", "frame " + std::to_string(frame) + " does not exist");
        // DCMTK wants room for a pad byte after an odd-sized frame.
        std::string bytes(frameSize + (frameSize & 1), '\0');
        Uint32 startFragment = 0;
        OFString colourModel;
        const OFCondition decoded = element->getUncompressedFrame(
            data, Uint32(frame - 1), startFragment, bytes.data(), Uint32(bytes.size()), colourModel);
        if (decoded.bad())
            throw DicomError("undecodable",
                             "frame " + std::to_string(frame) + " cannot be decoded: " + decoded.text());
        bytes.resize(frameSize);
        out.push_back(std::move(bytes));
    }
    return out;
}

} // namespace lumen::dicom
