#include "study_loader.h"

#include "instance_cache.h"

#include <lumen/client/api_client.h>
#include <lumen/dicom/decoded_image.h>
#include <lumen/dicom/instance_attributes.h>
#include <lumen/imaging/volume_assembler.h>

#include <QNetworkReply>
#include <QThreadPool>

#include <algorithm>

namespace lumen::reading {

StudyLoader::StudyLoader(client::ApiClient& client, InstanceCache* cache, QObject* parent)
    : QObject(parent), m_client(client), m_cache(cache)
{
}

StudyLoader::~StudyLoader()
{
    cancel();
    // Workers post their results to this object: let them finish before it goes.
    m_pool.waitForDone();
}

std::shared_ptr<LoadedSeries> StudyLoader::seriesByUid(const QString& uid) const
{
    for (const auto& s : m_series)
        if (s->summary.seriesUid == uid)
            return s;
    return nullptr;
}

void StudyLoader::cancel()
{
    ++m_generation;
    m_queue.clear();
    const auto replies = m_inFlight;
    m_inFlight.clear();
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_loading) {
        m_loading = false;
        emit finished(true);
    }
}

void StudyLoader::open(const QString& studyUid)
{
    cancel();
    m_studyUid = studyUid;
    m_prefetch = false;
    m_loading = true;
    m_firstShown = false;
    m_series.clear();
    m_done = m_total = m_decoding = m_assembling = 0;
    m_bytes = 0;
    m_networkDownloads = 0;
    const quint64 generation = m_generation;
    m_client.studySeries(
        studyUid, this, [this, generation](const client::Result<std::vector<client::SeriesSummary>>& r) {
            if (generation != m_generation)
                return;
            if (!r.ok()) {
                m_loading = false;
                emit failed(r.error().message);
                emit finished(false);
                return;
            }
            auto summaries = r.value();
            std::sort(summaries.begin(), summaries.end(),
                      [](const auto& a, const auto& b) { return a.seriesNumber < b.seriesNumber; });
            for (const auto& s : summaries) {
                auto loaded = std::make_shared<LoadedSeries>();
                loaded->summary = s;
                m_series.push_back(loaded);
            }
            emit seriesListed();
            listInstances();
        });
}

void StudyLoader::prefetch(const QString& studyUid)
{
    if (m_loading || !m_cache)
        return;
    open(studyUid);
    m_prefetch = true;
}

void StudyLoader::listInstances()
{
    const quint64 generation = m_generation;
    m_listsPending = int(m_series.size());
    if (m_series.empty()) {
        m_loading = false;
        emit finished(false);
        return;
    }
    for (const auto& series : m_series) {
        m_client.seriesInstances(
            m_studyUid, series->summary.seriesUid, this,
            [this, generation, series](const client::Result<std::vector<client::InstanceSummary>>& r) {
                if (generation != m_generation)
                    return;
                if (r.ok()) {
                    series->instances = r.value();
                    std::sort(
                        series->instances.begin(), series->instances.end(),
                        [](const auto& a, const auto& b) { return a.instanceNumber < b.instanceNumber; });
                }
                m_total += int(series->instances.size());
                if (--m_listsPending > 0)
                    return;
                // Series in order; within the first series, its middle image first: that is
                // the one a viewport shows, so it appears before the rest streams in.
                for (const auto& s : m_series) {
                    std::vector<client::InstanceSummary> ordered = s->instances;
                    if (s == m_series.front() && ordered.size() > 2)
                        std::rotate(ordered.begin(), ordered.begin() + std::ptrdiff_t(ordered.size() / 2),
                                    ordered.end());
                    for (const auto& i : ordered)
                        m_queue.push_back({s->summary.seriesUid, i.sopInstanceUid, m_prefetch});
                }
                emit progress(m_done, m_total, m_bytes);
                startJobs();
                checkFinished();
            });
    }
}

void StudyLoader::startJobs()
{
    const int limit = m_prefetch ? 1 : m_parallel;
    // Bytes waiting for a decoder are held in memory: keep that backlog short.
    const int decodeBacklog = 2 * m_pool.maxThreadCount() + 4;
    while (!m_queue.empty() && int(m_inFlight.size()) < limit && m_decoding < decodeBacklog) {
        Job job = m_queue.front();
        m_queue.pop_front();
        startJob(job);
    }
}

