// Unit tests of booking on the rich calendar: durations, quotas per source and group, change,
// cancel, all-or-nothing combinations, room stops with batch rescheduling, the blacklist.
#include "scheduling_fixture.h"

#include "lumen/scheduling/ledger_audit.h"
#include "lumen/scheduling/scheduling_engine.h"

#include <QtTest>

using namespace lumen::scheduling;
using namespace lumen::scheduling::testing;

namespace {
const LocalMinute now = fixtureNow();
const std::string mondayMorningQuota = "US-1/Monday 08:00-12:00";

BookingId bookOrFail(Calendar& calendar, const BookingRequest& r)
{
    const auto outcome = calendar.book(r, now);
    if (!outcome.ok())
        qWarning("refused: %s", outcome.refusals.front().message.c_str());
    return outcome.ok() ? outcome.booking->id : 0;
}
} // namespace

class SchedulingBookingTest : public QObject
{
    Q_OBJECT
private slots:
    // req: 000 §2.3.6.4 body-part time coefficients; combined exams take the sum
    void durations_use_body_part_coefficients_and_sum_for_combined_exams()
    {
        const auto config = richConfig();
        const auto& catalogue = config.catalogue;
        QCOMPARE(catalogue.durationMinutes(exam("E", "CT_PLAIN", {"ABDOMEN"})), 15);
        QCOMPARE(catalogue.durationMinutes(exam("E", "CT_PLAIN", {"HEAD", "CHEST"})), 18); // 8 + 10
        QCOMPARE(catalogue.durationMinutes(exam("E", "MR", {"ABDOMEN"})), 60);             // MR override 2.0
        QCOMPARE(catalogue.durationMinutes(exam("E", "US_ABD", {"ABDOMEN"})), 23);         // 22.5 rounded up
        QCOMPARE(catalogue.durationMinutes(exam("E", "DR", {})), 5);
        QCOMPARE(catalogue.durationMinutes(exam("E", "US_THY", {"THYROID"})), 10); // 10 x 1.0, no float drift

        Calendar calendar(richConfigPtr());
        const auto combined = calendar.book(
            request(outpatient(1), exam("E1", "CT_PLAIN", {"HEAD", "CHEST"}), "CT-1", kMonday, at(9)), now);
        QVERIFY(combined.ok());
        QCOMPARE(combined.booking->endMinute, at(9, 18));
        const auto next = exam("E2", "CT_PLAIN", {"CHEST"});
        QVERIFY(hasRefusal(calendar.check(request(outpatient(3), next, "CT-1", kMonday, at(9, 17)), now),
                           ReasonCode::SlotTaken, "CT-1"));
        QVERIFY(calendar.check(request(outpatient(3), next, "CT-1", kMonday, at(9, 18)), now).empty());
    }

