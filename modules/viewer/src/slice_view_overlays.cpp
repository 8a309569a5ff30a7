// SliceView's drawing on top of the image: annotations, corner texts, orientation letters,
// scale bar and reference lines. Everything is drawn in widget pixels so text stays crisp.
#include "lumen/viewer/slice_view.h"

#include "slice_view_text.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace lumen::viewer {

namespace {

const QColor annotationColour(80, 220, 120);
const QColor selectedColour(255, 210, 60);
const QColor overlayColour(235, 235, 235);

double dot(const imaging::Vec3& a, const imaging::Vec3& b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

// Text with a dark halo, readable on any grey. Corner texts keep to their half of the
// viewport (elided) so they never run into each other in a small layout cell.
void drawOutlinedText(QPainter& painter, const QRectF& box, int flags, const QString& fullText,
                      bool corner = false)
{
    const qreal maxWidth = corner ? box.width() * 0.49 : box.width();
    QStringList lines = fullText.split(QLatin1Char('\n'));
    for (QString& line : lines)
        line = painter.fontMetrics().elidedText(line, Qt::ElideRight, int(maxWidth));
    const QString text = lines.join(QLatin1Char('\n'));
    painter.save();
    painter.setPen(QColor(0, 0, 0, 200));
    for (const QPointF& d : {QPointF(1, 1), QPointF(-1, -1), QPointF(1, -1), QPointF(-1, 1)})
        painter.drawText(box.translated(d), flags, text);
    painter.restore();
    painter.drawText(box, flags, text);
}

void drawArrowHead(QPainter& painter, const QPointF& tip, const QPointF& from)
{
    const QLineF line(tip, from);
    if (line.length() < 1)
        return;
    QLineF side(tip, from);
    side.setLength(12);
    for (double angle : {25.0, -25.0}) {
        QLineF s = side;
        s.setAngle(side.angle() + angle);
        painter.drawLine(s);
    }
}

} // namespace

void SliceView::drawAnnotation(QPainter& painter, const Annotation& a, bool selected)
{
    QList<QPointF> w;
    for (const QPointF& p : a.points)
        w.append(imageToWidget(p));
    if (w.isEmpty())
        return;
    painter.save();
    painter.setPen(QPen(selected ? selectedColour : annotationColour, selected ? 2.5 : 1.5));
    painter.setBrush(Qt::NoBrush);
    QPointF labelAt = w.last();
    switch (a.kind) {
    case AnnotationKind::Length:
        if (w.size() >= 2)
            painter.drawLine(w[0], w[1]);
        break;
    case AnnotationKind::Angle:
        painter.drawLine(w[0], w[1]);
        if (w.size() >= 3)
            painter.drawLine(w[1], w[2]);
        labelAt = w[1];
        break;
    case AnnotationKind::Cobb:
    case AnnotationKind::Ctr:
        for (int i = 0; i + 1 < w.size(); i += 2)
            painter.drawLine(w[i], w[i + 1]);
        break;
    case AnnotationKind::Rectangle:
    case AnnotationKind::Ellipse: {
        if (w.size() < 2)
            break;
        // The shape is defined in image space: draw it there so rotation and aspect follow.
        painter.save();
        painter.setTransform(imageTransform(), true);
        QPen pen = painter.pen();
        pen.setCosmetic(true);
        painter.setPen(pen);
        const QRectF r = QRectF(a.points[0], a.points[1]).normalized();
        if (a.kind == AnnotationKind::Rectangle)
            painter.drawRect(r);
        else
            painter.drawEllipse(r);
        painter.restore();
        break;
    }
    case AnnotationKind::Polygon: {
        QPolygonF poly(w.begin(), w.end());
        if (m_drawing && &a == &m_draft)
            painter.drawPolyline(poly);
        else
            painter.drawPolygon(poly);
        break;
    }
    case AnnotationKind::Probe:
        painter.drawLine(w[0] - QPointF(6, 0), w[0] + QPointF(6, 0));
        painter.drawLine(w[0] - QPointF(0, 6), w[0] + QPointF(0, 6));
        break;
    case AnnotationKind::Arrow:
        if (w.size() >= 2) {
            painter.drawLine(w[0], w[1]);
            drawArrowHead(painter, w[0], w[1]);
        }
        break;
    case AnnotationKind::Text:
        break;
    }
    // Live value while drawing; the stored value otherwise (recomputed so edits stay true).
    const QString text = measurementText(a);
    if (!text.isEmpty()) {
        painter.setPen(selected ? selectedColour : annotationColour);
        drawOutlinedText(painter, QRectF(labelAt + QPointF(8, 4), QSizeF(260, 80)),
                         Qt::AlignLeft | Qt::AlignTop, text);
    }
    painter.restore();
}

void SliceView::drawOverlays(QPainter& painter)
{
    painter.save();
    QFont font = painter.font();
    font.setPointSizeF(std::max(8.0, std::min(11.0, height() / 50.0)));
    painter.setFont(font);
    painter.setPen(overlayColour);
    const QRectF box = QRectF(rect()).adjusted(6, 4, -6, -4);

    const QString patient = m_hideIdentity ? tr("(identity hidden)") : m_overlay.patient;
    drawOutlinedText(painter, box, Qt::AlignLeft | Qt::AlignTop, patient, true);
    drawOutlinedText(painter, box, Qt::AlignRight | Qt::AlignTop,
                     m_hideIdentity ? QString() : m_overlay.study + QLatin1Char('\n') + m_overlay.institution,
                     true);

    QStringList bottomLeft;
    if (!m_overlay.series.isEmpty())
        bottomLeft << m_overlay.series;
    if (frameCount() > 1)
        bottomLeft << tr("Im: %1/%2").arg(m_state.frame + 1).arg(frameCount());
    if (m_image.hasGeometry) {
        const double location = dot(m_image.originMm, m_image.normal());
        bottomLeft << tr("Loc: %1 mm").arg(location, 0, 'f', 1);
    }
    if (m_image.thicknessMm > 0)
        bottomLeft << tr("Thk: %1 mm").arg(m_image.thicknessMm, 0, 'f', 1);
    if (!m_image.spacingKnown)
        bottomLeft << tr("Pixel spacing unknown: measurements in pixels");
    drawOutlinedText(painter, box, Qt::AlignLeft | Qt::AlignBottom, bottomLeft.join(QLatin1Char('\n')), true);

    QStringList bottomRight;
    if (!m_image.isColour())
        bottomRight
            << tr("W: %1 L: %2").arg(m_state.windowWidth, 0, 'f', 0).arg(m_state.windowCenter, 0, 'f', 0);
    // 100 % is one image pixel per screen pixel, as radiologists read it.
    const double screenPerPixel = QLineF(imageToWidget(QPointF(0, 0)), imageToWidget(QPointF(1, 0))).length();
    bottomRight << tr("Zoom: %1%").arg(screenPerPixel * 100, 0, 'f', 0);
    drawOutlinedText(painter, box, Qt::AlignRight | Qt::AlignBottom, bottomRight.join(QLatin1Char('\n')),
                     true);

    if (isKeyImage(m_state.frame)) {
        painter.setPen(QColor(255, 200, 0));
        QFont star = font;
        star.setPointSizeF(font.pointSizeF() * 2);
        painter.setFont(star);
        drawOutlinedText(painter, box.adjusted(0, 40, 0, 0), Qt::AlignRight | Qt::AlignTop,
                         QStringLiteral("★"));
        painter.setFont(font);
        painter.setPen(overlayColour);
    }
    drawOrientationLabels(painter);
    drawScaleBar(painter);
    painter.restore();
}

// The patient direction that points to each screen edge, from the image's orientation.
void SliceView::drawOrientationLabels(QPainter& painter)
{
    if (!m_image.hasGeometry)
        return;
    const QTransform inverse = imageTransform().inverted();
    auto directionOfScreen = [&](QPointF screenStep) {
        const QPointF centre = inverse.map(QPointF(width() / 2.0, height() / 2.0));
        const QPointF moved = inverse.map(QPointF(width() / 2.0, height() / 2.0) + screenStep);
        const QPointF d = moved - centre;
        imaging::Vec3 v{0, 0, 0};
        for (int c = 0; c < 3; ++c)
            v[c] = d.x() * m_image.spacingXMm * m_image.rowDirection[c] +
                   d.y() * m_image.spacingYMm * m_image.columnDirection[c];
        const double n = std::sqrt(dot(v, v));
        if (n > 0)
            for (double& c : v)
                c /= n;
        return orientationLetters(v);
    };
    const QRectF box = QRectF(rect()).adjusted(6, 4, -6, -4);
    drawOutlinedText(painter, box, Qt::AlignHCenter | Qt::AlignTop, directionOfScreen({0, -1}));
    drawOutlinedText(painter, box, Qt::AlignHCenter | Qt::AlignBottom, directionOfScreen({0, 1}));
    drawOutlinedText(painter, box, Qt::AlignLeft | Qt::AlignVCenter, directionOfScreen({-1, 0}));
    drawOutlinedText(painter, box, Qt::AlignRight | Qt::AlignVCenter, directionOfScreen({1, 0}));
}

void SliceView::drawScaleBar(QPainter& painter)
{
    if (!m_image.spacingKnown)
        return;
    // Screen pixels per mm along the image rows.
    const double pxPerMm =
        QLineF(imageToWidget(QPointF(0, 0)), imageToWidget(QPointF(1, 0))).length() / m_image.spacingXMm;
    if (pxPerMm <= 0)
        return;
    double lengthMm = 10;
    for (double candidate : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0})
        if (candidate * pxPerMm <= height() / 4.0)
            lengthMm = candidate;
    const double lengthPx = lengthMm * pxPerMm;
    const double x = width() - 24;
    const double y0 = height() / 2.0 - lengthPx / 2;
    painter.save();
    painter.setPen(QPen(overlayColour, 1));
    painter.drawLine(QPointF(x, y0), QPointF(x, y0 + lengthPx));
    for (int i = 0; i <= 10; ++i) {
        const double y = y0 + lengthPx * i / 10.0;
        painter.drawLine(QPointF(x - (i % 5 == 0 ? 8 : 4), y), QPointF(x, y));
    }
    drawOutlinedText(painter, QRectF(x - 84, y0 + lengthPx + 2, 80, 20), Qt::AlignRight | Qt::AlignTop,
                     tr("%1 mm").arg(lengthMm, 0, 'f', 0));
    painter.restore();
}

