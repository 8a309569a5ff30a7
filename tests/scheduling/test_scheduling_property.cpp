// Property tests with seeded random sequences: whatever is booked, changed or cancelled, and
// from however many threads, no quota is exceeded and no slot or patient is double-booked;
// what the recommender offers is exactly what booking accepts.
#include "scheduling_fixture.h"

#include "lumen/scheduling/ledger_audit.h"
#include "lumen/scheduling/scheduling_engine.h"

#include <QtTest>

#include <atomic>
#include <map>
#include <random>
#include <thread>
#include <tuple>

using namespace lumen::scheduling;
using namespace lumen::scheduling::testing;

namespace {
const LocalMinute now = fixtureNow();

class Random
{
public:
    explicit Random(std::uint64_t seed) : m_gen(seed) {}
    int uniform(int from, int to) { return std::uniform_int_distribution<int>(from, to)(m_gen); }
    bool chance(int percent) { return uniform(0, 99) < percent; }
    template <class T> const T& pick(const std::vector<T>& list)
    {
        return list[std::size_t(uniform(0, int(list.size()) - 1))];
    }

private:
    std::mt19937_64 m_gen;
};

// Every segment gets small quotas, so random traffic runs into them all the time.
std::shared_ptr<const SchedulingConfig> tightConfig()
{
    auto config = richConfig();
    for (auto& room : config.rooms)
        for (auto& day : room.hours)
            for (auto& segment : day)
                if (segment.quotas.empty())
                    segment.quotas = {{"", "", 3, 2, 4}};
    return std::make_shared<const SchedulingConfig>(config);
}

const std::vector<ExamRequest> examPool{
    exam("", "CT_PLAIN", {"CHEST"}), exam("", "CT_PLAIN", {"ABDOMEN"}),
    exam("", "CT_ENH", {"CHEST"}),   exam("", "US_ABD", {"ABDOMEN"}),
    exam("", "US_THY", {"THYROID"}), exam("", "GYN_US", {"PELVIS"}),
    exam("", "MR", {"HEAD"}),        exam("", "BARIUM", {"UPPER_GI"}),
    exam("", "DR", {"KNEE"}),        exam("", "CT_PLAIN", {"HEAD", "CHEST"})};
const std::vector<PatientSource> sources{PatientSource::Outpatient, PatientSource::Inpatient,
                                         PatientSource::Emergency, PatientSource::PhysicalExam};
const std::vector<BookingChannel> channels{BookingChannel::RegistrationDesk, BookingChannel::RegistrationDesk,
                                           BookingChannel::Clinic, BookingChannel::Kiosk,
                                           BookingChannel::Internet};

RequestContext randomContext(Random& random, int patients)
{
    auto context = patientOf(random.uniform(1, patients), random.pick(sources), random.pick(channels));
    if (random.chance(15))
        context.priority = Priority::Urgent;
    return context;
}

ExamRequest randomExam(Random& random, int serial)
{
    auto e = random.pick(examPool);
    e.examId = "X" + std::to_string(serial);
    return e;
}

// Mostly a room that can do the exam, so that bookings pile up against quotas and each other.
SlotChoice randomSlot(Random& random, const SchedulingConfig& config, const ExamRequest& e, int days,
                      int fromHour, int toHour)
{
    int minute = random.uniform(fromHour * 60, toHour * 60 - 1);
    if (random.chance(50))
        minute -= minute % 5;
    std::vector<Room> capable;
    for (const auto& room : config.rooms)
        if (room.canPerform(e.methodId))
            capable.push_back(room);
    const auto& room =
        capable.empty() || random.chance(10) ? random.pick(config.rooms) : random.pick(capable);
    return SlotChoice{room.id, dateOf(dayNumber(kMonday) + random.uniform(0, days - 1)), minute};
}

using Fingerprint = std::vector<std::tuple<BookingId, std::string, DayNumber, int, int, BookingStatus>>;
Fingerprint fingerprint(const BookingLedger& ledger)
{
    Fingerprint out;
    for (const auto& [id, b] : ledger.all())
        out.emplace_back(id, b.roomId, b.day(), b.startMinute, b.endMinute, b.status);
    std::sort(out.begin(), out.end());
    return out;
}

std::string firstViolation(const LedgerViolations& v)
{
    return !v.doubleBookings.empty()  ? v.doubleBookings.front()
           : !v.quotaOverruns.empty() ? v.quotaOverruns.front()
                                      : std::string();
}

void prefill(Calendar& calendar, Random& random, int attempts)
{
    for (int i = 0; i < attempts; ++i) {
        const auto e = randomExam(random, 100000 + i);
        calendar.book(
            BookingRequest{randomContext(random, 60), e, randomSlot(random, calendar.config(), e, 7, 7, 18)},
            now);
    }
}
} // namespace

