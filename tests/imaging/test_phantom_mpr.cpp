// Volumes and MPR on true DICOM geometry, proved on a phantom whose answers are computed:
// spheres and a rod at known patient coordinates, an oblique acquisition, uneven gaps, a tilted
// gantry. The phantom goes the real way: written as DICOM files, decoded, stacked, assembled.
#include <lumen/dicom/decoded_image.h>
#include <lumen/dicom/dimse_server.h>
#include <lumen/dicom/phantom_series.h>
#include <lumen/imaging/measurements.h>
#include <lumen/imaging/reslicer.h>
#include <lumen/imaging/volume_assembler.h>

#include <QDir>
#include <QLineF>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lumen;
using imaging::Vec3;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);

Vec3 add(const Vec3& a, const Vec3& b, double s = 1)
{
    return {a[0] + s * b[0], a[1] + s * b[1], a[2] + s * b[2]};
}

double dot(const Vec3& a, const Vec3& b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

Vec3 cross(const Vec3& a, const Vec3& b)
{
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

// Oblique: rotated 20 degrees about the feet-head axis and tilted 10 degrees forward.
dicom::PhantomSpec obliquePhantom()
{
    dicom::PhantomSpec s;
    s.rows = s.columns = 160;
    s.pixelSpacingMm = {1.0, 1.0};
    const double a = 20 * M_PI / 180, b = 10 * M_PI / 180;
    s.orientation = {std::cos(a), std::sin(a), 0, -std::sin(a) * std::cos(b), std::cos(a) * std::cos(b),
                     std::sin(b)};
    s.firstPositionMm = {-70, -90, -40};
    // 1.5 mm slices with two 3 mm gaps: uneven, as a scan with dropped slices is.
    double z = 0;
    for (int k = 0; k < 60; ++k) {
        s.sliceOffsetsMm.push_back(z);
        z += (k == 20 || k == 40) ? 3.0 : 1.5;
    }
    s.sliceThicknessMm = 1.5;
    const Vec3 row{s.orientation[0], s.orientation[1], s.orientation[2]};
    const Vec3 col{s.orientation[3], s.orientation[4], s.orientation[5]};
    const Vec3 normal = cross(row, col);
    auto at = [&](double x, double y, double depth) {
        return add(add(add(s.firstPositionMm, row, x), col, y), normal, depth);
    };
    s.spheres = {{at(80, 80, 45), 8, 300},         // the target
                 {at(40, 100, 45 + 6), 3, 800},    // small and bright, 6 mm off the plane of the target
                 {at(120, 100, 45 - 5), 4, -800}}; // dark (air-like), 5 mm to the other side
    s.rods = {{at(30, 40, 30), at(120, 55, 62), 2.5, 1000}};
    return s;
}

std::shared_ptr<const imaging::ImageVolume> assemble(const dicom::PhantomSpec& spec, const QString& folder,
                                                     imaging::AssemblyOptions options = {})
{
    const auto paths = dicom::writePhantomSeries(spec, folder.toStdString());
    std::vector<std::shared_ptr<const dicom::DecodedImage>> images;
    // Reversed: the file order must not matter.
    for (auto it = paths.rbegin(); it != paths.rend(); ++it)
        images.push_back(std::make_shared<const dicom::DecodedImage>(dicom::decodeImageFile(*it)));
    const auto stacks = imaging::buildStacks(images);
    if (stacks.size() != 1)
        throw std::runtime_error("expected one stack");
    return std::make_shared<const imaging::ImageVolume>(imaging::assembleVolume(stacks.front(), options));
}

// Centroid of the pixels above a threshold within `radius` pixels of `near` (other objects of
// the phantom may share the plane); (-1,-1) when none.
QPointF centroidAbove(const imaging::ResliceImage& image, float threshold, QPointF near, double radius)
{
    double sx = 0, sy = 0;
    int n = 0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (QLineF(near, QPointF(x, y)).length() <= radius &&
                image.values[std::size_t(y) * std::size_t(image.width) + std::size_t(x)] > threshold) {
                sx += x;
                sy += y;
                ++n;
            }
    return n ? QPointF(sx / n, sy / n) : QPointF(-1, -1);
}

QPointF expectedPixel(const imaging::ResliceImage& image, const Vec3& point)
{
    const Vec3 d = add(point, image.plane.centreMm, -1);
    return {dot(d, image.plane.rowDirection) / image.pixelSpacingMm + (image.width - 1) / 2.0,
            dot(d, image.plane.columnDirection) / image.pixelSpacingMm + (image.height - 1) / 2.0};
}

float valueAt(const imaging::ResliceImage& image, const QPointF& p)
{
    return image
        .values[std::size_t(std::lround(p.y())) * std::size_t(image.width) + std::size_t(std::lround(p.x()))];
}

// The plane of `base` orientation moved through `point`, centred near the volume.
imaging::ReslicePlane through(imaging::ReslicePlane base, const Vec3& point)
{
    const Vec3 n = cross(base.rowDirection, base.columnDirection);
    const double depth = dot(add(point, base.centreMm, -1), n);
    base.centreMm = add(base.centreMm, n, depth);
    return base;
}

} // namespace

class TestPhantomMpr : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sphere_appears_at_the_computed_pixel_in_each_mpr_view();
    void rod_length_is_measured_within_one_pixel_spacing();
    void roi_mean_matches_the_known_value();
    void mip_slab_shows_an_off_plane_sphere_that_thin_does_not();
    void minip_slab_shows_a_dark_sphere_that_thin_does_not();
    void uneven_gaps_are_resampled_onto_a_regular_grid();
    void gantry_tilt_is_corrected_or_refused_by_setting();
    void mixed_orientations_in_one_series_are_split();
    void real_ct_and_mr_series_assemble_and_reslice();
    void enhanced_mr_without_functional_groups_stays_a_stack();

private:
    QTemporaryDir m_dir;
    dicom::PhantomSpec m_spec;
    std::shared_ptr<const imaging::ImageVolume> m_volume;
};

