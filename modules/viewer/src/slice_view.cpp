#include "lumen/viewer/slice_view.h"

#include "slice_view_text.h"

#include <lumen/imaging/measurements.h>
#include <lumen/imaging/volume_assembler.h>

#include <QInputDialog>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>
#include <QWheelEvent>

#include <cmath>

namespace lumen::viewer {

namespace {

constexpr double pickRadiusPixels = 6;
constexpr double dragThresholdPixels = 3;
constexpr int maxUndo = 50;

AnnotationKind kindForTool(SliceTool tool)
{
    switch (tool) {
    case SliceTool::Length:
        return AnnotationKind::Length;
    case SliceTool::Angle:
        return AnnotationKind::Angle;
    case SliceTool::Rectangle:
        return AnnotationKind::Rectangle;
    case SliceTool::Ellipse:
        return AnnotationKind::Ellipse;
    case SliceTool::Polygon:
        return AnnotationKind::Polygon;
    case SliceTool::Probe:
        return AnnotationKind::Probe;
    case SliceTool::Ctr:
        return AnnotationKind::Ctr;
    case SliceTool::Cobb:
        return AnnotationKind::Cobb;
    case SliceTool::Arrow:
        return AnnotationKind::Arrow;
    case SliceTool::Text:
        return AnnotationKind::Text;
    default:
        return AnnotationKind::Length;
    }
}

bool isDrawingTool(SliceTool tool)
{
    return tool != SliceTool::WindowLevel && tool != SliceTool::Pan && tool != SliceTool::Zoom &&
           tool != SliceTool::Pointer;
}

} // namespace

SliceView::SliceView(QWidget* parent) : QWidget(parent), m_presets(imaging::defaultCtPresets())
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(64, 64);
    m_cineTimer = new QTimer(this);
    connect(m_cineTimer, &QTimer::timeout, this, [this] {
        const int count = frameCount();
        if (count > 1)
            setFrameIndex((m_state.frame + 1) % count);
    });
}

SliceView::~SliceView() = default;

void SliceView::setStack(std::shared_ptr<const imaging::ImageStack> stack)
{
    m_stack = std::move(stack);
    m_annotations.clear();
    m_undo.clear();
    m_keyFrames.clear();
    m_selected = -1;
    m_drawing = false;
    ViewState fresh;
    fresh.frame = frameCount() > 0 ? frameCount() / 2 : 0;
    m_state = fresh;
    loadFrame();
    if (m_image.windowCenter && m_image.windowWidth) {
        m_state.windowCenter = *m_image.windowCenter;
        m_state.windowWidth = std::max(1.0, *m_image.windowWidth);
    } else if (!m_image.isColour() && m_image.values) {
        // No stored window: span the frame's value range, as most workstations do.
        const auto w = imaging::windowSpanning(m_image.values->data(), m_image.values->size());
        m_state.windowCenter = w.center;
        m_state.windowWidth = w.width;
    }
    renderImage();
    update();
    emit frameChanged(m_state.frame);
    emit viewStateChanged(m_state);
}

void SliceView::setImage(const SliceImage& image)
{
    m_stack.reset();
    m_image = image;
    renderImage();
    update();
}

void SliceView::clear()
{
    m_stack.reset();
    m_image = SliceImage{};
    m_rendered = QImage();
    m_annotations.clear();
    m_keyFrames.clear();
    update();
}

int SliceView::frameCount() const
{
    return m_stack ? int(m_stack->frames.size()) : (hasImage() ? 1 : 0);
}

void SliceView::setFrameIndex(int frame)
{
    const int count = frameCount();
    if (count == 0)
        return;
    frame = std::clamp(frame, 0, count - 1);
    if (frame == m_state.frame && hasImage())
        return;
    m_state.frame = frame;
    m_drawing = false;
    m_selected = -1;
    loadFrame();
    renderImage();
    update();
    emit frameChanged(frame);
    emit viewStateChanged(m_state);
}