class SchedulingPropertyTest : public QObject
{
    Q_OBJECT
private slots:
    // The audit must be able to fail, or the properties below prove nothing.
    void audit_finds_planted_double_bookings_and_quota_overruns()
    {
        Calendar calendar(tightConfig());
        auto planted = [&](BookingId id, lumen::core::PatientId patient, const char* room, int start) {
            Booking b;
            b.id = id;
            b.context = outpatient(patient);
            b.exam = exam("P" + std::to_string(id), "CT_PLAIN", {"CHEST"});
            b.roomId = room;
            b.date = kMonday;
            b.startMinute = start;
            b.endMinute = start + 10;
            b.groupId = "CT";
            calendar.load(b);
        };
        planted(1, 1, "CT-1", at(9));
        planted(2, 3, "CT-1", at(9, 5));  // overlaps booking 1 in the room
        planted(3, 3, "CT-2", at(9, 10)); // patient 3 in two rooms at once
        QVERIFY(auditLedger(calendar.config(), calendar.ledger()).quotaOverruns.empty());
        planted(4, 5, "CT-1", at(10));
        planted(5, 7, "CT-1", at(10, 30)); // four outpatients where three are allowed
        const auto violations = auditLedger(calendar.config(), calendar.ledger());
        QCOMPARE(violations.doubleBookings.size(), std::size_t(2));
        QCOMPARE(violations.quotaOverruns.size(), std::size_t(1));
        QVERIFY(violations.quotaOverruns[0].find("outpatient") != std::string::npos);
        // New bookings never make it worse: the engine refuses on the same counts.
        QCOMPARE(
            codes(calendar
                      .book(request(outpatient(9), exam("N", "CT_PLAIN", {"CHEST"}), "CT-1", kMonday, at(11)),
                            now)
                      .refusals),
            std::vector<std::string>{"total_quota_full"});
    }