void TestPhantomMpr::initTestCase()
{
    dicom::registerCodecs();
    m_spec = obliquePhantom();
    m_volume = assemble(m_spec, m_dir.filePath(QStringLiteral("oblique")));
}

// req: 000 §2.3.2 MPR on true geometry (oblique acquisition, uneven spacing)
void TestPhantomMpr::sphere_appears_at_the_computed_pixel_in_each_mpr_view()
{
    imaging::Reslicer reslicer(m_volume);
    const Vec3 target = m_spec.spheres[0].centreMm;
    const Vec3 centre = m_volume->geometry.patientPoint({79.5, 79.5, 50});
    imaging::ReslicePlane oblique = imaging::axialPlane(centre, 256, 0.8);
    const double t = 35 * M_PI / 180;
    oblique.rowDirection = {std::cos(t), 0, std::sin(t)};
    oblique.columnDirection = {0, 1, 0};
    const std::pair<const char*, imaging::ReslicePlane> planes[] = {
        {"axial", imaging::axialPlane(centre, 256, 0.8)},
        {"coronal", imaging::coronalPlane(centre, 256, 0.8)},
        {"sagittal", imaging::sagittalPlane(centre, 256, 0.8)},
        {"oblique", oblique}};
    for (const auto& [name, plane] : planes) {
        const imaging::ResliceImage image = reslicer.reslice(through(plane, target));
        const QPointF expected = expectedPixel(image, target);
        const QPointF found =
            centroidAbove(image, 170, expected, 2 * m_spec.spheres[0].radiusMm / image.pixelSpacingMm);
        QVERIFY2(QLineF(found, expected).length() < 1.0,
                 qPrintable(QStringLiteral("%1: found (%2, %3), computed (%4, %5)")
                                .arg(QLatin1String(name))
                                .arg(found.x())
                                .arg(found.y())
                                .arg(expected.x())
                                .arg(expected.y())));
        QVERIFY(std::abs(valueAt(image, expected) - 300) < 1);
    }
}

