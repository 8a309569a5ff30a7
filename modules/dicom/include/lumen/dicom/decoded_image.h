#pragma once
// One stored image object decoded for display and volume assembly: its pixels as modality
// values (rescale applied) or RGB, with the geometry and the attributes a viewer needs.
// Every transfer syntax the archive accepts is decoded (DCMTK JPEG/JPEG-LS/RLE/deflate,
// OpenJPEG for JPEG 2000); registerCodecs() must have run. DCMTK stays behind this header.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumen::dicom {

using Vec3 = std::array<double, 3>;

// A calibrated ultrasound region (Sequence of Ultrasound Regions), in pixel coordinates.
struct UltrasoundRegion
{
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0; // inclusive pixel bounds
    double physicalDeltaXMm = 0;        // mm per pixel (converted from cm when units are cm)
    double physicalDeltaYMm = 0;
    int spatialFormat = 0;
};

struct DecodedFrame
{
    // Grey images: modality values (Rescale Slope/Intercept applied), rows*columns floats.
    std::vector<float> values;
    // Colour images (RGB, YBR_*, PALETTE COLOR converted): rows*columns*3 bytes, RGB order.
    std::vector<std::uint8_t> rgb;
    // Per frame, from the per-frame functional groups for enhanced objects, else the data set.
    std::optional<Vec3> imagePositionPatient;
    std::optional<std::array<double, 6>> imageOrientationPatient;
    std::optional<std::array<double, 2>> pixelSpacingMm; // row spacing, column spacing
    std::optional<double> sliceThicknessMm;
    std::optional<double> windowCenter;
    std::optional<double> windowWidth;
};

struct DecodedImage
{
    std::string sopInstanceUid;
    std::string sopClassUid;
    std::string seriesInstanceUid;
    std::string studyInstanceUid;
    std::string frameOfReferenceUid;
    std::string modality;
    std::string seriesDescription;
    std::string bodyPartExamined;
    std::string patientName; // UTF-8
    std::string patientId;
    std::string patientSex;
    std::string studyDate;
    std::string studyDescription;
    std::string accessionNumber;
    std::string imageType; // backslash-separated, as stored
    int seriesNumber = 0;
    int instanceNumber = 0;
    int acquisitionNumber = 0;
    int rows = 0;
    int columns = 0;
    bool colour = false;       // frames carry rgb instead of values
    bool monochrome1 = false;  // grey where high values are dark: invert the display
    bool signedPixels = false; // Pixel Representation 1
    int bitsStored = 0;
    std::optional<double> gantryTiltDegrees;
    // Imager Pixel Spacing when Pixel Spacing is absent (projection radiography).
    std::optional<std::array<double, 2>> imagerPixelSpacingMm;
    std::vector<UltrasoundRegion> ultrasoundRegions;
    std::vector<DecodedFrame> frames;
};

// Throws DicomError("unreadable" | "no_pixels" | "undecodable" | "bad_frame") with a reason.
DecodedImage decodeImage(const std::string& part10Bytes);
DecodedImage decodeImageFile(const std::string& path);

} // namespace lumen::dicom
