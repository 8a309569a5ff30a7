// The reading workstation against the real server: a real CT study (two series, one of them
// JPEG lossless) stored through STOW-RS, opened by a radiologist in the real window.
#include "gui_test_support.h"
#include "test_server.h"

#include "instance_cache.h"
#include "reading_window.h"
#include "series_strip.h"
#include "study_loader.h"
#include "viewport_grid.h"

#include "volume_window.h"
#include <QPushButton>
#include <lumen/client/api_client.h>
#include <lumen/dicom/decoded_image.h>
#include <lumen/dicom/dimse_server.h>
#include <lumen/imaging/volume_assembler.h>
#include <lumen/imaging/window_level.h>
#include <lumen/viewer/mpr_view.h>
#include <lumen/viewer/opengl_setup.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lumen;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);

std::vector<QByteArray> filesOf(const QString& folder)
{
    std::vector<QByteArray> out;
    for (const QFileInfo& f : QDir(folder).entryInfoList({QStringLiteral("*.dcm")}, QDir::Files)) {
        QFile file(f.filePath());
        if (file.open(QIODevice::ReadOnly))
            out.push_back(file.readAll());
    }
    return out;
}

} // namespace

class TestReadingGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void radiologist_opens_a_ct_study_and_the_first_image_shows_before_the_rest();
    void series_are_sorted_by_position_not_by_file_name();
    void layout_2x2_takes_a_dropped_series_and_double_click_maximises();
    void second_opening_reads_the_local_cache_without_downloading();
    void length_is_measured_in_mm_from_the_pixel_spacing();
    void window_drag_and_lung_preset_change_what_is_shown();
    void linked_scrolling_follows_the_patient_position_across_series();
    void mpr_of_the_thin_series_moves_the_crosshair_and_rotates_planes();
    void key_images_and_an_mpr_view_are_stored_in_the_study();
    void volume_rendering_opens_for_the_thin_series();

private:
    void openAndWait(reading::ReadingWindow& window);

    test::TestServer m_server;
    QTemporaryDir m_cacheDir;
    QString m_studyUid;
    client::ApiClient m_client;
    std::unique_ptr<reading::ReadingWindow> m_window;
};

