#pragma once
// Multi-planar reformatting: a plane (or slab) through a volume sampled onto a 2D grid, with
// thin, MIP, MinIP and average modes. The plane is given in patient coordinates so the same
// plane can be cut from any volume sharing the frame of reference. No VTK in this header.
#include "lumen/imaging/image_volume.h"

#include <memory>
#include <vector>

namespace lumen::imaging {

enum class SlabMode { Thin, Mip, MinIp, Average };

struct ReslicePlane
{
    Vec3 centreMm{0, 0, 0};        // patient point at the centre of the output image
    Vec3 rowDirection{1, 0, 0};    // unit, along output x (left to right on screen)
    Vec3 columnDirection{0, 1, 0}; // unit, along output y (top to bottom on screen)
    int width = 512;
    int height = 512;
    double pixelSpacingMm = 1.0; // output pixel size (square)
    double slabThicknessMm = 0;  // 0 or less: thin
    SlabMode mode = SlabMode::Thin;
};

// Output image: values are modality values (HU), NaN outside the volume.
struct ResliceImage
{
    int width = 0;
    int height = 0;
    double pixelSpacingMm = 1.0;
    std::vector<float> values;
    // Patient point of output pixel (x, y) centre: centre + (x - (w-1)/2)*s*row + (y - (h-1)/2)*s*col.
    ReslicePlane plane;
};

// Standard planes through a point, oriented as radiologists expect (LPS):
// axial looks from the feet (patient's right on screen left, anterior up),
// coronal from the front (head up), sagittal from the patient's left (anterior left).
ReslicePlane axialPlane(const Vec3& centreMm, int size, double pixelSpacingMm);
ReslicePlane coronalPlane(const Vec3& centreMm, int size, double pixelSpacingMm);
ReslicePlane sagittalPlane(const Vec3& centreMm, int size, double pixelSpacingMm);

// Reusable and stateful so repeated calls on one volume (dragging) reuse buffers.
// One Reslicer per view; not shared between threads.
class Reslicer
{
public:
    explicit Reslicer(ImageVolumePtr volume);
    ~Reslicer();
    Reslicer(const Reslicer&) = delete;
    Reslicer& operator=(const Reslicer&) = delete;

    const ImageVolume& volume() const;
    ResliceImage reslice(const ReslicePlane& plane);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Curved MPR (CPR): the volume sampled along a path the user drew on one plane.
// pathMm: points in patient space (on one plane); the output's x runs along the path
// (pixelSpacingMm per sample), y along `depthDirection` (unit) for `height` samples.
ResliceImage curvedReslice(const ImageVolume& volume, const std::vector<Vec3>& pathMm,
                           const Vec3& depthDirection, int height, double pixelSpacingMm);

} // namespace lumen::imaging
