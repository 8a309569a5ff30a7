// Unit tests of the recommender: best slots for one exam, best combinations for several,
// preferences, the week's free-choice windows, and refusals that name the blocking rule.
#include "scheduling_fixture.h"

#include <QtTest>

using namespace lumen::scheduling;
using namespace lumen::scheduling::testing;

namespace {
const LocalMinute now = fixtureNow();

LocalMinute startOf(const ProposedSlot& s)
{
    return localMinute(dayNumber(s.slot.date), s.slot.startMinute);
}
LocalMinute endOf(const ProposedSlot& s)
{
    return localMinute(dayNumber(s.slot.date), s.endMinute);
}

RecommendationRequest ask(const RequestContext& context, std::vector<ExamRequest> exams,
                          Preferences prefs = {})
{
    return RecommendationRequest{context, std::move(exams), prefs};
}

std::shared_ptr<const SchedulingConfig> withPolicy(int extraVisitCost, int sameDayMissCost, bool sameDayRule)
{
    auto config = richConfig();
    config.recommendation.extraVisitCostMinutes = extraVisitCost;
    config.recommendation.sameDayMissCostMinutes = sameDayMissCost;
    if (sameDayRule)
        config.rules.sameDayRules.push_back(
            {"SAMEDAY-US-CT", ExamSelector{{"US_ABD"}, {}, {}}, ExamSelector{{}, {"CT"}, {}}});
    return std::make_shared<const SchedulingConfig>(config);
}
} // namespace

class SchedulingRecommendTest : public QObject
{
    Q_OBJECT
private slots:
    // req: 000 §2.3.6.2 quick recommendation for a single exam
    void single_exam_gets_the_earliest_distinct_slots()
    {
        Calendar calendar(richConfigPtr());
        const auto chest = exam("E1", "CT_PLAIN", {"CHEST"});
        auto result = calendar.recommend(ask(outpatient(1), {chest}), now);
        QVERIFY(result.found());
        QCOMPARE(result.combinations.size(), std::size_t(5));
        const auto& best = result.combinations[0].proposals[0];
        QCOMPARE(best.slot.roomId, std::string("CT-1"));
        QCOMPARE(best.slot.date, kMonday);
        QCOMPARE(best.slot.startMinute, at(8));
        QCOMPARE(best.endMinute, at(8, 10));
        QCOMPARE(best.precautions, std::string("Remove metal objects."));
        for (std::size_t i = 1; i < result.combinations.size(); ++i)
            QVERIFY(startOf(result.combinations[i].proposals[0]) >
                    startOf(result.combinations[i - 1].proposals[0]));
        for (const auto& c : result.combinations)
            QVERIFY(calendar.check(BookingRequest{outpatient(1), chest, c.proposals[0].slot}, now).empty());

        QVERIFY(
            calendar
                .book(request(outpatient(3), exam("X", "CT_PLAIN", {"CHEST"}), "CT-1", kMonday, at(8)), now)
                .ok());
        QVERIFY(
            calendar
                .book(request(outpatient(5), exam("Y", "CT_PLAIN", {"CHEST"}), "CT-2", kMonday, at(8)), now)
                .ok());
        result = calendar.recommend(ask(outpatient(1), {chest}), now);
        QCOMPARE(result.combinations[0].proposals[0].slot.roomId, std::string("CT-1"));
        QCOMPARE(result.combinations[0].proposals[0].slot.startMinute, at(8, 10));
    }

