#include "lumen/imaging/image_volume.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lumen::imaging {

namespace {

double dot(const Vec3& a, const Vec3& b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

} // namespace

Vec3 VolumeGeometry::patientPoint(const Vec3& index) const
{
    Vec3 p = originMm;
    for (int a = 0; a < 3; ++a)
        for (int c = 0; c < 3; ++c)
            p[c] += index[a] * spacingMm[a] * axes[a][c];
    return p;
}

// The axes are orthonormal for every volume Lumen builds (tilted stacks are resampled), so the
// inverse is a projection on each axis.
Vec3 VolumeGeometry::voxelIndex(const Vec3& point) const
{
    const Vec3 d{point[0] - originMm[0], point[1] - originMm[1], point[2] - originMm[2]};
    return {dot(d, axes[0]) / spacingMm[0], dot(d, axes[1]) / spacingMm[1], dot(d, axes[2]) / spacingMm[2]};
}

std::int64_t VolumeGeometry::voxelCount() const
{
    return std::int64_t(dimensions[0]) * dimensions[1] * dimensions[2];
}

double ImageVolume::sampleAt(const Vec3& point) const
{
    const Vec3 idx = geometry.voxelIndex(point);
    const auto& d = geometry.dimensions;
    int base[3];
    double frac[3];
    for (int a = 0; a < 3; ++a) {
        // A volume one voxel thick along an axis is sampled there without interpolation.
        if (idx[a] < -0.5 || idx[a] > d[a] - 0.5)
            return std::numeric_limits<double>::quiet_NaN();
        const double clamped = std::clamp(idx[a], 0.0, double(d[a] - 1));
        base[a] = std::min(int(std::floor(clamped)), std::max(d[a] - 2, 0));
        frac[a] = d[a] > 1 ? clamped - base[a] : 0.0;
    }
    double sum = 0;
    for (int corner = 0; corner < 8; ++corner) {
        double weight = 1;
        int at[3];
        for (int a = 0; a < 3; ++a) {
            const int step = (corner >> a) & 1;
            at[a] = std::min(base[a] + step, d[a] - 1);
            weight *= step ? frac[a] : 1 - frac[a];
        }
        if (weight != 0)
            sum += weight * valueAt(at[0], at[1], at[2]);
    }
    return sum;
}

} // namespace lumen::imaging
