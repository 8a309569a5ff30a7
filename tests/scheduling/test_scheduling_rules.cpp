// Unit tests of every rule kind on the rich calendar: each refusal names its code and rule.
#include "scheduling_fixture.h"

#include <QtTest>

#include <set>

using namespace lumen::scheduling;
using namespace lumen::scheduling::testing;

class SchedulingRulesTest : public QObject
{
    Q_OBJECT

    std::vector<Refusal> checkOn(const Calendar& calendar, const BookingRequest& r)
    {
        return calendar.check(r, fixtureNow());
    }

private slots:
    void configuration_is_sound_and_broken_ones_are_named()
    {
        QVERIFY(validateConfig(richConfig()).empty());
        auto broken = richConfig();
        broken.rooms[0].methodIds.push_back("PET");
        broken.rooms[1].hours[0].push_back({at(11), at(14), {}}); // overlaps 13:30-17:00
        broken.rules.orderRules.push_back({"ORDER-X", ExamSelector{{"NOPE"}, {}, {}}, {}, 0});
        const auto problems = validateConfig(broken);
        QCOMPARE(problems.size(), std::size_t(3));
        QVERIFY(problems[0].find("PET") != std::string::npos);
        QVERIFY(problems[1].find("US-2") != std::string::npos);
        QVERIFY(problems[2].find("ORDER-X") != std::string::npos);
    }

    void unknown_ids_are_refused_by_name()
    {
        Calendar calendar(richConfigPtr());
        auto r = checkOn(calendar, request(outpatient(1), exam("E1", "NOPE", {}), "CT-1", kMonday, at(9)));
        QVERIFY(hasRefusal(r, ReasonCode::UnknownExamMethod, "NOPE"));
        r = checkOn(calendar,
                    request(outpatient(1), exam("E1", "CT_PLAIN", {"ELBOW"}), "CT-1", kMonday, at(9)));
        QVERIFY(hasRefusal(r, ReasonCode::UnknownBodyPart, "ELBOW"));
        r = checkOn(calendar,
                    request(outpatient(1), exam("E1", "CT_PLAIN", {"CHEST"}), "CT-9", kMonday, at(9)));
        QVERIFY(hasRefusal(r, ReasonCode::UnknownRoom, "CT-9"));
        const auto cancelled = calendar.cancel(999);
        QVERIFY(cancelled && cancelled->code == ReasonCode::UnknownBooking &&
                cancelled->ruleId == "booking:999");
    }

    // req: 000 §2.3.6.2 item rules (rooms per method, booking channels)
    void room_capability_and_item_rules_name_the_rule()
    {
        Calendar calendar(richConfigPtr());
        auto r =
            checkOn(calendar, request(outpatient(1), exam("E1", "MR", {"HEAD"}), "CT-1", kMonday, at(9)));
        QVERIFY(hasRefusal(r, ReasonCode::RoomCannotPerformMethod, "CT-1"));
        // 30 x 2.0 + 30 x 1.2 = 96 minutes, over MR-1's 60.
        r = checkOn(calendar,
                    request(outpatient(1), exam("E1", "MR", {"ABDOMEN", "PELVIS"}), "MR-1", kMonday, at(13)));
        QVERIFY(hasRefusal(r, ReasonCode::ExamTooLongForRoom, "MR-1"));
        r = checkOn(calendar,
                    request(outpatient(1), exam("E1", "CT_ENH", {"CHEST"}), "CT-2", kMonday, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"item_room_not_allowed"});
        QVERIFY(hasRefusal(r, ReasonCode::ItemRoomNotAllowed, "ITEM-CT-ENH-ROOM"));
        QVERIFY(
            checkOn(calendar, request(outpatient(1), exam("E1", "CT_ENH", {"CHEST"}), "CT-1", kMonday, at(9)))
                .empty());
        r = checkOn(calendar, request(outpatient(1, BookingChannel::Kiosk), exam("E1", "MR", {"HEAD"}),
                                      "MR-1", kMonday, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"item_channel_not_allowed"});
        QVERIFY(hasRefusal(r, ReasonCode::ItemChannelNotAllowed, "ITEM-MR-DESK"));
        QVERIFY(checkOn(calendar, request(outpatient(1), exam("E1", "MR", {"HEAD"}), "MR-1", kMonday, at(9)))
                    .empty());
    }