// req: 000 §2.3.2 measurements in mm from the real spacing
void TestPhantomMpr::rod_length_is_measured_within_one_pixel_spacing()
{
    const auto& rod = m_spec.rods[0];
    const Vec3 axis = add(rod.toMm, rod.fromMm, -1);
    const double length = std::sqrt(dot(axis, axis));
    const Vec3 along{axis[0] / length, axis[1] / length, axis[2] / length};
    // A plane containing the rod: its row runs along the rod.
    Vec3 other = std::abs(along[2]) < 0.9 ? Vec3{0, 0, 1} : Vec3{1, 0, 0};
    Vec3 column = cross(along, other);
    const double cn = std::sqrt(dot(column, column));
    column = {column[0] / cn, column[1] / cn, column[2] / cn};
    const double spacing = 0.5;
    imaging::ReslicePlane plane{add(rod.fromMm, axis, 0.5), along, column, 300, 60, spacing, 0,
                                imaging::SlabMode::Thin};
    imaging::Reslicer reslicer(m_volume);
    const imaging::ResliceImage image = reslicer.reslice(plane);
    // The rod's ends where the profile along its axis crosses half its value.
    const int y = (image.height - 1) / 2;
    const float half = float((1000 + m_spec.bodyValue) / 2);
    int first = -1, last = -1;
    for (int x = 0; x < image.width; ++x)
        if (image.values[std::size_t(y) * std::size_t(image.width) + std::size_t(x)] > half) {
            if (first < 0)
                first = x;
            last = x;
        }
    QVERIFY(first >= 0);
    // Pixel centres inside span the length minus one pixel; the measurement tool adds it back.
    const double measured =
        imaging::lengthMm({double(first), double(y)}, {double(last), double(y)}, {spacing, spacing, true}) +
        spacing;
    const double volumeSpacing = std::max(
        {m_volume->geometry.spacingMm[0], m_volume->geometry.spacingMm[1], m_volume->geometry.spacingMm[2]});
    QVERIFY2(std::abs(measured - length) <= volumeSpacing,
             qPrintable(QStringLiteral("measured %1 mm, rod %2 mm").arg(measured).arg(length)));
}

void TestPhantomMpr::roi_mean_matches_the_known_value()
{
    imaging::Reslicer reslicer(m_volume);
    const Vec3 target = m_spec.spheres[0].centreMm;
    const imaging::ResliceImage image = reslicer.reslice(imaging::axialPlane(target, 128, 0.5));
    const QPointF c = expectedPixel(image, target);
    const double r = 0.6 * m_spec.spheres[0].radiusMm / image.pixelSpacingMm; // well inside
    const auto stats = imaging::roiStatistics(
        imaging::RoiShape::Ellipse, {{c.x() - r, c.y() - r}, {c.x() + r, c.y() + r}}, image.values.data(),
        image.width, image.height, {image.pixelSpacingMm, image.pixelSpacingMm, true});
    QVERIFY(stats.pixelCount > 100);
    QVERIFY2(std::abs(stats.mean - 300) < 0.5, qPrintable(QString::number(stats.mean)));
    QVERIFY(stats.standardDeviation < 0.5);
    QVERIFY(std::abs(stats.areaMm2 - M_PI * (r * 0.5) * (r * 0.5)) < 0.1 * M_PI * (r * 0.5) * (r * 0.5));
    // A rectangle over the body away from every object reads the body value.
    const auto body = imaging::roiStatistics(
        imaging::RoiShape::Rectangle, {{c.x() + 25, c.y() + 25}, {c.x() + 35, c.y() + 35}},
        image.values.data(), image.width, image.height, {image.pixelSpacingMm, image.pixelSpacingMm, true});
    QCOMPARE(body.mean, m_spec.bodyValue);
}

// req: 000 §2.3.2 slab projections: MIP
void TestPhantomMpr::mip_slab_shows_an_off_plane_sphere_that_thin_does_not()
{
    imaging::Reslicer reslicer(m_volume);
    const auto& target = m_spec.spheres[0].centreMm;
    const auto& small = m_spec.spheres[1].centreMm;
    // A plane parallel to the acquisition through the target; the small sphere is 6 mm away.
    imaging::ReslicePlane plane{target,
                                {m_spec.orientation[0], m_spec.orientation[1], m_spec.orientation[2]},
                                {m_spec.orientation[3], m_spec.orientation[4], m_spec.orientation[5]},
                                200,
                                200,
                                1.0,
                                0,
                                imaging::SlabMode::Thin};
    const imaging::ResliceImage thin = reslicer.reslice(plane);
    plane.mode = imaging::SlabMode::Mip;
    plane.slabThicknessMm = 20;
    const imaging::ResliceImage mip = reslicer.reslice(plane);
    const QPointF p = expectedPixel(thin, small);
    QCOMPARE(valueAt(thin, p), float(m_spec.bodyValue));
    QVERIFY2(valueAt(mip, p) > 700, qPrintable(QString::number(valueAt(mip, p))));
    plane.slabThicknessMm = 2; // 1 mm each side: the sphere (3 to 9 mm away) stays outside
    QVERIFY(valueAt(reslicer.reslice(plane), p) < 100);
}

