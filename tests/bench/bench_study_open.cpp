// Opening a study in the reading station (issue 5 §6): a generated 512x512x400 16-bit CT
// series stored in the real local server; the time to the first image and to every image
// decoded and stacked, and to the volume assembled, against simply downloading the same
// bytes from the same server with the same number of requests in flight. Prints a ratio.
#include "server_process.h"

#include "study_loader.h"

#include <lumen/client/api_client.h>
#include <lumen/dicom/dimse_server.h>
#include <lumen/dicom/phantom_series.h>
#include <lumen/imaging/volume_assembler.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace lumen;

namespace {

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

bool wait(const bool& flag, int ms)
{
    return QTest::qWaitFor([&] { return flag; }, ms);
}

} // namespace

class BenchStudyOpen : public QObject
{
    Q_OBJECT

private slots:
    void open_512x512x400_study_against_plain_download();
};

void BenchStudyOpen::open_512x512x400_study_against_plain_download()
{
    dicom::registerCodecs();
    const int slices = qEnvironmentVariableIntValue("LUMEN_BENCH_SLICES") > 0
                           ? qEnvironmentVariableIntValue("LUMEN_BENCH_SLICES")
                           : 400;
    QTemporaryDir dir;
    test::ServerProcess server;
    QVERIFY2(server.start(dir.path()), qPrintable(server.output()));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(server.httpPort()));

    dicom::PhantomSpec spec;
    spec.rows = spec.columns = 512;
    spec.pixelSpacingMm = {0.7, 0.7};
    spec.firstPositionMm = {-179, -179, -200};
    for (int k = 0; k < slices; ++k)
        spec.sliceOffsetsMm.push_back(k);
    spec.spheres = {{{-70, -10, 0}, 62, -850}, {{70, -10, 0}, 62, -850}, {{15, -35, -20}, 42, 45}};
    spec.rods = {{{0, 62, -200}, {0, 62, 200}, 10, 700}};
    const auto objects = dicom::phantomSeriesBytes(spec);
    const QString studyUid = QString::fromStdString(dicom::decodeImage(objects.front()).studyInstanceUid);

    client::ApiClient client;
    client.setServerUrl(url);
    bool done = false, ok = false;
    client.login(QStringLiteral("technologist"), QStringLiteral("Lumen@2026"), nullptr,
                 [&](const client::Result<protocol::SessionInfo>& r) {
                     ok = r.ok();
                     done = true;
                 });
    QVERIFY(wait(done, 20000) && ok);
    qint64 totalBytes = 0;
    for (std::size_t from = 0; from < objects.size(); from += 50) {
        std::vector<QByteArray> chunk;
        for (std::size_t i = from; i < std::min(objects.size(), from + 50); ++i) {
            chunk.push_back(QByteArray::fromStdString(objects[i]));
            totalBytes += chunk.back().size();
        }
        done = ok = false;
        client.storeInstances(studyUid, chunk, nullptr, [&](const client::Result<client::Done>& r) {
            ok = r.ok();
            done = true;
        });
        QVERIFY(wait(done, 120000) && ok);
    }

    // The plain download: every instance over WADO-URI, six requests in flight, bytes dropped.
    std::vector<client::SeriesSummary> series;
    done = false;
    client.studySeries(studyUid, nullptr, [&](const client::Result<std::vector<client::SeriesSummary>>& r) {
        series = r.value();
        done = true;
    });
    QVERIFY(wait(done, 20000) && series.size() == 1);
    std::vector<client::InstanceSummary> instances;
    done = false;
    client.seriesInstances(studyUid, series.front().seriesUid, nullptr,
                           [&](const client::Result<std::vector<client::InstanceSummary>>& r) {
                               instances = r.value();
                               done = true;
                           });
    QVERIFY(wait(done, 20000) && int(instances.size()) == slices);

    auto plainDownload = [&] {
        QElapsedTimer t;
        t.start();
        std::size_t next = 0, finished = 0;
        qint64 received = 0;
        std::function<void()> startOne = [&] {
            if (next >= instances.size())
                return;
            QNetworkReply* reply =
                client.downloadInstance(studyUid, series.front().seriesUid, instances[next++].sopInstanceUid);
            QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
                received += reply->readAll().size();
                reply->deleteLater();
                ++finished;
                startOne();
            });
        };
        for (int i = 0; i < reading::StudyLoader::defaultParallelDownloads; ++i)
            startOne();
        if (!QTest::qWaitFor([&] { return finished == instances.size(); }, 300000))
            return std::pair<double, qint64>{-1, received};
        return std::pair<double, qint64>{t.nsecsElapsed() / 1e6, received};
    };

    // The station: open with the loader (no cache, as on a first open), then build the volume.
    auto stationOpen = [&] {
        reading::StudyLoader loader(client, nullptr);
        QElapsedTimer t;
        t.start();
        double firstMs = -1;
        QObject::connect(&loader, &reading::StudyLoader::firstImage, &loader,
                         [&] { firstMs = t.nsecsElapsed() / 1e6; });
        QSignalSpy finishedSpy(&loader, &reading::StudyLoader::finished);
        loader.open(studyUid);
        if (!finishedSpy.wait(300000))
            return std::tuple<double, double, double>{-1, -1, -1};
        const double allMs = t.nsecsElapsed() / 1e6;
        const auto stack = loader.series().front()->stacks.front();
        const auto volume = imaging::assembleVolume(*stack);
        const double volumeMs = t.nsecsElapsed() / 1e6;
        if (volume.geometry.dimensions[2] != slices)
            return std::tuple<double, double, double>{-1, -1, -1};
        return std::tuple<double, double, double>{firstMs, allMs, volumeMs};
    };

    // Warm the server's page cache once, then measure each twice, alternating.
    plainDownload();
    double bestDownload = 1e300, bestFirst = 1e300, bestAll = 1e300, bestVolume = 1e300;
    qint64 downloaded = 0;
    for (int round = 0; round < 2; ++round) {
        const auto [ms, bytes] = plainDownload();
        QVERIFY(ms > 0);
        bestDownload = std::min(bestDownload, ms);
        downloaded = bytes;
        const auto [first, all, volume] = stationOpen();
        QVERIFY(first > 0 && all > 0);
        bestFirst = std::min(bestFirst, first);
        bestAll = std::min(bestAll, all);
        bestVolume = std::min(bestVolume, volume);
    }
    std::printf("study: 1 series, %d instances 512x512 16-bit, %.1f MiB stored (%.1f MiB downloaded)\n",
                slices, totalBytes / 1048576.0, downloaded / 1048576.0);
    std::printf("plain download, %d in flight:          %8.0f ms\n",
                reading::StudyLoader::defaultParallelDownloads, bestDownload);
    std::printf("station: first image shown after        %8.0f ms\n", bestFirst);
    std::printf("station: all images decoded and stacked %8.0f ms  ratio to download %.2f (aim <= 1.3)\n",
                bestAll, bestAll / bestDownload);
    std::printf("station: volume assembled after         %8.0f ms  ratio to download %.2f\n", bestVolume,
                bestVolume / bestDownload);
    std::printf("peak RSS of the station process %ld MiB\n", peakRssMiB());
    std::fflush(stdout);
    server.terminate();
}

QTEST_MAIN(BenchStudyOpen)
#include "bench_study_open.moc"
