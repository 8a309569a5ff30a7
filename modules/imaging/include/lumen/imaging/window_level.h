#pragma once
// Window/level: modality values to 8-bit grey, with the presets radiologists use.
#include <cstdint>
#include <string>
#include <vector>

namespace lumen::imaging {

struct WindowLevel
{
    double center = 40;
    double width = 400;
};

struct WindowPreset
{
    std::string key;  // stable id: "lung", "mediastinum", "bone", "brain", "abdomen", "liver"
    std::string name; // English; the app translates by key
    WindowLevel window;
};

// Defaults for CT (keys 1..6 in this order); editable copies live in the user's settings.
std::vector<WindowPreset> defaultCtPresets();

// A window spanning the values' range (NaN skipped), for images that store no window of their
// own; {40, 400} when there is no value at all.
WindowLevel windowSpanning(const float* values, std::size_t count);

// DICOM's linear VOI function (PS3.3 C.11.2.1.2); NaN maps to black; invert for MONOCHROME1
// or the invert tool.
void applyWindow(const float* values, std::size_t count, const WindowLevel& window, bool invert,
                 std::uint8_t* grey);

} // namespace lumen::imaging