    // req: 000 §2.3.6.2 combined recommendation for several exams (order, fasting, one visit)
    void combination_respects_order_and_fasting_in_one_visit()
    {
        Calendar calendar(richConfigPtr());
        const std::vector<ExamRequest> exams{exam("BA", "BARIUM", {"UPPER_GI"}),
                                             exam("CT", "CT_PLAIN", {"ABDOMEN"}),
                                             exam("US", "US_ABD", {"ABDOMEN"})};
        const auto result = calendar.recommend(ask(outpatient(1), exams), now);
        QVERIFY(result.found());
        const auto& best = result.combinations[0];
        QCOMPARE(best.visits, 1);
        QCOMPARE(best.proposals.size(), std::size_t(3));
        const auto& barium = best.proposals[0];
        const auto& ct = best.proposals[1];
        const auto& us = best.proposals[2];
        QCOMPARE(barium.examId, std::string("BA"));
        QCOMPARE(us.examId, std::string("US"));
        for (const auto& s : best.proposals)
            QCOMPARE(s.slot.date, kMonday);
        QVERIFY(startOf(barium) >= endOf(ct));
        QVERIFY(startOf(barium) >= endOf(us));
        QVERIFY(us.slot.startMinute <= at(10, 30));
        QVERIFY(barium.slot.startMinute <= at(10));
        QVERIFY(endOf(ct) <= startOf(us) || endOf(us) <= startOf(ct));
        // The best way through: CT 08:00-08:15, ultrasound 08:15-08:38, barium at 08:40.
        QCOMPARE(ct.slot.startMinute, at(8));
        QCOMPARE(us.slot.startMinute, at(8, 15));
        QCOMPARE(barium.slot.startMinute, at(8, 40));
        QVERIFY(best.cost <= result.combinations.back().cost);
        const auto booked = calendar.bookAll(best.bookingRequests(outpatient(1), exams), now);
        QVERIFY(booked.ok());
        QCOMPARE(booked.bookings.size(), std::size_t(3));
    }

    // req: 000 §2.3.6.2 fewest visits
    void fewest_visits_win_over_an_earlier_split()
    {
        // Ultrasound rooms are stopped on Monday, so the fasting ultrasound waits for Tuesday.
        const std::vector<ExamRequest> exams{exam("US", "US_ABD", {"ABDOMEN"}),
                                             exam("CT", "CT_PLAIN", {"CHEST"})};
        const auto run = [&](std::shared_ptr<const SchedulingConfig> config) {
            Calendar calendar(std::move(config));
            calendar.stopRoom(RoomStop{"S1", "US-1", kMonday, kMonday, ""}, now);
            calendar.stopRoom(RoomStop{"S2", "US-2", kMonday, kMonday, ""}, now);
            return calendar.recommend(ask(outpatient(1), exams), now);
        };
        auto result = run(richConfigPtr());
        QVERIFY(result.found());
        QCOMPARE(result.combinations[0].visits, 1);
        QCOMPARE(result.combinations[0].proposals[0].slot.date, kTuesday);
        QCOMPARE(result.combinations[0].proposals[1].slot.date, kTuesday);
        // With no price on a visit the CT goes on Monday: the same search, another weighing.
        result = run(withPolicy(0, 0, false));
        QCOMPARE(result.combinations[0].visits, 2);
        QCOMPARE(result.combinations[0].proposals[1].slot.date, kMonday);
    }

    // req: 000 §2.3.6.2 same-day preference between related exams
    void same_day_rule_keeps_the_pair_together_when_feasible()
    {
        const std::vector<ExamRequest> exams{exam("US", "US_ABD", {"ABDOMEN"}),
                                             exam("CT", "CT_PLAIN", {"CHEST"})};
        Calendar calendar(withPolicy(0, 3 * kMinutesPerDay, true));
        calendar.stopRoom(RoomStop{"S1", "US-1", kMonday, kMonday, ""}, now);
        calendar.stopRoom(RoomStop{"S2", "US-2", kMonday, kMonday, ""}, now);
        const auto result = calendar.recommend(ask(outpatient(1), exams), now);
        QVERIFY(result.found());
        QCOMPARE(result.combinations[0].proposals[0].slot.date, kTuesday);
        QCOMPARE(result.combinations[0].proposals[1].slot.date, kTuesday);
        // Alternatives follow, ranked by cost.
        for (std::size_t i = 1; i < result.combinations.size(); ++i)
            QVERIFY(result.combinations[i].cost >= result.combinations[i - 1].cost);
    }

