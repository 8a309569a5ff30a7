#pragma once
// Opens a study from the archive: lists its series and instances (QIDO-RS), fetches every
// instance (WADO-URI, several in flight, the first image first so something shows at once,
// cached files read from disk instead), decodes them on worker threads and assembles each
// series' stacks off the UI thread. Progress is reported in images and bytes; cancel stops it.
#include <lumen/client/reading_types.h>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <deque>
#include <memory>
#include <vector>

class QNetworkReply;

namespace lumen::client {
class ApiClient;
}
namespace lumen::dicom {
struct DecodedImage;
}
namespace lumen::imaging {
struct ImageStack;
}

namespace lumen::reading {

class InstanceCache;

using DecodedImagePtr = std::shared_ptr<const dicom::DecodedImage>;
using StackPtr = std::shared_ptr<const imaging::ImageStack>;

struct LoadedSeries
{
    client::SeriesSummary summary;
    std::vector<client::InstanceSummary> instances;
    std::vector<DecodedImagePtr> images; // in arrival order
    std::vector<StackPtr> stacks;        // set when every instance is in
    int failed = 0;
    bool complete = false;
};

class StudyLoader : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultParallelDownloads = 6;

    StudyLoader(client::ApiClient& client, InstanceCache* cache, QObject* parent = nullptr);
    ~StudyLoader() override;

    void open(const QString& studyUid);
    // Only fills the cache (one download at a time), for the next worklist study.
    void prefetch(const QString& studyUid);
    void cancel();
    void setParallelDownloads(int count) { m_parallel = std::max(1, count); }

    QString studyUid() const { return m_studyUid; }
    bool isLoading() const { return m_loading; }
    const std::vector<std::shared_ptr<LoadedSeries>>& series() const { return m_series; }
    std::shared_ptr<LoadedSeries> seriesByUid(const QString& uid) const;
    int imagesDone() const { return m_done; }
    int imagesTotal() const { return m_total; }
    qint64 bytesReceived() const { return m_bytes; }
    int downloadsFromNetwork() const { return m_networkDownloads; }

signals:
    void seriesListed(); // series() holds the summaries, no images yet
    void firstImage(const QString& seriesUid, const lumen::reading::DecodedImagePtr& image);
    void imageLoaded(const QString& seriesUid, const lumen::reading::DecodedImagePtr& image);
    void seriesReady(const QString& seriesUid);
    void progress(int done, int total, qint64 bytes);
    void finished(bool cancelled);
    void failed(const QString& message);

private:
    struct Job
    {
        QString seriesUid;
        QString sopUid;
        bool prefetchOnly = false;
    };
    void listInstances();
    void startJobs();
    void startJob(const Job& job);
    void decodeInBackground(const Job& job, const QByteArray& bytes, bool storeInCache);
    void imageArrived(const QString& seriesUid, const DecodedImagePtr& image, bool ok);
    void assembleSeries(const std::shared_ptr<LoadedSeries>& series);
    void checkFinished();

    client::ApiClient& m_client;
    InstanceCache* m_cache;
    QString m_studyUid;
    quint64 m_generation = 0; // answers of an earlier open() are dropped
    bool m_loading = false;
    bool m_prefetch = false;
    bool m_firstShown = false;
    int m_parallel = defaultParallelDownloads;
    std::vector<std::shared_ptr<LoadedSeries>> m_series;
    std::deque<Job> m_queue;
    QSet<QNetworkReply*> m_inFlight;
    int m_decoding = 0;
    int m_listsPending = 0;
    int m_done = 0;
    int m_total = 0;
    qint64 m_bytes = 0;
    int m_networkDownloads = 0;
    int m_assembling = 0;
    QThreadPool m_pool;
};

} // namespace lumen::reading
