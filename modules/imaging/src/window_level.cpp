#include "lumen/imaging/window_level.h"

#include <algorithm>
#include <cmath>

namespace lumen::imaging {

std::vector<WindowPreset> defaultCtPresets()
{
    return {{"lung", "Lung", {-600, 1500}},    {"mediastinum", "Mediastinum", {40, 400}},
            {"bone", "Bone", {400, 1800}},     {"brain", "Brain", {40, 80}},
            {"abdomen", "Abdomen", {60, 400}}, {"liver", "Liver", {60, 160}}};
}

WindowLevel windowSpanning(const float* values, std::size_t count)
{
    float lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < count; ++i)
        if (!std::isnan(values[i])) {
            lo = std::min(lo, values[i]);
            hi = std::max(hi, values[i]);
        }
    if (lo > hi)
        return {};
    return {(double(lo) + hi) / 2, std::max(1.0, double(hi) - lo)};
}

// PS3.3 C.11.2.1.2.1: below c - 0.5 - (w-1)/2 black, above c - 0.5 + (w-1)/2 white, linear
// between. Computed as one multiply-add per pixel.
void applyWindow(const float* values, std::size_t count, const WindowLevel& window, bool invert,
                 std::uint8_t* grey)
{
    const double width = std::max(1.0, window.width);
    const double low = window.center - 0.5 - (width - 1) / 2;
    const float scale = float(255.0 / std::max(width - 1, 1.0));
    const float offset = float(-low * 255.0 / std::max(width - 1, 1.0));
    for (std::size_t i = 0; i < count; ++i) {
        const float v = values[i];
        float g = std::isnan(v) ? 0.0f : v * scale + offset;
        g = g < 0 ? 0 : (g > 255 ? 255 : g);
        const auto out = std::uint8_t(g + 0.5f);
        grey[i] = invert && !std::isnan(v) ? std::uint8_t(255 - out) : out;
    }
}

} // namespace lumen::imaging
