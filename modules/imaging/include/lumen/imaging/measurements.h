#pragma once
// Measurement math in image space with real pixel spacing. Points are continuous pixel
// coordinates (x right, y down) of a 2D image whose pixels are spacingMm apart.
#include <array>
#include <optional>
#include <vector>

namespace lumen::imaging {

struct Point2
{
    double x = 0;
    double y = 0;
};
struct PixelSpacing
{
    double xMm = 1;
    double yMm = 1;
    bool known = true;
};

double lengthMm(Point2 a, Point2 b, PixelSpacing spacing);
// Angle at vertex between rays vertex->a and vertex->b, degrees in [0, 180].
double angleDegrees(Point2 a, Point2 vertex, Point2 b, PixelSpacing spacing);
// Cobb angle between line (a1,a2) and line (b1,b2), degrees in [0, 90].
double cobbAngleDegrees(Point2 a1, Point2 a2, Point2 b1, Point2 b2, PixelSpacing spacing);
// Cardiothoracic ratio: widest heart diameter over widest thoracic diameter (horizontal spans).
double cardiothoracicRatio(Point2 heartLeft, Point2 heartRight, Point2 chestLeft, Point2 chestRight);

struct RoiStatistics
{
    double areaMm2 = 0; // pixels^2 when spacing unknown
    double mean = 0;
    double standardDeviation = 0;
    double minimum = 0;
    double maximum = 0;
    int pixelCount = 0;
};

enum class RoiShape { Rectangle, Ellipse, Polygon };

// Statistics of the pixels whose centres lie inside the shape. Rectangle/Ellipse take the two
// corners of the bounding box; Polygon takes its vertices. NaN pixels are skipped.
RoiStatistics roiStatistics(RoiShape shape, const std::vector<Point2>& points, const float* values, int width,
                            int height, PixelSpacing spacing);

} // namespace lumen::imaging