    // req: 000 §2.3.6.4 quotas never exceeded; cancel and change release numbers
    void random_sequences_never_overrun_a_quota_or_double_book()
    {
        std::map<std::string, int> refusalCounts;
        int booked = 0, changed = 0, cancelled = 0;
        for (std::uint64_t seed = 1; seed <= 6; ++seed) {
            Calendar calendar(tightConfig());
            Random random(seed);
            std::vector<BookingId> ids;
            for (int op = 0; op < 1500; ++op) {
                const auto before = fingerprint(calendar.ledger());
                const int kind = random.uniform(0, 99);
                bool refused = false;
                if (kind < 55 || ids.empty()) {
                    const auto e = randomExam(random, op);
                    const auto outcome =
                        calendar.book(BookingRequest{randomContext(random, 30), e,
                                                     randomSlot(random, calendar.config(), e, 3, 8, 17)},
                                      now);
                    QCOMPARE(outcome.ok(), outcome.refusals.empty());
                    if (outcome.ok()) {
                        ids.push_back(outcome.booking->id);
                        ++booked;
                        QCOMPARE(calendar.ledger().size(), before.size() + 1);
                    }
                    refused = !outcome.ok();
                    for (const auto& r : outcome.refusals)
                        ++refusalCounts[std::string(r.codeText())];
                } else if (kind < 80) {
                    const auto id = random.pick(ids);
                    const auto outcome = calendar.change(
                        id, randomSlot(random, calendar.config(), calendar.ledger().find(id)->exam, 3, 8, 17),
                        random.pick(channels), now);
                    changed += outcome.ok();
                    refused = !outcome.ok();
                } else if (kind < 92) {
                    const auto id = random.pick(ids);
                    const bool ok = !calendar.cancel(id);
                    if (ok) {
                        std::erase(ids, id);
                        ++cancelled;
                    }
                    refused = !ok;
                } else if (kind < 96) {
                    refused = calendar.checkIn(random.pick(ids)).has_value();
                } else {
                    refused = calendar.markNoShow(random.pick(ids), now).has_value();
                }
                if (refused)
                    QVERIFY2(fingerprint(calendar.ledger()) == before,
                             "a refused operation changed the book");
                const auto violations = auditLedger(calendar.config(), calendar.ledger());
                QVERIFY2(violations.empty(), firstViolation(violations).c_str());
            }
        }
        qInfo("booked %d, changed %d, cancelled %d; refusals: total quota %d, outpatient %d, inpatient %d, "
              "taken %d",
              booked, changed, cancelled, refusalCounts["total_quota_full"],
              refusalCounts["outpatient_quota_full"], refusalCounts["inpatient_quota_full"],
              refusalCounts["slot_taken"]);
        // The sequences really ran into every limit.
        QVERIFY(booked > 500 && changed > 50 && cancelled > 50);
        QVERIFY(refusalCounts["total_quota_full"] > 0);
        QVERIFY(refusalCounts["outpatient_quota_full"] > 0);
        QVERIFY(refusalCounts["inpatient_quota_full"] > 0);
        QVERIFY(refusalCounts["slot_taken"] > 0);
        QVERIFY(refusalCounts["patient_already_busy"] > 0);
    }

    // req: 000 §2.3.6.2 the week's windows are exactly the bookable starts
    void offered_windows_are_exactly_the_bookable_starts()
    {
        int bookable = 0, probes = 0;
        for (std::uint64_t seed = 11; seed <= 13; ++seed) {
            Calendar calendar(tightConfig());
            Random random(seed);
            prefill(calendar, random, 300);
            for (int q = 0; q < 30; ++q) {
                const auto context = randomContext(random, 60);
                const auto e = randomExam(random, q);
                const auto listed = calendar.feasibleWindows(RecommendationRequest{context, {e}, {}}, now);
                std::map<std::pair<std::string, DayNumber>, std::vector<StartWindow>> byRoomDay;
                for (const auto& w : listed[0].windows) {
                    byRoomDay[{w.roomId, dayNumber(w.date)}].push_back(w);
                    const int middle = w.earliestStartMinute + (w.latestStartMinute - w.earliestStartMinute) /
                                                                   w.stepMinutes / 2 * w.stepMinutes;
                    for (const int start : {w.earliestStartMinute, middle, w.latestStartMinute}) {
                        const auto refusals =
                            calendar.check(BookingRequest{context, e, {w.roomId, w.date, start}}, now);
                        QVERIFY2(refusals.empty(), refusals.empty() ? "" : refusals.front().message.c_str());
                    }
                }
                for (int p = 0; p < 200; ++p) {
                    const auto slot = randomSlot(random, calendar.config(), e, 7, 0, 24);
                    bool offered = false;
                    for (const auto& w : byRoomDay[{slot.roomId, dayNumber(slot.date)}])
                        offered |= w.earliestStartMinute <= slot.startMinute &&
                                   slot.startMinute <= w.latestStartMinute &&
                                   (slot.startMinute - w.earliestStartMinute) % w.stepMinutes == 0;
                    const auto refusals = calendar.check(BookingRequest{context, e, slot}, now);
                    const std::string where = slot.roomId + " " + formatIsoDate(slot.date) + " " +
                                              formatClock(slot.startMinute) + " " + e.methodId +
                                              (refusals.empty() ? "" : ": " + refusals.front().message);
                    QVERIFY2(offered == refusals.empty(), where.c_str());
                    bookable += offered;
                    ++probes;
                }
            }
        }
        qInfo("%d of %d random probes were bookable", bookable, probes);
        QVERIFY(bookable > 100);
    }

