#pragma once
// The 3D view of a volume: presets, rotate (left drag), zoom (right drag, wheel), pan (middle
// drag), lower quality while the mouse moves and full quality once it rests, a clipping box,
// and the virtual scalpel (click a polygon, double-click or Enter cuts, Esc cancels, Ctrl+Z
// undoes). The view can be saved as PNG and handed to the app as pixels for the archive.
#include "lumen/viewer/vtk_render_widget.h"

#include <lumen/imaging/volume_scene.h>

#include <QImage>
#include <QPolygonF>

class QTimer;

namespace lumen::viewer {

class VolumeView : public VtkRenderWidget
{
    Q_OBJECT
public:
    explicit VolumeView(QWidget* parent = nullptr);
    ~VolumeView() override;

    void setVolume(imaging::ImageVolumePtr volume);
    imaging::VolumeScene& scene() { return *m_scene; }
    void setState(const imaging::VolumeViewState& state);
    const imaging::VolumeViewState& state() const { return m_scene->state(); }
    void setPreset(imaging::VolumePreset preset);
    void resetView();

    // Scalpel: while on, clicks add polygon points.
    void setScalpelActive(bool active);
    bool scalpelActive() const { return m_scalpel; }
    // Cuts with the polygon drawn so far (widget pixels); returns voxels removed.
    qint64 applyCut();
    void undoCut();

    // The current view at full quality, as shown (no overlay).
    QImage capture();

signals:
    void stateChanged(const lumen::imaging::VolumeViewState& state);
    void cutApplied(qint64 voxels);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void paintOverlay(QPainter& painter) override;

private:
    void setInteracting(bool interacting);

    std::unique_ptr<imaging::VolumeScene> m_scene;
    bool m_scalpel = false;
    QPolygonF m_polygon;
    Qt::MouseButton m_button = Qt::NoButton;
    QPointF m_last;
    QTimer* m_restTimer = nullptr;
};

} // namespace lumen::viewer