    // req: 000 §2.3.6.2 exclusion between exams in a combination
    void exclusion_rule_spreads_a_combination_over_days()
    {
        Calendar calendar(richConfigPtr());
        const auto result = calendar.recommend(
            ask(outpatient(1), {exam("ENH", "CT_ENH", {"CHEST"}), exam("MR", "MR", {"HEAD"})}), now);
        QVERIFY(result.found());
        const auto& best = result.combinations[0];
        QCOMPARE(best.visits, 2);
        const auto& a = best.proposals[0];
        const auto& b = best.proposals[1];
        const LocalMinute gap = std::max(startOf(b) - endOf(a), startOf(a) - endOf(b));
        QVERIFY(gap >= 24 * 60);
        QCOMPARE(a.slot.date, kMonday);
        QCOMPARE(a.slot.startMinute, at(8));
        QCOMPARE(b.slot.date, kTuesday);
        QCOMPARE(b.slot.startMinute, at(8, 20));
    }

    // req: 000 §2.3.6.2 preferences: same day, weekend or not, morning / afternoon, a chosen date
    void preferences_filter_day_part_weekend_and_date()
    {
        Calendar calendar(richConfigPtr());
        const auto chest = exam("E1", "CT_PLAIN", {"CHEST"});
        Preferences afternoon;
        afternoon.dayPart = DayPart::Afternoon;
        auto result = calendar.recommend(ask(outpatient(1), {chest}, afternoon), now);
        QVERIFY(result.found());
        for (const auto& c : result.combinations)
            QVERIFY(c.proposals[0].slot.startMinute >= at(12));
        QCOMPARE(result.combinations[0].proposals[0].slot.startMinute, at(13));

        Preferences weekend;
        weekend.days = Preferences::Days::WeekendsOnly;
        result = calendar.recommend(ask(outpatient(1), {chest}, weekend), now);
        QVERIFY(result.found());
        QCOMPARE(result.combinations[0].proposals[0].slot.date, kSaturday);
        for (const auto& c : result.combinations)
            QVERIFY(isWeekend(weekdayOf(dayNumber(c.proposals[0].slot.date))));

        Preferences weekdays;
        weekdays.days = Preferences::Days::WeekdaysOnly;
        weekdays.date = kSaturday;
        result = calendar.recommend(ask(outpatient(1), {chest}, weekdays), now);
        QVERIFY(!result.found());
        QVERIFY(hasRefusal(result.refusals, ReasonCode::PreferenceNotMet, "preference:weekdays"));

        Preferences wednesday;
        wednesday.date = lumen::core::Date{2026, 12, 2};
        result = calendar.recommend(ask(outpatient(1), {chest, exam("E2", "US_THY", {"THYROID"})}, wednesday),
                                    now);
        QVERIFY(result.found());
        for (const auto& s : result.combinations[0].proposals)
            QCOMPARE(s.slot.date, *wednesday.date);

        Preferences far;
        far.date = lumen::core::Date{2027, 1, 20};
        result = calendar.recommend(ask(outpatient(1), {chest}, far), now);
        QVERIFY(hasRefusal(result.refusals, ReasonCode::PreferenceNotMet, "preference:date"));
    }

    void same_day_preference_that_cannot_be_met_is_refused()
    {
        Calendar calendar(richConfigPtr());
        Preferences sameDay;
        sameDay.sameDay = true;
        const auto result = calendar.recommend(
            ask(outpatient(1), {exam("ENH", "CT_ENH", {"CHEST"}), exam("MR", "MR", {"HEAD"})}, sameDay), now);
        QVERIFY(!result.found());
        QVERIFY(hasRefusal(result.refusals, ReasonCode::PreferenceNotMet, "preference:same_day"));
        QCOMPARE(result.refusals.back().code, ReasonCode::NoFeasibleCombination);

        const auto together = calendar.recommend(
            ask(outpatient(1), {exam("US", "US_THY", {"THYROID"}), exam("CT", "CT_PLAIN", {"CHEST"})},
                sameDay),
            now);
        QVERIFY(together.found());
        for (const auto& c : together.combinations)
            QCOMPARE(c.proposals[0].slot.date, c.proposals[1].slot.date);
    }