    // req: 000 §2.3.6.2 request rules (department, source, sex, age, priority)
    void request_rules_check_department_source_sex_age_and_priority()
    {
        Calendar calendar(richConfigPtr());
        const auto gyn = exam("E1", "GYN_US", {"PELVIS"});
        auto r = checkOn(calendar, request(outpatient(1), gyn, "US-2", kMonday, at(9))); // patient 1 is male
        QCOMPARE(codes(r), std::vector<std::string>{"request_sex_not_allowed"});
        QVERIFY(hasRefusal(r, ReasonCode::RequestSexNotAllowed, "REQ-GYN-FEMALE"));
        QVERIFY(checkOn(calendar, request(outpatient(2), gyn, "US-2", kMonday, at(9))).empty());

        const auto mr = exam("E2", "MR", {"HEAD"});
        auto cardiology = outpatient(1);
        cardiology.requestingDepartment = "Cardiology";
        r = checkOn(calendar, request(cardiology, mr, "MR-1", kMonday, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"request_department_not_allowed"});
        QVERIFY(hasRefusal(r, ReasonCode::RequestDepartmentNotAllowed, "REQ-MR-DEPTS"));

        auto child = outpatient(1);
        child.patient.birthDate = lumen::core::Date{2022, 6, 1};
        r = checkOn(calendar, request(child, mr, "MR-1", kMonday, at(9)));
        QVERIFY(hasRefusal(r, ReasonCode::RequestAgeNotAllowed, "REQ-MR-AGE"));
        auto unknownAge = outpatient(1);
        unknownAge.patient.birthDate.reset();
        r = checkOn(calendar, request(unknownAge, mr, "MR-1", kMonday, at(9)));
        QVERIFY(hasRefusal(r, ReasonCode::RequestAgeNotAllowed, "REQ-MR-AGE"));

        const auto ct = exam("E3", "CT_PLAIN", {"CHEST"});
        r = checkOn(calendar, request(patientOf(1, PatientSource::Inpatient), ct, "CT-2", kMonday, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"request_source_not_allowed"});
        QVERIFY(hasRefusal(r, ReasonCode::RequestSourceNotAllowed, "REQ-CT2-OUTPATIENT"));
        QVERIFY(
            checkOn(calendar, request(patientOf(1, PatientSource::PhysicalExam), ct, "CT-2", kMonday, at(9)))
                .empty());

        r = checkOn(calendar, request(outpatient(1), ct, "CT-E", kMonday, at(7, 30)));
        QCOMPARE(codes(r), std::vector<std::string>{"request_priority_too_low"});
        QVERIFY(hasRefusal(r, ReasonCode::RequestPriorityTooLow, "REQ-CTE-URGENT"));
        auto urgent = outpatient(1);
        urgent.priority = Priority::Urgent;
        QVERIFY(checkOn(calendar, request(urgent, ct, "CT-E", kMonday, at(7, 30))).empty());
    }

    // req: 000 §2.3.6.2 time rules (weekdays, morning / afternoon)
    void time_rules_check_weekday_and_time_of_day()
    {
        Calendar calendar(richConfigPtr());
        auto r = checkOn(calendar,
                         request(outpatient(1), exam("E1", "CT_ENH", {"CHEST"}), "CT-1", kSaturday, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"time_weekday_not_allowed"});
        QVERIFY(hasRefusal(r, ReasonCode::TimeWeekdayNotAllowed, "TIME-ENH-WEEKDAYS"));
        QVERIFY(checkOn(calendar,
                        request(outpatient(1), exam("E1", "CT_PLAIN", {"CHEST"}), "CT-1", kSaturday, at(9)))
                    .empty());
        const auto thyroid = exam("E2", "US_THY", {"THYROID"});
        r = checkOn(calendar, request(outpatient(1), thyroid, "US-2", kMonday, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"time_of_day_not_allowed"});
        QVERIFY(hasRefusal(r, ReasonCode::TimeOfDayNotAllowed, "TIME-THY-AFTERNOON"));
        QVERIFY(checkOn(calendar, request(outpatient(1), thyroid, "US-2", kMonday, at(14))).empty());
    }

