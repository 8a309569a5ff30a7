#include "lumen/viewer/slice_image.h"

#include <lumen/dicom/decoded_image.h>
#include <lumen/imaging/reslicer.h>

#include <cmath>

namespace lumen::viewer {

namespace {

imaging::Vec3 cross(const imaging::Vec3& a, const imaging::Vec3& b)
{
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

} // namespace

imaging::Vec3 SliceImage::patientPoint(double x, double y) const
{
    imaging::Vec3 p = originMm;
    for (int c = 0; c < 3; ++c)
        p[c] += x * spacingXMm * rowDirection[c] + y * spacingYMm * columnDirection[c];
    return p;
}

imaging::Vec3 SliceImage::normal() const
{
    return cross(rowDirection, columnDirection);
}

SliceImage SliceImage::fromFrame(const std::shared_ptr<const dicom::DecodedImage>& image, int frameIndex)
{
    SliceImage s;
    if (!image || frameIndex < 0 || frameIndex >= int(image->frames.size()))
        return s;
    const dicom::DecodedFrame& f = image->frames[std::size_t(frameIndex)];
    s.width = image->columns;
    s.height = image->rows;
    // The frame's pixels live as long as the decoded image: alias them instead of copying.
    if (image->colour)
        s.rgb = std::shared_ptr<const std::vector<std::uint8_t>>(image, &f.rgb);
    else
        s.values = std::shared_ptr<const std::vector<float>>(image, &f.values);
    s.monochrome1 = image->monochrome1;
    s.modalityValuesAreHu = image->modality == "CT";
    if (f.pixelSpacingMm) {
        s.spacingYMm = (*f.pixelSpacingMm)[0];
        s.spacingXMm = (*f.pixelSpacingMm)[1];
    } else if (image->imagerPixelSpacingMm) {
        s.spacingYMm = (*image->imagerPixelSpacingMm)[0];
        s.spacingXMm = (*image->imagerPixelSpacingMm)[1];
    } else if (!image->ultrasoundRegions.empty() && image->ultrasoundRegions.front().physicalDeltaXMm > 0) {
        // Calibrated ultrasound: the first region's deltas (regions of one image share a scale
        // in the common 2D case).
        s.spacingXMm = image->ultrasoundRegions.front().physicalDeltaXMm;
        s.spacingYMm = image->ultrasoundRegions.front().physicalDeltaYMm;
    } else {
        s.spacingKnown = false;
    }
    if (f.imagePositionPatient && f.imageOrientationPatient) {
        s.hasGeometry = true;
        s.originMm = *f.imagePositionPatient;
        const auto& o = *f.imageOrientationPatient;
        s.rowDirection = {o[0], o[1], o[2]};
        s.columnDirection = {o[3], o[4], o[5]};
    }
    s.thicknessMm = f.sliceThicknessMm.value_or(0);
    s.windowCenter = f.windowCenter;
    s.windowWidth = f.windowWidth;
    return s;
}

SliceImage SliceImage::fromReslice(const imaging::ResliceImage& reslice)
{
    SliceImage s;
    s.width = reslice.width;
    s.height = reslice.height;
    s.values = std::make_shared<const std::vector<float>>(reslice.values);
    s.spacingXMm = s.spacingYMm = reslice.pixelSpacingMm;
    s.hasGeometry = true;
    s.rowDirection = reslice.plane.rowDirection;
    s.columnDirection = reslice.plane.columnDirection;
    const double halfW = (reslice.width - 1) / 2.0 * reslice.pixelSpacingMm;
    const double halfH = (reslice.height - 1) / 2.0 * reslice.pixelSpacingMm;
    for (int c = 0; c < 3; ++c)
        s.originMm[c] = reslice.plane.centreMm[c] - halfW * s.rowDirection[c] - halfH * s.columnDirection[c];
    s.thicknessMm = reslice.plane.slabThicknessMm;
    s.modalityValuesAreHu = true;
    return s;
}

} // namespace lumen::viewer