void SliceView::loadFrame()
{
    if (!m_stack || m_stack->frames.empty())
        return;
    const auto& f =
        m_stack->frames[std::size_t(std::clamp(m_state.frame, 0, int(m_stack->frames.size()) - 1))];
    m_image = SliceImage::fromFrame(f.image, f.frameIndex);
}

void SliceView::renderImage()
{
    if (!hasImage()) {
        m_rendered = QImage();
        return;
    }
    const bool invert = m_state.invert != m_image.monochrome1;
    if (m_image.isColour()) {
        QImage rgb(m_image.rgb->data(), m_image.width, m_image.height, m_image.width * 3,
                   QImage::Format_RGB888);
        m_rendered = rgb.copy();
        if (invert)
            m_rendered.invertPixels();
        return;
    }
    m_rendered = QImage(m_image.width, m_image.height, QImage::Format_Grayscale8);
    const imaging::WindowLevel window{m_state.windowCenter, m_state.windowWidth};
    for (int y = 0; y < m_image.height; ++y)
        imaging::applyWindow(m_image.values->data() + std::size_t(y) * std::size_t(m_image.width),
                             std::size_t(m_image.width), window, invert, m_rendered.scanLine(y));
}

void SliceView::changeState(const ViewState& state)
{
    const bool windowChanged = state.windowCenter != m_state.windowCenter ||
                               state.windowWidth != m_state.windowWidth || state.invert != m_state.invert;
    const bool frameDiffers = state.frame != m_state.frame;
    m_state = state;
    m_state.windowWidth = std::max(1.0, m_state.windowWidth);
    if (frameDiffers) {
        m_state.frame = std::clamp(m_state.frame, 0, std::max(0, frameCount() - 1));
        loadFrame();
        renderImage();
        emit frameChanged(m_state.frame);
    } else if (windowChanged) {
        renderImage();
    }
    update();
    emit viewStateChanged(m_state);
}

void SliceView::setViewState(const ViewState& state)
{
    changeState(state);
}

void SliceView::setWindow(double centre, double width)
{
    ViewState s = m_state;
    s.windowCenter = centre;
    s.windowWidth = width;
    changeState(s);
}

void SliceView::setWindowPresets(const std::vector<imaging::WindowPreset>& presets)
{
    m_presets = presets;
}

void SliceView::applyPreset(int oneBasedIndex)
{
    if (oneBasedIndex < 1 || oneBasedIndex > int(m_presets.size()))
        return;
    const auto& w = m_presets[std::size_t(oneBasedIndex - 1)].window;
    setWindow(w.center, w.width);
}

void SliceView::resetView()
{
    ViewState s;
    s.frame = m_state.frame;
    s.windowCenter = m_image.windowCenter.value_or(m_state.windowCenter);
    s.windowWidth = m_image.windowWidth.value_or(m_state.windowWidth);
    changeState(s);
}

void SliceView::rotateClockwise()
{
    ViewState s = m_state;
    s.quarterTurns = (s.quarterTurns + 1) % 4;
    changeState(s);
}

void SliceView::flipHorizontally()
{
    ViewState s = m_state;
    s.flipHorizontal = !s.flipHorizontal;
    changeState(s);
}

void SliceView::flipVertically()
{
    ViewState s = m_state;
    s.flipVertical = !s.flipVertical;
    changeState(s);
}

void SliceView::toggleInvert()
{
    ViewState s = m_state;
    s.invert = !s.invert;
    changeState(s);
}

void SliceView::setActiveTool(SliceTool tool)
{
    m_tool = tool;
    m_drawing = false;
    setCursor(isDrawingTool(tool) ? Qt::CrossCursor : Qt::ArrowCursor);
    update();
}

void SliceView::setAnnotations(int frame, const QList<Annotation>& items)
{
    if (items.isEmpty())
        m_annotations.remove(frame);
    else
        m_annotations.insert(frame, items);
    update();
}

void SliceView::pushUndo()
{
    m_undo.append({m_state.frame, m_annotations.value(m_state.frame)});
    if (m_undo.size() > maxUndo)
        m_undo.removeFirst();
}

