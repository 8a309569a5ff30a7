#pragma once
// The radiologist's reading workstation: worklist, the opened study's series, the image area
// (a grid of viewports, detachable to a second screen) and the viewing tools.
#include "volume_window.h"
#include "worklist_panel.h"

#include <lumen/ui/app_shell.h>
#include <lumen/viewer/mpr_view.h>
#include <lumen/viewer/slice_view.h>

#include <QPointer>

#include <lumen/dicom/derived_objects.h>

#include <functional>

#include <memory>

class QActionGroup;
class QLabel;
class QProgressBar;
class QSplitter;
class QTimer;
class QToolBar;
class QToolButton;

namespace lumen::reading {

class InstanceCache;

class SeriesStrip;
class StudyLoader;
class ViewportGrid;
struct LoadedSeries;

class ReadingWindow : public ui::AppShell
{
    Q_OBJECT
public:
    explicit ReadingWindow(client::ApiClient& client, QWidget* parent = nullptr);
    ~ReadingWindow() override;

    static QString title();

    WorklistPanel* worklist() const { return m_worklist; }
    SeriesStrip* seriesStrip() const { return m_strip; }
    ViewportGrid* grid() const { return m_grid; }
    StudyLoader* loader() const { return m_loader; }
    InstanceCache* cache() const { return m_cache.get(); }
    QProgressBar* progressBar() const { return m_progress; }

    void openStudy(const QString& studyUid);
    // Shows a series in a viewport (the active one when index < 0).
    void showSeries(const QString& seriesUid, int viewportIndex = -1);
    void setLayoutGrid(int rows, int columns);
    void setLinkedScrolling(bool linked);
    bool linkedScrolling() const { return m_linked; }
    // The image area in its own top-level window (for a second screen), or back.
    void setImageAreaDetached(bool detached);
    bool imageAreaDetached() const { return m_detachedWindow != nullptr; }
    void setHideIdentity(bool hide);
    // Assembles the active viewport's series as a volume (on a worker) and opens MPR on it.
    void openMprOfActiveSeries();
    viewer::MprView* mprView() const { return m_mpr; }
    // The same for the 3D window.
    void openVolumeOfActiveSeries();
    VolumeWindow* volumeWindow() const { return m_volumeWindow; }
    // Stores `view` in the open study as a new secondary-capture series (STOW-RS).
    void saveViewToArchive(const QImage& view, const QString& description);
    // Stores the marked key images of every viewport as a Key Object Selection.
    void saveKeyImages();

signals:
    void studyOpened(const QString& studyUid);
    void mprOpened();
    void volumeOpened();
    // The archive answered a save (secondary capture or key images).
    void savedToArchive(bool ok, const QString& message);
    void annotationsSaved(const QString& sopInstanceUid);

protected:
    void retranslateUi() override;
    void sessionChanged() override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void openFromWorklist(const WorklistRow& row);
    void onSeriesListed();
    void onSeriesReady(const QString& seriesUid);
    void applyDefaultHanging();
    void setToolForAll(viewer::SliceTool tool);
    void followActive(viewer::SliceView* source);
    void loadAnnotations();
    void applyAnnotations(int viewportIndex);
    void saveAnnotations(viewer::SliceView* view, int frame);
    void restoreArrangement();
    void saveArrangement();
    void updateOverlay(int viewportIndex);
    void updateReferenceLines();
    // Builds the active series' volume on a worker, then hands it to `use` on the UI thread.
    void withVolumeOfActiveSeries(std::function<void(imaging::ImageVolumePtr)> use);
    dicom::StudyIdentity studyIdentity() const;
    void store(const std::vector<std::string>& objects, const QString& what);

    WorklistPanel* m_worklist = nullptr;
    SeriesStrip* m_strip = nullptr;
    ViewportGrid* m_grid = nullptr;
    QSplitter* m_splitter = nullptr;
    QToolBar* m_toolbar = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancelLoad = nullptr;
    QLabel* m_studyLabel = nullptr;
    QPointer<QWidget> m_detachedWindow;
    QPointer<viewer::MprView> m_mpr;
    QPointer<VolumeWindow> m_volumeWindow;
    StudyLoader* m_loader = nullptr;
    StudyLoader* m_prefetcher = nullptr;
    std::unique_ptr<InstanceCache> m_cache;
    QActionGroup* m_toolGroup = nullptr;
    QList<QAction*> m_toolActions;
    QList<QAction*> m_layoutActions;
    QHash<QString, QAction*> m_actions; // by object name, for retranslation
    QString m_studyUid;
    bool m_linked = true;
    bool m_hideIdentity = false;
    bool m_following = false;
    // Annotations of the open study by "sopUid/frame", as the server has them.
    QHash<QString, QJsonArray> m_studyAnnotations;
    QHash<const viewer::SliceView*, int> m_lastFrame; // for linking by offset
};

} // namespace lumen::reading
