#include "slice_view_text.h"

#include <lumen/imaging/measurements.h>

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cmath>

namespace lumen::viewer {

namespace {

QString tr(const char* text)
{
    // The context lupdate gives tr() calls made in this namespace.
    return QCoreApplication::translate("lumen::viewer", text);
}

imaging::Point2 pt(const QPointF& p)
{
    return {p.x(), p.y()};
}

imaging::PixelSpacing spacingOf(const SliceImage& image)
{
    return {image.spacingXMm, image.spacingYMm, image.spacingKnown};
}

QString lengthUnit(const SliceImage& image)
{
    return image.spacingKnown ? tr("mm") : tr("px");
}

QString valueUnit(const SliceImage& image)
{
    return image.modalityValuesAreHu ? QStringLiteral(" HU") : QString();
}

QString roiText(const Annotation& a, const SliceImage& image)
{
    if (!image.values)
        return {};
    imaging::RoiShape shape = imaging::RoiShape::Polygon;
    if (a.kind == AnnotationKind::Rectangle)
        shape = imaging::RoiShape::Rectangle;
    else if (a.kind == AnnotationKind::Ellipse)
        shape = imaging::RoiShape::Ellipse;
    std::vector<imaging::Point2> points;
    for (const QPointF& p : a.points)
        points.push_back(pt(p));
    const auto s = imaging::roiStatistics(shape, points, image.values->data(), image.width, image.height,
                                          spacingOf(image));
    if (s.pixelCount == 0)
        return tr("Area 0");
    const QString unit = valueUnit(image);
    const QString area = image.spacingKnown ? tr("Area %1 mm²").arg(s.areaMm2, 0, 'f', 1)
                                            : tr("Area %1 px²").arg(s.areaMm2, 0, 'f', 0);
    return tr("%1\nMean %2%3  SD %4\nMin %5  Max %6")
        .arg(area)
        .arg(s.mean, 0, 'f', 1)
        .arg(unit)
        .arg(s.standardDeviation, 0, 'f', 1)
        .arg(s.minimum, 0, 'f', 0)
        .arg(s.maximum, 0, 'f', 0);
}

} // namespace

QString describeMeasurement(const Annotation& a, const SliceImage& image)
{
    const auto sp = spacingOf(image);
    const int n = int(a.points.size());
    switch (a.kind) {
    case AnnotationKind::Length:
        if (n < 2)
            return {};
        return QStringLiteral("%1 %2")
            .arg(imaging::lengthMm(pt(a.points[0]), pt(a.points[1]), sp), 0, 'f', 1)
            .arg(lengthUnit(image));
    case AnnotationKind::Angle:
        if (n < 3)
            return {};
        return QStringLiteral("%1°").arg(
            imaging::angleDegrees(pt(a.points[0]), pt(a.points[1]), pt(a.points[2]), sp), 0, 'f', 1);
    case AnnotationKind::Cobb:
        if (n < 4)
            return {};
        return tr("Cobb %1°")
            .arg(imaging::cobbAngleDegrees(pt(a.points[0]), pt(a.points[1]), pt(a.points[2]), pt(a.points[3]),
                                           sp),
                 0, 'f', 1);
    case AnnotationKind::Ctr:
        if (n < 4)
            return {};
        return tr("CTR %1").arg(
            imaging::cardiothoracicRatio(pt(a.points[0]), pt(a.points[1]), pt(a.points[2]), pt(a.points[3])),
            0, 'f', 2);
    case AnnotationKind::Rectangle:
    case AnnotationKind::Ellipse:
    case AnnotationKind::Polygon:
        return roiText(a, image);
    case AnnotationKind::Probe: {
        if (n < 1)
            return {};
        const int x = int(std::lround(a.points[0].x()));
        const int y = int(std::lround(a.points[0].y()));
        if (x < 0 || y < 0 || x >= image.width || y >= image.height)
            return {};
        if (image.isColour()) {
            const auto* p =
                image.rgb->data() + (std::size_t(y) * std::size_t(image.width) + std::size_t(x)) * 3;
            return QStringLiteral("RGB %1 %2 %3").arg(p[0]).arg(p[1]).arg(p[2]);
        }
        const float v = image.valueAt(x, y);
        if (std::isnan(v))
            return {};
        return QStringLiteral("%1%2").arg(double(v), 0, 'f', 1).arg(valueUnit(image));
    }
    case AnnotationKind::Arrow:
    case AnnotationKind::Text:
        return a.text;
    }
    return {};
}

QString orientationLetters(const imaging::Vec3& d)
{
    struct Axis
    {
        double magnitude;
        QChar letter;
    };
    std::array<Axis, 3> axes{{{std::abs(d[0]), d[0] >= 0 ? QChar('L') : QChar('R')},
                              {std::abs(d[1]), d[1] >= 0 ? QChar('P') : QChar('A')},
                              {std::abs(d[2]), d[2] >= 0 ? QChar('H') : QChar('F')}}};
    std::sort(axes.begin(), axes.end(),
              [](const Axis& a, const Axis& b) { return a.magnitude > b.magnitude; });
    QString letters;
    for (const Axis& a : axes)
        if (a.magnitude > 0.25)
            letters += a.letter;
    return letters;
}

} // namespace lumen::viewer
