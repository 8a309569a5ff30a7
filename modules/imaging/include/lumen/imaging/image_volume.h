#pragma once
// A grey volume on a regular grid in patient space (LPS, mm): voxel (i, j, k) lies at
// origin + i*spacing[0]*axis[0] + j*spacing[1]*axis[1] + k*spacing[2]*axis[2].
// axis[0] is the image row direction (along columns' index i), axis[1] the column direction,
// axis[2] the slice normal in the direction of increasing k. Voxels are int16 "stored
// values"; value = stored * slope + intercept (CT: slope 1, intercept 0, i.e. HU).
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lumen::imaging {

using Vec3 = std::array<double, 3>;

struct VolumeGeometry
{
    std::array<int, 3> dimensions{0, 0, 0}; // columns, rows, slices
    Vec3 spacingMm{1, 1, 1};
    Vec3 originMm{0, 0, 0};                                                // centre of voxel (0,0,0)
    std::array<Vec3, 3> axes{Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}}; // unit vectors

    Vec3 patientPoint(const Vec3& voxelIndex) const;   // continuous index -> patient mm
    Vec3 voxelIndex(const Vec3& patientPointMm) const; // patient mm -> continuous index
    std::int64_t voxelCount() const;
};

struct ImageVolume
{
    VolumeGeometry geometry;
    std::vector<std::int16_t> voxels; // x fastest, then y, then z
    double slope = 1;
    double intercept = 0;
    bool monochrome1 = false;
    bool spacingKnown = true; // false when no Pixel Spacing: measurements are in pixels
    double defaultWindowCenter = 40;
    double defaultWindowWidth = 400;
    std::string modality;
    std::string frameOfReferenceUid;
    std::string seriesInstanceUid;
    std::vector<std::string> warnings; // e.g. "gantry tilt 15.0 deg corrected"

    double valueAt(int i, int j, int k) const
    {
        const auto& d = geometry.dimensions;
        return voxels[std::size_t(i) +
                      std::size_t(d[0]) * (std::size_t(j) + std::size_t(d[1]) * std::size_t(k))] *
                   slope +
               intercept;
    }
    // Trilinear sample at a patient point; NaN outside the volume.
    double sampleAt(const Vec3& patientPointMm) const;
};

using ImageVolumePtr = std::shared_ptr<const ImageVolume>;

} // namespace lumen::imaging
