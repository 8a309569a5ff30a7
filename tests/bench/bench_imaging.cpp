// Reading-room rendering speed on a generated 512x512x400 16-bit CT volume (issue 5 §6):
// MPR frame times for a thin plane and a 20 mm MIP slab in four orientations, and volume
// rendering frames/s while rotating (adaptive quality) and at full quality, with peak memory.
// Prints figures; asserts nothing about speed. Also runs as a plain program (e.g. on a GPU
// machine): bench_imaging [mpr|vr] [slices].
#include <lumen/dicom/phantom_series.h>
#include <lumen/imaging/reslicer.h>
#include <lumen/viewer/opengl_setup.h>
#include <lumen/viewer/volume_view.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

using namespace lumen;

namespace {

int benchSlices()
{
    const int n = qEnvironmentVariableIntValue("LUMEN_BENCH_SLICES");
    return n > 0 ? n : 400;
}

// A chest-like volume straight into memory (the phantom's value function at voxel centres).
imaging::ImageVolumePtr generatedVolume(int slices)
{
    dicom::PhantomSpec spec;
    spec.rows = spec.columns = 512;
    spec.pixelSpacingMm = {0.7, 0.7};
    spec.firstPositionMm = {-179, -179, -200};
    spec.spheres = {{{-70, -10, 0}, 62, -850},
                    {{70, -10, 0}, 62, -850},
                    {{15, -35, -20}, 42, 45},
                    {{-60, -30, 25}, 5, 60}};
    spec.rods = {{{0, 62, -200}, {0, 62, 200}, 10, 700}, {{20, 20, -200}, {20, 20, 200}, 11, 300}};
    auto volume = std::make_shared<imaging::ImageVolume>();
    auto& g = volume->geometry;
    g.dimensions = {512, 512, slices};
    g.spacingMm = {0.7, 0.7, 1.0};
    g.originMm = spec.firstPositionMm;
    volume->modality = "CT";
    volume->voxels.resize(std::size_t(g.voxelCount()));
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (int k = int(t); k < slices; k += int(threads))
                for (int j = 0; j < 512; ++j)
                    for (int i = 0; i < 512; ++i) {
                        const auto p = g.patientPoint({double(i), double(j), double(k)});
                        volume->voxels[std::size_t(i) + 512 * (std::size_t(j) + 512 * std::size_t(k))] =
                            std::int16_t(dicom::phantomValueAt(spec, {p[0], p[1], p[2]}));
                    }
        });
    for (auto& th : pool)
        th.join();
    return volume;
}

long peakRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong() / 1024;
    return -1;
}

struct Timing
{
    double medianMs;
    double p95Ms;
};

template <class Work> Timing timeFrames(int frames, Work work)
{
    std::vector<double> ms;
    for (int f = 0; f < frames; ++f) {
        QElapsedTimer t;
        t.start();
        work(f);
        ms.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]};
}

