#include "lumen/imaging/volume_scene.h"

#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPiecewiseFunction.h>
#include <vtkPlane.h>
#include <vtkPlaneCollection.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkShortArray.h>
#include <vtkSmartPointer.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

#include <algorithm>
#include <cmath>
#include <thread>

namespace lumen::imaging {

namespace {

// Voxels cut away take a value below every preset's visible range.
constexpr std::int16_t cutValue = -32768;

void applyPreset(VolumePreset preset, double slope, double intercept, vtkVolumeProperty* property,
                 vtkGPUVolumeRayCastMapper* mapper)
{
    // Transfer functions are written in HU; the texture holds stored values.
    auto stored = [&](double hu) { return (hu - intercept) / slope; };
    vtkNew<vtkColorTransferFunction> colour;
    vtkNew<vtkPiecewiseFunction> opacity;
    mapper->SetBlendModeToComposite();
    property->ShadeOn();
    property->SetAmbient(0.25);
    property->SetDiffuse(0.75);
    property->SetSpecular(0.2);
    switch (preset) {
    case VolumePreset::Bone:
        opacity->AddPoint(stored(-2000), 0);
        opacity->AddPoint(stored(150), 0);
        opacity->AddPoint(stored(300), 0.35);
        opacity->AddPoint(stored(1000), 0.85);
        colour->AddRGBPoint(stored(150), 0.55, 0.25, 0.15);
        colour->AddRGBPoint(stored(400), 0.95, 0.88, 0.75);
        colour->AddRGBPoint(stored(1500), 1.0, 1.0, 0.95);
        break;
    case VolumePreset::SoftTissue:
        opacity->AddPoint(stored(-2000), 0);
        opacity->AddPoint(stored(-600), 0);
        opacity->AddPoint(stored(-400), 0.12);
        opacity->AddPoint(stored(20), 0.2);
        opacity->AddPoint(stored(80), 0.45);
        opacity->AddPoint(stored(400), 0.8);
        colour->AddRGBPoint(stored(-600), 0.8, 0.55, 0.45);
        colour->AddRGBPoint(stored(40), 0.85, 0.35, 0.3);
        colour->AddRGBPoint(stored(400), 1.0, 0.95, 0.85);
        break;
    case VolumePreset::Angiography:
        opacity->AddPoint(stored(-2000), 0);
        opacity->AddPoint(stored(120), 0);
        opacity->AddPoint(stored(200), 0.45);
        opacity->AddPoint(stored(500), 0.7);
        opacity->AddPoint(stored(1500), 0.9);
        colour->AddRGBPoint(stored(120), 0.6, 0.05, 0.05);
        colour->AddRGBPoint(stored(300), 0.95, 0.25, 0.2);
        colour->AddRGBPoint(stored(800), 1.0, 0.95, 0.9);
        break;
    case VolumePreset::Mip:
        mapper->SetBlendModeToMaximumIntensity();
        property->ShadeOff();
        // Grey from the colour alone: the displayed value is colour x opacity.
        opacity->AddPoint(stored(-1000), 1);
        opacity->AddPoint(stored(1500), 1);
        colour->AddRGBPoint(stored(-1000), 0, 0, 0);
        colour->AddRGBPoint(stored(1500), 1, 1, 1);
        break;
    }
    property->SetColor(colour);
    property->SetScalarOpacity(opacity);
    property->SetInterpolationTypeToLinear();
}

// Scanline fill of a polygon into a width x height mask (row-major, top row first).
std::vector<std::uint8_t> rasterise(const std::vector<std::array<double, 2>>& polygon, int width, int height)
{
    std::vector<std::uint8_t> mask(std::size_t(width) * std::size_t(height), 0);
    std::vector<double> crossings;
    for (int y = 0; y < height; ++y) {
        const double cy = y + 0.5;
        crossings.clear();
        for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
            const auto& a = polygon[i];
            const auto& b = polygon[j];
            if ((a[1] > cy) != (b[1] > cy))
                crossings.push_back(a[0] + (cy - a[1]) * (b[0] - a[0]) / (b[1] - a[1]));
        }
        std::sort(crossings.begin(), crossings.end());
        for (std::size_t c = 0; c + 1 < crossings.size(); c += 2) {
            const int x0 = std::max(0, int(std::ceil(crossings[c] - 0.5)));
            const int x1 = std::min(width - 1, int(std::floor(crossings[c + 1] - 0.5)));
            for (int x = x0; x <= x1; ++x)
                mask[std::size_t(y) * std::size_t(width) + std::size_t(x)] = 1;
        }
    }
    return mask;
}

} // namespace