void StudyLoader::startJob(const Job& job)
{
    if (m_cache && m_cache->contains(job.sopUid)) {
        if (job.prefetchOnly) {
            imageArrived(job.seriesUid, nullptr, true);
            return;
        }
        ++m_decoding;
        const quint64 generation = m_generation;
        InstanceCache* cache = m_cache;
        m_pool.start([this, generation, job, cache] {
            auto bytes = cache->read(job.sopUid);
            QMetaObject::invokeMethod(this, [this, generation, job, bytes] {
                if (generation != m_generation)
                    return;
                --m_decoding;
                if (bytes) {
                    m_bytes += bytes->size();
                    decodeInBackground(job, *bytes, false);
                } else {
                    // Evicted between the check and the read: fetch it after all.
                    m_queue.push_front(job);
                    startJobs();
                }
            });
        });
        return;
    }
    QNetworkReply* reply = m_client.downloadInstance(m_studyUid, job.seriesUid, job.sopUid);
    m_inFlight.insert(reply);
    ++m_networkDownloads;
    connect(reply, &QNetworkReply::finished, this, [this, reply, job] {
        m_inFlight.remove(reply);
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            imageArrived(job.seriesUid, nullptr, false);
        } else {
            const QByteArray bytes = reply->readAll();
            m_bytes += bytes.size();
            if (job.prefetchOnly) {
                if (m_cache)
                    m_pool.start([cache = m_cache, job, bytes] { cache->store(job.sopUid, bytes); });
                imageArrived(job.seriesUid, nullptr, true);
            } else {
                decodeInBackground(job, bytes, true);
            }
        }
        startJobs();
    });
}

void StudyLoader::decodeInBackground(const Job& job, const QByteArray& bytes, bool storeInCache)
{
    ++m_decoding;
    const quint64 generation = m_generation;
    InstanceCache* cache = storeInCache ? m_cache : nullptr;
    m_pool.start([this, generation, job, bytes, cache] {
        DecodedImagePtr image;
        try {
            image = std::make_shared<const dicom::DecodedImage>(dicom::decodeImage(bytes.toStdString()));
        } catch (const std::exception&) {
            image.reset();
        }
        if (cache)
            cache->store(job.sopUid, bytes);
        QMetaObject::invokeMethod(this, [this, generation, job, image] {
            if (generation != m_generation)
                return;
            --m_decoding;
            imageArrived(job.seriesUid, image, image != nullptr);
            startJobs();
        });
    });
}

void StudyLoader::imageArrived(const QString& seriesUid, const DecodedImagePtr& image, bool ok)
{
    ++m_done;
    auto series = seriesByUid(seriesUid);
    if (series) {
        if (image) {
            series->images.push_back(image);
            if (!m_firstShown) {
                m_firstShown = true;
                emit firstImage(seriesUid, image);
            }
            emit imageLoaded(seriesUid, image);
        } else if (!ok) {
            ++series->failed;
        }
        const int arrived = int(series->images.size()) + series->failed;
        if (!m_prefetch && !series->complete && arrived >= int(series->instances.size()))
            assembleSeries(series);
    }
    emit progress(m_done, m_total, m_bytes);
    checkFinished();
}

void StudyLoader::assembleSeries(const std::shared_ptr<LoadedSeries>& series)
{
    series->complete = true;
    ++m_assembling;
    const quint64 generation = m_generation;
    const auto images = series->images;
    m_pool.start([this, generation, series, images] {
        std::vector<StackPtr> stacks;
        try {
            for (auto& stack : imaging::buildStacks(images))
                stacks.push_back(std::make_shared<const imaging::ImageStack>(std::move(stack)));
        } catch (const std::exception&) {
            stacks.clear();
        }
        QMetaObject::invokeMethod(this, [this, generation, series, stacks] {
            if (generation != m_generation)
                return;
            --m_assembling;
            series->stacks = stacks;
            emit seriesReady(series->summary.seriesUid);
            checkFinished();
        });
    });
}

void StudyLoader::checkFinished()
{
    if (!m_loading || m_listsPending > 0 || !m_queue.empty() || !m_inFlight.isEmpty() || m_decoding > 0 ||
        m_assembling > 0 || m_done < m_total)
        return;
    m_loading = false;
    emit finished(false);
}

} // namespace lumen::reading