void benchMpr(const imaging::ImageVolumePtr& volume)
{
    imaging::Reslicer reslicer(volume);
    const auto& g = volume->geometry;
    const imaging::Vec3 centre = g.patientPoint({255.5, 255.5, (g.dimensions[2] - 1) / 2.0});
    imaging::ReslicePlane oblique = imaging::axialPlane(centre, 512, 0.7);
    oblique.rowDirection = {std::cos(0.5), 0, std::sin(0.5)};
    const std::pair<const char*, imaging::ReslicePlane> planes[] = {
        {"axial", imaging::axialPlane(centre, 512, 0.7)},
        {"coronal", imaging::coronalPlane(centre, 512, 0.7)},
        {"sagittal", imaging::sagittalPlane(centre, 512, 0.7)},
        {"oblique", oblique}};
    std::printf("MPR 512x512 output, volume 512x512x%d int16, %u threads\n", g.dimensions[2],
                std::thread::hardware_concurrency());
    std::printf("%-10s %-14s %10s %10s %8s\n", "plane", "mode", "median ms", "p95 ms", "fps");
    for (const auto& [name, base] : planes)
        for (const auto& [modeName, mode, thickness] :
             {std::tuple{"thin", imaging::SlabMode::Thin, 0.0},
              std::tuple{"MIP 20 mm", imaging::SlabMode::Mip, 20.0}}) {
            imaging::ReslicePlane plane = base;
            plane.mode = mode;
            plane.slabThicknessMm = thickness;
            const imaging::Vec3 n{plane.rowDirection[1] * plane.columnDirection[2] -
                                      plane.rowDirection[2] * plane.columnDirection[1],
                                  plane.rowDirection[2] * plane.columnDirection[0] -
                                      plane.rowDirection[0] * plane.columnDirection[2],
                                  plane.rowDirection[0] * plane.columnDirection[1] -
                                      plane.rowDirection[1] * plane.columnDirection[0]};
            // Scrolling: each frame a plane 1 mm further, as a radiologist pages.
            const Timing t = timeFrames(60, [&](int f) {
                imaging::ReslicePlane p = plane;
                for (int c = 0; c < 3; ++c)
                    p.centreMm[std::size_t(c)] += (f - 30) * n[std::size_t(c)];
                volatile float sink = reslicer.reslice(p).values[0];
                (void)sink;
            });
            std::printf("%-10s %-14s %10.2f %10.2f %8.1f\n", name, modeName, t.medianMs, t.p95Ms,
                        1000.0 / t.medianMs);
        }
    std::printf("volume memory %.0f MiB, peak RSS %ld MiB\n",
                double(volume->voxels.size() * sizeof(std::int16_t)) / (1 << 20), peakRssMiB());
    std::fflush(stdout);
}

void benchVolumeRendering(const imaging::ImageVolumePtr& volume)
{
    viewer::VolumeView view;
    view.resize(512, 512);
    QElapsedTimer first;
    first.start();
    view.setVolume(volume);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return;
    if (!QTest::qWaitFor([&] { return view.lastRenderMs() > 0; }, 60000))
        std::printf("no render within a minute\n");
    const double firstMs = first.nsecsElapsed() / 1e6;
    auto state = view.state();
    auto renderFrames = [&](bool interacting, int frames) {
        std::vector<double> ms;
        for (int f = 0; f < frames; ++f) {
            state.interacting = interacting;
            state.azimuthDegrees += 3;
            view.scene().setState(state);
            // grabFramebuffer() paints synchronously: one VTK render, timed inside paintGL.
            const QImage frame = view.grabFramebuffer();
            ms.push_back(view.lastRenderMs());
        }
        std::sort(ms.begin(), ms.end());
        return Timing{ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]};
    };
    std::printf(
        "Volume rendering 512x512 view, volume 512x512x%d, bone preset (%s)\n",
        volume->geometry.dimensions[2],
        qPrintable(QString::fromLatin1(qgetenv("DISPLAY").isEmpty() ? "no display" : "Xvfb/Mesa or GPU")));
    std::printf("first render after open: %.0f ms (includes the texture upload)\n", firstMs);
    for (const auto& [label, interacting, frames] :
         {std::tuple{"rotating (adaptive)", true, 20}, std::tuple{"full quality", false, 5}}) {
        const Timing t = renderFrames(interacting, frames);
        std::printf("%-22s median %8.1f ms  p95 %8.1f ms  %6.1f frames/s\n", label, t.medianMs, t.p95Ms,
                    1000.0 / t.medianMs);
    }
    state.preset = imaging::VolumePreset::Mip;
    const Timing mip = renderFrames(false, 5);
    std::printf("%-22s median %8.1f ms  %6.1f frames/s\n", "MIP full quality", mip.medianMs,
                1000.0 / mip.medianMs);
    std::printf("peak RSS %ld MiB\n", peakRssMiB());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    viewer::requestOpenGlCoreProfile();
    QApplication app(argc, argv);
    const QString what = argc > 1 ? QString::fromLatin1(argv[1]) : QStringLiteral("all");
    const int slices = argc > 2 ? std::max(8, std::atoi(argv[2])) : benchSlices();
    QElapsedTimer t;
    t.start();
    const auto volume = generatedVolume(slices);
    std::printf("generated 512x512x%d in %.1f s\n", slices, t.nsecsElapsed() / 1e9);
    if (what == QLatin1String("all") || what == QLatin1String("mpr"))
        benchMpr(volume);
    if (what == QLatin1String("all") || what == QLatin1String("vr"))
        benchVolumeRendering(volume);
    return 0;
}
