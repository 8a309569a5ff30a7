#pragma once
// One JPEG 2000 codestream (bare, or wrapped in a JP2 file as some writers do) decoded by
// OpenJPEG into the layout DICOM keeps uncompressed pixels in. Knows nothing of DCMTK; no
// OpenJPEG type leaves the .cpp.
#include <cstddef>
#include <cstdint>
#include <string>

namespace lumen::dicom::detail {

// What the data set's Image Pixel attributes promise for one frame.
struct J2kFrameLayout
{
    std::uint32_t rows = 0;
    std::uint32_t columns = 0;
    std::uint32_t samplesPerPixel = 1;
    std::uint32_t bitsAllocated = 16; // 8 or 16
    bool pixelSigned = false;         // Pixel Representation 1
    bool colourByPlane = false;       // Planar Configuration 1
};

struct J2kFrameResult
{
    bool ok = false;
    bool irreversible = false; // coded with the 9-7 wavelet: the pixels are not the original ones
    std::string problem;       // why it failed
};

// Rows x Columns x SamplesPerPixel x BitsAllocated/8, or 0 when the layout is unusable
// (no pixels, bits other than 8/16, or larger than one frame may be).
std::size_t j2kFrameBytes(const J2kFrameLayout& layout);

// True when `data` starts like a JPEG 2000 codestream (SOC then SIZ) or a JP2 file: where a
// frame begins among several fragments.
bool startsJ2kFrame(const std::uint8_t* data, std::size_t size);

// Reads only the main header: ok when it describes the frame `layout` promises. Cheap; lets a
// caller refuse a lying object before allocating every frame.
J2kFrameResult checkJ2kFrameHeader(const std::uint8_t* data, std::size_t size, const J2kFrameLayout& layout);

// Decodes into `out`, which must hold j2kFrameBytes(layout) bytes: 16-bit samples in host byte
// order, colour by pixel unless layout.colourByPlane. Samples take the signedness of Pixel
// Representation whatever the codestream says. Fails, writing nothing past `out`, when the
// codestream is broken or its size, components or precision disagree with the layout.
// Safe to call from several threads at once.
J2kFrameResult decodeJ2kFrame(const std::uint8_t* data, std::size_t size, const J2kFrameLayout& layout,
                              std::uint8_t* out);

} // namespace lumen::dicom::detail