    // req: 000 §2.3.6.2 fasting exams in the morning
    void fasting_exams_must_start_in_the_morning()
    {
        Calendar calendar(richConfigPtr());
        const auto abdomen = exam("E1", "US_ABD", {"ABDOMEN"});
        auto r = checkOn(calendar, request(outpatient(1), abdomen, "US-2", kMonday, at(14)));
        QCOMPARE(codes(r), std::vector<std::string>{"fasting_needs_morning"});
        QVERIFY(hasRefusal(r, ReasonCode::FastingNeedsMorning, "FAST-US-ABD"));
        QVERIFY(checkOn(calendar, request(outpatient(1), abdomen, "US-2", kMonday, at(10, 30))).empty());
        QVERIFY(hasRefusal(checkOn(calendar, request(outpatient(1), abdomen, "US-2", kMonday, at(10, 35))),
                           ReasonCode::FastingNeedsMorning, "FAST-US-ABD"));
    }

    // req: 000 §2.3.6.2 seven-day week with custom schedules; holidays and swapped workdays
    void holidays_close_rooms_and_swapped_workdays_open_them()
    {
        Calendar calendar(richConfigPtr());
        const auto ct = exam("E1", "CT_PLAIN", {"CHEST"});
        auto r = checkOn(calendar, request(outpatient(1), ct, "CT-1", kHoliday, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"holiday"});
        QVERIFY(hasRefusal(r, ReasonCode::Holiday, "holiday:2026-12-03"));
        auto urgent = outpatient(1);
        urgent.priority = Priority::Urgent;
        QVERIFY(checkOn(calendar, request(urgent, ct, "CT-E", kHoliday, at(9))).empty());
        // The swapped Sunday follows Friday's hours, also for weekday-only rules.
        const auto thyroid = exam("E2", "US_THY", {"THYROID"});
        QVERIFY(checkOn(calendar, request(outpatient(1), thyroid, "US-1", kSwappedSunday, at(14))).empty());
        QVERIFY(checkOn(calendar, request(outpatient(1), exam("E3", "CT_ENH", {"CHEST"}), "CT-1",
                                          kSwappedSunday, at(9)))
                    .empty());
        r = checkOn(calendar, request(outpatient(1), thyroid, "US-1", kPlainSunday, at(14)));
        QVERIFY(hasRefusal(r, ReasonCode::RoomClosedThatDay, "US-1"));
    }

    // req: 000 §2.3.6.4 bookable days per device and per method
    void booking_horizons_of_room_and_item()
    {
        Calendar calendar(richConfigPtr());
        const auto knee = exam("E1", "DR", {"KNEE"});
        QVERIFY(checkOn(calendar, request(outpatient(1), knee, "DR-1", {2026, 12, 2}, at(9))).empty());
        auto r = checkOn(calendar, request(outpatient(1), knee, "DR-1", {2026, 12, 4}, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"beyond_booking_horizon"});
        QVERIFY(hasRefusal(r, ReasonCode::BeyondBookingHorizon, "DR-1"));
        const auto mr = exam("E2", "MR", {"HEAD"});
        QVERIFY(checkOn(calendar, request(outpatient(1), mr, "MR-1", {2026, 12, 9}, at(9))).empty());
        r = checkOn(calendar, request(outpatient(1), mr, "MR-1", {2026, 12, 10}, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"beyond_booking_horizon"});
        QVERIFY(hasRefusal(r, ReasonCode::BeyondBookingHorizon, "ITEM-MR-DESK"));
    }

