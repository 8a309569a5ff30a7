#include "lumen/viewer/view_state.h"

#include <algorithm>

namespace lumen::viewer {

QJsonObject ViewState::toJson() const
{
    return QJsonObject{{"windowCenter", windowCenter},
                       {"windowWidth", windowWidth},
                       {"zoom", zoom},
                       {"panX", panPixels.x()},
                       {"panY", panPixels.y()},
                       {"quarterTurns", quarterTurns},
                       {"flipHorizontal", flipHorizontal},
                       {"flipVertical", flipVertical},
                       {"invert", invert},
                       {"frame", frame}};
}

ViewState ViewState::fromJson(const QJsonObject& json)
{
    ViewState s;
    auto number = [&](const char* key, double fallback) {
        const auto v = json.value(QLatin1String(key));
        return v.isDouble() ? v.toDouble() : fallback;
    };
    auto flag = [&](const char* key, bool fallback) {
        const auto v = json.value(QLatin1String(key));
        return v.isBool() ? v.toBool() : fallback;
    };
    s.windowCenter = number("windowCenter", s.windowCenter);
    s.windowWidth = std::max(1.0, number("windowWidth", s.windowWidth));
    s.zoom = std::clamp(number("zoom", s.zoom), 0.05, 50.0);
    s.panPixels = QPointF(number("panX", 0), number("panY", 0));
    s.quarterTurns = ((int(number("quarterTurns", 0)) % 4) + 4) % 4;
    s.flipHorizontal = flag("flipHorizontal", false);
    s.flipVertical = flag("flipVertical", false);
    s.invert = flag("invert", false);
    s.frame = std::max(0, int(number("frame", 0)));
    return s;
}

} // namespace lumen::viewer
