// Booking throughput through the real server (issue 4 §6): 50 clients, each on its own
// keep-alive connection, run the desk's flow for 40 exams each (recommend one exam, book the
// best slot, on a refusal ask again, up to 5 tries) against 10 CT rooms open 08:00-18:00 over
// 14 days at minute precision. Prints bookings/s, latency of the booking call and the double
// bookings recounted from the stored book (must be 0). Figures, not assertions on time.
#include "exam_flow.h"
#include "http_client.h"
#include "server_process.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <latch>
#include <map>
#include <memory>
#include <mutex>

using namespace lumen::test;

namespace {

constexpr int kClients = 50;
constexpr int kExamsPerClient = 40;
constexpr int kRooms = 10;

QJsonObject benchConfig()
{
    QJsonArray rooms;
    for (int i = 1; i <= kRooms; ++i) {
        QJsonObject hours;
        for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
            hours.insert(day, QJsonArray{QJsonObject{{"start", "08:00"},
                                                     {"end", "18:00"},
                                                     {"quotas", QJsonArray{QJsonObject{{"maxOutpatient", 40},
                                                                                       {"maxTotal", 50}}}}}});
        rooms.append(QJsonObject{{"id", QStringLiteral("CT%1").arg(i)},
                                 {"methodIds", QJsonArray{"CT平扫"}},
                                 {"hours", hours},
                                 {"slotStepMinutes", 1},
                                 {"bookableDaysAhead", 14}});
    }
    return {{"methods", QJsonArray{QJsonObject{{"id", "CT平扫"}, {"groupId", "CT"}, {"baseMinutes", 7}}}},
            {"bodyParts", QJsonArray{QJsonObject{{"id", "胸部"}}}},
            {"rooms", rooms},
            {"recommendation", QJsonObject{{"singleExamResults", 5}}}};
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5))];
}

} // namespace

class BookingHttpBench : public QObject
{
    Q_OBJECT

private slots:
    void fifty_clients_recommend_and_book_over_http();
};

