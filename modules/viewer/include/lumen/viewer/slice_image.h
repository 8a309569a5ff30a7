#pragma once
// One 2D image ready to show, with its place in patient space: a frame of a stack or an MPR
// reslice. Pixels are shared, never copied per repaint.
#include <lumen/imaging/image_volume.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace lumen::dicom {
struct DecodedImage;
}
namespace lumen::imaging {
struct ResliceImage;
}

namespace lumen::viewer {

struct SliceImage
{
    int width = 0;
    int height = 0;
    std::shared_ptr<const std::vector<float>> values;     // grey: modality values, NaN = no data
    std::shared_ptr<const std::vector<std::uint8_t>> rgb; // colour: width*height*3
    double spacingXMm = 1;                                // between columns
    double spacingYMm = 1;                                // between rows
    bool spacingKnown = true;
    bool monochrome1 = false;
    bool hasGeometry = false;        // the patient-space fields below are valid
    imaging::Vec3 originMm{0, 0, 0}; // centre of pixel (0, 0)
    imaging::Vec3 rowDirection{1, 0, 0};
    imaging::Vec3 columnDirection{0, 1, 0};
    double thicknessMm = 0;
    std::optional<double> windowCenter;
    std::optional<double> windowWidth;
    bool modalityValuesAreHu = false;

    bool isColour() const { return rgb != nullptr; }
    float valueAt(int x, int y) const
    {
        return (*values)[std::size_t(y) * std::size_t(width) + std::size_t(x)];
    }
    imaging::Vec3 patientPoint(double x, double y) const;
    imaging::Vec3 normal() const;

    static SliceImage fromFrame(const std::shared_ptr<const dicom::DecodedImage>& image, int frameIndex);
    static SliceImage fromReslice(const imaging::ResliceImage& reslice);
};

} // namespace lumen::viewer
