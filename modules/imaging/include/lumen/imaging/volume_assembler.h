#pragma once
// Turns the decoded images of a series into display stacks and volumes with their true
// geometry: slices sorted by position along the normal (never by file order or instance
// number alone), mixed series split (orientation, size, acquisition), uneven gaps resampled
// onto a regular grid, oblique orientation kept, gantry tilt detected and corrected by
// resampling (or refused when asked), multi-frame objects expanded frame by frame.
#include "lumen/imaging/image_volume.h"

#include <lumen/dicom/decoded_image.h>

#include <memory>
#include <string>
#include <vector>

namespace lumen::imaging {

// One displayable 2D frame of a stack, in acquisition geometry.
struct StackFrame
{
    std::shared_ptr<const dicom::DecodedImage> image;
    int frameIndex = 0; // 0-based frame inside image
    Vec3 positionMm{0, 0, 0};
    double distanceAlongNormalMm = 0;
};

// Frames that belong together: same orientation and size, sorted along the normal.
struct ImageStack
{
    std::string label; // series description plus, after a split, what made it distinct
    std::vector<StackFrame> frames;
    bool volumeCapable = false; // >= 3 parallel frames with geometry
    std::string notVolumeReason;
};

enum class TiltPolicy { Correct, Refuse };

struct AssemblyOptions
{
    TiltPolicy tilt = TiltPolicy::Correct;
    // Gaps differing from the median by more than this fraction are resampled.
    double unevenTolerance = 0.05;
};

// Groups and sorts. Thread-safe; no VTK.
std::vector<ImageStack> buildStacks(const std::vector<std::shared_ptr<const dicom::DecodedImage>>& images);

// Builds the volume of a stack. Throws std::runtime_error with a reason a radiologist can read
// ("gantry tilt 12.0 deg: MPR refused by setting", "only 2 slices").
ImageVolume assembleVolume(const ImageStack& stack, const AssemblyOptions& options = {});

} // namespace lumen::imaging