void TestReadingGui::initTestCase()
{
    if (!QDir(testData + QStringLiteral("/ct")).exists())
        QSKIP("shared test data not present");
    dicom::registerCodecs();
    QCoreApplication::setOrganizationName(QStringLiteral("LumenTest"));
    QCoreApplication::setApplicationName(QStringLiteral("test_reading_gui"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("reading/cacheDir"), m_cacheDir.path());
    const QString failure = m_server.start();
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    // A technologist sends the study, as a modality workstation would.
    client::ApiClient uploader;
    QVERIFY(test::logInByApi(uploader, m_server.url(), QStringLiteral("technologist")));
    const QString ct = testData + QStringLiteral("/ct/");
    for (const QString& series : {QStringLiteral("philips_ingenuity_head_phantom_5mm"),
                                  QStringLiteral("philips_ingenuity_head_phantom_1mm_jpegll")}) {
        const auto files = filesOf(ct + series);
        QVERIFY(!files.empty());
        const auto first = dicom::decodeImage(files.front().toStdString());
        m_studyUid = QString::fromStdString(first.studyInstanceUid);
        bool done = false, ok = false;
        QString message;
        uploader.storeInstances(m_studyUid, files, nullptr, [&](const client::Result<client::Done>& r) {
            done = true;
            ok = r.ok();
            if (!ok)
                message = r.error().message;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 120000);
        QVERIFY2(ok, qPrintable(message));
    }
    QVERIFY(test::logInByApi(m_client, m_server.url(), QStringLiteral("radiologist")));
    m_window = std::make_unique<reading::ReadingWindow>(m_client);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestReadingGui::cleanupTestCase()
{
    m_window.reset();
}

void TestReadingGui::init()
{
    if (m_window)
        m_window->setLayoutGrid(1, 1);
}

void TestReadingGui::openAndWait(reading::ReadingWindow& window)
{
    QSignalSpy finished(window.loader(), &reading::StudyLoader::finished);
    window.openStudy(m_studyUid);
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().first().toBool(), false);
    // Stacks are assembled after the last image: wait until every series has them.
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(window.loader()->series().begin(), window.loader()->series().end(),
                                         [](const auto& s) { return !s->stacks.empty(); }),
                             30000);
}

// req: 000 §2.3.2 reading station opens the study from the archive with progress
void TestReadingGui::radiologist_opens_a_ct_study_and_the_first_image_shows_before_the_rest()
{
    m_window->cache()->clear();
    reading::StudyLoader* loader = m_window->loader();
    int doneAtFirstImage = -1, totalAtFirstImage = -1;
    bool progressVisible = false;
    const auto connection = connect(loader, &reading::StudyLoader::firstImage, this, [&] {
        doneAtFirstImage = loader->imagesDone();
        totalAtFirstImage = loader->imagesTotal();
        progressVisible = m_window->progressBar()->isVisible();
    });
    openAndWait(*m_window);
    disconnect(connection);
    QCOMPARE(totalAtFirstImage, 140 + 28);
    QVERIFY2(doneAtFirstImage >= 1 && doneAtFirstImage < totalAtFirstImage,
             qPrintable(
                 QStringLiteral("first image after %1 of %2").arg(doneAtFirstImage).arg(totalAtFirstImage)));
    QVERIFY(progressVisible);
    QVERIFY(!m_window->progressBar()->isVisible());
    QCOMPARE(loader->downloadsFromNetwork(), 168);
    QCOMPARE(m_window->seriesStrip()->count(), 2);
    // Two series: side by side, each in its own viewport.
    QCOMPARE(m_window->grid()->viewportCount(), 2);
    viewer::SliceView* view = m_window->grid()->viewport(0);
    QVERIFY(view->stack());
    QCOMPARE(view->frameCount(), 28);
    QCOMPARE(m_window->grid()->viewport(1)->frameCount(), 140);
    test::saveShot(m_window.get(), QStringLiteral("reading_study_open"));
}

void TestReadingGui::series_are_sorted_by_position_not_by_file_name()
{
    if (!m_window->grid()->viewport(1)->stack())
        openAndWait(*m_window);
    const auto stack = m_window->grid()->viewport(1)->stack();
    QVERIFY(stack);
    for (std::size_t i = 1; i < stack->frames.size(); ++i)
        QVERIFY(stack->frames[i].distanceAlongNormalMm > stack->frames[i - 1].distanceAlongNormalMm);
    // The files are named I10, I100, I20...: lexical order would not be anatomical.
    QVERIFY(stack->frames.front().image->instanceNumber != 0);
}

// req: 000 §2.3.2 layouts, drag a series into a viewport, double-click to maximise
void TestReadingGui::layout_2x2_takes_a_dropped_series_and_double_click_maximises()
{
    if (!m_window->grid()->viewport(0)->stack())
        openAndWait(*m_window);
    m_window->findChild<QAction*>(QStringLiteral("layout2x2"))->trigger();
    QCOMPARE(m_window->grid()->viewportCount(), 4);
    viewer::SliceView* target = m_window->grid()->viewport(3);
    const QString seriesUid = m_window->seriesStrip()->seriesAt(1);
    QMimeData mime;
    mime.setData(QString::fromLatin1(reading::seriesMimeType), seriesUid.toUtf8());
    const QPoint centre = target->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QCOMPARE(m_window->grid()->seriesOf(3), seriesUid);
    QCOMPARE(target->frameCount(), 140);
    QCOMPARE(m_window->grid()->activeIndex(), 3);
    test::saveShot(m_window.get(), QStringLiteral("reading_layout_2x2"));

    QTest::mouseDClick(target, Qt::LeftButton, Qt::NoModifier, centre);
    QVERIFY(m_window->grid()->isMaximised());
    QVERIFY(!m_window->grid()->viewport(0)->isVisible());
    QVERIFY(target->width() > m_window->grid()->width() * 0.9);
    QTest::mouseDClick(target, Qt::LeftButton, Qt::NoModifier, target->rect().center());
    QVERIFY(!m_window->grid()->isMaximised());
    QVERIFY(m_window->grid()->viewport(0)->isVisible());
}

void TestReadingGui::second_opening_reads_the_local_cache_without_downloading()
{
    openAndWait(*m_window); // in the cache now, whatever ran before
    openAndWait(*m_window);
    QCOMPARE(m_window->loader()->downloadsFromNetwork(), 0);
    QCOMPARE(m_window->grid()->viewport(1)->frameCount(), 140);
    QVERIFY(m_window->cache()->sizeBytes() > 10 * 1024 * 1024);
}

// req: 000 §2.3.2 measurements in mm from the real pixel spacing
void TestReadingGui::length_is_measured_in_mm_from_the_pixel_spacing()
{
    if (!m_window->grid()->viewport(0)->stack())
        openAndWait(*m_window);
    viewer::SliceView* view = m_window->grid()->viewport(0);
    m_window->findChild<QAction*>(QStringLiteral("toolLength"))->trigger();
    const QPointF a(100, 200), b(400, 260);
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->imageToWidget(a).toPoint());
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->imageToWidget(b).toPoint());
    const auto items = view->annotations(view->frameIndex());
    QCOMPARE(items.size(), 1);
    const viewer::Annotation& line = items.first();
    // What the clicks landed on, measured with the image's own spacing.
    const double dx = (line.points[1].x() - line.points[0].x()) * view->image().spacingXMm;
    const double dy = (line.points[1].y() - line.points[0].y()) * view->image().spacingYMm;
    const double expected = std::hypot(dx, dy);
    QVERIFY(view->image().spacingKnown);
    QVERIFY(std::abs(view->image().spacingXMm - 0.451171875) < 1e-6); // the stored Pixel Spacing
    QCOMPARE(line.value, QStringLiteral("%1 mm").arg(expected, 0, 'f', 1));
    QVERIFY(std::abs(line.points[0].x() - a.x()) < 1.5 && std::abs(line.points[1].y() - b.y()) < 1.5);
    test::saveShot(view, QStringLiteral("reading_length"));
    view->undo();
    QVERIFY(view->annotations(view->frameIndex()).isEmpty());
    m_window->findChild<QAction*>(QStringLiteral("toolWindow"))->trigger();
}