struct VolumeScene::Impl
{
    ImageVolumePtr volume;
    VolumeViewState state;
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkImageData> image;
    vtkNew<vtkShortArray> scalars;
    vtkNew<vtkGPUVolumeRayCastMapper> mapper;
    vtkNew<vtkVolumeProperty> property;
    vtkNew<vtkVolume> actor;
    vtkNew<vtkPlaneCollection> clipping;
    // A half-resolution copy drawn while the mouse moves: a software renderer samples a texture
    // an eighth the size several times faster.
    vtkNew<vtkImageData> lowImage;
    vtkNew<vtkShortArray> lowScalars;
    vtkNew<vtkGPUVolumeRayCastMapper> lowMapper;
    vtkNew<vtkVolume> lowActor;
    std::vector<std::int16_t> lowVoxels;
    std::vector<std::int16_t> working;       // the voxels shown: the volume minus what was cut
    std::vector<std::uint8_t> cutGeneration; // per voxel: which cut removed it (0: none)
    int cuts = 0;
    bool presetApplied = false;
    VolumePreset appliedPreset = VolumePreset::Bone;

    std::array<double, 3> centre() const
    {
        const auto& g = volume->geometry;
        const Vec3 c = g.patientPoint(
            {(g.dimensions[0] - 1) / 2.0, (g.dimensions[1] - 1) / 2.0, (g.dimensions[2] - 1) / 2.0});
        return {c[0], c[1], c[2]};
    }

    double diagonal() const
    {
        const auto& g = volume->geometry;
        double d = 0;
        for (int a = 0; a < 3; ++a)
            d += std::pow(g.dimensions[std::size_t(a)] * g.spacingMm[std::size_t(a)], 2);
        return std::sqrt(d);
    }

    void updateCamera()
    {
        vtkCamera* camera = renderer->GetActiveCamera();
        const auto c = centre();
        const double distance = diagonal() * 1.6;
        // Seen from the front (anterior is -y in LPS), head up: the radiologist's default.
        camera->SetFocalPoint(c[0], c[1], c[2]);
        camera->SetPosition(c[0], c[1] - distance, c[2]);
        camera->SetViewUp(0, 0, 1);
        camera->SetViewAngle(30);
        camera->Azimuth(state.azimuthDegrees);
        camera->Elevation(state.elevationDegrees);
        camera->OrthogonalizeViewUp();
        camera->Dolly(std::max(0.05, state.zoom));
        // Pan moves the focal point and the camera together, in view fractions.
        double right[3], up[3];
        camera->GetViewUp(up);
        double direction[3];
        camera->GetDirectionOfProjection(direction);
        right[0] = direction[1] * up[2] - direction[2] * up[1];
        right[1] = direction[2] * up[0] - direction[0] * up[2];
        right[2] = direction[0] * up[1] - direction[1] * up[0];
        const double span = diagonal() / std::max(0.05, state.zoom);
        double focal[3], position[3];
        camera->GetFocalPoint(focal);
        camera->GetPosition(position);
        for (int i = 0; i < 3; ++i) {
            const double shift = -(state.panX * right[i] + state.panY * up[i]) * span;
            focal[i] += shift;
            position[i] += shift;
        }
        camera->SetFocalPoint(focal);
        camera->SetPosition(position);
        renderer->ResetCameraClippingRange();
    }

    void updateQuality()
    {
        const auto& s = volume->geometry.spacingMm;
        const double finest = std::min({s[0], s[1], s[2]});
        mapper->AutoAdjustSampleDistancesOff();
        mapper->SetSampleDistance(float(finest * 0.7));
        mapper->SetImageSampleDistance(1.0f);
        // While the mouse moves: the half-resolution volume, coarse rays, a quarter of the pixels
        // each way; the full image follows as soon as the mouse rests.
        lowMapper->AutoAdjustSampleDistancesOff();
        lowMapper->SetSampleDistance(float(finest * 4.0));
        lowMapper->SetImageSampleDistance(4.0f);
        actor->SetVisibility(!state.interacting);
        lowActor->SetVisibility(state.interacting);
    }