    // req: 000 §2.3.6.4 maximum outpatient, inpatient and total numbers per segment
    void quotas_per_source_and_total_per_segment()
    {
        const auto abdomen = [](int n) { return exam("E" + std::to_string(n), "US_ABD", {"ABDOMEN"}); };
        {
            Calendar calendar(richConfigPtr());
            QVERIFY(bookOrFail(calendar, request(outpatient(1), abdomen(1), "US-1", kMonday, at(8))));
            const auto second =
                bookOrFail(calendar, request(outpatient(3), abdomen(2), "US-1", kMonday, at(8, 30)));
            QVERIFY(second);
            auto r = calendar.book(request(outpatient(5), abdomen(3), "US-1", kMonday, at(9)), now).refusals;
            QCOMPARE(codes(r), std::vector<std::string>{"outpatient_quota_full"});
            QVERIFY(hasRefusal(r, ReasonCode::OutpatientQuotaFull, mondayMorningQuota));
            // Other segments and days have their own numbers.
            QVERIFY(bookOrFail(calendar, request(outpatient(5), abdomen(3), "US-1", kTuesday, at(9))));
            QVERIFY(bookOrFail(calendar, request(patientOf(7, PatientSource::Inpatient), abdomen(4), "US-1",
                                                 kMonday, at(9))));
            r = calendar
                    .book(request(patientOf(9, PatientSource::Inpatient), abdomen(5), "US-1", kMonday,
                                  at(9, 30)),
                          now)
                    .refusals;
            QCOMPARE(codes(r), std::vector<std::string>{"total_quota_full"});
            // Cancelling gives the number back.
            QVERIFY(!calendar.cancel(second));
            QVERIFY(bookOrFail(calendar, request(outpatient(11), abdomen(6), "US-1", kMonday, at(9, 30))));
        }
        {
            Calendar calendar(richConfigPtr());
            QVERIFY(bookOrFail(calendar, request(patientOf(1, PatientSource::Inpatient), abdomen(1), "US-1",
                                                 kMonday, at(8))));
            const auto r =
                calendar
                    .book(request(patientOf(3, PatientSource::Inpatient), abdomen(2), "US-1", kMonday, at(9)),
                          now)
                    .refusals;
            QCOMPARE(codes(r), std::vector<std::string>{"inpatient_quota_full"});
            QVERIFY(hasRefusal(r, ReasonCode::InpatientQuotaFull, mondayMorningQuota));
        }
        {
            // Physical-exam patients use outpatient numbers; emergencies only the total.
            Calendar calendar(richConfigPtr());
            QVERIFY(bookOrFail(calendar, request(patientOf(1, PatientSource::PhysicalExam), abdomen(1),
                                                 "US-1", kMonday, at(8))));
            QVERIFY(bookOrFail(calendar, request(outpatient(3), abdomen(2), "US-1", kMonday, at(8, 30))));
            QVERIFY(bookOrFail(calendar, request(patientOf(5, PatientSource::Emergency), abdomen(3), "US-1",
                                                 kMonday, at(9))));
            const auto r = calendar
                               .book(request(patientOf(7, PatientSource::Emergency), abdomen(4), "US-1",
                                             kMonday, at(9, 30)),
                                     now)
                               .refusals;
            QCOMPARE(codes(r), std::vector<std::string>{"total_quota_full"});
        }
    }

    // req: 000 §2.3.6.4 numbers per group (exam method or room)
    void group_quota_counts_only_its_group()
    {
        Calendar calendar(richConfigPtr());
        QVERIFY(bookOrFail(calendar,
                           request(outpatient(2), exam("E1", "GYN_US", {"PELVIS"}), "US-1", kMonday, at(8))));
        const auto r =
            calendar
                .book(request(outpatient(4), exam("E2", "GYN_US", {"PELVIS"}), "US-1", kMonday, at(8, 30)),
                      now)
                .refusals;
        QCOMPARE(codes(r), std::vector<std::string>{"total_quota_full"});
        QVERIFY(hasRefusal(r, ReasonCode::TotalQuotaFull, "Q-US1-GYN"));
        QVERIFY(bookOrFail(
            calendar, request(outpatient(1), exam("E3", "US_ABD", {"ABDOMEN"}), "US-1", kMonday, at(8, 30))));
    }

    // req: 000 §2.3.6.4 a change releases the old number and takes the new one
    void change_releases_the_old_slot_and_takes_the_new()
    {
        Calendar calendar(richConfigPtr());
        const auto chest = exam("E1", "CT_PLAIN", {"CHEST"});
        const auto id = bookOrFail(calendar, request(outpatient(1), chest, "CT-1", kMonday, at(9)));
        QVERIFY(id);
        // Ten minutes later overlaps the old slot, which is released first.
        auto moved =
            calendar.change(id, SlotChoice{"CT-1", kMonday, at(9, 5)}, BookingChannel::RegistrationDesk, now);
        QVERIFY(moved.ok());
        QCOMPARE(moved.booking->id, id);
        QCOMPARE(moved.booking->endMinute, at(9, 15));
        QCOMPARE(calendar.ledger().size(), std::size_t(1));
        // A refused change leaves the booking where it was.
        moved = calendar.change(id, SlotChoice{"CT-1", kMonday, at(12, 30)}, BookingChannel::RegistrationDesk,
                                now);
        QCOMPARE(codes(moved.refusals), std::vector<std::string>{"outside_opening_hours"});
        QCOMPARE(calendar.ledger().find(id)->startMinute, at(9, 5));
        QVERIFY(bookOrFail(
            calendar, request(outpatient(3), exam("E2", "CT_PLAIN", {"CHEST"}), "CT-2", kMonday, at(9, 20))));
        moved = calendar.change(id, SlotChoice{"CT-2", kMonday, at(9, 20)}, BookingChannel::RegistrationDesk,
                                now);
        QCOMPARE(codes(moved.refusals), std::vector<std::string>{"slot_taken"});
        QCOMPARE(calendar.ledger().find(id)->roomId, std::string("CT-1"));
        QVERIFY(
            calendar.change(id, SlotChoice{"CT-2", kMonday, at(9, 30)}, BookingChannel::RegistrationDesk, now)
                .ok());
        // The old slot is free again.
        QVERIFY(bookOrFail(
            calendar, request(outpatient(5), exam("E3", "CT_PLAIN", {"CHEST"}), "CT-1", kMonday, at(9, 5))));
        QVERIFY(auditLedger(calendar.config(), calendar.ledger()).empty());
    }

