#pragma once
// Volume rendering of an ImageVolume as a VTK scene built from a plain view state: presets
// (CT bone, soft tissue, angiography, MIP), a camera turned by azimuth/elevation, a clipping
// box in patient mm, lower quality while interacting, and a "virtual scalpel" that cuts away
// what projects inside a polygon drawn on the screen, with undo. VTK stays behind the pimpl;
// the viewer's bridge widget only hands over its render window.
#include "lumen/imaging/image_volume.h"

#include <array>
#include <memory>
#include <optional>
#include <vector>

class vtkRenderer;

namespace lumen::imaging {

enum class VolumePreset { Bone, SoftTissue, Angiography, Mip };

struct VolumeViewState
{
    VolumePreset preset = VolumePreset::Bone;
    double azimuthDegrees = 0;   // about the patient's head-feet axis
    double elevationDegrees = 0; // towards the head
    double zoom = 1.0;
    double panX = 0;                                // fractions of the view, right
    double panY = 0;                                // and up
    std::optional<std::array<double, 6>> clipBoxMm; // xmin, xmax, ymin, ymax, zmin, zmax (LPS)
    bool interacting = false;                       // lower quality for speed
    bool operator==(const VolumeViewState&) const = default;
};

class VolumeScene
{
public:
    VolumeScene();
    ~VolumeScene();
    VolumeScene(const VolumeScene&) = delete;
    VolumeScene& operator=(const VolumeScene&) = delete;

    void setVolume(ImageVolumePtr volume);
    ImageVolumePtr volume() const;
    void setState(const VolumeViewState& state);
    const VolumeViewState& state() const;
    // The scene's renderer, for the render window the viewer owns.
    vtkRenderer* renderer() const;
    // The patient box of the volume: xmin, xmax, ymin, ymax, zmin, zmax.
    std::array<double, 6> boundsMm() const;

    // Cuts away every voxel whose centre projects inside `polygon` (view pixels, origin top
    // left) through the current camera of a view `width` x `height`. Returns voxels removed.
    std::int64_t cut(const std::vector<std::array<double, 2>>& polygon, int width, int height);
    bool undoCut();
    int cutCount() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace lumen::imaging
