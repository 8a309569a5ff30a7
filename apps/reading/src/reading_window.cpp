#include "reading_window.h"

#include "instance_cache.h"
#include "series_strip.h"
#include "study_loader.h"
#include "viewport_grid.h"
#include "volume_window.h"

#include <lumen/client/api_client.h>
#include <lumen/dicom/decoded_image.h>
#include <lumen/imaging/volume_assembler.h>
#include <lumen/ui/error_text.h>
#include <lumen/viewer/mpr_view.h>

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QGuiApplication>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <cstring>

#include <cmath>

namespace lumen::reading {

namespace {

constexpr qint64 defaultCacheBytes = qint64(4) << 30; // 4 GiB: a day's studies on one station

QString annotationKey(const QString& sopUid, int frame)
{
    return sopUid + QLatin1Char('/') + QString::number(frame);
}

double dot(const imaging::Vec3& a, const imaging::Vec3& b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

struct ToolEntry
{
    viewer::SliceTool tool;
    const char* name;
    const char* text;
    const char* shortcut;
};

// Shortcuts follow the common reading-station habits: W window, P pan, Z zoom, L length...
const ToolEntry toolEntries[] = {
    {viewer::SliceTool::WindowLevel, "toolWindow",
     QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Window/level"), "W"},
    {viewer::SliceTool::Pan, "toolPan", QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Pan"), "P"},
    {viewer::SliceTool::Zoom, "toolZoom", QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Zoom"), "Z"},
    {viewer::SliceTool::Length, "toolLength", QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Length"),
     "L"},
    {viewer::SliceTool::Angle, "toolAngle", QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Angle"), "A"},
    {viewer::SliceTool::Rectangle, "toolRectangle",
     QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Rectangle ROI"), "Shift+R"},
    {viewer::SliceTool::Ellipse, "toolEllipse",
     QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Ellipse ROI"), "E"},
    {viewer::SliceTool::Polygon, "toolPolygon",
     QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Polygon ROI"), "Shift+P"},
    {viewer::SliceTool::Probe, "toolProbe", QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Point value"),
     "Shift+V"},
    {viewer::SliceTool::Ctr, "toolCtr",
     QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Cardiothoracic ratio"), "Shift+C"},
    {viewer::SliceTool::Cobb, "toolCobb", QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Cobb angle"),
     "Shift+B"},
    {viewer::SliceTool::Arrow, "toolArrow", QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Arrow"),
     "Shift+A"},
    {viewer::SliceTool::Text, "toolText", QT_TRANSLATE_NOOP("lumen::reading::ReadingWindow", "Text"), "T"},
};

} // namespace

QString ReadingWindow::title()
{
    return tr("Lumen Reading");
}

ReadingWindow::ReadingWindow(client::ApiClient& client, QWidget* parent) : ui::AppShell(client, parent)
{
    setObjectName(QStringLiteral("readingWindow"));
    const QString cacheDir =
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/instances");
    QSettings settings;
    m_cache = std::make_unique<InstanceCache>(
        settings.value(QStringLiteral("reading/cacheDir"), cacheDir).toString(),
        settings.value(QStringLiteral("reading/cacheBytes"), defaultCacheBytes).toLongLong());
    m_loader = new StudyLoader(client, m_cache.get(), this);
    m_prefetcher = new StudyLoader(client, m_cache.get(), this);

    m_worklist = new WorklistPanel(client, this);
    m_strip = new SeriesStrip(this);
    m_grid = new ViewportGrid(this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("readingSplitter"));
    m_splitter->addWidget(m_worklist);
    m_splitter->addWidget(m_strip);
    m_splitter->addWidget(m_grid);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setStretchFactor(2, 6);
    setCentralWidget(m_splitter);

    m_studyLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setMaximumWidth(240);
    m_progress->hide();
    m_cancelLoad = new QToolButton(this);
    m_cancelLoad->setObjectName(QStringLiteral("cancelLoad"));
    m_cancelLoad->hide();
    statusBar()->addWidget(m_studyLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelLoad);

    createActions();

    connect(m_worklist, &WorklistPanel::openRequested, this, &ReadingWindow::openFromWorklist);
    connect(m_strip, &SeriesStrip::seriesActivated, this, [this](const QString& uid) { showSeries(uid); });
    connect(m_grid, &ViewportGrid::seriesDropped, this, [this](int index, const QString& uid) {
        showSeries(uid, index);
        connect(m_grid, &ViewportGrid::activeChanged, this, [this] { updateReferenceLines(); });
    });
    connect(m_cancelLoad, &QToolButton::clicked, m_loader, &StudyLoader::cancel);
    connect(m_loader, &StudyLoader::seriesListed, this, &ReadingWindow::onSeriesListed);
    connect(m_loader, &StudyLoader::firstImage, this,
            [this](const QString& seriesUid, const DecodedImagePtr& image) {
                // Something to look at at once: the first image arrived, as a one-frame stack.
                viewer::SliceView* view = m_grid->viewport(0);
                if (view && !view->stack()) {
                    auto stack = std::make_shared<imaging::ImageStack>();
                    stack->label = image->seriesDescription;
                    stack->frames.push_back({image, 0, {}, 0});
                    view->setStack(stack);
                    m_grid->setSeriesOf(0, seriesUid);
                    updateOverlay(0);
                }
            });
    connect(m_loader, &StudyLoader::imageLoaded, this,
            [this](const QString& seriesUid, const DecodedImagePtr& image) {
                auto series = m_loader->seriesByUid(seriesUid);
                if (series && series->images.size() == 1)
                    m_strip->setThumbnail(seriesUid, image);
                if (series)
                    m_strip->setProgress(seriesUid, int(series->images.size()),
                                         int(series->instances.size()));
            });
    connect(m_loader, &StudyLoader::seriesReady, this, &ReadingWindow::onSeriesReady);
    connect(m_loader, &StudyLoader::progress, this, [this](int done, int total, qint64) {
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(done);
        m_progress->setFormat(tr("%1 / %2 images").arg(done).arg(total));
    });
    connect(m_loader, &StudyLoader::finished, this, [this](bool cancelled) {
        m_progress->hide();
        m_cancelLoad->hide();
        if (cancelled)
            statusBar()->showMessage(tr("Loading cancelled."), 5000);
        // The next study on the list loads into the cache while this one is read.
        if (!cancelled)
            if (const WorklistRow* next = m_worklist->next())
                m_prefetcher->setProperty("accession", QString::fromStdString(next->exam.accessionNumber));
        const QString accession = m_prefetcher->property("accession").toString();
        if (!accession.isEmpty())
            apiClient().searchStudies({{QStringLiteral("AccessionNumber"), accession}}, this,
                                      [this](const client::Result<std::vector<client::StudySummary>>& r) {
                                          if (r.ok() && !r.value().empty() && !m_loader->isLoading())
                                              m_prefetcher->prefetch(r.value().front().studyUid);
                                      });
    });
    connect(m_loader, &StudyLoader::failed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("The study could not be opened: %1").arg(message), 10000);
    });

    for (int i = 0; i < ViewportGrid::maxRows * ViewportGrid::maxColumns; ++i) {
        viewer::SliceView* view = m_grid->viewport(i);
        connect(view, &viewer::SliceView::frameChanged, this, [this, view] {
            if (m_linked && !m_following && view == m_grid->activeViewport())
                followActive(view);
            if (view == m_grid->activeViewport())
                updateReferenceLines();
        });
        connect(view, &viewer::SliceView::annotationsChanged, this,
                [this, view](int frame) { saveAnnotations(view, frame); });
    }

    restoreArrangement();
    retranslateUi();
    resize(1400, 900);
    QTimer::singleShot(0, m_worklist, &WorklistPanel::refresh);
}

ReadingWindow::~ReadingWindow()
{
    if (m_detachedWindow)
        delete m_detachedWindow;
    if (m_mpr)
        delete m_mpr;
    if (m_volumeWindow)
        delete m_volumeWindow;
}

void ReadingWindow::createActions()
{
    m_toolbar = addToolBar(QString());
    m_toolbar->setObjectName(QStringLiteral("readingToolbar"));
    QMenu* imageMenu = addApplicationMenu();
    imageMenu->setObjectName(QStringLiteral("imageMenu"));
    auto add = [this](const char* name, const QKeySequence& shortcut, auto slot) {
        auto* action = new QAction(this);
        action->setObjectName(QString::fromLatin1(name));
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        connect(action, &QAction::triggered, this, slot);
        m_actions.insert(action->objectName(), action);
        return action;
    };

    // Layouts
    auto* layoutMenu = imageMenu->addMenu(QString());
    layoutMenu->setObjectName(QStringLiteral("layoutMenu"));
    const int grids[][2] = {{1, 1}, {1, 2}, {2, 2}, {3, 3}};
    for (const auto& g : grids) {
        const int rows = g[0], columns = g[1];
        auto* a = add("", QKeySequence(), [this, rows, columns] { setLayoutGrid(rows, columns); });
        a->setObjectName(QStringLiteral("layout%1x%2").arg(rows).arg(columns));
        a->setText(QStringLiteral("%1×%2").arg(rows).arg(columns));
        layoutMenu->addAction(a);
        m_toolbar->addAction(a);
        m_layoutActions.append(a);
    }
    layoutMenu->addAction(add("layoutCustom", QKeySequence(), [this] {
        bool ok = false;
        const QString text =
            QInputDialog::getText(this, tr("Custom layout"), tr("Rows × columns (e.g. 2x3):"),
                                  QLineEdit::Normal, QStringLiteral("2x3"), &ok);
        const QStringList parts = text.toLower().split(QRegularExpression(QStringLiteral("[x×*]")));
        if (ok && parts.size() == 2)
            setLayoutGrid(parts[0].toInt(), parts[1].toInt());
    }));
    m_toolbar->addSeparator();

    // Tools
    m_toolGroup = new QActionGroup(this);
    auto* toolMenu = imageMenu->addMenu(QString());
    toolMenu->setObjectName(QStringLiteral("toolMenu"));
    for (const ToolEntry& entry : toolEntries) {
        const viewer::SliceTool tool = entry.tool;
        auto* a = add(entry.name, QKeySequence(QString::fromLatin1(entry.shortcut)),
                      [this, tool] { setToolForAll(tool); });
        a->setCheckable(true);
        a->setChecked(tool == viewer::SliceTool::WindowLevel);
        m_toolGroup->addAction(a);
        toolMenu->addAction(a);
        m_toolActions.append(a);
        if (tool == viewer::SliceTool::WindowLevel || tool == viewer::SliceTool::Pan ||
            tool == viewer::SliceTool::Zoom || tool == viewer::SliceTool::Length ||
            tool == viewer::SliceTool::Angle || tool == viewer::SliceTool::Ellipse ||
            tool == viewer::SliceTool::Probe)
            m_toolbar->addAction(a);
    }
    m_toolbar->addSeparator();

    auto onActive = [this](auto fn) {
        return [this, fn] {
            if (viewer::SliceView* v = m_grid->activeViewport())
                fn(v);
        };
    };
    auto* viewMenu = imageMenu->addMenu(QString());
    viewMenu->setObjectName(QStringLiteral("viewMenu"));
    for (QAction* a :
         {add("rotate", QKeySequence(QStringLiteral("Ctrl+R")),
              onActive([](auto* v) { v->rotateClockwise(); })),
          add("flipH", QKeySequence(QStringLiteral("Ctrl+H")),
              onActive([](auto* v) { v->flipHorizontally(); })),
          add("flipV", QKeySequence(QStringLiteral("Ctrl+J")),
              onActive([](auto* v) { v->flipVertically(); })),
          add("invert", QKeySequence(QStringLiteral("Ctrl+I")), onActive([](auto* v) { v->toggleInvert(); })),
          add("reset", QKeySequence(QStringLiteral("Ctrl+0")), onActive([](auto* v) { v->resetView(); })),
          add("cine", QKeySequence(QStringLiteral("Ctrl+Space")),
              onActive([](auto* v) { v->setCinePlaying(!v->isCinePlaying()); })),
          add("keyImage", QKeySequence(QStringLiteral("Ctrl+K")),
              onActive([](auto* v) { v->setKeyImage(v->frameIndex(), !v->isKeyImage(v->frameIndex())); }))}) {
        viewMenu->addAction(a);
        m_toolbar->addAction(a);
    }
    viewMenu->addAction(add("cineSpeed", QKeySequence(), onActive([this](auto* v) {
                                bool ok = false;
                                const double fps =
                                    QInputDialog::getDouble(this, tr("Cine"), tr("Frames per second:"),
                                                            v->cineFramesPerSecond(), 1, 60, 0, &ok);
                                if (ok)
                                    v->setCineFramesPerSecond(fps);
                            })));
    auto* presetMenu = viewMenu->addMenu(QString());
    presetMenu->setObjectName(QStringLiteral("presetMenu"));
    for (int i = 1; i <= 6; ++i)
        presetMenu->addAction(add(QStringLiteral("preset%1").arg(i).toLatin1().constData(), QKeySequence(),
                                  onActive([i](auto* v) { v->applyPreset(i); })));
    imageMenu->addSeparator();
    auto* mpr = add("openMpr", QKeySequence(QStringLiteral("Ctrl+M")), [this] { openMprOfActiveSeries(); });
    auto* volume =
        add("open3d", QKeySequence(QStringLiteral("Ctrl+D")), [this] { openVolumeOfActiveSeries(); });
    auto* keys =
        add("saveKeyImages", QKeySequence(QStringLiteral("Ctrl+Shift+K")), [this] { saveKeyImages(); });
    auto* saveView = add("saveViewToArchive", QKeySequence(QStringLiteral("Ctrl+Shift+S")), [this] {
        if (viewer::SliceView* v = m_grid->activeViewport(); v && v->hasImage())
            saveViewToArchive(v->grabImage(), tr("Annotated image"));
    });
    for (QAction* a : {mpr, volume})
        m_toolbar->addAction(a);
    for (QAction* a : {mpr, volume, keys, saveView})
        imageMenu->addAction(a);
    imageMenu->addSeparator();

    auto* link = add("linkScrolling", QKeySequence(QStringLiteral("Ctrl+L")),
                     [this](bool on) { setLinkedScrolling(on); });
    link->setCheckable(true);
    link->setChecked(m_linked);
    auto* hide = add("hideIdentity", QKeySequence(), [this](bool on) { setHideIdentity(on); });
    hide->setCheckable(true);
    auto* detach = add("detachImages", QKeySequence(QStringLiteral("F11")),
                       [this](bool on) { setImageAreaDetached(on); });
    detach->setCheckable(true);
    for (QAction* a : {link, hide, detach})
        imageMenu->addAction(a);
    m_toolbar->addAction(link);
}

void ReadingWindow::retranslateUi()
{
    AppShell::retranslateUi();
    setWindowTitle(title());
    m_toolbar->setWindowTitle(tr("Image tools"));
    m_cancelLoad->setText(tr("Cancel"));
    for (const ToolEntry& entry : toolEntries)
        if (QAction* a = m_actions.value(QString::fromLatin1(entry.name)))
            a->setText(tr(entry.text));
    const std::pair<const char*, QString> texts[] = {
        {"layoutCustom", tr("Custom layout…")},
        {"rotate", tr("Rotate 90°")},
        {"flipH", tr("Flip horizontal")},
        {"flipV", tr("Flip vertical")},
        {"invert", tr("Invert")},
        {"reset", tr("Reset view")},
        {"cine", tr("Play / stop cine")},
        {"cineSpeed", tr("Cine speed…")},
        {"keyImage", tr("Mark key image")},
        {"openMpr", tr("MPR")},
        {"open3d", tr("3D")},
        {"saveKeyImages", tr("Save key images to the study")},
        {"saveViewToArchive", tr("Save this view to the study")},
        {"linkScrolling", tr("Link scrolling")},
        {"hideIdentity", tr("Hide patient identity")},
        {"detachImages", tr("Images on a separate window")},
        {"preset1", tr("Lung")},
        {"preset2", tr("Mediastinum")},
        {"preset3", tr("Bone")},
        {"preset4", tr("Brain")},
        {"preset5", tr("Abdomen")},
        {"preset6", tr("Liver")},
    };
    for (const auto& [name, text] : texts)
        if (QAction* a = m_actions.value(QString::fromLatin1(name)))
            a->setText(text);
    if (auto* m = findChild<QMenu*>(QStringLiteral("imageMenu")))
        m->setTitle(tr("&Image"));
    if (auto* m = findChild<QMenu*>(QStringLiteral("layoutMenu")))
        m->setTitle(tr("Layout"));
    if (auto* m = findChild<QMenu*>(QStringLiteral("toolMenu")))
        m->setTitle(tr("Tools"));
    if (auto* m = findChild<QMenu*>(QStringLiteral("viewMenu")))
        m->setTitle(tr("View"));
    if (auto* m = findChild<QMenu*>(QStringLiteral("presetMenu")))
        m->setTitle(tr("Window presets (keys 1-6)"));
}

void ReadingWindow::sessionChanged()
{
    AppShell::sessionChanged();
    m_worklist->refresh();
}

void ReadingWindow::closeEvent(QCloseEvent* event)
{
    saveArrangement();
    m_loader->cancel();
    m_prefetcher->cancel();
    if (m_detachedWindow)
        m_detachedWindow->close();
    if (m_mpr)
        m_mpr->close();
    if (m_volumeWindow)
        m_volumeWindow->close();
    AppShell::closeEvent(event);
}

void ReadingWindow::openFromWorklist(const WorklistRow& row)
{
    const QString accession = QString::fromStdString(row.exam.accessionNumber);
    apiClient().searchStudies(
        {{QStringLiteral("AccessionNumber"), accession}}, this,
        [this, accession](const client::Result<std::vector<client::StudySummary>>& r) {
            if (!r.ok()) {
                statusBar()->showMessage(ui::ErrorText::describe(r.error()), 10000);
                return;
            }
            if (r.value().empty()) {
                statusBar()->showMessage(tr("No images in the archive for %1.").arg(accession), 10000);
                return;
            }
            const auto& study = r.value().front();
            m_studyLabel->setText(
                tr("%1  %2  %3  %4")
                    .arg(study.patientName, study.patientId, study.studyDate, study.studyDescription));
            openStudy(study.studyUid);
        });
}

void ReadingWindow::openStudy(const QString& studyUid)
{
    if (m_prefetcher->isLoading())
        m_prefetcher->cancel();
    m_studyUid = studyUid;
    m_strip->clearSeries();
    m_grid->clearAll();
    m_studyAnnotations.clear();
    m_progress->setValue(0);
    m_progress->setMaximum(1);
    m_progress->show();
    m_cancelLoad->show();
    m_loader->open(studyUid);
    loadAnnotations();
    emit studyOpened(studyUid);
}

void ReadingWindow::onSeriesListed()
{
    for (const auto& s : m_loader->series()) {
        QString label = s->summary.modality;
        if (s->summary.seriesNumber > 0)
            label += QStringLiteral(" #%1").arg(s->summary.seriesNumber);
        if (!s->summary.description.isEmpty())
            label += QLatin1Char(' ') + s->summary.description;
        m_strip->addSeries(s->summary.seriesUid, label, s->summary.instanceCount);
    }
    applyDefaultHanging();
}

// Without a saved protocol: one viewport per series up to 2x2, the series in their order.
void ReadingWindow::applyDefaultHanging()
{
    const int n = int(m_loader->series().size());
    if (n <= 1)
        setLayoutGrid(1, 1);
    else if (n == 2)
        setLayoutGrid(1, 2);
    else
        setLayoutGrid(2, 2);
    for (int i = 0; i < std::min(n, m_grid->viewportCount()); ++i)
        m_grid->setSeriesOf(i, m_loader->series()[std::size_t(i)]->summary.seriesUid);
}

void ReadingWindow::onSeriesReady(const QString& seriesUid)
{
    auto series = m_loader->seriesByUid(seriesUid);
    if (!series)
        return;
    m_strip->setProgress(seriesUid, int(series->images.size()), int(series->instances.size()));
    for (int i = 0; i < m_grid->viewportCount(); ++i)
        if (m_grid->seriesOf(i) == seriesUid)
            showSeries(seriesUid, i);
}

void ReadingWindow::showSeries(const QString& seriesUid, int viewportIndex)
{
    const int index = viewportIndex < 0 ? m_grid->activeIndex() : viewportIndex;
    viewer::SliceView* view = m_grid->viewport(index);
    auto series = m_loader->seriesByUid(seriesUid);
    if (!view || !series)
        return;
    m_grid->setSeriesOf(index, seriesUid);
    if (series->stacks.empty()) {
        statusBar()->showMessage(tr("The series is still loading."), 3000);
        return;
    }
    const viewer::SliceTool tool = view->activeTool();
    view->setStack(series->stacks.front());
    view->setActiveTool(tool);
    view->setHideIdentity(m_hideIdentity);
    updateOverlay(index);
    applyAnnotations(index);
}

void ReadingWindow::updateOverlay(int index)
{
    viewer::SliceView* view = m_grid->viewport(index);
    if (!view || !view->stack() || view->stack()->frames.empty())
        return;
    const auto& image = *view->stack()->frames.front().image;
    viewer::OverlayText text;
    text.patient =
        QStringLiteral("%1\n%2  %3")
            .arg(QString::fromStdString(image.patientName), QString::fromStdString(image.patientId),
                 QString::fromStdString(image.patientSex));
    text.study =
        QStringLiteral("%1\n%2\n%3")
            .arg(QString::fromStdString(image.studyDate), QString::fromStdString(image.studyDescription),
                 QString::fromStdString(image.accessionNumber));
    text.series = QStringLiteral("%1 #%2 %3")
                      .arg(QString::fromStdString(image.modality))
                      .arg(image.seriesNumber)
                      .arg(QString::fromStdString(image.seriesDescription));
    view->setOverlayText(text);
}

void ReadingWindow::setLayoutGrid(int rows, int columns)
{
    m_grid->setGrid(rows, columns);
    // Viewports newly in the grid show the next series not shown yet.
    const auto& series = m_loader->series();
    for (int i = 0; i < m_grid->viewportCount(); ++i) {
        if (!m_grid->seriesOf(i).isEmpty() || series.empty())
            continue;
        const std::size_t pick = std::size_t(i) < series.size() ? std::size_t(i) : series.size() - 1;
        m_grid->setSeriesOf(i, series[pick]->summary.seriesUid);
        if (!series[pick]->stacks.empty())
            showSeries(series[pick]->summary.seriesUid, i);
    }
}

void ReadingWindow::setToolForAll(viewer::SliceTool tool)
{
    for (int i = 0; i < ViewportGrid::maxRows * ViewportGrid::maxColumns; ++i)
        m_grid->viewport(i)->setActiveTool(tool);
}

void ReadingWindow::setLinkedScrolling(bool linked)
{
    m_linked = linked;
    if (QAction* a = m_actions.value(QStringLiteral("linkScrolling")))
        a->setChecked(linked);
}

// Views on the same frame of reference go to the slice nearest the active view's plane;
// others move by the same number of frames.
void ReadingWindow::followActive(viewer::SliceView* source)
{
    if (!source->stack() || !source->hasImage())
        return;
    m_following = true;
    const viewer::SliceImage& here = source->image();
    const auto& sourceImage = *source->stack()->frames.front().image;
    const imaging::Vec3 centre = here.patientPoint((here.width - 1) / 2.0, (here.height - 1) / 2.0);
    const int delta = source->frameIndex() - m_lastFrame.value(source, source->frameIndex());
    m_lastFrame.insert(source, source->frameIndex());
    for (int i = 0; i < m_grid->viewportCount(); ++i) {
        viewer::SliceView* view = m_grid->viewport(i);
        if (view == source || !view->stack() || view->stack()->frames.empty())
            continue;
        const auto& frames = view->stack()->frames;
        const bool sameFrame = !sourceImage.frameOfReferenceUid.empty() &&
                               frames.front().image->frameOfReferenceUid == sourceImage.frameOfReferenceUid &&
                               here.hasGeometry;
        if (sameFrame) {
            int best = -1;
            double bestDistance = 1e300;
            for (int f = 0; f < int(frames.size()); ++f) {
                const viewer::SliceImage s = viewer::SliceImage::fromFrame(frames[std::size_t(f)].image,
                                                                           frames[std::size_t(f)].frameIndex);
                if (!s.hasGeometry)
                    continue;
                const imaging::Vec3 n = s.normal();
                const imaging::Vec3 d{centre[0] - s.originMm[0], centre[1] - s.originMm[1],
                                      centre[2] - s.originMm[2]};
                const double distance = std::abs(dot(d, n));
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = f;
                }
            }
            if (best >= 0)
                view->setFrameIndex(best);
        } else if (delta != 0) {
            view->setFrameIndex(view->frameIndex() + delta);
        }
    }
    m_following = false;
}

// The active image's plane drawn as a line on the other viewports of its frame of reference
// (the scout line of a localiser, or where an axial slice cuts a coronal series).
void ReadingWindow::updateReferenceLines()
{
    viewer::SliceView* active = m_grid->activeViewport();
    const bool usable = active && active->stack() && active->hasImage() && active->image().hasGeometry;
    const std::string frameOfReference =
        usable ? active->stack()->frames.front().image->frameOfReferenceUid : std::string();
    for (int i = 0; i < ViewportGrid::maxRows * ViewportGrid::maxColumns; ++i) {
        viewer::SliceView* view = m_grid->viewport(i);
        QList<viewer::ReferencePlane> planes;
        if (usable && view != active && view->stack() && !frameOfReference.empty() &&
            view->stack()->frames.front().image->frameOfReferenceUid == frameOfReference)
            planes.append({active->image().originMm, active->image().normal(), QColor(255, 220, 0)});
        view->setReferencePlanes(planes);
    }
}

void ReadingWindow::setHideIdentity(bool hide)
{
    m_hideIdentity = hide;
    for (int i = 0; i < ViewportGrid::maxRows * ViewportGrid::maxColumns; ++i)
        m_grid->viewport(i)->setHideIdentity(hide);
    if (QAction* a = m_actions.value(QStringLiteral("hideIdentity")))
        a->setChecked(hide);
}

void ReadingWindow::loadAnnotations()
{
    const QString studyUid = m_studyUid;
    apiClient().studyAnnotations(
        studyUid, this, [this, studyUid](const client::Result<std::vector<client::ImageAnnotations>>& r) {
            if (studyUid != m_studyUid || !r.ok())
                return;
            for (const auto& a : r.value())
                m_studyAnnotations.insert(annotationKey(a.sopInstanceUid, a.frame), a.items);
            for (int i = 0; i < m_grid->viewportCount(); ++i)
                applyAnnotations(i);
        });
}

void ReadingWindow::applyAnnotations(int index)
{
    viewer::SliceView* view = m_grid->viewport(index);
    if (!view || !view->stack())
        return;
    const auto& frames = view->stack()->frames;
    for (int f = 0; f < int(frames.size()); ++f) {
        const auto& frame = frames[std::size_t(f)];
        const auto it = m_studyAnnotations.constFind(
            annotationKey(QString::fromStdString(frame.image->sopInstanceUid), frame.frameIndex));
        if (it != m_studyAnnotations.constEnd())
            view->setAnnotations(f, viewer::annotationsFromJson(*it));
    }
}

void ReadingWindow::saveAnnotations(viewer::SliceView* view, int frame)
{
    if (!view->stack() || frame < 0 || frame >= int(view->stack()->frames.size()))
        return;
    const auto& f = view->stack()->frames[std::size_t(frame)];
    const QString sopUid = QString::fromStdString(f.image->sopInstanceUid);
    const QJsonArray items = viewer::annotationsToJson(view->annotations(frame));
    m_studyAnnotations.insert(annotationKey(sopUid, f.frameIndex), items);
    apiClient().saveAnnotations(
        m_studyUid, sopUid, f.frameIndex, items, this, [this, sopUid](const client::Result<client::Done>& r) {
            if (r.ok())
                emit annotationsSaved(sopUid);
            else
                statusBar()->showMessage(
                    tr("Annotations not saved: %1").arg(ui::ErrorText::describe(r.error())), 10000);
        });
}

void ReadingWindow::withVolumeOfActiveSeries(std::function<void(imaging::ImageVolumePtr)> use)
{
    viewer::SliceView* view = m_grid->activeViewport();
    const auto stack = view ? view->stack() : nullptr;
    if (!stack) {
        statusBar()->showMessage(tr("Choose a viewport with a series first."), 5000);
        return;
    }
    if (!stack->volumeCapable) {
        statusBar()->showMessage(
            tr("This series cannot be reformatted: %1").arg(QString::fromStdString(stack->notVolumeReason)),
            8000);
        return;
    }
    statusBar()->showMessage(tr("Building the volume…"));
    QPointer<ReadingWindow> self(this);
    QThreadPool::globalInstance()->start([self, stack, use] {
        std::shared_ptr<const imaging::ImageVolume> volume;
        QString error;
        try {
            volume = std::make_shared<const imaging::ImageVolume>(imaging::assembleVolume(*stack));
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, volume, error, use] {
            if (!self)
                return;
            if (!volume) {
                self->statusBar()->showMessage(tr("No volume can be built: %1").arg(error), 10000);
                return;
            }
            QStringList warnings;
            for (const auto& w : volume->warnings)
                warnings << QString::fromStdString(w);
            self->statusBar()->showMessage(
                warnings.isEmpty() ? tr("Volume ready.") : warnings.join(QStringLiteral("; ")), 10000);
            use(volume);
        });
    });
}

void ReadingWindow::openMprOfActiveSeries()
{
    withVolumeOfActiveSeries([this](imaging::ImageVolumePtr volume) {
        if (!m_mpr) {
            m_mpr = new viewer::MprView(nullptr);
            m_mpr->setAttribute(Qt::WA_DeleteOnClose);
            m_mpr->setWindowFlag(Qt::Window);
            m_mpr->resize(1100, 900);
            connect(m_mpr, &viewer::MprView::saveToArchiveRequested, this,
                    [this](const QImage& image) { saveViewToArchive(image, tr("MPR")); });
        }
        m_mpr->setWindowTitle(tr("MPR"));
        m_mpr->setVolume(volume);
        m_mpr->show();
        m_mpr->raise();
        emit mprOpened();
    });
}

void ReadingWindow::openVolumeOfActiveSeries()
{
    withVolumeOfActiveSeries([this](imaging::ImageVolumePtr volume) {
        if (!m_volumeWindow) {
            m_volumeWindow = new VolumeWindow(nullptr);
            m_volumeWindow->setAttribute(Qt::WA_DeleteOnClose);
            connect(m_volumeWindow, &VolumeWindow::saveToArchiveRequested, this,
                    [this](const QImage& image) { saveViewToArchive(image, tr("3D")); });
        }
        m_volumeWindow->setVolume(volume);
        m_volumeWindow->show();
        m_volumeWindow->raise();
        emit volumeOpened();
    });
}

// The identity of the open study, from one of its files (the local cache holds them).
dicom::StudyIdentity ReadingWindow::studyIdentity() const
{
    for (const auto& series : m_loader->series())
        for (const auto& instance : series->instances)
            if (auto bytes = m_cache->read(instance.sopInstanceUid)) {
                try {
                    return dicom::studyIdentityOf(bytes->toStdString());
                } catch (const std::exception&) {
                }
            }
    // Without a cached file: what the decoded images tell.
    dicom::StudyIdentity identity;
    for (const auto& series : m_loader->series())
        if (!series->images.empty()) {
            const auto& image = *series->images.front();
            identity.patientName = image.patientName;
            identity.patientId = image.patientId;
            identity.patientSex = image.patientSex;
            identity.studyInstanceUid = image.studyInstanceUid;
            identity.studyDate = image.studyDate;
            identity.accessionNumber = image.accessionNumber;
            identity.studyDescription = image.studyDescription;
            break;
        }
    return identity;
}

void ReadingWindow::store(const std::vector<std::string>& objects, const QString& what)
{
    std::vector<QByteArray> parts;
    for (const auto& o : objects)
        parts.push_back(QByteArray::fromStdString(o));
    apiClient().storeInstances(m_studyUid, parts, this, [this, what](const client::Result<client::Done>& r) {
        const QString message = r.ok()
                                    ? tr("%1 stored in the study.").arg(what)
                                    : tr("%1 not stored: %2").arg(what, ui::ErrorText::describe(r.error()));
        statusBar()->showMessage(message, 10000);
        emit savedToArchive(r.ok(), message);
    });
}

void ReadingWindow::saveViewToArchive(const QImage& view, const QString& description)
{
    if (m_studyUid.isEmpty() || view.isNull())
        return;
    const QImage rgb = view.convertToFormat(QImage::Format_RGB888);
    dicom::CapturedImage capture;
    capture.width = rgb.width();
    capture.height = rgb.height();
    capture.rgb.resize(std::size_t(rgb.width()) * std::size_t(rgb.height()) * 3);
    for (int y = 0; y < rgb.height(); ++y)
        std::memcpy(capture.rgb.data() + std::size_t(y) * std::size_t(rgb.width()) * 3, rgb.constScanLine(y),
                    std::size_t(rgb.width()) * 3);
    try {
        const auto objects =
            dicom::secondaryCaptureSeries(studyIdentity(), {capture}, description.toStdString(), 900);
        store(objects, tr("The %1 view").arg(description));
    } catch (const std::exception& e) {
        statusBar()->showMessage(tr("The view could not be saved: %1").arg(QString::fromUtf8(e.what())),
                                 10000);
    }
}

void ReadingWindow::saveKeyImages()
{
    std::vector<dicom::KeyImageReference> references;
    for (int i = 0; i < m_grid->viewportCount(); ++i) {
        viewer::SliceView* view = m_grid->viewport(i);
        if (!view->stack())
            continue;
        const auto& frames = view->stack()->frames;
        for (int f = 0; f < int(frames.size()); ++f)
            if (view->isKeyImage(f)) {
                const auto& image = *frames[std::size_t(f)].image;
                references.push_back({image.sopClassUid, image.sopInstanceUid, image.seriesInstanceUid,
                                      image.frames.size() > 1 ? frames[std::size_t(f)].frameIndex + 1 : 0});
            }
    }
    if (references.empty()) {
        statusBar()->showMessage(tr("Mark key images first (K or Ctrl+K)."), 5000);
        return;
    }
    try {
        store({dicom::keyObjectSelection(studyIdentity(), references, {})},
              tr("%n key image(s)", nullptr, int(references.size())));
    } catch (const std::exception& e) {
        statusBar()->showMessage(tr("Key images could not be saved: %1").arg(QString::fromUtf8(e.what())),
                                 10000);
    }
}

void ReadingWindow::setImageAreaDetached(bool detached)
{
    if (detached == imageAreaDetached())
        return;
    if (detached) {
        auto* window = new QWidget(nullptr, Qt::Window);
        window->setObjectName(QStringLiteral("imageWindow"));
        window->setAttribute(Qt::WA_DeleteOnClose, false);
        window->setWindowTitle(tr("Lumen images"));
        auto* layout = new QVBoxLayout(window);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_grid);
        m_detachedWindow = window;
        // The second screen when there is one; the arrangement is remembered on close.
        const auto screens = QGuiApplication::screens();
        QSettings settings;
        const QByteArray geometry =
            settings.value(QStringLiteral("reading/imageWindowGeometry")).toByteArray();
        if (!geometry.isEmpty())
            window->restoreGeometry(geometry);
        else if (screens.size() > 1)
            window->setGeometry(screens[1]->availableGeometry());
        else
            window->resize(1000, 800);
        window->show();
    } else {
        QSettings().setValue(QStringLiteral("reading/imageWindowGeometry"), m_detachedWindow->saveGeometry());
        m_splitter->addWidget(m_grid);
        m_splitter->setStretchFactor(2, 6);
        delete m_detachedWindow;
    }
    if (QAction* a = m_actions.value(QStringLiteral("detachImages")))
        a->setChecked(detached);
}

void ReadingWindow::restoreArrangement()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("reading/geometry")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("reading/splitter")).toByteArray());
    setLinkedScrolling(settings.value(QStringLiteral("reading/linked"), true).toBool());
    setHideIdentity(settings.value(QStringLiteral("reading/hideIdentity"), false).toBool());
    if (settings.value(QStringLiteral("reading/detached"), false).toBool())
        QTimer::singleShot(0, this, [this] { setImageAreaDetached(true); });
}

void ReadingWindow::saveArrangement()
{
    QSettings settings;
    settings.setValue(QStringLiteral("reading/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("reading/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("reading/linked"), m_linked);
    settings.setValue(QStringLiteral("reading/hideIdentity"), m_hideIdentity);
    settings.setValue(QStringLiteral("reading/detached"), imageAreaDetached());
    if (m_detachedWindow)
        settings.setValue(QStringLiteral("reading/imageWindowGeometry"), m_detachedWindow->saveGeometry());
}

} // namespace lumen::reading