    // Each low voxel is the mean of (up to) 2x2x2 voxels, placed so its centre lies at theirs.
    void buildLowResolution()
    {
        const auto& g = volume->geometry;
        const auto& d = g.dimensions;
        const std::array<int, 3> low{std::max(1, d[0] / 2), std::max(1, d[1] / 2), std::max(1, d[2] / 2)};
        lowVoxels.assign(std::size_t(low[0]) * std::size_t(low[1]) * std::size_t(low[2]), 0);
        for (int k = 0; k < low[2]; ++k)
            for (int j = 0; j < low[1]; ++j)
                for (int i = 0; i < low[0]; ++i) {
                    int sum = 0;
                    for (int c = 0; c < 8; ++c) {
                        const int x = std::min(2 * i + (c & 1), d[0] - 1);
                        const int y = std::min(2 * j + ((c >> 1) & 1), d[1] - 1);
                        const int z = std::min(2 * k + (c >> 2), d[2] - 1);
                        sum += working[std::size_t(x) +
                                       std::size_t(d[0]) *
                                           (std::size_t(y) + std::size_t(d[1]) * std::size_t(z))];
                    }
                    lowVoxels[std::size_t(i) +
                              std::size_t(low[0]) * (std::size_t(j) + std::size_t(low[1]) * std::size_t(k))] =
                        std::int16_t(sum / 8);
                }
        lowScalars->SetNumberOfComponents(1);
        lowScalars->SetArray(lowVoxels.data(), vtkIdType(lowVoxels.size()), 1);
        lowImage->SetDimensions(low[0], low[1], low[2]);
        lowImage->SetSpacing(2 * g.spacingMm[0], 2 * g.spacingMm[1], 2 * g.spacingMm[2]);
        lowImage->SetOrigin(0.5 * g.spacingMm[0], 0.5 * g.spacingMm[1], 0.5 * g.spacingMm[2]);
        lowImage->GetPointData()->SetScalars(lowScalars);
        lowScalars->Modified();
        lowImage->Modified();
    }

    void updateClipping()
    {
        clipping->RemoveAllItems();
        if (state.clipBoxMm) {
            const auto& b = *state.clipBoxMm;
            const double planes[6][6] = {{b[0], 0, 0, 1, 0, 0}, {b[1], 0, 0, -1, 0, 0},
                                         {0, b[2], 0, 0, 1, 0}, {0, b[3], 0, 0, -1, 0},
                                         {0, 0, b[4], 0, 0, 1}, {0, 0, b[5], 0, 0, -1}};
            for (const auto& p : planes) {
                vtkNew<vtkPlane> plane;
                plane->SetOrigin(p[0], p[1], p[2]);
                plane->SetNormal(p[3], p[4], p[5]);
                clipping->AddItem(plane);
            }
        }
        mapper->SetClippingPlanes(clipping);
        lowMapper->SetClippingPlanes(clipping);
    }
};

VolumeScene::VolumeScene() : m_impl(std::make_unique<Impl>())
{
    m_impl->renderer->SetBackground(0, 0, 0);
    m_impl->mapper->SetInputData(m_impl->image);
    m_impl->actor->SetMapper(m_impl->mapper);
    m_impl->actor->SetProperty(m_impl->property);
    m_impl->lowMapper->SetInputData(m_impl->lowImage);
    m_impl->lowActor->SetMapper(m_impl->lowMapper);
    m_impl->lowActor->SetProperty(m_impl->property);
}

VolumeScene::~VolumeScene() = default;

void VolumeScene::setVolume(ImageVolumePtr volume)
{
    Impl& d = *m_impl;
    d.volume = std::move(volume);
    d.renderer->RemoveAllViewProps();
    if (!d.volume)
        return;
    const auto& g = d.volume->geometry;
    d.working = d.volume->voxels;
    d.cutGeneration.assign(d.working.size(), 0);
    d.cuts = 0;
    // The texture reads our buffer directly; patient geometry goes into the actor's matrix so
    // oblique volumes render in place.
    d.scalars->SetNumberOfComponents(1);
    d.scalars->SetArray(d.working.data(), vtkIdType(d.working.size()), 1 /*do not free*/);
    d.image->SetDimensions(g.dimensions[0], g.dimensions[1], g.dimensions[2]);
    d.image->SetSpacing(g.spacingMm[0], g.spacingMm[1], g.spacingMm[2]);
    d.image->SetOrigin(0, 0, 0);
    d.image->GetPointData()->SetScalars(d.scalars);
    d.image->Modified();
    vtkNew<vtkMatrix4x4> placement;
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c)
            placement->SetElement(r, c, g.axes[std::size_t(c)][std::size_t(r)]);
        placement->SetElement(r, 3, g.originMm[std::size_t(r)]);
    }
    d.actor->SetUserMatrix(placement);
    d.renderer->AddVolume(d.actor);
    d.buildLowResolution();
    d.lowActor->SetUserMatrix(placement);
    d.renderer->AddVolume(d.lowActor);
    d.presetApplied = false;
    setState(d.state);
}

ImageVolumePtr VolumeScene::volume() const
{
    return m_impl->volume;
}

void VolumeScene::setState(const VolumeViewState& state)
{
    Impl& d = *m_impl;
    d.state = state;
    if (!d.volume)
        return;
    if (!d.presetApplied || d.appliedPreset != state.preset) {
        applyPreset(state.preset, d.volume->slope, d.volume->intercept, d.property, d.mapper);
        if (state.preset == VolumePreset::Mip)
            d.lowMapper->SetBlendModeToMaximumIntensity();
        else
            d.lowMapper->SetBlendModeToComposite();
        d.presetApplied = true;
        d.appliedPreset = state.preset;
    }
    d.updateQuality();
    d.updateClipping();
    d.updateCamera();
}

