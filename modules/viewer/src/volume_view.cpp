#include "lumen/viewer/volume_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QWheelEvent>

#include <cmath>

namespace lumen::viewer {

namespace {

// After the last mouse movement, the view is redrawn at full quality once this has passed.
constexpr int restMs = 150;

} // namespace

VolumeView::VolumeView(QWidget* parent)
    : VtkRenderWidget(parent), m_scene(std::make_unique<imaging::VolumeScene>())
{
    setObjectName(QStringLiteral("volumeView"));
    setFocusPolicy(Qt::StrongFocus);
    addRenderer(m_scene->renderer());
    m_restTimer = new QTimer(this);
    m_restTimer->setSingleShot(true);
    connect(m_restTimer, &QTimer::timeout, this, [this] { setInteracting(false); });
}

VolumeView::~VolumeView() = default;

void VolumeView::setVolume(imaging::ImageVolumePtr volume)
{
    m_scene->setVolume(std::move(volume));
    update();
}

void VolumeView::setState(const imaging::VolumeViewState& state)
{
    m_scene->setState(state);
    update();
    emit stateChanged(state);
}

void VolumeView::setPreset(imaging::VolumePreset preset)
{
    auto s = state();
    s.preset = preset;
    setState(s);
}

void VolumeView::resetView()
{
    imaging::VolumeViewState s;
    s.preset = state().preset;
    setState(s);
}

void VolumeView::setInteracting(bool interacting)
{
    if (state().interacting == interacting)
        return;
    auto s = state();
    s.interacting = interacting;
    setState(s);
}

void VolumeView::setScalpelActive(bool active)
{
    m_scalpel = active;
    m_polygon.clear();
    setCursor(active ? Qt::CrossCursor : Qt::ArrowCursor);
    update();
}

qint64 VolumeView::applyCut()
{
    if (m_polygon.size() < 3)
        return 0;
    std::vector<std::array<double, 2>> polygon;
    const qreal ratio = devicePixelRatioF();
    for (const QPointF& p : m_polygon)
        polygon.push_back({p.x() * ratio, p.y() * ratio});
    const qint64 removed = m_scene->cut(polygon, int(width() * ratio), int(height() * ratio));
    m_polygon.clear();
    update();
    emit cutApplied(removed);
    return removed;
}

void VolumeView::undoCut()
{
    if (m_scene->undoCut())
        update();
}

QImage VolumeView::capture()
{
    setInteracting(false);
    const bool scalpel = m_scalpel;
    const QPolygonF polygon = m_polygon;
    m_polygon.clear(); // the capture shows the image, not the polygon being drawn
    QImage image = grabFramebuffer();
    m_polygon = polygon;
    m_scalpel = scalpel;
    return image;
}

void VolumeView::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    if (m_scalpel && event->button() == Qt::LeftButton) {
        m_polygon.append(event->position());
        update();
        return;
    }
    m_button = event->button();
    m_last = event->position();
}

void VolumeView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_button == Qt::NoButton || m_scalpel)
        return;
    const QPointF delta = event->position() - m_last;
    m_last = event->position();
    auto s = state();
    s.interacting = true;
    if (m_button == Qt::LeftButton) {
        // Half a degree per pixel, as most workstations turn.
        s.azimuthDegrees -= delta.x() * 0.5;
        s.elevationDegrees = std::clamp(s.elevationDegrees + delta.y() * 0.5, -89.0, 89.0);
    } else if (m_button == Qt::RightButton) {
        s.zoom = std::clamp(s.zoom * std::pow(1.01, -delta.y()), 0.2, 20.0);
    } else if (m_button == Qt::MiddleButton) {
        s.panX -= delta.x() / std::max(1, width());
        s.panY += delta.y() / std::max(1, height());
    }
    setState(s);
    m_restTimer->start(restMs);
}

void VolumeView::mouseReleaseEvent(QMouseEvent*)
{
    m_button = Qt::NoButton;
    m_restTimer->start(restMs);
}

void VolumeView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_scalpel) {
        // The double-click's presses added the same point twice.
        while (m_polygon.size() > 3 && m_polygon.last() == m_polygon[m_polygon.size() - 2])
            m_polygon.removeLast();
        applyCut();
        return;
    }
    VtkRenderWidget::mouseDoubleClickEvent(event);
}

void VolumeView::wheelEvent(QWheelEvent* event)
{
    auto s = state();
    s.zoom = std::clamp(s.zoom * std::pow(1.1, event->angleDelta().y() / 120.0), 0.2, 20.0);
    setState(s);
}

void VolumeView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Undo)) {
        undoCut();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_scalpel)
            applyCut();
        break;
    case Qt::Key_Escape:
        m_polygon.clear();
        update();
        break;
    default:
        VtkRenderWidget::keyPressEvent(event);
    }
}

void VolumeView::paintOverlay(QPainter& painter)
{
    if (m_polygon.isEmpty())
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(255, 200, 0), 2, Qt::DashLine));
    painter.drawPolyline(m_polygon);
    if (m_polygon.size() > 2) {
        painter.setPen(QPen(QColor(255, 200, 0, 120), 1, Qt::DotLine));
        painter.drawLine(m_polygon.last(), m_polygon.first());
    }
}

} // namespace lumen::viewer