void TestPhantomMpr::minip_slab_shows_a_dark_sphere_that_thin_does_not()
{
    imaging::Reslicer reslicer(m_volume);
    const auto& target = m_spec.spheres[0].centreMm;
    const auto& dark = m_spec.spheres[2].centreMm;
    imaging::ReslicePlane plane{target,
                                {m_spec.orientation[0], m_spec.orientation[1], m_spec.orientation[2]},
                                {m_spec.orientation[3], m_spec.orientation[4], m_spec.orientation[5]},
                                200,
                                200,
                                1.0,
                                20,
                                imaging::SlabMode::MinIp};
    const QPointF p = expectedPixel(reslicer.reslice(plane), dark);
    QVERIFY2(valueAt(reslicer.reslice(plane), p) < -600,
             qPrintable(QString::number(valueAt(reslicer.reslice(plane), p))));
    plane.mode = imaging::SlabMode::Thin;
    QCOMPARE(valueAt(reslicer.reslice(plane), p), float(m_spec.bodyValue));
    plane.mode = imaging::SlabMode::Average;
    const float average = valueAt(reslicer.reslice(plane), p);
    QVERIFY(average < m_spec.bodyValue && average > -800);
}

void TestPhantomMpr::uneven_gaps_are_resampled_onto_a_regular_grid()
{
    QVERIFY(std::abs(m_volume->geometry.spacingMm[2] - 1.5) < 1e-6);
    // 57 gaps of 1.5 and two of 3: 91.5 mm, 62 slices on the 1.5 mm grid.
    QCOMPARE(m_volume->geometry.dimensions[2], 62);
    QVERIFY(std::any_of(m_volume->warnings.begin(), m_volume->warnings.end(),
                        [](const std::string& w) { return w.find("uneven") != std::string::npos; }));
}

void TestPhantomMpr::gantry_tilt_is_corrected_or_refused_by_setting()
{
    dicom::PhantomSpec spec;
    spec.rows = spec.columns = 128;
    spec.firstPositionMm = {-64, -64, 0};
    for (int k = 0; k < 50; ++k)
        spec.sliceOffsetsMm.push_back(k * 2.0);
    spec.gantryTiltDegrees = 15;
    spec.spheres = {{{5, -10, 50}, 7, 300}};
    const auto volume = assemble(spec, m_dir.filePath(QStringLiteral("tilt")));
    QVERIFY(std::any_of(volume->warnings.begin(), volume->warnings.end(), [](const std::string& w) {
        return w.find("gantry tilt 15.0 deg corrected") != std::string::npos;
    }));
    imaging::Reslicer reslicer(volume);
    const Vec3 target = spec.spheres[0].centreMm;
    for (const auto& plane :
         {imaging::sagittalPlane(target, 160, 1.0), imaging::coronalPlane(target, 160, 1.0)}) {
        const imaging::ResliceImage image = reslicer.reslice(plane);
        const QPointF found =
            centroidAbove(image, 170, expectedPixel(image, target), 2 * 7 / image.pixelSpacingMm);
        QVERIFY2(QLineF(found, expectedPixel(image, target)).length() < 1.0,
                 qPrintable(QStringLiteral("(%1, %2)").arg(found.x()).arg(found.y())));
    }
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, assemble(spec, m_dir.filePath(QStringLiteral("tilt2")),
                                                          {imaging::TiltPolicy::Refuse, 0.05}));
}