// req: 000 §2.3.2 window/level by mouse and by presets
void TestReadingGui::window_drag_and_lung_preset_change_what_is_shown()
{
    if (!m_window->grid()->viewport(0)->stack())
        openAndWait(*m_window);
    viewer::SliceView* view = m_window->grid()->viewport(0);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_1);
    QCOMPARE(view->viewState().windowCenter, -600.0);
    QCOMPARE(view->viewState().windowWidth, 1500.0);
    // The grey of a pixel is what the DICOM window function gives for its value.
    QTest::qWait(200); // the layout settles after the study's series were hung
    const QPoint probe(int(view->image().width / 2), int(view->image().height / 2));
    QVERIFY(view->rect().contains(view->imageToWidget(QPointF(probe)).toPoint()));
    auto greyAt = [&] {
        const QImage shot = view->grabImage().convertToFormat(QImage::Format_Grayscale8);
        return qGray(shot.pixel(view->imageToWidget(QPointF(probe)).toPoint()));
    };
    // Smooth scaling on screen blends a pixel with its neighbours (a narrow viewport shows a
    // third of the pixels): the grey shown lies within what the DICOM window function gives for
    // the 5x5 pixels around it.
    auto matchesWindow = [&] {
        int lo = 255, hi = 0;
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx) {
                const float value = view->image().valueAt(probe.x() + dx, probe.y() + dy);
                std::uint8_t grey = 0;
                imaging::applyWindow(
                    &value, 1, {view->viewState().windowCenter, view->viewState().windowWidth}, false, &grey);
                lo = std::min(lo, int(grey));
                hi = std::max(hi, int(grey));
            }
        const int shown = greyAt();
        if (shown < lo - 3 || shown > hi + 3)
            qWarning("grey %d outside %d..%d at widget %d,%d of %dx%d, frame %d", shown, lo, hi,
                     view->imageToWidget(QPointF(probe)).toPoint().x(),
                     view->imageToWidget(QPointF(probe)).toPoint().y(), view->width(), view->height(),
                     view->frameIndex());
        return shown >= lo - 3 && shown <= hi + 3;
    };
    QVERIFY(matchesWindow());
    const double widthBefore = view->viewState().windowWidth;
    const QPoint start = view->rect().center();
    QTest::mousePress(view, Qt::RightButton, Qt::NoModifier, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(-100, 40)),
                     view->mapToGlobal(QPointF(start + QPoint(-100, 40))), Qt::NoButton, Qt::RightButton,
                     Qt::NoModifier);
    QApplication::sendEvent(view, &move);
    QTest::mouseRelease(view, Qt::RightButton, Qt::NoModifier, start + QPoint(-100, 40));
    QVERIFY(view->viewState().windowWidth < widthBefore);
    QVERIFY(view->viewState().windowCenter > -600.0);
    QVERIFY(matchesWindow()); // the new window, as the DICOM function gives it
    test::saveShot(view, QStringLiteral("reading_window_drag"));
}

