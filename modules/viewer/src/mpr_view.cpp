#include "lumen/viewer/mpr_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>

#include <cmath>
#include <numbers>

namespace lumen::viewer {

namespace {

using imaging::Vec3;

double dot(const Vec3& a, const Vec3& b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

Vec3 cross(const Vec3& a, const Vec3& b)
{
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

// Rodrigues' rotation of v about a unit axis.
Vec3 rotated(const Vec3& v, const Vec3& axis, double radians)
{
    const double c = std::cos(radians), s = std::sin(radians);
    const Vec3 k = cross(axis, v);
    const double d = dot(axis, v);
    return {v[0] * c + k[0] * s + axis[0] * d * (1 - c), v[1] * c + k[1] * s + axis[1] * d * (1 - c),
            v[2] * c + k[2] * s + axis[2] * d * (1 - c)};
}

const QColor planeColours[3] = {QColor(230, 60, 60), QColor(60, 200, 90), QColor(70, 140, 255)};

} // namespace

MprView::MprView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("mprView"));
    auto* grid = new QGridLayout;
    grid->setSpacing(2);
    for (int p = 0; p < 3; ++p) {
        auto* view = new SliceView(this);
        view->setObjectName(QStringLiteral("mpr%1").arg(p == Axial     ? "Axial"
                                                        : p == Coronal ? "Coronal"
                                                                       : "Sagittal"));
        view->setActiveTool(SliceTool::Pointer);
        const Plane plane = Plane(p);
        connect(view, &SliceView::pointerPressed, this,
                [this, plane](const QPointF& point, Qt::KeyboardModifiers m) {
                    onPointer(plane, point, m, true);
                });
        connect(view, &SliceView::pointerDragged, this,
                [this, plane](const QPointF& point, Qt::KeyboardModifiers m) {
                    onPointer(plane, point, m, false);
                });
        connect(view, &SliceView::scrollRequested, this, [this, plane](int steps) {
            // One step is the finest voxel spacing along this view's normal.
            if (!m_volume)
                return;
            const auto& sp = m_volume->geometry.spacingMm;
            const double step = std::min({sp[0], sp[1], sp[2]}) * steps;
            const Vec3 n = cross(m_rows[std::size_t(plane)], m_columns[std::size_t(plane)]);
            setCrosshair(
                {m_crosshair[0] + n[0] * step, m_crosshair[1] + n[1] * step, m_crosshair[2] + n[2] * step});
        });
        m_views[std::size_t(p)] = view;
    }
    m_curved = new SliceView(this);
    m_curved->setObjectName(QStringLiteral("mprCurved"));
    grid->addWidget(m_views[Axial], 0, 0);
    grid->addWidget(m_views[Coronal], 0, 1);
    grid->addWidget(m_views[Sagittal], 1, 0);
    grid->addWidget(m_curved, 1, 1);

    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("mprSlabMode"));
    for (int i = 0; i < 4; ++i)
        m_mode->addItem(QString(), i);
    m_thickness = new QDoubleSpinBox(this);
    m_thickness->setObjectName(QStringLiteral("mprSlabThickness"));
    m_thickness->setRange(0, 200);
    m_thickness->setDecimals(1);
    m_thickness->setSingleStep(1);
    m_reset = new QPushButton(this);
    m_reset->setObjectName(QStringLiteral("mprReset"));
    m_curveButton = new QPushButton(this);
    m_curveButton->setObjectName(QStringLiteral("mprDrawCurve"));
    m_curveButton->setCheckable(true);
    m_saveButton = new QPushButton(this);
    m_saveButton->setObjectName(QStringLiteral("mprSaveToArchive"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_mode);
    bar->addWidget(m_thickness);
    bar->addWidget(m_reset);
    bar->addWidget(m_curveButton);
    bar->addWidget(m_saveButton);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addLayout(grid, 1);

    auto slabChanged = [this] {
        setSlab(imaging::SlabMode(m_mode->currentData().toInt()), m_thickness->value());
    };
    connect(m_mode, &QComboBox::currentIndexChanged, this, slabChanged);
    connect(m_thickness, &QDoubleSpinBox::valueChanged, this, slabChanged);
    connect(m_reset, &QPushButton::clicked, this, &MprView::resetPlanes);
    connect(m_curveButton, &QPushButton::toggled, this, &MprView::setDrawingCurve);
    connect(m_saveButton, &QPushButton::clicked, this, [this, grid] {
        // The views with their crosshair and labels, as the radiologist sees them.
        QImage image(grid->geometry().size(), QImage::Format_RGB888);
        image.fill(Qt::black);
        QPainter painter(&image);
        for (SliceView* v : {m_views[Axial], m_views[Coronal], m_views[Sagittal], m_curved})
            if (v->hasImage())
                painter.drawImage(v->geometry().topLeft() - grid->geometry().topLeft(), v->grabImage());
        painter.end();
        emit saveToArchiveRequested(image);
    });
    connect(m_views[Axial], &SliceView::doubleClicked, this, [this] {
        if (m_drawingCurve)
            setDrawingCurve(false);
    });
    resetPlanes();
    retranslateUi();
}

MprView::~MprView() = default;

void MprView::retranslateUi()
{
    m_mode->setItemText(0, tr("Thin"));
    m_mode->setItemText(1, tr("MIP"));
    m_mode->setItemText(2, tr("MinIP"));
    m_mode->setItemText(3, tr("Average"));
    m_thickness->setSuffix(tr(" mm"));
    m_thickness->setToolTip(tr("Slab thickness"));
    m_reset->setText(tr("Reset planes"));
    m_curveButton->setText(tr("Draw curve"));
    m_saveButton->setText(tr("Save to archive"));
    m_curveButton->setToolTip(tr("Click points along a vessel on the axial view; double-click to finish"));
}

void MprView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MprView::setVolume(imaging::ImageVolumePtr volume)
{
    m_volume = std::move(volume);
    for (auto& r : m_reslicers)
        r = m_volume ? std::make_unique<imaging::Reslicer>(m_volume) : nullptr;
    if (!m_volume)
        return;
    const auto& g = m_volume->geometry;
    // Field of view: the volume's largest extent on a 512 grid, at least as fine as its pixels.
    double extent = 0;
    for (int a = 0; a < 3; ++a)
        extent = std::max(extent, g.dimensions[std::size_t(a)] * g.spacingMm[std::size_t(a)]);
    const double finest = std::min({g.spacingMm[0], g.spacingMm[1], g.spacingMm[2]});
    m_spacingMm = std::max(finest, extent / 512.0);
    m_size = int(std::ceil(extent / m_spacingMm));
    m_crosshair = g.patientPoint(
        {(g.dimensions[0] - 1) / 2.0, (g.dimensions[1] - 1) / 2.0, (g.dimensions[2] - 1) / 2.0});
    m_fovCentre = m_crosshair;
    m_curvePath.clear();
    m_curved->clear();
    resetPlanes();
    for (SliceView* v : m_views)
        v->setWindow(m_volume->defaultWindowCenter, m_volume->defaultWindowWidth);
}

void MprView::resetPlanes()
{
    const imaging::ReslicePlane a = imaging::axialPlane(m_crosshair, 1, 1);
    const imaging::ReslicePlane c = imaging::coronalPlane(m_crosshair, 1, 1);
    const imaging::ReslicePlane s = imaging::sagittalPlane(m_crosshair, 1, 1);
    m_rows = {a.rowDirection, c.rowDirection, s.rowDirection};
    m_columns = {a.columnDirection, c.columnDirection, s.columnDirection};
    updateViews();
    emit planesChanged();
}

imaging::ReslicePlane MprView::planeOf(Plane plane) const
{
    imaging::ReslicePlane p;
    // The field of view stays on the volume; only the plane's depth follows the crosshair, so a
    // click does not move the image under the pointer.
    const Vec3 n = cross(m_rows[std::size_t(plane)], m_columns[std::size_t(plane)]);
    const Vec3 d{m_crosshair[0] - m_fovCentre[0], m_crosshair[1] - m_fovCentre[1],
                 m_crosshair[2] - m_fovCentre[2]};
    const double depth = dot(d, n);
    p.centreMm = {m_fovCentre[0] + depth * n[0], m_fovCentre[1] + depth * n[1],
                  m_fovCentre[2] + depth * n[2]};
    p.rowDirection = m_rows[std::size_t(plane)];
    p.columnDirection = m_columns[std::size_t(plane)];
    p.width = p.height = m_size;
    p.pixelSpacingMm = m_spacingMm;
    p.slabThicknessMm = m_slabMm;
    p.mode = m_slabMode;
    return p;
}

QPointF MprView::imagePointOf(Plane plane, const imaging::Vec3& point) const
{
    const imaging::ReslicePlane p = planeOf(plane);
    const Vec3 d{point[0] - p.centreMm[0], point[1] - p.centreMm[1], point[2] - p.centreMm[2]};
    return {dot(d, p.rowDirection) / p.pixelSpacingMm + (p.width - 1) / 2.0,
            dot(d, p.columnDirection) / p.pixelSpacingMm + (p.height - 1) / 2.0};
}

void MprView::setCrosshair(const imaging::Vec3& point)
{
    m_crosshair = point;
    updateViews();
    emit crosshairChanged(point);
}

void MprView::rotate(const imaging::Vec3& axis, double degrees)
{
    const double radians = degrees * std::numbers::pi / 180.0;
    for (int p = 0; p < 3; ++p) {
        m_rows[std::size_t(p)] = rotated(m_rows[std::size_t(p)], axis, radians);
        m_columns[std::size_t(p)] = rotated(m_columns[std::size_t(p)], axis, radians);
    }
    updateViews();
    emit planesChanged();
}

void MprView::setSlab(imaging::SlabMode mode, double thicknessMm)
{
    m_slabMode = mode;
    m_slabMm = std::max(0.0, thicknessMm);
    const QSignalBlocker b1(m_mode), b2(m_thickness);
    m_mode->setCurrentIndex(int(mode));
    m_thickness->setValue(m_slabMm);
    updateViews();
}

void MprView::updateViews()
{
    if (!m_volume)
        return;
    for (int p = 0; p < 3; ++p) {
        const imaging::ResliceImage image = m_reslicers[std::size_t(p)]->reslice(planeOf(Plane(p)));
        SliceImage slice = SliceImage::fromReslice(image);
        slice.modalityValuesAreHu = m_volume->modality == "CT";
        slice.spacingKnown = m_volume->spacingKnown;
        m_views[std::size_t(p)]->setImage(slice);
        // The other two planes cross this one: that is the crosshair.
        QList<ReferencePlane> lines;
        for (int q = 0; q < 3; ++q)
            if (q != p)
                lines.append(
                    {m_crosshair, cross(m_rows[std::size_t(q)], m_columns[std::size_t(q)]), planeColours[q]});
        m_views[std::size_t(p)]->setReferencePlanes(lines);
    }
}

void MprView::onPointer(Plane plane, const QPointF& imagePoint, Qt::KeyboardModifiers modifiers, bool pressed)
{
    if (!m_volume)
        return;
    const SliceImage& image = m_views[std::size_t(plane)]->image();
    const Vec3 point = image.patientPoint(imagePoint.x(), imagePoint.y());
    if (m_drawingCurve && plane == Axial) {
        if (pressed) {
            m_curvePath.push_back(point);
            setCurvePath(m_curvePath);
        }
        return;
    }
    if (modifiers & Qt::ShiftModifier) {
        // Rotation about this view's normal by the angle the pointer turned about the centre.
        const QPointF centre = imagePointOf(plane, m_crosshair);
        if (!pressed) {
            const QPointF a = m_rotateFrom - centre, b = imagePoint - centre;
            const double degrees =
                (std::atan2(b.y(), b.x()) - std::atan2(a.y(), a.x())) * 180.0 / std::numbers::pi;
            const Vec3 normal = cross(m_rows[std::size_t(plane)], m_columns[std::size_t(plane)]);
            // This view keeps its plane: rotate the others only.
            const Vec3 keepRow = m_rows[std::size_t(plane)], keepColumn = m_columns[std::size_t(plane)];
            rotate(normal, degrees);
            m_rows[std::size_t(plane)] = keepRow;
            m_columns[std::size_t(plane)] = keepColumn;
            updateViews();
        }
        m_rotateFrom = imagePoint;
        return;
    }
    setCrosshair(point);
}

void MprView::setDrawingCurve(bool drawing)
{
    m_drawingCurve = drawing;
    if (drawing)
        m_curvePath.clear();
    const QSignalBlocker block(m_curveButton);
    m_curveButton->setChecked(drawing);
}

void MprView::setCurvePath(const std::vector<imaging::Vec3>& pathMm)
{
    m_curvePath = pathMm;
    if (!m_volume || pathMm.size() < 2)
        return;
    const Vec3 depth = cross(m_rows[Axial], m_columns[Axial]);
    // Head up: the depth axis runs from head to feet on screen.
    const Vec3 down{-depth[0], -depth[1], -depth[2]};
    const auto& g = m_volume->geometry;
    const double zExtent = g.dimensions[2] * g.spacingMm[2];
    const imaging::ResliceImage image =
        imaging::curvedReslice(*m_volume, pathMm, down, int(std::ceil(zExtent / m_spacingMm)), m_spacingMm);
    SliceImage slice = SliceImage::fromReslice(image);
    slice.hasGeometry = false; // a curved surface has no single plane to label
    slice.modalityValuesAreHu = m_volume->modality == "CT";
    m_curved->setImage(slice);
    if (m_curved->viewState().windowWidth == ViewState{}.windowWidth)
        m_curved->setWindow(m_views[Axial]->viewState().windowCenter,
                            m_views[Axial]->viewState().windowWidth);
}

} // namespace lumen::viewer
