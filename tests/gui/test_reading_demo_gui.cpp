// A radiologist's morning on the demo data: the generated chest CT waits on the worklist,
// opens with a double-click, is measured, and the measurement is there again after the
// station is closed and opened anew (stored on the server per image).
#include "gui_test_support.h"
#include "test_server.h"

#include "reading_window.h"
#include "series_strip.h"
#include "study_loader.h"
#include "viewport_grid.h"
#include "worklist_panel.h"

#include <lumen/client/api_client.h>
#include <lumen/dicom/dimse_server.h>
#include <lumen/imaging/volume_assembler.h>
#include <lumen/ui/language.h>

#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace lumen;

class TestReadingDemoGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demo_ct_is_read_from_the_worklist_and_its_measurement_comes_back();

private:
    test::TestServer m_server;
    QTemporaryDir m_cacheDir;
};

void TestReadingDemoGui::initTestCase()
{
    dicom::registerCodecs();
    QCoreApplication::setOrganizationName(QStringLiteral("LumenTest"));
    QCoreApplication::setApplicationName(QStringLiteral("test_reading_demo_gui"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("reading/cacheDir"), m_cacheDir.path());
    m_server.setExtraArguments({QStringLiteral("--demo-images"), QStringLiteral("true")});
    const QString failure = m_server.start(120000);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

// req: 000 §2.3.2 reading station: worklist to images to measurements, kept with the study
void TestReadingDemoGui::demo_ct_is_read_from_the_worklist_and_its_measurement_comes_back()
{
    client::ApiClient client;
    QVERIFY(test::logInByApi(client, m_server.url(), QStringLiteral("radiologist")));
    QString studyUid;
    QString measured;
    {
        reading::ReadingWindow window(client);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* table = window.findChild<QTableWidget*>(QStringLiteral("worklistTable"));
        QVERIFY(table);
        // The CT whose images the demo filed waits "to report", beside the demo's MR.
        int ctRow = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int r = 0; r < table->rowCount(); ++r)
                    if (table->item(r, 2) && table->item(r, 2)->text() == QStringLiteral("CT"))
                        ctRow = r;
                return ctRow >= 0;
            }(),
            20000);
        QSignalSpy finished(window.loader(), &reading::StudyLoader::finished);
        const QRect cell = table->visualItemRect(table->item(ctRow, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
        QVERIFY(finished.wait(120000));
        studyUid = window.loader()->studyUid();
        QTRY_VERIFY_WITH_TIMEOUT(window.grid()->viewport(0)->frameCount() == 160, 30000);
        viewer::SliceView* view = window.grid()->viewport(0);
        QVERIFY(view->image().spacingKnown);
        // A preset window, then a length measurement.
        view->setFocus();
        QTest::keyClick(view, Qt::Key_1);
        window.findChild<QAction*>(QStringLiteral("toolLength"))->trigger();
        QSignalSpy saved(&window, &reading::ReadingWindow::annotationsSaved);
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier,
                          view->imageToWidget(QPointF(120, 260)).toPoint());
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier,
                          view->imageToWidget(QPointF(220, 260)).toPoint());
        QVERIFY(saved.wait(10000));
        const auto items = view->annotations(view->frameIndex());
        QCOMPARE(items.size(), 1);
        measured = items.first().value;
        QVERIFY(measured.endsWith(QStringLiteral(" mm")));
        // About 100 pixels of the stored spacing.
        QVERIFY(std::abs(measured.chopped(3).toDouble() - 100 * view->image().spacingXMm) < 2.0);
        test::saveShot(&window, QStringLiteral("reading_demo_ct"));
        // The same station in Chinese, switched live as a radiologist would.
        ui::Language::apply(ui::Language::chinese);
        QTRY_COMPARE(window.findChild<QAction*>(QStringLiteral("toolLength"))->text(),
                     QStringLiteral("长度"));
        test::saveShot(&window, QStringLiteral("reading_demo_ct_zh"));
        ui::Language::apply(ui::Language::english);
        window.close();
    }
    // A new session of the station: the measurement comes from the server with the study.
    reading::ReadingWindow again(client);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QSignalSpy finished(again.loader(), &reading::StudyLoader::finished);
    again.openStudy(studyUid);
    QVERIFY(finished.wait(120000));
    QTRY_VERIFY_WITH_TIMEOUT(again.grid()->viewport(0)->frameCount() == 160, 30000);
    viewer::SliceView* view = again.grid()->viewport(0);
    int found = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int f = 0; f < view->frameCount(); ++f)
                if (!view->annotations(f).isEmpty())
                    found = f;
            return found >= 0;
        }(),
        10000);
    QCOMPARE(view->annotations(found).first().value, measured);
    QCOMPARE(found, view->frameCount() / 2); // the middle slice it was drawn on
}

QTEST_MAIN(TestReadingDemoGui)
#include "test_reading_demo_gui.moc"