void TestReadingGui::linked_scrolling_follows_the_patient_position_across_series()
{
    if (!m_window->grid()->viewport(1)->stack())
        openAndWait(*m_window);
    m_window->setLayoutGrid(1, 2);
    m_window->setLinkedScrolling(true);
    viewer::SliceView* thick = m_window->grid()->viewport(0);
    viewer::SliceView* thin = m_window->grid()->viewport(1);
    m_window->grid()->setActiveIndex(0);
    thick->setFrameIndex(5);
    thick->setFrameIndex(10);
    // Both series share the frame of reference: the 1 mm view shows the slice at the same place.
    const auto location = [](const viewer::SliceView* v) {
        const auto& img = v->image();
        const auto n = img.normal();
        return img.originMm[0] * n[0] + img.originMm[1] * n[1] + img.originMm[2] * n[2];
    };
    QVERIFY2(std::abs(location(thick) - location(thin)) <= 0.6,
             qPrintable(QStringLiteral("%1 vs %2").arg(location(thick)).arg(location(thin))));
    // req: 000 §2.3.2 reference lines across series: the active slice is drawn on the other
    QCOMPARE(thin->referencePlanes().size(), 1);
    QVERIFY(thick->referencePlanes().isEmpty());
    test::saveShot(m_window->grid(), QStringLiteral("reading_linked_reference"));
}

// req: 000 §2.3.2 MPR: coronal/sagittal with rotation, slab MIP
void TestReadingGui::mpr_of_the_thin_series_moves_the_crosshair_and_rotates_planes()
{
    if (!m_window->grid()->viewport(1)->stack())
        openAndWait(*m_window);
    m_window->setLayoutGrid(1, 2);
    m_window->grid()->setActiveIndex(1);
    QSignalSpy opened(m_window.get(), &reading::ReadingWindow::mprOpened);
    m_window->findChild<QAction*>(QStringLiteral("openMpr"))->trigger();
    QVERIFY(opened.wait(60000));
    viewer::MprView* mpr = m_window->mprView();
    QVERIFY(mpr);
    QVERIFY(QTest::qWaitForWindowExposed(mpr));
    const auto& g = mpr->volume()->geometry;
    QCOMPARE(g.dimensions[2], 140);
    // A click in the axial view puts the crosshair there; coronal and sagittal follow.
    viewer::SliceView* axial = mpr->view(viewer::MprView::Axial);
    const QPointF target(200, 300);
    QTest::mouseClick(axial, Qt::LeftButton, Qt::NoModifier, axial->imageToWidget(target).toPoint());
    const imaging::Vec3 cross = mpr->crosshair();
    const QPointF back = mpr->imagePointOf(viewer::MprView::Axial, cross);
    QVERIFY(std::abs(back.x() - target.x()) < 1.5 && std::abs(back.y() - target.y()) < 1.5);
    // The coronal and sagittal planes pass through the crosshair.
    for (auto plane : {viewer::MprView::Coronal, viewer::MprView::Sagittal}) {
        const imaging::ReslicePlane p = mpr->planeOf(plane);
        const imaging::Vec3 n{
            p.rowDirection[1] * p.columnDirection[2] - p.rowDirection[2] * p.columnDirection[1],
            p.rowDirection[2] * p.columnDirection[0] - p.rowDirection[0] * p.columnDirection[2],
            p.rowDirection[0] * p.columnDirection[1] - p.rowDirection[1] * p.columnDirection[0]};
        const double off = (cross[0] - p.centreMm[0]) * n[0] + (cross[1] - p.centreMm[1]) * n[1] +
                           (cross[2] - p.centreMm[2]) * n[2];
        QVERIFY(std::abs(off) < 1e-6);
    }
    test::saveShot(mpr, QStringLiteral("reading_mpr"));

    // Shift+drag in the axial view turns the coronal plane about the axial normal.
    const imaging::Vec3 rowBefore = mpr->planeOf(viewer::MprView::Coronal).rowDirection;
    const QPoint centre = axial->imageToWidget(back).toPoint();
    QTest::mousePress(axial, Qt::LeftButton, Qt::ShiftModifier, centre + QPoint(80, 0));
    QMouseEvent move(QEvent::MouseMove, QPointF(centre + QPoint(0, 80)),
                     axial->mapToGlobal(QPointF(centre + QPoint(0, 80))), Qt::NoButton, Qt::LeftButton,
                     Qt::ShiftModifier);
    QApplication::sendEvent(axial, &move);
    QTest::mouseRelease(axial, Qt::LeftButton, Qt::ShiftModifier, centre + QPoint(0, 80));
    const imaging::Vec3 rowAfter = mpr->planeOf(viewer::MprView::Coronal).rowDirection;
    const double cosine =
        rowBefore[0] * rowAfter[0] + rowBefore[1] * rowAfter[1] + rowBefore[2] * rowAfter[2];
    QVERIFY2(std::abs(cosine) < 0.2, qPrintable(QString::number(cosine))); // about 90 degrees
    QVERIFY(std::abs(rowAfter[2]) < 1e-6);                                 // still in the axial plane
    mpr->setSlab(imaging::SlabMode::Mip, 20);
    QCOMPARE(mpr->view(viewer::MprView::Coronal)->image().thicknessMm, 20.0);
    test::saveShot(mpr, QStringLiteral("reading_mpr_oblique_mip"));
    mpr->close();
}