    // req: 000 §2.3.6.4 booking to the minute per room
    void opening_hours_and_slot_step()
    {
        Calendar calendar(richConfigPtr());
        const auto abdomen = exam("E1", "CT_PLAIN", {"ABDOMEN"}); // 15 minutes
        QVERIFY(checkOn(calendar, request(outpatient(1), abdomen, "CT-1", kMonday, at(11, 45))).empty());
        auto r = checkOn(calendar, request(outpatient(1), abdomen, "CT-1", kMonday, at(11, 50)));
        QCOMPARE(codes(r), std::vector<std::string>{"outside_opening_hours"});
        QVERIFY(hasRefusal(r, ReasonCode::OutsideOpeningHours, "CT-1"));
        QVERIFY(hasRefusal(checkOn(calendar, request(outpatient(1), abdomen, "CT-1", kMonday, at(12, 30))),
                           ReasonCode::OutsideOpeningHours, "CT-1"));
        QVERIFY(hasRefusal(checkOn(calendar, request(outpatient(1), abdomen, "CT-2", kMonday, at(8, 5))),
                           ReasonCode::MisalignedStart, "CT-2"));
        QVERIFY(checkOn(calendar, request(outpatient(1), abdomen, "CT-2", kMonday, at(8, 10))).empty());
    }

    void past_slots_are_refused()
    {
        Calendar calendar(richConfigPtr());
        auto urgent = outpatient(1);
        urgent.priority = Priority::Urgent;
        const auto ct = exam("E1", "CT_PLAIN", {"CHEST"});
        auto r = checkOn(calendar, request(urgent, ct, "CT-E", kMonday, at(6)));
        QCOMPARE(codes(r), std::vector<std::string>{"slot_in_past"});
        r = checkOn(calendar, request(urgent, ct, "CT-E", {2026, 11, 29}, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"slot_in_past"});
        QVERIFY(checkOn(calendar, request(urgent, ct, "CT-E", kMonday, at(7))).empty());
    }

    void taken_slot_and_patient_overlap_are_refused()
    {
        Calendar calendar(richConfigPtr());
        const auto chest = exam("E1", "CT_PLAIN", {"CHEST"}); // 10 minutes
        const auto booked =
            calendar.book(request(outpatient(1), chest, "CT-1", kMonday, at(9)), fixtureNow());
        QVERIFY(booked.ok());
        auto r = checkOn(
            calendar, request(outpatient(3), exam("E2", "CT_PLAIN", {"CHEST"}), "CT-1", kMonday, at(9, 5)));
        QCOMPARE(codes(r), std::vector<std::string>{"slot_taken"});
        QVERIFY(hasRefusal(r, ReasonCode::SlotTaken, "CT-1"));
        QVERIFY(checkOn(calendar,
                        request(outpatient(3), exam("E2", "CT_PLAIN", {"CHEST"}), "CT-1", kMonday, at(9, 10)))
                    .empty());
        const auto knee = exam("E3", "DR", {"KNEE"});
        r = checkOn(calendar, request(outpatient(1), knee, "DR-1", kMonday, at(9, 5)));
        QCOMPARE(codes(r), std::vector<std::string>{"patient_already_busy"});
        QVERIFY(
            hasRefusal(r, ReasonCode::PatientAlreadyBusy, "booking:" + std::to_string(booked.booking->id)));
        QVERIFY(checkOn(calendar, request(outpatient(1), knee, "DR-1", kMonday, at(9, 10))).empty());
    }

