// Volume rendering in the real widget under Xvfb (Mesa): a phantom with a bright sphere and a
// rod, rotated, cut with the scalpel and restored, clipped, and shown as MIP. Screenshots go to
// the artifact folder.
#include "gui_test_support.h"

#include <lumen/dicom/decoded_image.h>
#include <lumen/dicom/phantom_series.h>
#include <lumen/imaging/volume_assembler.h>
#include <lumen/viewer/opengl_setup.h>
#include <lumen/viewer/volume_view.h>

#include <QApplication>
#include <QTest>

#include <cmath>

using namespace lumen;

namespace {

imaging::ImageVolumePtr phantomVolume()
{
    dicom::PhantomSpec spec;
    spec.rows = spec.columns = 128;
    spec.firstPositionMm = {-64, -64, -50};
    for (int k = 0; k < 100; ++k)
        spec.sliceOffsetsMm.push_back(k);
    spec.withBody = false;
    spec.spheres = {{{0, 0, 0}, 15, 800}};
    spec.rods = {{{-45, 0, -35}, {45, 0, 35}, 3, 1000}};
    std::vector<std::shared_ptr<const dicom::DecodedImage>> images;
    for (const auto& bytes : dicom::phantomSeriesBytes(spec))
        images.push_back(std::make_shared<const dicom::DecodedImage>(dicom::decodeImage(bytes)));
    return std::make_shared<const imaging::ImageVolume>(
        imaging::assembleVolume(imaging::buildStacks(images).front()));
}

double meanGrey(const QImage& image, const QRect& area)
{
    double sum = 0;
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) {
            sum += qGray(image.pixel(x, y));
            ++n;
        }
    return n ? sum / n : 0;
}

// Mean absolute grey difference, leaving out `skip`.
double meanDifference(const QImage& a, const QImage& b, const QRect& skip = QRect())
{
    double sum = 0;
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (!skip.contains(x, y)) {
                sum += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y)));
                ++n;
            }
    return n ? sum / n : 0;
}

double brightFraction(const QImage& image, const QRect& skip)
{
    int bright = 0, n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (!skip.contains(x, y)) {
                ++n;
                bright += qGray(image.pixel(x, y)) > 30;
            }
    return n ? double(bright) / n : 0;
}

} // namespace

class TestVolumeViewGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void bone_preset_shows_the_sphere_and_dragging_rotates_it();
    void scalpel_cuts_the_sphere_away_and_undo_restores_it();
    void clipping_box_hides_the_clipped_half();
    void mip_preset_shows_the_brightest_voxel_along_each_ray();

private:
    void waitRendered();
    std::unique_ptr<viewer::VolumeView> m_view;
};

void TestVolumeViewGui::initTestCase()
{
    m_view = std::make_unique<viewer::VolumeView>();
    m_view->resize(400, 400);
    m_view->setVolume(phantomVolume());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

// Every case starts from the front view with nothing cut or clipped.
void TestVolumeViewGui::init()
{
    while (m_view->scene().cutCount() > 0)
        m_view->undoCut();
    m_view->setScalpelActive(false);
    m_view->resetView();
}

void TestVolumeViewGui::waitRendered()
{
    QTest::qWait(400); // past the rest timer: full quality
}

// req: 000 §2.3.2 3D volume rendering
void TestVolumeViewGui::bone_preset_shows_the_sphere_and_dragging_rotates_it()
{
    m_view->resetView();
    m_view->setPreset(imaging::VolumePreset::Bone);
    waitRendered();
    const QImage front = m_view->capture();
    test::saveShot(m_view.get(), QStringLiteral("volume_front"));
    const QRect centre(front.width() / 2 - 10, front.height() / 2 - 10, 20, 20);
    QVERIFY2(meanGrey(front, centre) > 60, qPrintable(QString::number(meanGrey(front, centre))));
    QVERIFY(meanGrey(front, QRect(0, 0, 30, 30)) < 5);
    // The rod runs from lower right to upper left as seen from the front; a quarter turn shows
    // it end-on through the sphere, so the image changes a great deal.
    QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, QPoint(100, 200));
    for (int x = 110; x <= 280; x += 10) {
        QMouseEvent move(QEvent::MouseMove, QPointF(x, 200), m_view->mapToGlobal(QPointF(x, 200)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_view.get(), &move);
        QVERIFY(m_view->state().interacting);
    }
    QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, QPoint(280, 200));
    QVERIFY(std::abs(m_view->state().azimuthDegrees + 90) < 1e-9);
    waitRendered();
    QVERIFY(!m_view->state().interacting);
    const QImage turned = m_view->capture();
    test::saveShot(m_view.get(), QStringLiteral("volume_turned"));
    QVERIFY2(meanDifference(front, turned) > 2, qPrintable(QString::number(meanDifference(front, turned))));
}

