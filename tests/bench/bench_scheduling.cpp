// Benchmark of the appointment rules engine (issue 4 §6): a generated department of 40 rooms
// over 14 days at minute precision, about two thirds booked; p50/p95 of 3-exam combination
// recommendations, and bookings per second single-threaded and from 50 threads with the
// double-booking count. Prints figures; the only assertions are correctness (no overruns).
#include "lumen/scheduling/ledger_audit.h"
#include "lumen/scheduling/scheduling_engine.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

using namespace lumen::scheduling;
using Clock = std::chrono::steady_clock;

namespace {
const lumen::core::Date kFirstDay{2026, 11, 30}; // a Monday
const LocalMinute kNow = localMinute(dayNumber(kFirstDay), 7 * 60);
constexpr int kDays = 14;

struct RoomKind
{
    const char* prefix;
    int count;
    std::vector<std::string> methods;
};
const std::vector<RoomKind> kRoomKinds{{"CT", 10, {"CT_PLAIN", "CT_ENH"}},
                                       {"MR", 8, {"MR"}},
                                       {"US", 12, {"US_ABD", "US_THY"}},
                                       {"GI", 4, {"BARIUM"}},
                                       {"DR", 6, {"DR"}}};

ExamRequest exam(std::string id, std::string method, std::vector<std::string> parts)
{
    return ExamRequest{std::move(id), std::move(method), std::move(parts)};
}

std::shared_ptr<const SchedulingConfig> generatedConfig()
{
    SchedulingConfig config;
    auto& catalogue = config.catalogue;
    catalogue.addMethod({"US_ABD", "Abdominal ultrasound", "US", 15, "Fast for 8 hours."});
    catalogue.addMethod({"US_THY", "Thyroid ultrasound", "US", 10, ""});
    catalogue.addMethod({"CT_PLAIN", "CT plain", "CT", 10, ""});
    catalogue.addMethod({"CT_ENH", "CT with contrast", "CT", 20, ""});
    catalogue.addMethod({"MR", "MR", "MR", 30, ""});
    catalogue.addMethod({"BARIUM", "Barium meal", "GI", 30, "Fast from midnight."});
    catalogue.addMethod({"DR", "Radiograph", "DR", 5, ""});
    catalogue.addBodyPart({"ABDOMEN", "Abdomen", 1.5, ""});
    catalogue.addBodyPart({"CHEST", "Chest", 1.0, ""});
    catalogue.addBodyPart({"HEAD", "Head", 0.8, ""});
    catalogue.addBodyPart({"THYROID", "Thyroid", 1.0, ""});
    catalogue.addBodyPart({"KNEE", "Knee", 1.0, ""});
    catalogue.addBodyPart({"UPPER_GI", "Upper GI", 1.0, ""});
    catalogue.setCoefficient("MR", "ABDOMEN", 2.0);

    const std::vector<SegmentQuota> quotas{{"", "", 30, 15, 40}};
    const std::vector<Segment> weekday{{8 * 60, 12 * 60, quotas}, {13 * 60, 17 * 60 + 30, quotas}};
    const std::vector<Segment> saturday{{8 * 60, 12 * 60, quotas}};
    for (const auto& kind : kRoomKinds)
        for (int i = 1; i <= kind.count; ++i) {
            Room room;
            room.id = std::string(kind.prefix) + "-" + std::to_string(i);
            room.methodIds = kind.methods;
            for (int d = 0; d < 5; ++d)
                room.hours[std::size_t(d)] = weekday;
            if (i % 2 == 0)
                room.hours[5] = saturday;
            room.slotStepMinutes = 1;
            room.bookableDaysAhead = kDays;
            config.rooms.push_back(room);
        }
    config.holidays.addHoliday({lumen::core::Date{2026, 12, 10}, "Generated holiday"});

    auto& rules = config.rules;
    const auto methods = [](std::vector<std::string> ids) { return ExamSelector{std::move(ids), {}, {}}; };
    rules.itemRules.push_back(
        {"ITEM-ENH", methods({"CT_ENH"}), {"CT-1", "CT-2", "CT-3", "CT-4", "CT-5"}, {}, 0});
    rules.timeRules.push_back(
        {"TIME-THY", methods({"US_THY"}), {}, {}, {DayPart::Afternoon}, 0, kMinutesPerDay});
    RequestRule inpatientRooms;
    inpatientRooms.id = "REQ-MR-8";
    inpatientRooms.roomIds = {"MR-8"};
    inpatientRooms.sources = {PatientSource::Inpatient};
    rules.requestRules.push_back(inpatientRooms);
    rules.fastingRules.push_back({"FAST-US", methods({"US_ABD"}), 10 * 60 + 30});
    rules.fastingRules.push_back({"FAST-BA", methods({"BARIUM"}), 10 * 60});
    rules.exclusionRules.push_back({"EXCL-ENH-MR", methods({"CT_ENH"}), methods({"MR"}), 24 * 60});
    rules.orderRules.push_back({"ORDER-US-BA", methods({"US_ABD"}), methods({"BARIUM"}), 0});
    rules.orderRules.push_back({"ORDER-CT-BA", ExamSelector{{}, {"CT"}, {}}, methods({"BARIUM"}), 0});
    rules.sameDayRules.push_back({"SAME-US-CT", methods({"US_ABD"}), ExamSelector{{}, {"CT"}, {}}});
    return std::make_shared<const SchedulingConfig>(config);
}

// Bookings at random minutes, so free time comes in fragments of every size: mostly short
// gaps, and with `longGapPercent` a gap of 15-45 minutes that fits a long exam. Returns the
// share of opening time booked.
double prefill(Calendar& calendar, std::mt19937_64& random, int longGapPercent)
{
    const auto& config = calendar.config();
    BookingId id = 1;
    lumen::core::PatientId patient = 1000000;
    long openMinutes = 0, bookedMinutes = 0;
    for (const auto& room : config.rooms)
        for (int d = 0; d < kDays; ++d) {
            const DayNumber day = dayNumber(kFirstDay) + d;
            for (const auto& segment : room.segmentsOn(weekdayOf(day))) {
                openMinutes += segment.endMinute - segment.startMinute;
                int t = segment.startMinute;
                while (true) {
                    t += std::uniform_int_distribution<int>(0, 99)(random) < longGapPercent
                             ? std::uniform_int_distribution<int>(15, 45)(random)
                             : std::uniform_int_distribution<int>(0, 5)(random);
                    const int length = std::uniform_int_distribution<int>(8, 30)(random);
                    if (t + length > segment.endMinute)
                        break;
                    Booking b;
                    b.id = id++;
                    b.context.patient.id = patient++;
                    b.exam = exam("PRE" + std::to_string(b.id), room.methodIds.front(), {});
                    b.roomId = room.id;
                    b.date = dateOf(day);
                    b.startMinute = t;
                    b.endMinute = t + length;
                    b.groupId = config.catalogue.method(room.methodIds.front())->groupId;
                    calendar.load(b);
                    bookedMinutes += length;
                    t += length;
                }
            }
        }
    return double(bookedMinutes) / double(openMinutes);
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(p * double(values.size())))];
}

double millisSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

RequestContext patient(lumen::core::PatientId id)
{
    RequestContext context;
    context.patient.id = id;
    context.patient.sex = id % 2 ? lumen::core::Sex::Male : lumen::core::Sex::Female;
    context.patient.birthDate = lumen::core::Date{1960 + int(id % 50), 1, 1};
    context.requestingDepartment = "Internal Medicine";
    return context;
}

const std::vector<std::vector<ExamRequest>> kTriples{
    {exam("US", "US_ABD", {"ABDOMEN"}), exam("CT", "CT_PLAIN", {"ABDOMEN"}),
     exam("BA", "BARIUM", {"UPPER_GI"})},
    {exam("ENH", "CT_ENH", {"CHEST"}), exam("MR", "MR", {"HEAD"}), exam("DR", "DR", {"KNEE"})},
    {exam("THY", "US_THY", {"THYROID"}), exam("CT", "CT_PLAIN", {"CHEST"}), exam("MR", "MR", {"KNEE"})}};
const std::vector<ExamRequest> kSingles{exam("A", "CT_PLAIN", {"CHEST"}), exam("B", "MR", {"HEAD"}),
                                        exam("C", "US_ABD", {"ABDOMEN"}), exam("D", "DR", {"KNEE"}),
                                        exam("E", "US_THY", {"THYROID"})};