    // req: 000 §2.3.6.2 mutually exclusive exams (检查互斥)
    void exclusion_rule_holds_in_either_order()
    {
        Calendar calendar(richConfigPtr());
        QVERIFY(calendar
                    .book(request(outpatient(5), exam("E1", "CT_ENH", {"CHEST"}), "CT-1", kMonday, at(9)),
                          fixtureNow())
                    .ok()); // ends 09:20
        const auto mr = exam("E2", "MR", {"HEAD"});
        auto r = checkOn(calendar, request(outpatient(5), mr, "MR-1", kTuesday, at(9)));
        QCOMPARE(codes(r), std::vector<std::string>{"relation_exclusion"});
        QVERIFY(hasRefusal(r, ReasonCode::RelationExclusion, "EXCL-CT-ENH-MR"));
        QVERIFY(checkOn(calendar, request(outpatient(5), mr, "MR-1", kTuesday, at(9, 20))).empty());

        QVERIFY(calendar.book(request(outpatient(7), mr, "MR-1", {2026, 12, 2}, at(9)), fixtureNow()).ok());
        const auto enhanced = exam("E3", "CT_ENH", {"CHEST"});
        r = checkOn(calendar, request(outpatient(7), enhanced, "CT-1", kTuesday, at(10)));
        QVERIFY(hasRefusal(r, ReasonCode::RelationExclusion, "EXCL-CT-ENH-MR"));
        QVERIFY(checkOn(calendar, request(outpatient(7), enhanced, "CT-1", kMonday, at(10))).empty());
    }

    // req: 000 §2.3.6.2 required order between exams (barium after ultrasound and CT)
    void order_rule_holds_against_booked_exams()
    {
        Calendar calendar(richConfigPtr());
        QVERIFY(calendar
                    .book(request(outpatient(9), exam("E1", "BARIUM", {"UPPER_GI"}), "GI-1", kTuesday, at(8)),
                          fixtureNow())
                    .ok());
        auto r = checkOn(calendar,
                         request(outpatient(9), exam("E2", "CT_PLAIN", {"CHEST"}), "CT-1", kTuesday, at(13)));
        QCOMPARE(codes(r), std::vector<std::string>{"relation_order"});
        QVERIFY(hasRefusal(r, ReasonCode::RelationOrder, "ORDER-CT-BARIUM"));
        QVERIFY(checkOn(calendar,
                        request(outpatient(9), exam("E2", "CT_PLAIN", {"CHEST"}), "CT-1", kMonday, at(9)))
                    .empty());
        r = checkOn(calendar,
                    request(outpatient(9), exam("E3", "US_ABD", {"ABDOMEN"}), "US-2", kTuesday, at(9)));
        QVERIFY(hasRefusal(r, ReasonCode::RelationOrder, "ORDER-US-BARIUM"));

        QVERIFY(calendar
                    .book(request(outpatient(11), exam("E4", "US_ABD", {"ABDOMEN"}), "US-2", kTuesday, at(9)),
                          fixtureNow())
                    .ok()); // ends 09:23
        const auto barium = exam("E5", "BARIUM", {"UPPER_GI"});
        r = checkOn(calendar, request(outpatient(11), barium, "GI-1", kTuesday, at(8, 30)));
        QVERIFY(hasRefusal(r, ReasonCode::RelationOrder, "ORDER-US-BARIUM"));
        QVERIFY(checkOn(calendar, request(outpatient(11), barium, "GI-1", kTuesday, at(9, 25))).empty());
    }

    // req: 000 §2.3.6.6 precautions per exam item on the slip
    void precautions_combine_method_and_body_parts()
    {
        const auto config = richConfig();
        QCOMPARE(config.catalogue.precautions(exam("E1", "US_ABD", {"ABDOMEN"})),
                 std::string("Fast for 8 hours before the exam.\nFasting required."));
        QCOMPARE(config.catalogue.precautions(exam("E2", "CT_PLAIN", {"HEAD", "CHEST"})),
                 std::string("Remove metal objects."));
        Calendar calendar(richConfigPtr());
        const auto booked = calendar.book(
            request(outpatient(1), exam("E3", "US_ABD", {"ABDOMEN"}), "US-2", kMonday, at(8)), fixtureNow());
        QVERIFY(booked.ok());
        QCOMPARE(booked.booking->precautions,
                 std::string("Fast for 8 hours before the exam.\nFasting required."));
    }

    void every_refusal_code_has_its_own_text()
    {
        std::set<std::string> seen;
        for (int c = 0; c <= int(ReasonCode::NoFeasibleCombination); ++c) {
            const std::string text(toCode(ReasonCode(c)));
            QVERIFY(text != "unknown");
            QVERIFY2(seen.insert(text).second, text.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(SchedulingRulesTest)
#include "test_scheduling_rules.moc"