void TestPhantomMpr::mixed_orientations_in_one_series_are_split()
{
    dicom::PhantomSpec axial;
    axial.rows = axial.columns = 64;
    axial.sliceOffsetsMm = {0, 2, 4, 6, 8};
    axial.seriesInstanceUid = "1.2.826.0.1.3680043.10.1234.1";
    dicom::PhantomSpec coronal = axial;
    coronal.orientation = {1, 0, 0, 0, 0, -1};
    coronal.firstPositionMm = {-32, 0, 40};
    std::vector<std::shared_ptr<const dicom::DecodedImage>> images;
    for (const auto& spec : {axial, coronal})
        for (const auto& bytes : dicom::phantomSeriesBytes(spec))
            images.push_back(std::make_shared<const dicom::DecodedImage>(dicom::decodeImage(bytes)));
    const auto stacks = imaging::buildStacks(images);
    QCOMPARE(stacks.size(), std::size_t(2));
    for (const auto& s : stacks) {
        QCOMPARE(s.frames.size(), std::size_t(5));
        QVERIFY(s.volumeCapable);
    }
    QVERIFY(stacks[0].label != stacks[1].label);
}

void TestPhantomMpr::real_ct_and_mr_series_assemble_and_reslice()
{
    if (!QDir(testData).exists())
        QSKIP("shared test data not present");
    const QString folders[] = {QStringLiteral("/ct/philips_ingenuity_head_phantom_1mm_jpegll"),
                               QStringLiteral("/ct/philips_ingenuity_head_phantom_5mm"),
                               QStringLiteral("/mr/ge_signa_16slice")};
    for (const QString& folder : folders) {
        std::vector<std::shared_ptr<const dicom::DecodedImage>> images;
        for (const QFileInfo& f : QDir(testData + folder).entryInfoList(QDir::Files))
            images.push_back(std::make_shared<const dicom::DecodedImage>(
                dicom::decodeImageFile(f.filePath().toStdString())));
        const auto stacks = imaging::buildStacks(images);
        QVERIFY(!stacks.empty());
        QCOMPARE(stacks.front().frames.size(), images.size());
        const auto volume =
            std::make_shared<const imaging::ImageVolume>(imaging::assembleVolume(stacks.front()));
        imaging::Reslicer reslicer(volume);
        const auto& g = volume->geometry;
        const Vec3 centre = g.patientPoint(
            {(g.dimensions[0] - 1) / 2.0, (g.dimensions[1] - 1) / 2.0, (g.dimensions[2] - 1) / 2.0});
        for (const auto& plane :
             {imaging::axialPlane(centre, 256, 1.0), imaging::coronalPlane(centre, 256, 1.0),
              imaging::sagittalPlane(centre, 256, 1.0)}) {
            const auto image = reslicer.reslice(plane);
            float lo = INFINITY, hi = -INFINITY;
            int inside = 0;
            for (float v : image.values)
                if (!std::isnan(v)) {
                    ++inside;
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            QVERIFY(inside > 1000);
            QVERIFY(hi > lo);
            if (folder.startsWith(QStringLiteral("/ct")))
                QVERIFY2(lo <= -900 && lo >= -1100,
                         qPrintable(QStringLiteral("%1 air %2").arg(folder).arg(lo)));
        }
    }
}

void TestPhantomMpr::enhanced_mr_without_functional_groups_stays_a_stack()
{
    const QString path = testData + QStringLiteral("/mr/emri_small_enhanced_mr_10frames.dcm");
    if (!QFileInfo::exists(path))
        QSKIP("shared test data not present");
    auto image = std::make_shared<const dicom::DecodedImage>(dicom::decodeImageFile(path.toStdString()));
    QCOMPARE(image->frames.size(), std::size_t(10));
    // This anonymised file lost its functional groups: frames stay a stack, never a volume.
    QVERIFY(!image->frames[0].imagePositionPatient.has_value());
    const auto stacks = imaging::buildStacks({image});
    QCOMPARE(stacks.size(), std::size_t(1));
    QCOMPARE(stacks.front().frames.size(), std::size_t(10));
    QVERIFY(!stacks.front().volumeCapable);
    QCOMPARE(stacks.front().notVolumeReason, std::string("no image position or orientation"));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, imaging::assembleVolume(stacks.front()));
}

QTEST_GUILESS_MAIN(TestPhantomMpr)
#include "test_phantom_mpr.moc"