class FixedClock final : public lumen::core::Clock
{
public:
    std::chrono::system_clock::time_point now() const override
    {
        // kNow in China is 8 hours earlier in UTC.
        return std::chrono::system_clock::time_point{std::chrono::minutes{kNow - 8 * 60}};
    }
};
} // namespace

class SchedulingBench : public QObject
{
    Q_OBJECT
private slots:
    void recommend_three_exams_over_40_rooms_14_days()
    {
        for (const int longGapPercent : {30, 12}) {
            std::mt19937_64 random(42);
            Calendar calendar(generatedConfig());
            const double occupancy = prefill(calendar, random, longGapPercent);
            std::printf(
                "calendar: %zu rooms, %d days, minute precision, %zu bookings prefilled, %.0f%% of opening "
                "time booked\n",
                calendar.config().rooms.size(), kDays, calendar.ledger().size(), occupancy * 100);
            std::vector<double> all;
            for (std::size_t t = 0; t < kTriples.size(); ++t) {
                std::vector<double> millis;
                int found = 0, visits = 0;
                for (int i = 0; i < 200; ++i) {
                    const auto start = Clock::now();
                    const auto result =
                        calendar.recommend(RecommendationRequest{patient(i + 1), kTriples[t], {}}, kNow);
                    millis.push_back(millisSince(start));
                    if (result.found()) {
                        ++found;
                        visits += result.combinations[0].visits;
                    }
                }
                all.insert(all.end(), millis.begin(), millis.end());
                std::printf(
                    "  3 exams, set %zu (%s + %s + %s): p50 %.3f ms, p95 %.3f ms, max %.3f ms; %d/200 found, "
                    "%.2f visits on average\n",
                    t + 1, kTriples[t][0].methodId.c_str(), kTriples[t][1].methodId.c_str(),
                    kTriples[t][2].methodId.c_str(), percentile(millis, 0.5), percentile(millis, 0.95),
                    percentile(millis, 1.0), found, found ? double(visits) / found : 0.0);
                QVERIFY(found > 0);
            }
            std::printf("  3 exams, all sets: p50 %.3f ms, p95 %.3f ms\n", percentile(all, 0.5),
                        percentile(all, 0.95));
            std::vector<double> millis;
            for (int i = 0; i < 200; ++i) {
                const auto start = Clock::now();
                calendar.feasibleWindows(
                    RecommendationRequest{patient(i + 1), {kSingles[std::size_t(i) % 5]}, {}}, kNow);
                millis.push_back(millisSince(start));
            }
            std::printf("  free-choice windows of 7 days, one exam: p50 %.3f ms, p95 %.3f ms\n",
                        percentile(millis, 0.5), percentile(millis, 0.95));
        }
    }