void BookingHttpBench::fifty_clients_recommend_and_book_over_http()
{
    QTemporaryDir dir;
    ServerProcess server;
    QVERIFY2(server.start(dir.path(), {"--demo-patients", "0"}), qPrintable(server.output()));
    HttpClient http(server.httpPort());
    const auto admin = http.login("admin");
    const auto registrar = http.login("registrar");
    QVERIFY(!admin.isEmpty() && !registrar.isEmpty());
    QCOMPARE(http.call("PUT", "/api/v1/scheduling/config", benchConfig(), admin).status, 200);

    // The exams, created by the 50 clients in parallel (not timed).
    std::vector<std::vector<qint64>> exams(kClients);
    auto runClients = [&](auto work) {
        std::latch ready(kClients);
        std::vector<std::unique_ptr<QThread>> threads;
        for (int c = 0; c < kClients; ++c) {
            threads.emplace_back(QThread::create([&, c] {
                HttpClient client(server.httpPort());
                client.get("/api/v1/health", {});
                ready.arrive_and_wait();
                work(client, c);
            }));
            threads.back()->start();
        }
        // The main thread keeps reading the server's output meanwhile: a full pipe would stop it.
        for (auto& t : threads)
            while (!t->wait(20))
                QCoreApplication::processEvents();
    };
    runClients([&](HttpClient& client, int c) {
        for (int i = 0; i < kExamsPerClient; ++i) {
            const auto patient =
                client
                    .call("POST", "/api/v1/patients",
                          QJsonObject{{"name", QStringLiteral("压测%1_%2").arg(c).arg(i)}, {"sex", "M"}},
                          registrar)
                    .value("id")
                    .toInteger();
            const auto exam =
                client.call("POST", examsPath, ctOrder(patient), registrar).value("id").toInteger();
            if (exam)
                exams[std::size_t(c)].push_back(exam);
        }
    });
    for (const auto& list : exams)
        QCOMPARE(int(list.size()), kExamsPerClient);

    std::mutex mutex;
    std::vector<double> bookMs, recommendMs;
    std::atomic<int> booked{0}, conflicts{0}, failed{0};
    QElapsedTimer wall;
    wall.start();
    runClients([&](HttpClient& client, int c) {
        std::vector<double> myBook, myRecommend;
        for (auto exam : exams[std::size_t(c)]) {
            bool done = false;
            for (int attempt = 0; attempt < 5 && !done; ++attempt) {
                QElapsedTimer t;
                t.start();
                // Patients ask for different days, as at a real desk; the nurse takes one of the
                // proposals, another one after a refusal.
                const auto day =
                    QDateTime::currentDateTimeUtc().addSecs(8 * 3600).date().addDays(1 + (c + attempt) % 13);
                const auto rec = client.call(
                    "POST", "/api/v1/scheduling/recommend",
                    QJsonObject{{"examIds", QJsonArray{exam}},
                                {"preferences", QJsonObject{{"date", day.toString(Qt::ISODate)}}}},
                    registrar);
                myRecommend.push_back(double(t.nsecsElapsed()) / 1e6);
                const auto combos = rec.value("combinations").toArray();
                if (combos.isEmpty())
                    break;
                const auto p = combos[(c + attempt) % combos.size()]
                                   .toObject()
                                   .value("proposals")
                                   .toArray()[0]
                                   .toObject();
                t.restart();
                const auto reply =
                    client.call("POST", "/api/v1/bookings",
                                QJsonObject{{"items", QJsonArray{QJsonObject{{"examId", exam},
                                                                             {"roomId", p.value("roomId")},
                                                                             {"date", p.value("date")},
                                                                             {"start", p.value("start")}}}}},
                                registrar);
                myBook.push_back(double(t.nsecsElapsed()) / 1e6);
                if (reply.status == 201)
                    done = true;
                else
                    ++conflicts;
            }
            done ? ++booked : ++failed;
        }
        std::lock_guard lock(mutex);
        bookMs.insert(bookMs.end(), myBook.begin(), myBook.end());
        recommendMs.insert(recommendMs.end(), myRecommend.begin(), myRecommend.end());
    });
    const double seconds = double(wall.nsecsElapsed()) / 1e9;

    // Recount from the stored book: no two bookings of a room overlap.
    std::map<std::pair<QString, QString>, std::vector<std::pair<int, int>>> perRoomDay;
    int stored = 0;
    const auto today = QDate::currentDate();
    for (int d = -1; d <= 15; ++d) {
        const auto date = today.addDays(d).toString(Qt::ISODate);
        for (const auto& b : http.get("/api/v1/bookings?date=" + date, registrar).value("items").toArray()) {
            const auto o = b.toObject();
            auto minutes = [](const QString& s) { return s.left(2).toInt() * 60 + s.mid(3, 2).toInt(); };
            perRoomDay[{o.value("roomId").toString(), date}].push_back(
                {minutes(o.value("start").toString()), minutes(o.value("end").toString())});
            ++stored;
        }
    }
    int doubleBookings = 0;
    for (auto& [key, intervals] : perRoomDay) {
        std::sort(intervals.begin(), intervals.end());
        for (std::size_t i = 1; i < intervals.size(); ++i)
            doubleBookings += intervals[i].first < intervals[i - 1].second;
    }
    qInfo("clients %d, exams %d: booked %d in %.2f s = %.0f bookings/s (recommend + book per exam); "
          "refused and retried %d, gave up %d",
          kClients, kClients * kExamsPerClient, booked.load(), seconds, booked.load() / seconds,
          conflicts.load(), failed.load());
    qInfo("POST /bookings latency p50 %.1f ms, p95 %.1f ms; POST /scheduling/recommend p50 %.1f ms, p95 %.1f "
          "ms",
          percentile(bookMs, 0.5), percentile(bookMs, 0.95), percentile(recommendMs, 0.5),
          percentile(recommendMs, 0.95));
    qInfo("stored bookings %d, double bookings %d", stored, doubleBookings);
    QCOMPARE(doubleBookings, 0);
    QCOMPARE(stored, booked.load());
    server.terminate();
}

QTEST_GUILESS_MAIN(BookingHttpBench)
#include "bench_booking_http.moc"
