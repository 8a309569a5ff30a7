#pragma once
// What a viewport shows and how: plain data the tools edit, so co-viewing can send it over
// the wire and a layout can restore it.
#include <QJsonObject>
#include <QPointF>

namespace lumen::viewer {

struct ViewState
{
    double windowCenter = 40;
    double windowWidth = 400;
    double zoom = 1.0;    // 1: the image fits the viewport
    QPointF panPixels;    // screen offset of the image centre from the viewport centre
    int quarterTurns = 0; // clockwise, 0..3
    bool flipHorizontal = false;
    bool flipVertical = false;
    bool invert = false;
    int frame = 0;

    QJsonObject toJson() const;
    // Missing or wrong-typed members keep their defaults.
    static ViewState fromJson(const QJsonObject& json);
    bool operator==(const ViewState&) const = default;
};

} // namespace lumen::viewer