    void bookings_per_second_single_threaded_and_from_50_threads()
    {
        // Single-threaded: the client flow (recommend one exam, book its best slot) on a Calendar.
        {
            std::mt19937_64 random(7);
            Calendar calendar(generatedConfig());
            prefill(calendar, random, 30);
            int booked = 0, noSlotLeft = 0;
            const auto start = Clock::now();
            for (int i = 0; i < 2000; ++i) {
                const auto& e = kSingles[std::size_t(i) % kSingles.size()];
                const auto context = patient(i + 1);
                const auto result = calendar.recommend(RecommendationRequest{context, {e}, {}}, kNow);
                if (!result.found())
                    ++noSlotLeft;
                else
                    booked +=
                        calendar
                            .book(BookingRequest{context, e, result.combinations[0].proposals[0].slot}, kNow)
                            .ok();
            }
            const double seconds = millisSince(start) / 1000;
            std::printf(
                "single thread, recommend + book: %d bookings in %.2f s = %.0f bookings/s; %d found no slot "
                "left\n",
                booked, seconds, booked / seconds, noSlotLeft);
            QVERIFY(auditLedger(calendar.config(), calendar.ledger()).empty());
        }
        // 50 threads on one engine, all after the earliest slots: conflicts retried.
        {
            std::mt19937_64 random(7);
            FixedClock clock;
            SchedulingEngine engine(generatedConfig(), clock);
            engine.write([&random](Calendar& calendar, LocalMinute) { prefill(calendar, random, 30); });
            std::atomic<int> booked{0}, conflicts{0}, noSlotLeft{0};
            std::vector<std::thread> threads;
            const auto start = Clock::now();
            for (int t = 0; t < 50; ++t)
                threads.emplace_back([&, t] {
                    for (int i = 0; i < 40; ++i) {
                        const auto& e = kSingles[std::size_t(t + i) % kSingles.size()];
                        const auto context = patient(t * 1000 + i + 1);
                        bool done = false;
                        for (int attempt = 0; attempt < 5 && !done; ++attempt) {
                            const auto result = engine.recommend(RecommendationRequest{context, {e}, {}});
                            if (!result.found()) {
                                ++noSlotLeft;
                                break;
                            }
                            done = engine
                                       .book(BookingRequest{context, e,
                                                            result.combinations[0].proposals[0].slot})
                                       .ok();
                            if (!done)
                                ++conflicts;
                        }
                        booked += done;
                    }
                });
            for (auto& thread : threads)
                thread.join();
            const double seconds = millisSince(start) / 1000;
            const auto violations =
                engine.read([](const Calendar& c) { return auditLedger(c.config(), c.ledger()); });
            std::printf("50 threads, recommend + book: %d bookings in %.2f s = %.0f bookings/s; %d conflicts "
                        "retried, "
                        "%d found no slot left; double bookings %zu, quota overruns %zu\n",
                        booked.load(), seconds, booked / seconds, conflicts.load(), noSlotLeft.load(),
                        violations.doubleBookings.size(), violations.quotaOverruns.size());
            QVERIFY(violations.empty());
        }
        // 50 threads calling book() on the same scarce starts: the engine's own throughput.
        {
            FixedClock clock;
            SchedulingEngine engine(generatedConfig(), clock);
            std::atomic<int> booked{0}, refused{0};
            std::vector<std::thread> threads;
            const auto start = Clock::now();
            for (int t = 0; t < 50; ++t)
                threads.emplace_back([&, t] {
                    std::mt19937_64 own{std::uint64_t(t)};
                    for (int i = 0; i < 400; ++i) {
                        const int room = std::uniform_int_distribution<int>(1, 10)(own);
                        const int day = std::uniform_int_distribution<int>(0, 4)(own);
                        const int minute = 8 * 60 + std::uniform_int_distribution<int>(0, 23)(own) * 10;
                        const auto outcome = engine.book(
                            BookingRequest{patient(t * 1000 + i + 1), exam("X", "CT_PLAIN", {"CHEST"}),
                                           SlotChoice{"CT-" + std::to_string(room),
                                                      dateOf(dayNumber(kFirstDay) + day), minute}});
                        outcome.ok() ? ++booked : ++refused;
                    }
                });
            for (auto& thread : threads)
                thread.join();
            const double seconds = millisSince(start) / 1000;
            const auto violations =
                engine.read([](const Calendar& c) { return auditLedger(c.config(), c.ledger()); });
            std::printf("50 threads, book() on 1,200 scarce starts: %d attempts in %.2f s = %.0f attempts/s, "
                        "%d booked, "
                        "%d refused; double bookings %zu, quota overruns %zu\n",
                        booked + refused, seconds, (booked + refused) / seconds, booked.load(),
                        refused.load(), violations.doubleBookings.size(), violations.quotaOverruns.size());
            QVERIFY(violations.empty());
        }
    }
};

QTEST_APPLESS_MAIN(SchedulingBench)
#include "bench_scheduling.moc"
