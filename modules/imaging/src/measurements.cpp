#include "lumen/imaging/measurements.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lumen::imaging {

namespace {

// A pixel step in mm (or pixels when the spacing is unknown).
Point2 physical(Point2 from, Point2 to, PixelSpacing s)
{
    const double sx = s.known ? s.xMm : 1.0;
    const double sy = s.known ? s.yMm : 1.0;
    return {(to.x - from.x) * sx, (to.y - from.y) * sy};
}

double angleBetween(Point2 u, Point2 v)
{
    const double nu = std::hypot(u.x, u.y), nv = std::hypot(v.x, v.y);
    if (nu == 0 || nv == 0)
        return 0;
    const double c = std::clamp((u.x * v.x + u.y * v.y) / (nu * nv), -1.0, 1.0);
    return std::acos(c) * 180.0 / std::numbers::pi;
}

bool insidePolygon(const std::vector<Point2>& poly, double x, double y)
{
    bool inside = false;
    for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        const Point2 a = poly[i], b = poly[j];
        if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}

} // namespace

double lengthMm(Point2 a, Point2 b, PixelSpacing spacing)
{
    const Point2 d = physical(a, b, spacing);
    return std::hypot(d.x, d.y);
}

double angleDegrees(Point2 a, Point2 vertex, Point2 b, PixelSpacing spacing)
{
    return angleBetween(physical(vertex, a, spacing), physical(vertex, b, spacing));
}

double cobbAngleDegrees(Point2 a1, Point2 a2, Point2 b1, Point2 b2, PixelSpacing spacing)
{
    const double angle = angleBetween(physical(a1, a2, spacing), physical(b1, b2, spacing));
    return angle > 90 ? 180 - angle : angle;
}

double cardiothoracicRatio(Point2 heartLeft, Point2 heartRight, Point2 chestLeft, Point2 chestRight)
{
    const double chest = std::abs(chestRight.x - chestLeft.x);
    return chest > 0 ? std::abs(heartRight.x - heartLeft.x) / chest : 0;
}

RoiStatistics roiStatistics(RoiShape shape, const std::vector<Point2>& points, const float* values, int width,
                            int height, PixelSpacing spacing)
{
    RoiStatistics s;
    if (points.size() < (shape == RoiShape::Polygon ? 3u : 2u) || !values)
        return s;
    double minX = points[0].x, maxX = points[0].x, minY = points[0].y, maxY = points[0].y;
    for (const Point2& p : points) {
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    const double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    const double rx = (maxX - minX) / 2, ry = (maxY - minY) / 2;
    auto inside = [&](double x, double y) {
        switch (shape) {
        case RoiShape::Rectangle:
            return x >= minX && x <= maxX && y >= minY && y <= maxY;
        case RoiShape::Ellipse:
            if (rx <= 0 || ry <= 0)
                return false;
            return ((x - cx) * (x - cx)) / (rx * rx) + ((y - cy) * (y - cy)) / (ry * ry) <= 1.0;
        case RoiShape::Polygon:
            return insidePolygon(points, x, y);
        }
        return false;
    };
    double sum = 0, sumSquares = 0;
    const int x0 = std::max(0, int(std::ceil(minX))), x1 = std::min(width - 1, int(std::floor(maxX)));
    const int y0 = std::max(0, int(std::ceil(minY))), y1 = std::min(height - 1, int(std::floor(maxY)));
    s.minimum = INFINITY;
    s.maximum = -INFINITY;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            if (!inside(x, y))
                continue;
            const float v = values[std::size_t(y) * std::size_t(width) + std::size_t(x)];
            if (std::isnan(v))
                continue;
            ++s.pixelCount;
            sum += v;
            sumSquares += double(v) * v;
            s.minimum = std::min(s.minimum, double(v));
            s.maximum = std::max(s.maximum, double(v));
        }
    if (s.pixelCount == 0) {
        s.minimum = s.maximum = 0;
        return s;
    }
    s.mean = sum / s.pixelCount;
    s.standardDeviation = std::sqrt(std::max(0.0, sumSquares / s.pixelCount - s.mean * s.mean));
    const double pixelArea = spacing.known ? spacing.xMm * spacing.yMm : 1.0;
    s.areaMm2 = s.pixelCount * pixelArea;
    return s;
}

} // namespace lumen::imaging