    // req: 000 §2.3.6.2 free choice among every feasible slot of the coming week
    void free_choice_lists_the_weeks_windows_and_each_is_bookable()
    {
        Calendar calendar(richConfigPtr());
        QVERIFY(
            calendar
                .book(request(outpatient(3), exam("X", "CT_PLAIN", {"CHEST"}), "CT-1", kMonday, at(9)), now)
                .ok());
        const auto chest = exam("E1", "CT_PLAIN", {"CHEST"});
        const auto listed = calendar.feasibleWindows(ask(outpatient(1), {chest}), now);
        QCOMPARE(listed.size(), std::size_t(1));
        const auto& windows = listed[0].windows;
        QCOMPARE(listed[0].durationMinutes, 10);
        QVERIFY(windows.size() > 10);
        const DayNumber last = dayNumber(kMonday) + 6;
        bool sawGapAroundBooking = false;
        for (const auto& w : windows) {
            QVERIFY(dayNumber(w.date) <= last);
            QVERIFY(
                calendar
                    .check(BookingRequest{outpatient(1), chest, {w.roomId, w.date, w.earliestStartMinute}},
                           now)
                    .empty());
            QVERIFY(
                calendar
                    .check(BookingRequest{outpatient(1), chest, {w.roomId, w.date, w.latestStartMinute}}, now)
                    .empty());
            if (w.roomId == "CT-1" && w.date == kMonday && w.latestStartMinute == at(8, 50)) {
                sawGapAroundBooking = true;
                QVERIFY(
                    !calendar.check(BookingRequest{outpatient(1), chest, {"CT-1", kMonday, at(8, 51)}}, now)
                         .empty());
            }
        }
        QVERIFY(sawGapAroundBooking);
        // CT-2 is closed on the holiday and on Saturday, but works the swapped Sunday.
        bool swappedSundayOffered = false;
        for (const auto& w : windows) {
            QVERIFY(!(w.roomId == "CT-2" && (w.date == kHoliday || w.date == kSaturday)));
            swappedSundayOffered |= w.roomId == "CT-2" && w.date == kSwappedSunday;
        }
        QVERIFY(swappedSundayOffered);
    }

    // req: 000 §2.3.6.2 each refusal says which rule blocked it
    void refusals_name_the_rule_that_blocked()
    {
        Calendar calendar(richConfigPtr());
        auto result =
            calendar.recommend(ask(outpatient(1, BookingChannel::Kiosk), {exam("M", "MR", {"HEAD"})}), now);
        QVERIFY(!result.found());
        QVERIFY(hasRefusal(result.refusals, ReasonCode::ItemChannelNotAllowed, "ITEM-MR-DESK"));
        QCOMPARE(result.refusals[0].examId, std::string("M"));

        QVERIFY(
            calendar
                .book(request(outpatient(1), exam("B", "BARIUM", {"UPPER_GI"}), "GI-1", kMonday, at(8)), now)
                .ok());
        result = calendar.recommend(ask(outpatient(1), {exam("C", "CT_PLAIN", {"CHEST"})}), now);
        QVERIFY(!result.found());
        QVERIFY(hasRefusal(result.refusals, ReasonCode::RelationOrder, "ORDER-CT-BARIUM"));

        result = calendar.recommend(ask(outpatient(1), {exam("G", "GYN_US", {"PELVIS"})}), now);
        QVERIFY(hasRefusal(result.refusals, ReasonCode::RequestSexNotAllowed, "REQ-GYN-FEMALE"));
        result = calendar.recommend(ask(outpatient(1), {exam("Z", "PET", {})}), now);
        QVERIFY(hasRefusal(result.refusals, ReasonCode::UnknownExamMethod, "PET"));
    }
};

QTEST_APPLESS_MAIN(SchedulingRecommendTest)
#include "test_scheduling_recommend.moc"