const VolumeViewState& VolumeScene::state() const
{
    return m_impl->state;
}

vtkRenderer* VolumeScene::renderer() const
{
    return m_impl->renderer;
}

std::array<double, 6> VolumeScene::boundsMm() const
{
    const auto& g = m_impl->volume->geometry;
    std::array<double, 6> b{1e300, -1e300, 1e300, -1e300, 1e300, -1e300};
    for (int corner = 0; corner < 8; ++corner) {
        const Vec3 p = g.patientPoint({(corner & 1) ? g.dimensions[0] - 1.0 : 0.0,
                                       (corner & 2) ? g.dimensions[1] - 1.0 : 0.0,
                                       (corner & 4) ? g.dimensions[2] - 1.0 : 0.0});
        for (int a = 0; a < 3; ++a) {
            b[std::size_t(2 * a)] = std::min(b[std::size_t(2 * a)], p[std::size_t(a)]);
            b[std::size_t(2 * a + 1)] = std::max(b[std::size_t(2 * a + 1)], p[std::size_t(a)]);
        }
    }
    return b;
}

std::int64_t VolumeScene::cut(const std::vector<std::array<double, 2>>& polygon, int width, int height)
{
    Impl& d = *m_impl;
    if (!d.volume || polygon.size() < 3 || width <= 0 || height <= 0 || d.cuts >= 255)
        return 0;
    const std::vector<std::uint8_t> inside = rasterise(polygon, width, height);
    // Voxel index -> clip coordinates in one matrix: camera projection x placement x spacing.
    vtkCamera* camera = d.renderer->GetActiveCamera();
    vtkMatrix4x4* projection = camera->GetCompositeProjectionTransformMatrix(double(width) / height, -1, 1);
    vtkNew<vtkMatrix4x4> toClip;
    vtkMatrix4x4::Multiply4x4(projection, d.actor->GetUserMatrix(), toClip);
    const auto& g = d.volume->geometry;
    double m[4][4];
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c)
            m[r][c] = toClip->GetElement(r, c) * (c < 3 ? g.spacingMm[std::size_t(c)] : 1.0);
    const int generation = d.cuts + 1;
    const auto& dims = g.dimensions;
    std::vector<std::int64_t> removedPerThread(std::max(1u, std::thread::hardware_concurrency()), 0);
    auto work = [&](int k0, int k1, std::int64_t& removed) {
        for (int k = k0; k < k1; ++k)
            for (int j = 0; j < dims[1]; ++j) {
                std::size_t index =
                    (std::size_t(k) * std::size_t(dims[1]) + std::size_t(j)) * std::size_t(dims[0]);
                for (int i = 0; i < dims[0]; ++i, ++index) {
                    if (d.cutGeneration[index])
                        continue;
                    const double w = m[3][0] * i + m[3][1] * j + m[3][2] * k + m[3][3];
                    if (w <= 0)
                        continue;
                    const double x = (m[0][0] * i + m[0][1] * j + m[0][2] * k + m[0][3]) / w;
                    const double y = (m[1][0] * i + m[1][1] * j + m[1][2] * k + m[1][3]) / w;
                    const int px = int((x + 1) / 2 * width);
                    const int py = int((1 - (y + 1) / 2) * height);
                    if (px < 0 || py < 0 || px >= width || py >= height)
                        continue;
                    if (inside[std::size_t(py) * std::size_t(width) + std::size_t(px)]) {
                        d.cutGeneration[index] = std::uint8_t(generation);
                        d.working[index] = cutValue;
                        ++removed;
                    }
                }
            }
    };
    const int threads = int(removedPerThread.size());
    std::vector<std::thread> pool;
    const int chunk = (dims[2] + threads - 1) / threads;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(work, t * chunk, std::min(dims[2], (t + 1) * chunk),
                          std::ref(removedPerThread[std::size_t(t)]));
    for (auto& th : pool)
        th.join();
    std::int64_t removed = 0;
    for (auto r : removedPerThread)
        removed += r;
    if (removed == 0)
        return 0;
    d.cuts = generation;
    d.scalars->Modified();
    d.image->Modified();
    d.buildLowResolution();
    return removed;
}

bool VolumeScene::undoCut()
{
    Impl& d = *m_impl;
    if (d.cuts == 0)
        return false;
    const auto generation = std::uint8_t(d.cuts);
    for (std::size_t i = 0; i < d.working.size(); ++i)
        if (d.cutGeneration[i] == generation) {
            d.cutGeneration[i] = 0;
            d.working[i] = d.volume->voxels[i];
        }
    --d.cuts;
    d.scalars->Modified();
    d.image->Modified();
    d.buildLowResolution();
    return true;
}

int VolumeScene::cutCount() const
{
    return m_impl->cuts;
}

} // namespace lumen::imaging