void SliceView::undo()
{
    if (m_drawing) {
        m_drawing = false;
        update();
        return;
    }
    if (m_undo.isEmpty())
        return;
    const auto [frame, items] = m_undo.takeLast();
    setAnnotations(frame, items);
    m_selected = -1;
    if (frame != m_state.frame)
        setFrameIndex(frame);
    emit annotationsChanged(frame);
}

void SliceView::deleteSelected()
{
    QList<Annotation> items = m_annotations.value(m_state.frame);
    if (m_selected < 0 || m_selected >= items.size())
        return;
    pushUndo();
    items.removeAt(m_selected);
    m_selected = -1;
    setAnnotations(m_state.frame, items);
    emit annotationsChanged(m_state.frame);
}

void SliceView::setKeyImage(int frame, bool key)
{
    if (key == m_keyFrames.contains(frame))
        return;
    if (key)
        m_keyFrames.insert(frame);
    else
        m_keyFrames.remove(frame);
    update();
    emit keyImageToggled(frame, key);
}

void SliceView::setOverlayText(const OverlayText& text)
{
    m_overlay = text;
    update();
}

void SliceView::setHideIdentity(bool hide)
{
    m_hideIdentity = hide;
    update();
}

void SliceView::setOverlaysVisible(bool visible)
{
    m_overlaysVisible = visible;
    update();
}

void SliceView::setReferencePlanes(const QList<ReferencePlane>& planes)
{
    m_referencePlanes = planes;
    update();
}

void SliceView::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    update();
}

void SliceView::setCineFramesPerSecond(double fps)
{
    m_cineFps = std::clamp(fps, 1.0, 60.0);
    if (m_cineTimer->isActive())
        m_cineTimer->start(int(1000 / m_cineFps));
}

void SliceView::setCinePlaying(bool playing)
{
    if (playing && frameCount() > 1)
        m_cineTimer->start(int(1000 / m_cineFps));
    else
        m_cineTimer->stop();
}

bool SliceView::isCinePlaying() const
{
    return m_cineTimer->isActive();
}

// Image pixel -> widget: pixels are scaled to their physical aspect, fitted to the viewport,
// rotated and flipped about the image centre, then zoomed and panned.
QTransform SliceView::imageTransform() const
{
    QTransform t;
    if (!hasImage())
        return t;
    const double wMm = m_image.width * m_image.spacingXMm;
    const double hMm = m_image.height * m_image.spacingYMm;
    const bool sideways = m_state.quarterTurns % 2 == 1;
    const double fit = std::min(width() / (sideways ? hMm : wMm), height() / (sideways ? wMm : hMm));
    t.translate(width() / 2.0 + m_state.panPixels.x(), height() / 2.0 + m_state.panPixels.y());
    t.scale(fit * m_state.zoom, fit * m_state.zoom);
    t.scale(m_state.flipHorizontal ? -1 : 1, m_state.flipVertical ? -1 : 1);
    t.rotate(90.0 * m_state.quarterTurns);
    t.scale(m_image.spacingXMm, m_image.spacingYMm);
    t.translate(-(m_image.width - 1) / 2.0, -(m_image.height - 1) / 2.0);
    return t;
}

QPointF SliceView::imageToWidget(const QPointF& p) const
{
    return imageTransform().map(p);
}

QPointF SliceView::widgetToImage(const QPointF& p) const
{
    return imageTransform().inverted().map(p);
}

QString SliceView::measurementText(const Annotation& a) const
{
    return describeMeasurement(a, m_image);
}

QImage SliceView::grabImage()
{
    return grab().toImage();
}

