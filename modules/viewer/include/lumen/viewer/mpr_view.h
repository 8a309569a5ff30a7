#pragma once
// Multi-planar reformatting of one volume: axial, coronal and sagittal views sharing a
// crosshair in patient coordinates (click or drag to move it; Shift+drag rotates the other two
// planes about the view's normal, for oblique planes), slab thickness with MIP / MinIP /
// average, window/level per view, and a curved reformat along a path drawn on a view.
#include "lumen/viewer/slice_view.h"

#include <lumen/imaging/reslicer.h>

#include <QWidget>

#include <array>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace lumen::viewer {

class MprView : public QWidget
{
    Q_OBJECT
public:
    enum Plane { Axial = 0, Coronal = 1, Sagittal = 2 };

    explicit MprView(QWidget* parent = nullptr);
    ~MprView() override;

    void setVolume(imaging::ImageVolumePtr volume);
    imaging::ImageVolumePtr volume() const { return m_volume; }

    imaging::Vec3 crosshair() const { return m_crosshair; }
    void setCrosshair(const imaging::Vec3& pointMm);
    // Rotates the planes about `axis` (unit, patient space) by `degrees`.
    void rotate(const imaging::Vec3& axis, double degrees);
    void resetPlanes();
    void setSlab(imaging::SlabMode mode, double thicknessMm);
    imaging::SlabMode slabMode() const { return m_slabMode; }
    double slabThicknessMm() const { return m_slabMm; }

    SliceView* view(Plane plane) const { return m_views[std::size_t(plane)]; }
    SliceView* curvedView() const { return m_curved; }
    imaging::ReslicePlane planeOf(Plane plane) const;
    // Where a patient point appears in a view's image (pixel coordinates).
    QPointF imagePointOf(Plane plane, const imaging::Vec3& pointMm) const;

    // Curved MPR: the path (patient points, drawn on the axial view) and its image.
    void setCurvePath(const std::vector<imaging::Vec3>& pathMm);
    void setDrawingCurve(bool drawing);

signals:
    void crosshairChanged(const lumen::imaging::Vec3& pointMm);
    void planesChanged();
    // The user asked to store the three views as they look now in the study.
    void saveToArchiveRequested(const QImage& views);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateViews();
    void onPointer(Plane plane, const QPointF& imagePoint, Qt::KeyboardModifiers modifiers, bool pressed);

    imaging::ImageVolumePtr m_volume;
    std::array<std::unique_ptr<imaging::Reslicer>, 3> m_reslicers;
    std::array<SliceView*, 3> m_views{};
    SliceView* m_curved = nullptr;
    QComboBox* m_mode = nullptr;
    QDoubleSpinBox* m_thickness = nullptr;
    QPushButton* m_reset = nullptr;
    QPushButton* m_curveButton = nullptr;
    QPushButton* m_saveButton = nullptr;
    imaging::Vec3 m_crosshair{0, 0, 0};
    imaging::Vec3 m_fovCentre{0, 0, 0}; // the volume's centre: what every view is centred on
    // The three planes' row and column directions, rotated together for oblique MPR.
    std::array<imaging::Vec3, 3> m_rows;
    std::array<imaging::Vec3, 3> m_columns;
    imaging::SlabMode m_slabMode = imaging::SlabMode::Thin;
    double m_slabMm = 0;
    int m_size = 512;
    double m_spacingMm = 1;
    bool m_drawingCurve = false;
    std::vector<imaging::Vec3> m_curvePath;
    QPointF m_rotateFrom;
};

} // namespace lumen::viewer
