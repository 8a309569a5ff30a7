#include "lumen/imaging/volume_assembler.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <tuple>

namespace lumen::imaging {

namespace {

constexpr double orientationTolerance = 1e-3;
// Frames closer than this along the normal are duplicates (e.g. two acquisitions): split.
constexpr double samePositionMm = 1e-3;

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

Vec3 minus(const Vec3& a, const Vec3& b)
{
    return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}

// What must be equal for frames to stack: size, colour, orientation (rounded), spacing.
struct StackKey
{
    std::string series;
    int rows = 0;
    int columns = 0;
    bool colour = false;
    std::array<long, 6> orientation{};
    std::array<long, 2> spacing{};
    bool hasGeometry = false;
    bool operator<(const StackKey& o) const
    {
        return std::tie(series, rows, columns, colour, orientation, spacing, hasGeometry) <
               std::tie(o.series, o.rows, o.columns, o.colour, o.orientation, o.spacing, o.hasGeometry);
    }
};

StackKey keyOf(const dicom::DecodedImage& image, const dicom::DecodedFrame& frame)
{
    StackKey k;
    k.series = image.seriesInstanceUid;
    k.rows = image.rows;
    k.columns = image.columns;
    k.colour = image.colour;
    k.hasGeometry = frame.imagePositionPatient && frame.imageOrientationPatient;
    if (frame.imageOrientationPatient)
        for (int i = 0; i < 6; ++i)
            k.orientation[std::size_t(i)] =
                std::lround((*frame.imageOrientationPatient)[std::size_t(i)] / orientationTolerance);
    if (frame.pixelSpacingMm)
        for (int i = 0; i < 2; ++i)
            k.spacing[std::size_t(i)] = std::lround((*frame.pixelSpacingMm)[std::size_t(i)] * 1000);
    return k;
}

std::string describe(const dicom::DecodedImage& image, const StackKey& key, bool split)
{
    std::ostringstream label;
    label << (image.seriesDescription.empty() ? image.modality : image.seriesDescription);
    if (split) {
        label << " (" << key.columns << "x" << key.rows;
        if (key.hasGeometry) {
            const Vec3 n =
                cross({key.orientation[0] * orientationTolerance, key.orientation[1] * orientationTolerance,
                       key.orientation[2] * orientationTolerance},
                      {key.orientation[3] * orientationTolerance, key.orientation[4] * orientationTolerance,
                       key.orientation[5] * orientationTolerance});
            const double ax = std::abs(n[0]), ay = std::abs(n[1]), az = std::abs(n[2]);
            label << (az >= ax && az >= ay ? " axial" : (ay >= ax ? " coronal" : " sagittal"));
        }
        label << ")";
    }
    return label.str();
}

int threadCount()
{
    return int(std::max(1u, std::min(std::thread::hardware_concurrency(), 16u)));
}

// Splits [0, count) between threads; work(from, to, threadIndex).
template <class Work> void parallelFor(int count, Work work)
{
    const int threads = std::min(threadCount(), std::max(1, count));
    std::vector<std::thread> pool;
    const int chunk = (count + threads - 1) / threads;
    for (int t = 1; t < threads; ++t)
        if (t * chunk < count)
            pool.emplace_back(
                [&work, t, chunk, count] { work(t * chunk, std::min(count, (t + 1) * chunk), t); });
    work(0, std::min(count, chunk), 0);
    for (auto& th : pool)
        th.join();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

std::vector<ImageStack> buildStacks(const std::vector<std::shared_ptr<const dicom::DecodedImage>>& images)
{
    std::map<StackKey, std::vector<StackFrame>> groups;
    std::map<StackKey, const dicom::DecodedImage*> firstImage;
    for (const auto& image : images) {
        if (!image)
            continue;
        for (int f = 0; f < int(image->frames.size()); ++f) {
            const auto& frame = image->frames[std::size_t(f)];
            const StackKey key = keyOf(*image, frame);
            StackFrame sf;
            sf.image = image;
            sf.frameIndex = f;
            if (key.hasGeometry) {
                const auto& o = *frame.imageOrientationPatient;
                const Vec3 normal = normalised(cross({o[0], o[1], o[2]}, {o[3], o[4], o[5]}));
                sf.positionMm = *frame.imagePositionPatient;
                sf.distanceAlongNormalMm = dot(sf.positionMm, normal);
            }
            groups[key].push_back(sf);
            firstImage.emplace(key, image.get());
        }
    }
    std::vector<ImageStack> stacks;
    std::map<std::string, int> stacksPerSeries;
    for (const auto& [key, frames] : groups)
        ++stacksPerSeries[key.series];
    for (auto& [key, frames] : groups) {
        // True geometry decides the order; without it, instance number then frame.
        std::stable_sort(frames.begin(), frames.end(), [&](const StackFrame& a, const StackFrame& b) {
            if (key.hasGeometry &&
                std::abs(a.distanceAlongNormalMm - b.distanceAlongNormalMm) > samePositionMm)
                return a.distanceAlongNormalMm < b.distanceAlongNormalMm;
            if (a.image->instanceNumber != b.image->instanceNumber)
                return a.image->instanceNumber < b.image->instanceNumber;
            return a.frameIndex < b.frameIndex;
        });
        ImageStack stack;
        stack.label = describe(*firstImage[key], key, stacksPerSeries[key.series] > 1);
        stack.frames = std::move(frames);
        if (!key.hasGeometry)
            stack.notVolumeReason = "no image position or orientation";
        else if (key.colour)
            stack.notVolumeReason = "colour images";
        else if (stack.frames.size() < 3)
            stack.notVolumeReason = "fewer than 3 slices";
        else {
            bool duplicates = false;
            for (std::size_t i = 1; i < stack.frames.size(); ++i)
                if (std::abs(stack.frames[i].distanceAlongNormalMm -
                             stack.frames[i - 1].distanceAlongNormalMm) <= samePositionMm)
                    duplicates = true;
            if (duplicates)
                stack.notVolumeReason = "several images at one position (repeated acquisitions)";
        }
        stack.volumeCapable = stack.notVolumeReason.empty();
        stacks.push_back(std::move(stack));
    }
    // The biggest stack of a series first: that is what a viewport shows by default.
    std::stable_sort(stacks.begin(), stacks.end(), [](const ImageStack& a, const ImageStack& b) {
        return a.frames.size() > b.frames.size();
    });
    return stacks;
}

ImageVolume assembleVolume(const ImageStack& stack, const AssemblyOptions& options)
{
    if (!stack.volumeCapable)
        throw std::runtime_error("not a volume: " + stack.notVolumeReason);
    const auto& first = *stack.frames.front().image;
    const auto& firstFrame = first.frames[std::size_t(stack.frames.front().frameIndex)];
    const auto& o = *firstFrame.imageOrientationPatient;
    const Vec3 row = normalised({o[0], o[1], o[2]});
    const Vec3 column = normalised({o[3], o[4], o[5]});
    const Vec3 normal = normalised(cross(row, column));
    const double spacingRow =
        firstFrame.pixelSpacingMm ? (*firstFrame.pixelSpacingMm)[0] : 1.0; // between rows
    const double spacingColumn = firstFrame.pixelSpacingMm ? (*firstFrame.pixelSpacingMm)[1] : 1.0;
    const int width = first.columns, height = first.rows;
    const std::size_t n = stack.frames.size();

    ImageVolume volume;
    volume.modality = first.modality;
    volume.frameOfReferenceUid = first.frameOfReferenceUid;
    volume.seriesInstanceUid = first.seriesInstanceUid;
    volume.monochrome1 = first.monochrome1;
    volume.spacingKnown = firstFrame.pixelSpacingMm.has_value();
    if (firstFrame.windowCenter && firstFrame.windowWidth) {
        volume.defaultWindowCenter = *firstFrame.windowCenter;
        volume.defaultWindowWidth = *firstFrame.windowWidth;
    }

    // Gantry tilt: the positions step off the normal. The in-plane shift per slice is what
    // the tilt amounts to; it is corrected by shifting each slice back (a shear resample).
    const Vec3 p0 = stack.frames.front().positionMm;
    const Vec3 pN = stack.frames.back().positionMm;
    const Vec3 along = minus(pN, p0);
    const double alongNormal = dot(along, normal);
    const double shearRow = alongNormal != 0 ? dot(along, row) / alongNormal : 0;
    const double shearColumn = alongNormal != 0 ? dot(along, column) / alongNormal : 0;
    const double tiltDegrees = std::atan(std::hypot(shearRow, shearColumn)) * 180.0 / 3.14159265358979;
    const bool tilted = tiltDegrees > 0.5;
    if (tilted) {
        std::ostringstream why;
        why.setf(std::ios::fixed);
        why.precision(1);
        why << "gantry tilt " << tiltDegrees << " deg";
        if (options.tilt == TiltPolicy::Refuse)
            throw std::runtime_error(why.str() + ": MPR refused by setting");
        volume.warnings.push_back(why.str() + " corrected");
    }

    // Gaps along the normal: a regular grid at the median gap; uneven stacks are resampled.
    std::vector<double> positions(n);
    for (std::size_t i = 0; i < n; ++i)
        positions[i] = dot(minus(stack.frames[i].positionMm, p0), normal);
    std::vector<double> gaps;
    for (std::size_t i = 1; i < n; ++i)
        gaps.push_back(positions[i] - positions[i - 1]);
    const double typicalGap = median(gaps);
    if (typicalGap <= 0)
        throw std::runtime_error("slices do not advance along their normal");
    bool uneven = false;
    for (double g : gaps)
        if (std::abs(g - typicalGap) > options.unevenTolerance * typicalGap)
            uneven = true;
    const double spacingSlice = uneven ? *std::min_element(gaps.begin(), gaps.end()) : typicalGap;
    const double extent = positions.back();
    // Rounded when within a thousandth of a slice: decimal strings leave such residues.
    const double steps = extent / spacingSlice;
    const int slices =
        uneven ? int(std::abs(steps - std::round(steps)) < 1e-3 ? std::lround(steps) : std::floor(steps)) + 1
               : int(n);
    if (uneven)
        volume.warnings.push_back("uneven slice spacing resampled to " + std::to_string(spacingSlice) +
                                  " mm");

    // Values: one int16 scale for the whole volume, exact for integer data that fits.
    // One pass over every value, shared between threads: the range and whether all are integers.
    struct Range
    {
        float lo = INFINITY, hi = -INFINITY;
        bool integral = true;
    };
    std::vector<Range> ranges(static_cast<std::size_t>(threadCount()));
    parallelFor(int(n), [&](int from, int to, int thread) {
        // Locals, written back once: neighbouring Range entries share a cache line.
        Range r;
        for (int f = from; f < to; ++f)
            for (float v : stack.frames[std::size_t(f)]
                               .image->frames[std::size_t(stack.frames[std::size_t(f)].frameIndex)]
                               .values) {
                r.lo = std::min(r.lo, v);
                r.hi = std::max(r.hi, v);
                r.integral = r.integral && v == std::floor(v);
            }
        ranges[std::size_t(thread)] = r;
    });
    float lo = INFINITY, hi = -INFINITY;
    bool integral = true;
    for (const Range& r : ranges) {
        lo = std::min(lo, r.lo);
        hi = std::max(hi, r.hi);
        integral = integral && r.integral;
    }
    if (integral && lo >= -32768 && hi <= 32767) {
        volume.slope = 1;
        volume.intercept = 0;
    } else {
        volume.intercept = (double(lo) + hi) / 2;
        volume.slope = std::max((double(hi) - lo) / 65000.0, integral ? 1.0 : 1e-9);
    }

    VolumeGeometry& g = volume.geometry;
    g.dimensions = {width, height, slices};
    g.spacingMm = {spacingColumn, spacingRow, spacingSlice};
    g.axes = {row, column, normal};
    // The corrected grid starts where the first slice is; later slices are shifted back.
    g.originMm = p0;
    volume.voxels.assign(std::size_t(width) * std::size_t(height) * std::size_t(slices), 0);

    auto store = [&](double value) -> std::int16_t {
        const double s = std::round((value - volume.intercept) / volume.slope);
        return std::int16_t(std::clamp(s, -32768.0, 32767.0));
    };
    const std::size_t plane = std::size_t(width) * std::size_t(height);
    // Which acquired slices each grid slice lies between (sequential), then the slices in parallel.
    struct Between
    {
        std::size_t s0, s1;
        double t, z;
    };
    std::vector<Between> between(static_cast<std::size_t>(slices));
    std::size_t source = 0;
    for (int k = 0; k < slices; ++k) {
        const double z = k * spacingSlice;
        while (source + 1 < n && positions[source + 1] < z - 1e-6)
            ++source;
        const std::size_t s0 = source, s1 = std::min(source + 1, n - 1);
        const double span = positions[s1] - positions[s0];
        double t = span > 0 ? std::clamp((z - positions[s0]) / span, 0.0, 1.0) : 0.0;
        // A regular stack maps slice to slice: rounding must not turn that into interpolation.
        if (!uneven)
            between[std::size_t(k)] = {std::size_t(k), std::size_t(k), 0.0, positions[std::size_t(k)]};
        else if (t < 1e-6)
            between[std::size_t(k)] = {s0, s0, 0.0, z};
        else if (t > 1 - 1e-6)
            between[std::size_t(k)] = {s1, s1, 0.0, z};
        else
            between[std::size_t(k)] = {s0, s1, t, z};
    }
    const bool exact = volume.slope == 1 && volume.intercept == 0;
    parallelFor(slices, [&](int from, int to, int) {
        for (int k = from; k < to; ++k) {
            const auto [s0, s1, t, z] = between[std::size_t(k)];
            const auto& a = stack.frames[s0].image->frames[std::size_t(stack.frames[s0].frameIndex)].values;
            const auto& b = stack.frames[s1].image->frames[std::size_t(stack.frames[s1].frameIndex)].values;
            std::int16_t* out = volume.voxels.data() + std::size_t(k) * plane;
            if (!tilted) {
                if (t == 0 && exact)
                    for (std::size_t i = 0; i < plane; ++i)
                        out[i] = std::int16_t(a[i]); // integers within int16: exact
                else
                    for (std::size_t i = 0; i < plane; ++i)
                        out[i] = store(t == 0 ? a[i] : a[i] * (1 - t) + b[i] * t);
                continue;
            }
            // Slice k's pixels sit shifted in-plane by z * shear; sample them back onto the grid.
            const double dx = z * shearRow / spacingColumn;
            const double dy = z * shearColumn / spacingRow;
            for (int y = 0; y < height; ++y)
                for (int x = 0; x < width; ++x) {
                    const double sx = x - dx, sy = y - dy;
                    const int x0 = int(std::floor(sx)), y0 = int(std::floor(sy));
                    const double fx = sx - x0, fy = sy - y0;
                    double value = 0, weight = 0;
                    for (int c = 0; c < 4; ++c) {
                        const int xi = x0 + (c & 1), yi = y0 + (c >> 1);
                        if (xi < 0 || yi < 0 || xi >= width || yi >= height)
                            continue;
                        const double w = ((c & 1) ? fx : 1 - fx) * ((c >> 1) ? fy : 1 - fy);
                        const std::size_t idx = std::size_t(yi) * std::size_t(width) + std::size_t(xi);
                        value += w * (a[idx] * (1 - t) + b[idx] * t);
                        weight += w;
                    }
                    out[std::size_t(y) * std::size_t(width) + std::size_t(x)] =
                        store(weight > 0 ? value / weight : lo);
                }
        }
    });
    return volume;
}

} // namespace lumen::imaging