void SliceView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (hasImage()) {
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, m_state.zoom < 4);
        painter.setTransform(imageTransform());
        painter.drawImage(QPointF(-0.5, -0.5), m_rendered);
        painter.restore();
        painter.setRenderHint(QPainter::Antialiasing);
        drawReferenceLines(painter);
        const auto items = m_annotations.value(m_state.frame);
        for (int i = 0; i < items.size(); ++i)
            drawAnnotation(painter, items[i], i == m_selected);
        if (m_drawing)
            drawAnnotation(painter, m_draft, false);
        if (m_overlaysVisible)
            drawOverlays(painter);
    }
    if (m_active) {
        painter.setPen(QPen(QColor(255, 170, 0), 2));
        painter.drawRect(rect().adjusted(1, 1, -1, -1));
    }
}

void SliceView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    update();
}

int SliceView::annotationAt(const QPointF& widgetPoint) const
{
    const auto items = m_annotations.value(m_state.frame);
    for (int i = items.size() - 1; i >= 0; --i)
        for (const QPointF& p : items[i].points)
            if (QLineF(imageToWidget(p), widgetPoint).length() <= pickRadiusPixels)
                return i;
    return -1;
}

void SliceView::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    emit activated();
    if (!hasImage())
        return;
    const QPointF pos = event->position();
    m_dragButton = event->button();
    m_dragStart = pos;
    m_dragStartState = m_state;
    emit clicked(widgetToImage(pos), event->button());
    if (event->button() == Qt::LeftButton && m_tool == SliceTool::Pointer) {
        emit pointerPressed(widgetToImage(pos), event->modifiers());
        return;
    }
    if (event->button() != Qt::LeftButton || !isDrawingTool(m_tool))
        return;
    const QPointF p = widgetToImage(pos);
    if (!m_drawing) {
        m_draft = Annotation{};
        m_draft.kind = kindForTool(m_tool);
        m_draft.points = {p, p};
        m_drawing = true;
        if (Annotation::pointsNeeded(m_draft.kind) == 1) {
            m_draft.points = {p};
            finishDrawing();
        }
    } else {
        m_draft.points.last() = p;
        const int needed = Annotation::pointsNeeded(m_draft.kind);
        if (needed > 0 && m_draft.points.size() >= needed)
            finishDrawing();
        else
            m_draft.points.append(p);
    }
    update();
}

void SliceView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (m_drawing) {
        m_draft.points.last() = widgetToImage(pos);
        update();
        return;
    }
    if (m_dragButton == Qt::NoButton)
        return;
    if (m_dragButton == Qt::LeftButton && m_tool == SliceTool::Pointer) {
        emit pointerDragged(widgetToImage(pos), event->modifiers());
        return;
    }
    const QPointF delta = pos - m_dragStart;
    ViewState s = m_dragStartState;
    const bool windowDrag = m_dragButton == Qt::RightButton ||
                            (m_dragButton == Qt::LeftButton && m_tool == SliceTool::WindowLevel);
    const bool panDrag =
        m_dragButton == Qt::MiddleButton || (m_dragButton == Qt::LeftButton && m_tool == SliceTool::Pan);
    const bool zoomDrag = m_dragButton == Qt::LeftButton && m_tool == SliceTool::Zoom;
    if (windowDrag) {
        // One screen pixel moves the window by a fraction of its width, so the feel is the same
        // for CT (thousands of HU) and 8-bit images.
        const double step = std::max(s.windowWidth / 256.0, 0.5);
        s.windowWidth = std::max(1.0, s.windowWidth + delta.x() * step);
        s.windowCenter = s.windowCenter + delta.y() * step;
    } else if (panDrag) {
        s.panPixels += delta;
    } else if (zoomDrag) {
        s.zoom = std::clamp(s.zoom * std::pow(1.01, -delta.y()), 0.05, 50.0);
    } else {
        return;
    }
    changeState(s);
}

void SliceView::mouseReleaseEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (m_drawing && event->button() == Qt::LeftButton) {
        const int needed = Annotation::pointsNeeded(m_draft.kind);
        // A press-drag-release draws a two-point tool in one gesture.
        if (needed == 2 && m_draft.points.size() == 2 &&
            QLineF(pos, m_dragStart).length() > dragThresholdPixels) {
            m_draft.points.last() = widgetToImage(pos);
            finishDrawing();
        }
    } else if (event->button() == Qt::LeftButton && !isDrawingTool(m_tool) &&
               QLineF(pos, m_dragStart).length() <= dragThresholdPixels) {
        m_selected = annotationAt(pos);
        update();
    }
    m_dragButton = Qt::NoButton;
}