    // req: 000 §2.3.6.2 every recommended combination can be booked as offered
    void recommended_combinations_can_be_booked_as_offered()
    {
        int found = 0;
        for (std::uint64_t seed = 21; seed <= 24; ++seed) {
            Calendar calendar(tightConfig());
            Random random(seed);
            prefill(calendar, random, 250);
            for (int q = 0; q < 25; ++q) {
                auto context = randomContext(random, 60);
                context.channel = BookingChannel::RegistrationDesk;
                std::vector<ExamRequest> exams;
                for (int i = 0, n = random.uniform(2, 3); i < n; ++i)
                    exams.push_back(randomExam(random, q * 10 + i));
                const auto result = calendar.recommend(RecommendationRequest{context, exams, {}}, now);
                QCOMPARE(result.found(), result.refusals.empty());
                for (const auto& combination : result.combinations) {
                    const auto outcome = calendar.bookAll(combination.bookingRequests(context, exams), now);
                    QVERIFY2(outcome.ok(), outcome.ok() ? "" : outcome.refusals.front().message.c_str());
                    for (const auto& b : outcome.bookings)
                        QVERIFY(!calendar.cancel(b.id));
                    ++found;
                }
            }
        }
        qInfo("%d combinations booked as offered", found);
        QVERIFY(found > 50);
    }

    // req: 000 §2.3.6.4 concurrent bookings never double-book (thread-safe engine)
    void concurrent_threads_never_double_book()
    {
        lumen::core::ManualClock clock(*lumen::core::parseIsoTimestamp("2026-11-29T23:00:00Z"));
        SchedulingEngine engine(tightConfig(), clock);
        const std::vector<std::string> scarceRooms{"CT-1", "CT-2", "US-1", "US-2"};
        std::atomic<int> books{0}, cancels{0}, taken{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                Random random(1000 + std::uint64_t(t));
                std::vector<BookingId> mine;
                for (int op = 0; op < 400; ++op) {
                    const int kind = random.uniform(0, 99);
                    if (kind < 60 || mine.empty()) {
                        auto context = randomContext(random, 40);
                        SlotChoice slot{random.pick(scarceRooms), random.chance(50) ? kMonday : kTuesday,
                                        at(8) + random.uniform(0, 23) * 5};
                        const auto outcome =
                            engine.book(BookingRequest{context, randomExam(random, op), slot});
                        if (outcome.ok()) {
                            mine.push_back(outcome.booking->id);
                            ++books;
                        }
                        for (const auto& r : outcome.refusals)
                            taken += r.code == ReasonCode::SlotTaken;
                    } else if (kind < 75) {
                        engine.change(
                            random.pick(mine),
                            SlotChoice{random.pick(scarceRooms), kMonday, at(8) + random.uniform(0, 23) * 5},
                            BookingChannel::RegistrationDesk);
                    } else if (kind < 85) {
                        const auto id = random.pick(mine);
                        if (!engine.cancel(id)) {
                            std::erase(mine, id);
                            ++cancels;
                        }
                    } else {
                        engine.recommend(RecommendationRequest{
                            outpatient(random.uniform(1, 40)), {randomExam(random, op)}, {}});
                    }
                }
            });
        for (auto& thread : threads)
            thread.join();
        const auto [size, violations] = engine.read([](const Calendar& c) {
            return std::pair{c.ledger().size(), auditLedger(c.config(), c.ledger())};
        });
        qInfo("%d bookings, %d cancelled, %d refused as taken, %zu left", books.load(), cancels.load(),
              taken.load(), size);
        QVERIFY2(violations.empty(), firstViolation(violations).c_str());
        QCOMPARE(size, std::size_t(books.load() - cancels.load()));
        QVERIFY(books.load() > 50);
        QVERIFY(taken.load() > 50);
    }
};

QTEST_APPLESS_MAIN(SchedulingPropertyTest)
#include "test_scheduling_property.moc"