// req: 000 §2.3.2 3D: cut away with undo ("virtual scalpel")
void TestVolumeViewGui::scalpel_cuts_the_sphere_away_and_undo_restores_it()
{
    m_view->resetView();
    m_view->setPreset(imaging::VolumePreset::Bone);
    waitRendered();
    const QImage before = m_view->capture();
    const QPoint c(m_view->width() / 2, m_view->height() / 2);
    m_view->setScalpelActive(true);
    for (const QPoint& p : {c + QPoint(-60, -60), c + QPoint(60, -60), c + QPoint(60, 60)})
        QTest::mouseClick(m_view.get(), Qt::LeftButton, Qt::NoModifier, p);
    QTest::mouseClick(m_view.get(), Qt::LeftButton, Qt::NoModifier, c + QPoint(-60, 60));
    test::saveShot(m_view.get(), QStringLiteral("volume_scalpel_polygon"));
    QTest::keyClick(m_view.get(), Qt::Key_Return);
    QCOMPARE(m_view->scene().cutCount(), 1);
    waitRendered();
    const QImage cut = m_view->capture();
    test::saveShot(m_view.get(), QStringLiteral("volume_cut"));
    const QRect centre(c.x() - 10, c.y() - 10, 20, 20);
    QVERIFY2(meanGrey(cut, centre) < 5, qPrintable(QString::number(meanGrey(cut, centre))));
    // Outside the polygon nothing changed: the rod's ends still show.
    const QRect polygonBox(c.x() - 62, c.y() - 62, 125, 125);
    QVERIFY(brightFraction(cut, polygonBox) *
                (cut.width() * cut.height() - polygonBox.width() * polygonBox.height()) >
            20);
    QVERIFY2(meanDifference(before, cut, polygonBox) < 1,
             qPrintable(QString::number(meanDifference(before, cut, polygonBox))));
    QTest::keyClick(m_view.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_view->scene().cutCount(), 0);
    waitRendered();
    const QImage restored = m_view->capture();
    QVERIFY2(meanDifference(before, restored) < 0.5,
             qPrintable(QString::number(meanDifference(before, restored))));
    m_view->setScalpelActive(false);
}

void TestVolumeViewGui::clipping_box_hides_the_clipped_half()
{
    m_view->resetView();
    m_view->setPreset(imaging::VolumePreset::Bone);
    waitRendered();
    const QImage whole = m_view->capture();
    auto s = m_view->state();
    auto box = m_view->scene().boundsMm();
    box[0] = 0; // keep the patient's left half (x >= 0): the right of the screen seen from the front
    s.clipBoxMm = box;
    m_view->setState(s);
    waitRendered();
    const QImage clipped = m_view->capture();
    test::saveShot(m_view.get(), QStringLiteral("volume_clipped"));
    const int w = whole.width(), h = whole.height();
    const QRect leftOfCentre(w / 2 - 25, h / 2 - 8, 18, 16);
    const QRect rightOfCentre(w / 2 + 7, h / 2 - 8, 18, 16);
    QVERIFY(meanGrey(whole, leftOfCentre) > 40);
    QVERIFY2(meanGrey(clipped, leftOfCentre) < 5,
             qPrintable(QString::number(meanGrey(clipped, leftOfCentre))));
    QVERIFY(meanGrey(clipped, rightOfCentre) > 40);
    s.clipBoxMm.reset();
    m_view->setState(s);
}

void TestVolumeViewGui::mip_preset_shows_the_brightest_voxel_along_each_ray()
{
    m_view->resetView();
    m_view->setPreset(imaging::VolumePreset::Mip);
    waitRendered();
    const QImage mip = m_view->capture();
    test::saveShot(m_view.get(), QStringLiteral("volume_mip"));
    // The ramp runs from -1000 HU (black) to 1500 HU (white): the sphere's 800 HU is 72 % grey.
    const double centre = meanGrey(mip, QRect(mip.width() / 2 - 3, mip.height() / 2 + 20, 6, 6));
    QVERIFY2(std::abs(centre - 0.72 * 255) < 25, qPrintable(QString::number(centre)));
    QVERIFY(meanGrey(mip, QRect(0, 0, 20, 20)) < 5);
}

int main(int argc, char** argv)
{
    viewer::requestOpenGlCoreProfile();
    QApplication app(argc, argv);
    TestVolumeViewGui test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_volume_view_gui.moc"