void SliceView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_drawing && m_draft.kind == AnnotationKind::Polygon) {
        // The double-click's second press added a point on top of the last one.
        while (m_draft.points.size() > 3 &&
               m_draft.points.last() == m_draft.points[m_draft.points.size() - 2])
            m_draft.points.removeLast();
        if (m_draft.points.size() >= 3)
            finishDrawing();
        return;
    }
    if (!m_drawing && event->button() == Qt::LeftButton)
        emit doubleClicked();
}

void SliceView::finishDrawing()
{
    m_drawing = false;
    if (m_draft.kind == AnnotationKind::Text || m_draft.kind == AnnotationKind::Arrow) {
        bool ok = false;
        const QString text =
            QInputDialog::getText(this, tr("Annotation"), tr("Text:"), QLineEdit::Normal, {}, &ok);
        if (m_draft.kind == AnnotationKind::Text && (!ok || text.trimmed().isEmpty())) {
            update();
            return;
        }
        if (ok)
            m_draft.text = text.trimmed();
    }
    m_draft.value = measurementText(m_draft);
    pushUndo();
    auto items = m_annotations.value(m_state.frame);
    items.append(m_draft);
    m_annotations.insert(m_state.frame, items);
    update();
    emit annotationsChanged(m_state.frame);
}

void SliceView::wheelEvent(QWheelEvent* event)
{
    const int steps = event->angleDelta().y() / 120;
    if (steps == 0)
        return;
    if (event->modifiers() & Qt::ControlModifier) {
        ViewState s = m_state;
        s.zoom = std::clamp(s.zoom * std::pow(1.15, steps), 0.05, 50.0);
        changeState(s);
    } else if (!m_stack) {
        emit scrollRequested(-steps);
    } else {
        setFrameIndex(m_state.frame - steps);
    }
    event->accept();
}

void SliceView::keyPressEvent(QKeyEvent* event)
{
    const int key = event->key();
    if (key >= Qt::Key_1 && key <= Qt::Key_9 && event->modifiers() == Qt::NoModifier) {
        applyPreset(key - Qt::Key_0);
        return;
    }
    if (event->matches(QKeySequence::Undo)) {
        undo();
        return;
    }
    switch (key) {
    case Qt::Key_Up:
    case Qt::Key_Left:
        if (!m_stack)
            emit scrollRequested(-1);
        setFrameIndex(m_state.frame - 1);
        break;
    case Qt::Key_Down:
    case Qt::Key_Right:
        if (!m_stack)
            emit scrollRequested(1);
        setFrameIndex(m_state.frame + 1);
        break;
    case Qt::Key_PageUp:
        setFrameIndex(m_state.frame - std::max(1, frameCount() / 10));
        break;
    case Qt::Key_PageDown:
        setFrameIndex(m_state.frame + std::max(1, frameCount() / 10));
        break;
    case Qt::Key_Home:
        setFrameIndex(0);
        break;
    case Qt::Key_End:
        setFrameIndex(frameCount() - 1);
        break;
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        deleteSelected();
        break;
    case Qt::Key_Escape:
        if (m_drawing) {
            m_drawing = false;
            update();
        } else {
            m_selected = -1;
            update();
        }
        break;
    case Qt::Key_K:
        setKeyImage(m_state.frame, !isKeyImage(m_state.frame));
        break;
    case Qt::Key_R:
        rotateClockwise();
        break;
    case Qt::Key_H:
        flipHorizontally();
        break;
    case Qt::Key_V:
        flipVertically();
        break;
    case Qt::Key_I:
        toggleInvert();
        break;
    case Qt::Key_Space:
        setCinePlaying(!isCinePlaying());
        break;
    case Qt::Key_0:
        resetView();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace lumen::viewer
