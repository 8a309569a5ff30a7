#include "demo_scheduling.h"

#include "lumen/core/date.h"
#include "lumen/store/booking_repository.h"
#include "lumen/store/database.h"
#include "lumen/store/exam_repository.h"
#include "lumen/store/patient_repository.h"
#include "scheduling/booking_rows.h"
#include "scheduling/queue_service.h"
#include "scheduling/scheduling_config_json.h"

#include <nlohmann/json.hpp>

#include <map>

namespace lumen::server {

using namespace lumen::scheduling;

namespace {

constexpr int kUtcOffset = 8 * 60;

int hm(int h, int m)
{
    return h * 60 + m;
}

Segment segment(int from, int to, int outpatient, int inpatient, int total)
{
    return Segment{from, to, {SegmentQuota{"", "", outpatient, inpatient, total}}};
}

// Weekdays morning and afternoon, Saturday morning.
Room room(std::string id, std::string name, std::string department, std::vector<std::string> methods,
          int step, int perSegment, bool saturday)
{
    Room r;
    r.id = std::move(id);
    r.name = std::move(name);
    r.department = std::move(department);
    r.methodIds = std::move(methods);
    r.slotStepMinutes = step;
    r.bookableDaysAhead = 14;
    for (int d = 0; d < 5; ++d)
        r.hours[std::size_t(d)] = {
            segment(hm(8, 0), hm(12, 0), perSegment, perSegment / 3, perSegment + 4),
            segment(hm(13, 30), hm(17, 30), perSegment, perSegment / 3, perSegment + 4)};
    if (saturday)
        r.hours[std::size_t(Weekday::Saturday)] = {
            segment(hm(8, 0), hm(12, 0), perSegment / 2, 2, perSegment)};
    return r;
}

ExamSelector methods(std::vector<std::string> ids)
{
    return ExamSelector{std::move(ids), {}, {}};
}

} // namespace

SchedulingConfig demoSchedulingConfig()
{
    SchedulingConfig c;
    c.utcOffsetMinutes = kUtcOffset;
    auto& cat = c.catalogue;
    cat.addMethod({"CT平扫", "CT平扫", "CT", 10, "检查前去除检查部位的金属物品。"});
    cat.addMethod({"CT增强", "CT增强", "CT", 15,
                   "检查前禁食4小时；需签署碘对比剂知情同意书，有碘过敏史者请告知医生。"});
    cat.addMethod({"CTA", "CT血管成像", "CT", 20, "检查前禁食4小时；需签署碘对比剂知情同意书。"});
    cat.addMethod({"MR平扫", "MR平扫", "MR", 20,
                   "体内有心脏起搏器、金属植入物者请提前告知；勿携带金属物品、磁卡、手机进入检查室。"});
    cat.addMethod({"MR平扫+增强", "MR平扫+增强", "MR", 35, "同MR平扫；需签署钆对比剂知情同意书。"});
    cat.addMethod({"DR摄影", "DR摄影", "DR", 5, "去除检查部位的金属物品及饰物。"});
    cat.addMethod({"上消化道钡餐", "上消化道钡餐", "DR", 20, "检查前禁食禁水8小时。"});
    cat.addMethod({"彩超", "彩超", "US", 10, ""});
    cat.addMethod({"心脏彩超", "心脏彩超", "US", 20, ""});
    cat.addMethod({"胃镜", "胃镜", "ES", 15, "检查前禁食禁水8小时；带好既往检查资料。"});
    cat.addMethod(
        {"无痛胃镜", "无痛胃镜", "ES", 30, "检查前禁食禁水8小时；须有家属陪同，检查当日不得驾车。"});
    cat.addMethod({"结肠镜", "结肠镜", "ES", 30, "检查前一日按说明服用肠道清洁剂。"});
    cat.addMethod({"常规心电图", "常规心电图", "ECG", 5, ""});
    cat.addMethod(
        {"动态心电图", "动态心电图", "ECG", 15, "佩戴期间避免洗澡及剧烈运动，次日同一时间归还记录仪。"});
    for (const auto& [id, coefficient, precautions] :
         std::vector<std::tuple<std::string, double, std::string>>{
             {"头颅", 1.0, ""},
             {"胸部", 1.0, ""},
             {"上腹部", 1.2, ""},
             {"盆腔", 1.2, "检查前1小时饮水500毫升，憋尿。"},
             {"冠状动脉", 1.5, "检查前控制心率，遵医嘱服药。"},
             {"腰椎", 1.0, ""},
             {"左膝关节", 1.0, ""},
             {"右膝关节", 1.0, ""},
             {"胸部正位", 1.0, ""},
             {"胸部正侧位", 1.5, ""},
             {"腰椎正侧位", 1.5, ""},
             {"肝胆胰脾", 1.5, "检查前禁食8小时。"},
             {"泌尿系", 1.0, "检查前1小时饮水500毫升，憋尿。"},
             {"甲状腺", 1.0, ""},
             {"心脏", 1.0, ""},
             {"胃", 1.0, ""},
             {"结肠", 1.0, ""},
         })
        cat.addBodyPart({id, id, coefficient, precautions});
    cat.setCoefficient("MR平扫", "腰椎", 1.5);

    c.rooms = {
        room("CT1", "CT1室", "radiology", {"CT平扫", "CT增强", "CTA"}, 5, 24, true),
        room("CT2", "CT2室", "radiology", {"CT平扫", "CT增强"}, 5, 24, false),
        room("MR1", "MR1室", "radiology", {"MR平扫", "MR平扫+增强"}, 5, 10, true),
        room("DR1", "DR1室", "radiology", {"DR摄影", "上消化道钡餐"}, 5, 40, true),
        room("US1", "超声1室", "ultrasound", {"彩超"}, 5, 20, true),
        room("US2", "超声2室", "ultrasound", {"彩超"}, 5, 20, false),
        room("US3", "超声3室", "ultrasound", {"彩超", "心脏彩超"}, 5, 16, false),
        room("ES1", "内镜1室", "endoscopy", {"胃镜", "无痛胃镜", "结肠镜"}, 10, 10, false),
        room("ES2", "内镜2室", "endoscopy", {"胃镜", "无痛胃镜", "结肠镜"}, 10, 10, false),
        room("ECG1", "心电图1室", "ecg", {"常规心电图", "动态心电图"}, 5, 40, true),
        room("ECG2", "心电图2室", "ecg", {"常规心电图", "动态心电图"}, 5, 40, false),
    };
    c.holidays.addHoliday({{2027, 1, 1}, "元旦"});
    for (int d = 16; d <= 22; ++d)
        c.holidays.addHoliday({{2027, 2, d}, "春节"});
    c.holidays.addSwappedWorkday({{2027, 2, 7}, Weekday::Friday});

    auto& rules = c.rules;
    // Sedated gastroscopy needs an anaesthesia assessment first: not bookable by patients alone.
    rules.itemRules.push_back(
        {"item-sedated-gastroscopy-desk-only",
         methods({"无痛胃镜"}),
         {},
         {BookingChannel::Clinic, BookingChannel::RegistrationDesk, BookingChannel::ServiceDesk},
         0});
    rules.timeRules.push_back(
        {"time-echo-mornings", methods({"心脏彩超"}), {"US3"}, {}, {DayPart::Morning}, 0, kMinutesPerDay});
    rules.requestRules.push_back(
        {"request-ctA-adults", methods({"CTA"}), {}, {}, {}, {}, 14, std::nullopt, Priority::Routine});
    rules.fastingRules.push_back(
        {"fasting-morning", ExamSelector{{"胃镜", "无痛胃镜", "上消化道钡餐"}, {}, {}}, hm(10, 30)});
    rules.fastingRules.push_back(
        {"fasting-abdominal-ultrasound", ExamSelector{{"彩超"}, {}, {"肝胆胰脾"}}, hm(10, 30)});
    rules.exclusionRules.push_back(
        {"exclusion-two-contrast-48h", methods({"CT增强", "CTA"}), methods({"MR平扫+增强"}), 48 * 60});
    // Barium would spoil the images of an abdominal ultrasound or CT taken after it.
    rules.orderRules.push_back({"order-barium-after-abdomen",
                                ExamSelector{{"彩超", "CT平扫", "CT增强"}, {}, {"上腹部", "肝胆胰脾"}},
                                methods({"上消化道钡餐"}), 0});
    rules.sameDayRules.push_back({"same-day-fasting-pair", ExamSelector{{"胃镜", "无痛胃镜"}, {}, {}},
                                  ExamSelector{{"彩超"}, {}, {"肝胆胰脾"}}});
    return c;
}

int insertDemoScheduling(store::Database& db, std::chrono::system_clock::time_point now)
{
    const auto config = demoSchedulingConfig();
    const auto nowIso = core::formatIsoTimestamp(now);
    store::BookingRepository repo(db);
    repo.saveConfig({toJson(config).dump(), 1, nowIso, "demo"});

    // The demo exams with a slot become bookings; the server's start-up reconciles their status
    // with the exams (checked in, no-show, cancelled...).
    store::ExamRepository exams(db);
    store::PatientRepository patients(db);
    store::ExamSearch all;
    all.limit = 1000;
    all.includeConfidential = true;
    all.bySchedule = true;
    const auto today = core::formatIsoDate(core::toDate(now + std::chrono::minutes(kUtcOffset)));
    int booked = 0;
    std::int64_t id = 1;
    std::map<std::string, int> tickets;
    for (const auto& exam : exams.search(all)) {
        if (!exam.room || !exam.scheduledAt || !config.room(*exam.room) || exam.items.empty())
            continue;
        const auto start = core::parseIsoTimestamp(*exam.scheduledAt);
        const auto patient = patients.find(exam.patientId);
        if (!start || !patient)
            continue;
        auto booking = slotGivenByHand(exam, *patient, *start, config);
        booking.id = id++;
        const auto row = rowOf(booking, exam.id, nowIso, "demo");
        repo.insert(row);
        ++booked;
        // Patients already waiting today hold queue tickets in their room.
        if ((exam.status == core::ExamStatus::CheckedIn || exam.status == core::ExamStatus::Called) &&
            row.date == today) {
            const int number = ++tickets[row.roomId];
            repo.insert(store::QueueTicketRow{exam.id, row.roomId, today, number,
                                              queueTicketText(config.roomIndex(row.roomId), number), nowIso,
                                              number * 1000LL});
        }
    }
    return booked;
}

} // namespace lumen::server
