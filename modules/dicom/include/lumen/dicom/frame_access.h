#pragma once
// Pixel data of stored instances for WADO-RS: frames as raw little-endian samples, and frames
// rendered to PNG or JPEG with a window and a size, decoded whatever the transfer syntax it was
// stored in (DCMTK: JPEG, JPEG-LS, RLE; OpenJPEG: JPEG 2000). Frames over 512 MiB are refused.
#include <optional>
#include <string>
#include <vector>

namespace lumen::dicom {

enum class ImageFormat { Png, Jpeg };

struct RenderOptions
{
    int frame = 1; // 1-based
    std::optional<double> windowCenter;
    std::optional<double> windowWidth;
    int maxWidth = 0; // 0 keeps the size; otherwise the image shrinks to fit, aspect kept
    int maxHeight = 0;
    ImageFormat format = ImageFormat::Png;
    int jpegQuality = 90;
};

// Encoded image bytes. Throws DicomError("no_pixels" | "bad_frame" | "undecodable").
std::string renderFrame(const std::string& path, const RenderOptions& options);
// Uncompressed bytes of each requested 1-based frame. Throws DicomError as renderFrame.
std::vector<std::string> readFrames(const std::string& path, const std::vector<int>& frames);

} // namespace lumen::dicom