// Where another view's plane cuts this image: the points with dot(p - plane, n) = 0 are a
// line a*x + b*y + c = 0 in pixel coordinates, clipped to the image.
void SliceView::drawReferenceLines(QPainter& painter)
{
    if (!m_image.hasGeometry)
        return;
    for (const ReferencePlane& plane : m_referencePlanes) {
        const double a = m_image.spacingXMm * dot(m_image.rowDirection, plane.normal);
        const double b = m_image.spacingYMm * dot(m_image.columnDirection, plane.normal);
        imaging::Vec3 d{m_image.originMm[0] - plane.pointMm[0], m_image.originMm[1] - plane.pointMm[1],
                        m_image.originMm[2] - plane.pointMm[2]};
        const double c = dot(d, plane.normal);
        const double w = m_image.width - 0.5;
        const double h = m_image.height - 0.5;
        QList<QPointF> hits;
        if (std::abs(b) > 1e-9)
            for (double x : {-0.5, w}) {
                const double y = -(a * x + c) / b;
                if (y >= -0.5 && y <= h)
                    hits.append({x, y});
            }
        if (std::abs(a) > 1e-9)
            for (double y : {-0.5, h}) {
                const double x = -(b * y + c) / a;
                if (x >= -0.5 && x <= w)
                    hits.append({x, y});
            }
        if (hits.size() < 2)
            continue;
        painter.save();
        painter.setPen(QPen(plane.colour, 1, Qt::DashLine));
        painter.drawLine(imageToWidget(hits[0]), imageToWidget(hits[1]));
        painter.restore();
    }
}

} // namespace lumen::viewer