// req: 000 §2.3.2 key images and MPR/3D results saved into the study
void TestReadingGui::key_images_and_an_mpr_view_are_stored_in_the_study()
{
    if (!m_window->grid()->viewport(1)->stack())
        openAndWait(*m_window);
    auto seriesModalities = [&] {
        QStringList modalities;
        bool done = false;
        m_client.studySeries(m_studyUid, nullptr,
                             [&](const client::Result<std::vector<client::SeriesSummary>>& r) {
                                 if (r.ok())
                                     for (const auto& s : r.value())
                                         modalities << s.modality;
                                 done = true;
                             });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            qWarning("QIDO did not answer");
        return modalities;
    };
    QVERIFY(!seriesModalities().contains(QStringLiteral("KO")));
    m_window->setLayoutGrid(1, 2);
    viewer::SliceView* view = m_window->grid()->viewport(1);
    view->setFocus();
    view->setFrameIndex(70);
    QTest::keyClick(view, Qt::Key_K);
    QVERIFY(view->isKeyImage(70));
    QSignalSpy saved(m_window.get(), &reading::ReadingWindow::savedToArchive);
    m_window->findChild<QAction*>(QStringLiteral("saveKeyImages"))->trigger();
    QVERIFY(saved.wait(20000));
    QVERIFY2(saved.first().first().toBool(), qPrintable(saved.first().at(1).toString()));
    QVERIFY(seriesModalities().contains(QStringLiteral("KO")));

    m_window->grid()->setActiveIndex(1);
    QSignalSpy opened(m_window.get(), &reading::ReadingWindow::mprOpened);
    m_window->findChild<QAction*>(QStringLiteral("openMpr"))->trigger();
    QVERIFY(opened.wait(60000));
    saved.clear();
    m_window->mprView()->findChild<QPushButton*>(QStringLiteral("mprSaveToArchive"))->click();
    QVERIFY(saved.wait(20000));
    QVERIFY2(saved.first().first().toBool(), qPrintable(saved.first().at(1).toString()));
    QVERIFY(seriesModalities().contains(QStringLiteral("OT")));
    m_window->mprView()->close();
}

// req: 000 §2.3.2 3D volume rendering of the series
void TestReadingGui::volume_rendering_opens_for_the_thin_series()
{
    if (!m_window->grid()->viewport(1)->stack())
        openAndWait(*m_window);
    m_window->setLayoutGrid(1, 2);
    m_window->grid()->setActiveIndex(1);
    QSignalSpy opened(m_window.get(), &reading::ReadingWindow::volumeOpened);
    m_window->findChild<QAction*>(QStringLiteral("open3d"))->trigger();
    QVERIFY(opened.wait(60000));
    reading::VolumeWindow* window = m_window->volumeWindow();
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTest::qWait(500);
    const QImage image = window->view()->capture();
    int lit = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            lit += qGray(image.pixel(x, y)) > 40;
    QVERIFY2(lit > 200, qPrintable(QString::number(lit)));
    test::saveShot(window, QStringLiteral("reading_volume"));
    window->close();
}

int main(int argc, char** argv)
{
    lumen::viewer::requestOpenGlCoreProfile(); // the 3D window renders through VTK
    QApplication app(argc, argv);
    TestReadingGui test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_reading_gui.moc"