    // req: 000 §2.3.6.4 bookings not checked in can be changed or cancelled directly
    void cancel_releases_and_checked_in_bookings_stay()
    {
        Calendar calendar(richConfigPtr());
        const auto chest = exam("E1", "CT_PLAIN", {"CHEST"});
        const auto id = bookOrFail(calendar, request(outpatient(1), chest, "CT-1", kMonday, at(9)));
        QVERIFY(!calendar.cancel(id));
        QCOMPARE(calendar.ledger().size(), std::size_t(0));
        QCOMPARE(calendar.cancel(id)->code, ReasonCode::UnknownBooking);
        const auto again = bookOrFail(calendar, request(outpatient(3), chest, "CT-1", kMonday, at(9)));
        QVERIFY(again);
        QVERIFY(!calendar.checkIn(again));
        QCOMPARE(calendar.cancel(again)->code, ReasonCode::BookingNotChangeable);
        QCOMPARE(codes(calendar
                           .change(again, SlotChoice{"CT-1", kMonday, at(10)},
                                   BookingChannel::RegistrationDesk, now)
                           .refusals),
                 std::vector<std::string>{"booking_not_changeable"});
        QCOMPARE(calendar.ledger().find(again)->status, BookingStatus::CheckedIn);
    }

    void booking_a_combination_is_all_or_nothing()
    {
        Calendar calendar(richConfigPtr());
        const auto context = outpatient(1);
        const auto barium = exam("E1", "BARIUM", {"UPPER_GI"});
        const auto ct = exam("E2", "CT_PLAIN", {"ABDOMEN"});
        const auto us = exam("E3", "US_ABD", {"ABDOMEN"});
        // The barium first would spoil the CT: the second request is refused, the first undone.
        auto outcome = calendar.bookAll(
            {request(context, barium, "GI-1", kMonday, at(8)), request(context, ct, "CT-1", kMonday, at(9))},
            now);
        QVERIFY(!outcome.ok());
        QVERIFY(hasRefusal(outcome.refusals, ReasonCode::RelationOrder, "ORDER-CT-BARIUM"));
        QCOMPARE(outcome.refusals.front().examId, std::string("E2"));
        QCOMPARE(calendar.ledger().size(), std::size_t(0));
        outcome = calendar.bookAll({request(context, us, "US-2", kMonday, at(8)),
                                    request(context, ct, "CT-1", kMonday, at(8, 30)),
                                    request(context, barium, "GI-1", kMonday, at(9))},
                                   now);
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.bookings.size(), std::size_t(3));
        QCOMPARE(calendar.ledger().size(), std::size_t(3));
    }

    // req: 000 §2.3.6.4 one-click stop and reopening of a room
    void stopped_room_refuses_and_reopens_by_date()
    {
        Calendar calendar(richConfigPtr());
        calendar.stopRoom(RoomStop{"STOP-1", "CT-2", kMonday, {2026, 12, 2}, "tube replacement"}, now);
        const auto chest = exam("E1", "CT_PLAIN", {"CHEST"});
        auto r = calendar.check(request(outpatient(1), chest, "CT-2", kTuesday, at(9)), now);
        QCOMPARE(codes(r), std::vector<std::string>{"room_stopped"});
        QVERIFY(hasRefusal(r, ReasonCode::RoomStopped, "STOP-1"));
        QVERIFY(r.front().message.find("tube replacement") != std::string::npos);
        calendar.reopenRoom("CT-2", kTuesday, kTuesday);
        QVERIFY(calendar.check(request(outpatient(1), chest, "CT-2", kTuesday, at(9)), now).empty());
        QVERIFY(hasRefusal(calendar.check(request(outpatient(1), chest, "CT-2", kMonday, at(9)), now),
                           ReasonCode::RoomStopped, "STOP-1"));
        QVERIFY(hasRefusal(calendar.check(request(outpatient(1), chest, "CT-2", {2026, 12, 2}, at(9)), now),
                           ReasonCode::RoomStopped, "STOP-1/2026-12-02"));
    }

    // req: 000 §2.3.6.4 batch changes after a device fault, with the list to notify
    void room_stop_moves_bookings_to_the_next_feasible_slots()
    {
        Calendar calendar(richConfigPtr());
        const auto chest = [](const char* id) { return exam(id, "CT_PLAIN", {"CHEST"}); };
        const auto p1 = bookOrFail(calendar, request(outpatient(1), chest("A"), "CT-2", kMonday, at(9)));
        const auto p3 = bookOrFail(calendar, request(outpatient(3), chest("B"), "CT-2", kTuesday, at(8)));
        // Patient 5's barium at 10:00 must follow the CT, and CT-1 is taken just then.
        QVERIFY(bookOrFail(
            calendar, request(outpatient(5), exam("C0", "BARIUM", {"UPPER_GI"}), "GI-1", kMonday, at(10))));
        const auto p5 = bookOrFail(calendar, request(outpatient(5), chest("C"), "CT-2", kMonday, at(9, 50)));
        QVERIFY(bookOrFail(calendar, request(outpatient(13), chest("D"), "CT-1", kMonday, at(9, 45))));
        const auto checkedIn =
            bookOrFail(calendar, request(outpatient(7), chest("E"), "CT-2", kMonday, at(8)));
        QVERIFY(p1 && p3 && p5 && checkedIn);
        QVERIFY(!calendar.checkIn(checkedIn));

        const RoomStop stop{"STOP-CT2", "CT-2", kMonday, kTuesday, "detector fault"};
        const auto preview = calendar.previewRoomStop(stop, now);
        QCOMPARE(calendar.ledger().find(p1)->roomId, std::string("CT-2")); // the preview changed nothing
        QVERIFY(calendar.stops().all().empty());

        const auto result = calendar.stopRoom(stop, now);
        QCOMPARE(result.notices.size(), std::size_t(3)); // the checked-in patient is not moved
        QCOMPARE(preview.notices.size(), result.notices.size());
        const auto& first = result.notices[0];
        QCOMPARE(first.bookingId, p1);
        QCOMPARE(first.patientId, lumen::core::PatientId(1));
        QCOMPARE(first.oldSlot.startMinute, at(9));
        QVERIFY(first.newSlot);
        QCOMPARE(first.newSlot->roomId, std::string("CT-1"));
        QCOMPARE(first.newSlot->date, kMonday);
        QCOMPARE(first.newSlot->startMinute, at(9));
        QCOMPARE(preview.notices[0].newSlot->startMinute, at(9));

        const auto& blocked = result.notices[1];
        QCOMPARE(blocked.bookingId, p5);
        QVERIFY(!blocked.newSlot); // no slot found: the desk calls the patient
        QVERIFY(hasRefusal(blocked.reasons, ReasonCode::RelationOrder, "ORDER-CT-BARIUM"));
        QCOMPARE(calendar.ledger().find(p5)->roomId, std::string("CT-2"));

        const auto& tuesday = result.notices[2];
        QCOMPARE(tuesday.bookingId, p3);
        QVERIFY(tuesday.newSlot);
        QCOMPARE(tuesday.newSlot->roomId, std::string("CT-1"));
        QCOMPARE(tuesday.newSlot->date, kTuesday);
        QCOMPARE(tuesday.newSlot->startMinute, at(8));
        QCOMPARE(calendar.ledger().find(p3)->roomId, std::string("CT-1"));
        QVERIFY(auditLedger(calendar.config(), calendar.ledger()).empty());
    }

    void room_stop_without_any_other_room_lists_no_slot_found()
    {
        Calendar calendar(richConfigPtr());
        const auto id = bookOrFail(
            calendar, request(outpatient(1), exam("A", "BARIUM", {"UPPER_GI"}), "GI-1", kTuesday, at(8)));
        QVERIFY(id);
        const auto result =
            calendar.stopRoom(RoomStop{"STOP-GI", "GI-1", kMonday, {2026, 12, 31}, "renovation"}, now);
        QCOMPARE(result.notices.size(), std::size_t(1));
        QVERIFY(!result.notices[0].newSlot);
        QVERIFY(hasRefusal(result.notices[0].reasons, ReasonCode::RoomStopped, "STOP-GI"));
    }

    // req: 000 §2.3.6.4 no-show blacklist, restored by hand or after a set time
    void no_show_blacklist_blocks_self_service_until_restored()
    {
        Calendar calendar(richConfigPtr());
        const auto chest = [](int n) { return exam("E" + std::to_string(n), "CT_PLAIN", {"CHEST"}); };
        for (int n = 0; n < 3; ++n) {
            const auto id =
                bookOrFail(calendar, request(outpatient(1), chest(n), "CT-1", kMonday, at(9 + n)));
            QVERIFY(!calendar.markNoShow(id, now));
        }
        const auto kiosk = request(outpatient(1, BookingChannel::Kiosk), chest(9), "CT-1", kTuesday, at(9));
        auto r = calendar.check(kiosk, now);
        QCOMPARE(codes(r), std::vector<std::string>{"patient_blacklisted"});
        QVERIFY(hasRefusal(r, ReasonCode::PatientBlacklisted, "no_show_blacklist"));
        RecommendationRequest internet{outpatient(1, BookingChannel::Internet), {chest(10)}, {}};
        QVERIFY(hasRefusal(calendar.recommend(internet, now).refusals, ReasonCode::PatientBlacklisted,
                           "no_show_blacklist"));
        // The desk can still book, and the list lifts by itself after 90 days.
        QVERIFY(calendar.check(request(outpatient(1), chest(9), "CT-1", kTuesday, at(9)), now).empty());
        QVERIFY(calendar.noShows().isBlacklisted(1, now + 89 * kMinutesPerDay, calendar.config().noShow));
        QVERIFY(!calendar.noShows().isBlacklisted(1, now + 90 * kMinutesPerDay, calendar.config().noShow));
        calendar.restoreBookingRights(1);
        QVERIFY(calendar.check(kiosk, now).empty());

        // Attending breaks the run.
        const int hours[] = {8, 9, 10, 13, 14};
        for (int n = 0; n < 5; ++n) {
            const auto id =
                bookOrFail(calendar, request(outpatient(3), chest(20 + n), "CT-1", kTuesday, at(hours[n])));
            QVERIFY(n == 2 ? !calendar.checkIn(id) : !calendar.markNoShow(id, now));
        }
        QVERIFY(
            calendar
                .check(request(outpatient(3, BookingChannel::Kiosk), chest(30), "CT-1", {2026, 12, 2}, at(9)),
                       now)
                .empty());
    }

    void engine_reads_local_time_from_the_clock()
    {
        // 2026-11-29 23:00 UTC is Monday 07:00 in China.
        lumen::core::ManualClock clock(*lumen::core::parseIsoTimestamp("2026-11-29T23:00:00Z"));
        SchedulingEngine engine(richConfigPtr(), clock);
        QCOMPARE(engine.now(), fixtureNow());
        const auto chest = exam("E1", "CT_PLAIN", {"CHEST"});
        QVERIFY(engine.book(request(outpatient(1), chest, "CT-1", kMonday, at(8, 30))).ok());
        clock.advance(std::chrono::hours(2));
        QCOMPARE(codes(engine.book(request(outpatient(3), chest, "CT-1", kMonday, at(8, 45))).refusals),
                 std::vector<std::string>{"slot_in_past"});
        QCOMPARE(engine.read([](const Calendar& c) { return c.ledger().size(); }), std::size_t(1));
    }
};

QTEST_APPLESS_MAIN(SchedulingBookingTest)
#include "test_scheduling_booking.moc"
