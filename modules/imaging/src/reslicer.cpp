#include "lumen/imaging/reslicer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

namespace lumen::imaging {

namespace {

constexpr float noData = std::numeric_limits<float>::quiet_NaN();

Vec3 cross(const Vec3& a, const Vec3& b)
{
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

double dot(const Vec3& a, const Vec3& b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

Vec3 normalised(Vec3 v)
{
    const double n = std::sqrt(dot(v, v));
    if (n > 0)
        for (double& c : v)
            c /= n;
    return v;
}

// Continuous voxel index of a patient point, and how it changes per mm along a direction.
struct IndexMap
{
    const VolumeGeometry& g;
    Vec3 index(const Vec3& p) const { return g.voxelIndex(p); }
    Vec3 step(const Vec3& direction, double mm) const
    {
        return {dot(direction, g.axes[0]) * mm / g.spacingMm[0],
                dot(direction, g.axes[1]) * mm / g.spacingMm[1],
                dot(direction, g.axes[2]) * mm / g.spacingMm[2]};
    }
};

// Trilinear sample of the stored values at a continuous index; false outside the volume.
// A dimension of one voxel is sampled without interpolation.
inline bool sampleStored(const std::int16_t* v, const std::array<int, 3>& d, std::size_t strideY,
                         std::size_t strideZ, double x, double y, double z, float& out)
{
    constexpr double edge = 1e-6;
    if (x < -edge || y < -edge || z < -edge || x > d[0] - 1 + edge || y > d[1] - 1 + edge ||
        z > d[2] - 1 + edge)
        return false;
    int ix = int(x), iy = int(y), iz = int(z);
    double fx = x - ix, fy = y - iy, fz = z - iz;
    if (ix >= d[0] - 1) {
        ix = std::max(d[0] - 2, 0);
        fx = d[0] > 1 ? 1.0 : 0.0;
    }
    if (iy >= d[1] - 1) {
        iy = std::max(d[1] - 2, 0);
        fy = d[1] > 1 ? 1.0 : 0.0;
    }
    if (iz >= d[2] - 1) {
        iz = std::max(d[2] - 2, 0);
        fz = d[2] > 1 ? 1.0 : 0.0;
    }
    if (ix < 0 || iy < 0 || iz < 0)
        ix = std::max(ix, 0), iy = std::max(iy, 0), iz = std::max(iz, 0);
    const std::size_t dx = d[0] > 1 ? 1 : 0;
    const std::size_t dy = d[1] > 1 ? strideY : 0;
    const std::size_t dz = d[2] > 1 ? strideZ : 0;
    const std::int16_t* p = v + std::size_t(ix) + std::size_t(iy) * strideY + std::size_t(iz) * strideZ;
    const float c00 = float(p[0] + (p[dx] - p[0]) * fx);
    const float c10 = float(p[dy] + (p[dy + dx] - p[dy]) * fx);
    const float c01 = float(p[dz] + (p[dz + dx] - p[dz]) * fx);
    const float c11 = float(p[dz + dy] + (p[dz + dy + dx] - p[dz + dy]) * fx);
    const float c0 = float(c00 + (c10 - c00) * fy);
    const float c1 = float(c01 + (c11 - c01) * fy);
    out = float(c0 + (c1 - c0) * fz);
    return true;
}

template <class Work> void parallelRows(int height, Work work)
{
    const int threads = int(std::max(1u, std::min(std::thread::hardware_concurrency(), 16u)));
    if (threads == 1 || height < 64) {
        work(0, height);
        return;
    }
    std::vector<std::thread> pool;
    const int chunk = (height + threads - 1) / threads;
    for (int t = 1; t < threads; ++t) {
        const int from = t * chunk, to = std::min(height, from + chunk);
        if (from < to)
            pool.emplace_back([&work, from, to] { work(from, to); });
    }
    work(0, std::min(height, chunk));
    for (auto& th : pool)
        th.join();
}

} // namespace

ReslicePlane axialPlane(const Vec3& centreMm, int size, double pixelSpacingMm)
{
    // Seen from the feet: patient's right on the screen's left (+x = L), anterior up (+y = P).
    return {centreMm, {1, 0, 0}, {0, 1, 0}, size, size, pixelSpacingMm, 0, SlabMode::Thin};
}

ReslicePlane coronalPlane(const Vec3& centreMm, int size, double pixelSpacingMm)
{
    // Seen from the front: right on the left, head up (+y on screen = towards the feet).
    return {centreMm, {1, 0, 0}, {0, 0, -1}, size, size, pixelSpacingMm, 0, SlabMode::Thin};
}

ReslicePlane sagittalPlane(const Vec3& centreMm, int size, double pixelSpacingMm)
{
    // Seen from the patient's left: anterior on the left, head up.
    return {centreMm, {0, 1, 0}, {0, 0, -1}, size, size, pixelSpacingMm, 0, SlabMode::Thin};
}

// A slab whose normal runs along a volume axis: project the voxel planes inside it first (a
// running max/min/sum over whole rows, cache friendly and vectorised), then sample that 2D
// projection bilinearly at the output pixels. Exact at voxel planes, several times faster
// than interpolating every sample of every ray.
static bool alignedSlab(const ImageVolume& vol, const ReslicePlane& plane, const Vec3& normal,
                        ResliceImage& out)
{
    const auto& g = vol.geometry;
    int a = -1;
    for (int axis = 0; axis < 3; ++axis)
        if (std::abs(dot(normal, g.axes[std::size_t(axis)])) > 0.99999)
            a = axis;
    if (a < 0)
        return false;
    const auto& d = g.dimensions;
    const Vec3 centreIndex = g.voxelIndex(plane.centreMm);
    const double half = plane.slabThicknessMm / 2 / g.spacingMm[std::size_t(a)];
    const int k0 = std::max(0, int(std::ceil(centreIndex[std::size_t(a)] - half - 1e-6)));
    const int k1 =
        std::min(d[std::size_t(a)] - 1, int(std::floor(centreIndex[std::size_t(a)] + half + 1e-6)));
    if (k0 > k1)
        return true;                                  // the slab lies outside: all NaN
    const int b = a == 0 ? 1 : 0, c = a == 2 ? 1 : 2; // the in-plane axes, in memory order
    const int nb = d[std::size_t(b)], nc = d[std::size_t(c)];
    const std::size_t strides[3] = {1, std::size_t(d[0]), std::size_t(d[0]) * std::size_t(d[1])};
    const bool mip = plane.mode == SlabMode::Mip, minip = plane.mode == SlabMode::MinIp;
    std::vector<float> projected(std::size_t(nb) * std::size_t(nc), mip ? -1e30f : (minip ? 1e30f : 0.0f));
    const std::int16_t* v = vol.voxels.data();
    // Outer loop over the in-plane axis c, split between threads; b is the inner (fastest) one.
    parallelRows(nc, [&](int c0, int c1) {
        for (int ic = c0; ic < c1; ++ic) {
            float* row = projected.data() + std::size_t(ic) * std::size_t(nb);
            for (int k = k0; k <= k1; ++k) {
                const std::int16_t* src = v + std::size_t(k) * strides[a] + std::size_t(ic) * strides[c];
                const std::size_t step = strides[b];
                if (mip)
                    for (int ib = 0; ib < nb; ++ib)
                        row[ib] = std::max(row[ib], float(src[std::size_t(ib) * step]));
                else if (minip)
                    for (int ib = 0; ib < nb; ++ib)
                        row[ib] = std::min(row[ib], float(src[std::size_t(ib) * step]));
                else
                    for (int ib = 0; ib < nb; ++ib)
                        row[ib] += float(src[std::size_t(ib) * step]);
            }
            if (!mip && !minip)
                for (int ib = 0; ib < nb; ++ib)
                    row[ib] /= float(k1 - k0 + 1);
        }
    });
    // Output pixel -> (b, c) index of the projection, incrementally.
    const IndexMap map{g};
    Vec3 corner = plane.centreMm;
    for (int i = 0; i < 3; ++i)
        corner[std::size_t(i)] +=
            -(out.width - 1) / 2.0 * plane.pixelSpacingMm * plane.rowDirection[std::size_t(i)] -
            (out.height - 1) / 2.0 * plane.pixelSpacingMm * plane.columnDirection[std::size_t(i)];
    const Vec3 start = map.index(corner);
    const Vec3 dx = map.step(plane.rowDirection, plane.pixelSpacingMm);
    const Vec3 dy = map.step(plane.columnDirection, plane.pixelSpacingMm);
    const float slope = float(vol.slope), intercept = float(vol.intercept);
    parallelRows(out.height, [&](int y0, int y1) {
        for (int y = y0; y < y1; ++y) {
            double pb = start[std::size_t(b)] + y * dy[std::size_t(b)];
            double pc = start[std::size_t(c)] + y * dy[std::size_t(c)];
            float* row = out.values.data() + std::size_t(y) * std::size_t(out.width);
            for (int x = 0; x < out.width; ++x, pb += dx[std::size_t(b)], pc += dx[std::size_t(c)]) {
                if (pb < -1e-6 || pc < -1e-6 || pb > nb - 1 + 1e-6 || pc > nc - 1 + 1e-6)
                    continue;
                int ib = std::min(int(pb), std::max(nb - 2, 0)), ic = std::min(int(pc), std::max(nc - 2, 0));
                const float fb = nb > 1 ? float(pb - ib) : 0.0f, fc = nc > 1 ? float(pc - ic) : 0.0f;
                const std::size_t db = nb > 1 ? 1 : 0, dc = nc > 1 ? std::size_t(nb) : 0;
                const float* p = projected.data() + std::size_t(ic) * std::size_t(nb) + std::size_t(ib);
                const float top = p[0] + (p[db] - p[0]) * fb;
                const float bottom = p[dc] + (p[dc + db] - p[dc]) * fb;
                row[x] = (top + (bottom - top) * fc) * slope + intercept;
            }
        }
    });
    return true;
}

struct Reslicer::Impl
{
    ImageVolumePtr volume;
};

Reslicer::Reslicer(ImageVolumePtr volume) : m_impl(std::make_unique<Impl>())
{
    m_impl->volume = std::move(volume);
}

Reslicer::~Reslicer() = default;

const ImageVolume& Reslicer::volume() const
{
    return *m_impl->volume;
}

ResliceImage Reslicer::reslice(const ReslicePlane& requested)
{
    const ImageVolume& vol = *m_impl->volume;
    ResliceImage out;
    out.plane = requested;
    out.plane.rowDirection = normalised(requested.rowDirection);
    out.plane.columnDirection = normalised(requested.columnDirection);
    const ReslicePlane& plane = out.plane;
    out.width = std::max(1, plane.width);
    out.height = std::max(1, plane.height);
    out.pixelSpacingMm = plane.pixelSpacingMm;
    out.values.assign(std::size_t(out.width) * std::size_t(out.height), noData);

    const IndexMap map{vol.geometry};
    const Vec3 normal = normalised(cross(plane.rowDirection, plane.columnDirection));
    // Slab samples along the normal at most one voxel apart (the finest spacing), centred.
    const double finest =
        std::min({vol.geometry.spacingMm[0], vol.geometry.spacingMm[1], vol.geometry.spacingMm[2]});
    const bool slab = plane.mode != SlabMode::Thin && plane.slabThicknessMm > finest / 2;
    if (slab && alignedSlab(vol, plane, normalised(cross(plane.rowDirection, plane.columnDirection)), out))
        return out;
    // Along an oblique normal one voxel is crossed every spacing/|component| mm on each axis:
    // sampling at the shortest of those misses no voxel plane.
    const Vec3 sliceNormal = normalised(cross(plane.rowDirection, plane.columnDirection));
    double crossing = 1e300;
    for (int a = 0; a < 3; ++a) {
        const double component = std::abs(dot(sliceNormal, vol.geometry.axes[std::size_t(a)]));
        if (component > 1e-6)
            crossing = std::min(crossing, vol.geometry.spacingMm[std::size_t(a)] / component);
    }
    const double slabStep = std::max(finest, std::min(crossing, 4 * finest));
    const int samples = slab ? int(std::ceil(plane.slabThicknessMm / slabStep)) + 1 : 1;
    const double sampleStepMm = slab ? plane.slabThicknessMm / (samples - 1) : 0;

    Vec3 corner = plane.centreMm;
    for (int c = 0; c < 3; ++c)
        corner[std::size_t(c)] +=
            -(out.width - 1) / 2.0 * plane.pixelSpacingMm * plane.rowDirection[std::size_t(c)] -
            (out.height - 1) / 2.0 * plane.pixelSpacingMm * plane.columnDirection[std::size_t(c)] -
            (slab ? plane.slabThicknessMm / 2 : 0.0) * normal[std::size_t(c)];
    const Vec3 start = map.index(corner);
    const Vec3 dx = map.step(plane.rowDirection, plane.pixelSpacingMm);
    const Vec3 dy = map.step(plane.columnDirection, plane.pixelSpacingMm);
    const Vec3 dn = map.step(normal, sampleStepMm);

    const auto& d = vol.geometry.dimensions;
    const std::size_t strideY = std::size_t(d[0]);
    const std::size_t strideZ = std::size_t(d[0]) * std::size_t(d[1]);
    const std::int16_t* voxels = vol.voxels.data();
    const float slope = float(vol.slope), intercept = float(vol.intercept);
    const SlabMode mode = slab ? plane.mode : SlabMode::Thin;
    const int width = out.width;
    float* result = out.values.data();

    parallelRows(out.height, [&](int y0, int y1) {
        for (int y = y0; y < y1; ++y) {
            double rx = start[0] + y * dy[0], ry = start[1] + y * dy[1], rz = start[2] + y * dy[2];
            float* row = result + std::size_t(y) * std::size_t(width);
            for (int x = 0; x < width; ++x, rx += dx[0], ry += dx[1], rz += dx[2]) {
                float value = 0;
                if (mode == SlabMode::Thin) {
                    if (sampleStored(voxels, d, strideY, strideZ, rx, ry, rz, value))
                        row[x] = value * slope + intercept;
                    continue;
                }
                float best = mode == SlabMode::MinIp ? std::numeric_limits<float>::max()
                                                     : std::numeric_limits<float>::lowest();
                double sum = 0;
                int count = 0;
                double sx = rx, sy = ry, sz = rz;
                for (int s = 0; s < samples; ++s, sx += dn[0], sy += dn[1], sz += dn[2]) {
                    if (!sampleStored(voxels, d, strideY, strideZ, sx, sy, sz, value))
                        continue;
                    ++count;
                    if (mode == SlabMode::Mip)
                        best = std::max(best, value);
                    else if (mode == SlabMode::MinIp)
                        best = std::min(best, value);
                    else
                        sum += value;
                }
                if (count == 0)
                    continue;
                const float stored = mode == SlabMode::Average ? float(sum / count) : best;
                row[x] = stored * slope + intercept;
            }
        }
    });
    return out;
}

ResliceImage curvedReslice(const ImageVolume& volume, const std::vector<Vec3>& pathMm,
                           const Vec3& depthDirection, int height, double pixelSpacingMm)
{
    ResliceImage out;
    out.pixelSpacingMm = pixelSpacingMm;
    out.height = std::max(1, height);
    if (pathMm.size() < 2 || pixelSpacingMm <= 0)
        return out;
    // Points every pixelSpacingMm along the path (arc length), so distances along x are true.
    std::vector<Vec3> samples{pathMm.front()};
    double carried = 0;
    for (std::size_t i = 1; i < pathMm.size(); ++i) {
        const Vec3& a = pathMm[i - 1];
        const Vec3& b = pathMm[i];
        const Vec3 d{b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        const double length = std::sqrt(dot(d, d));
        double t = pixelSpacingMm - carried;
        for (; t <= length; t += pixelSpacingMm)
            samples.push_back({a[0] + d[0] * t / length, a[1] + d[1] * t / length, a[2] + d[2] * t / length});
        carried = length - (t - pixelSpacingMm);
    }
    const Vec3 depth = normalised(depthDirection);
    out.width = int(samples.size());
    out.values.assign(std::size_t(out.width) * std::size_t(out.height), noData);
    for (int x = 0; x < out.width; ++x)
        for (int y = 0; y < out.height; ++y) {
            const double offset = (y - (out.height - 1) / 2.0) * pixelSpacingMm;
            const Vec3& p = samples[std::size_t(x)];
            const double v = volume.sampleAt(
                {p[0] + offset * depth[0], p[1] + offset * depth[1], p[2] + offset * depth[2]});
            out.values[std::size_t(y) * std::size_t(out.width) + std::size_t(x)] = float(v);
        }
    // The plane of a curved image is only nominal: its centre and the depth direction.
    out.plane.centreMm = samples[samples.size() / 2];
    out.plane.columnDirection = depth;
    out.plane.width = out.width;
    out.plane.height = out.height;
    out.plane.pixelSpacingMm = pixelSpacingMm;
    return out;
}

} // namespace lumen::imaging
