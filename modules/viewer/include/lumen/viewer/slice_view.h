#pragma once
// The 2D viewport of the reading room: one image of a stack (or an MPR reslice supplied by a
// controller) window/levelled and drawn with QPainter, with the radiologist's tools
// (window/level, zoom, pan, rotate, flip, invert, scroll, cine, measurements) and overlays
// (corner texts, orientation labels, scale bar, reference lines, key-image star).
#include "lumen/viewer/annotation.h"
#include "lumen/viewer/slice_image.h"
#include "lumen/viewer/view_state.h"

#include <QHash>
#include <QImage>
#include <QWidget>

#include <lumen/imaging/window_level.h>

#include <memory>
#include <vector>

class QTimer;

namespace lumen::imaging {
struct ImageStack;
}

namespace lumen::viewer {

enum class SliceTool {
    WindowLevel,
    Pan,
    Zoom,
    Length,
    Angle,
    Rectangle,
    Ellipse,
    Polygon,
    Probe,
    Ctr,
    Cobb,
    Arrow,
    Text,
    // Left press and drag report the image point (MPR crosshair, curve drawing); the right
    // button still windows.
    Pointer,
};

// A line where another view's plane cuts this image, in patient space.
struct ReferencePlane
{
    imaging::Vec3 pointMm{0, 0, 0};
    imaging::Vec3 normal{0, 0, 1};
    QColor colour = Qt::yellow;
};

struct OverlayText
{
    QString patient; // name, id, sex/age: hidden by setHideIdentity
    QString study;   // date, description, accession
    QString series;  // number and description
    QString institution;
};

class SliceView : public QWidget
{
    Q_OBJECT
public:
    explicit SliceView(QWidget* parent = nullptr);
    ~SliceView() override;

    // A stack: frames are shown by index (scrolling, cine). Resets the view state to the
    // stack's default window.
    void setStack(std::shared_ptr<const imaging::ImageStack> stack);
    std::shared_ptr<const imaging::ImageStack> stack() const { return m_stack; }
    // A single image supplied from outside (MPR): the view keeps its state.
    void setImage(const SliceImage& image);
    void clear();
    const SliceImage& image() const { return m_image; }
    bool hasImage() const { return m_image.width > 0; }

    int frameCount() const;
    int frameIndex() const { return m_state.frame; }
    void setFrameIndex(int frame);

    const ViewState& viewState() const { return m_state; }
    void setViewState(const ViewState& state);
    void setWindow(double centre, double width);
    void applyPreset(int oneBasedIndex); // keys 1-9
    // The department's or the user's presets (defaults: imaging::defaultCtPresets()).
    void setWindowPresets(const std::vector<imaging::WindowPreset>& presets);
    const std::vector<imaging::WindowPreset>& windowPresets() const { return m_presets; }
    void resetView();
    void rotateClockwise();
    void flipHorizontally();
    void flipVertically();
    void toggleInvert();

    SliceTool activeTool() const { return m_tool; }
    void setActiveTool(SliceTool tool);

    // Annotations of every frame of the current stack, by frame index.
    QList<Annotation> annotations(int frame) const { return m_annotations.value(frame); }
    void setAnnotations(int frame, const QList<Annotation>& items);
    QHash<int, QList<Annotation>> allAnnotations() const { return m_annotations; }
    void undo();
    void deleteSelected();

    bool isKeyImage(int frame) const { return m_keyFrames.contains(frame); }
    void setKeyImage(int frame, bool key);

    void setOverlayText(const OverlayText& text);
    void setHideIdentity(bool hide);
    void setOverlaysVisible(bool visible);
    void setReferencePlanes(const QList<ReferencePlane>& planes);
    const QList<ReferencePlane>& referencePlanes() const { return m_referencePlanes; }
    void setActive(bool active); // the highlighted viewport of a layout

    void setCineFramesPerSecond(double fps);
    double cineFramesPerSecond() const { return m_cineFps; }
    void setCinePlaying(bool playing);
    bool isCinePlaying() const;

    // Screen <-> image pixel coordinates under the current view state.
    QPointF imageToWidget(const QPointF& imagePoint) const;
    QPointF widgetToImage(const QPointF& widgetPoint) const;
    // The measurement text shown beside an annotation.
    QString measurementText(const Annotation& annotation) const;
    // What the viewport shows now, overlays included.
    QImage grabImage();

signals:
    void frameChanged(int frame);
    void viewStateChanged(const lumen::viewer::ViewState& state);
    void annotationsChanged(int frame);
    void keyImageToggled(int frame, bool key);
    void clicked(const QPointF& imagePoint, Qt::MouseButton button); // for crosshair controllers
    void doubleClicked();
    void activated(); // pressed: becomes the active viewport
    // Pointer tool: the image point under the left button, on press and while dragging.
    void pointerPressed(const QPointF& imagePoint, Qt::KeyboardModifiers modifiers);
    void pointerDragged(const QPointF& imagePoint, Qt::KeyboardModifiers modifiers);
    // Wheel or arrow keys on a single image (MPR): the controller moves the plane.
    void scrollRequested(int steps);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void loadFrame();
    void renderImage();
    void changeState(const ViewState& state);
    QTransform imageTransform() const;
    void finishDrawing();
    void pushUndo();
    int annotationAt(const QPointF& widgetPoint) const;
    void drawOverlays(QPainter& painter);
    void drawOrientationLabels(QPainter& painter);
    void drawScaleBar(QPainter& painter);
    void drawReferenceLines(QPainter& painter);
    void drawAnnotation(QPainter& painter, const Annotation& annotation, bool selected);

    std::shared_ptr<const imaging::ImageStack> m_stack;
    SliceImage m_image;
    QImage m_rendered; // window/levelled pixels of m_image
    ViewState m_state;
    SliceTool m_tool = SliceTool::WindowLevel;
    QHash<int, QList<Annotation>> m_annotations;
    QList<QPair<int, QList<Annotation>>> m_undo; // frame and its list before each change
    QSet<int> m_keyFrames;
    OverlayText m_overlay;
    bool m_hideIdentity = false;
    bool m_overlaysVisible = true;
    bool m_active = false;
    QList<ReferencePlane> m_referencePlanes;

    // Mouse interaction in progress.
    Qt::MouseButton m_dragButton = Qt::NoButton;
    QPointF m_dragStart;
    ViewState m_dragStartState;
    bool m_drawing = false;
    Annotation m_draft;
    int m_selected = -1;

    std::vector<imaging::WindowPreset> m_presets;
    QTimer* m_cineTimer = nullptr;
    double m_cineFps = 10;
};

} // namespace lumen::viewer
