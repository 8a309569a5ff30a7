#include "demo_exams.h"

#include "demo_data.h"
#include "local_date.h"
#include "lumen/core/accession_number.h"
#include "lumen/core/exam.h"
#include "lumen/core/exam_transitions.h"
#include "lumen/store/exam_repository.h"
#include "lumen/store/his_code_mapping_repository.h"

#include <stdexcept>
#include <string>

namespace lumen::server {

namespace {

using core::Department;
using core::ExamPriority;
using core::ExamStatus;
using core::FeeStatus;
using core::PatientSource;
using S = ExamStatus;

struct Step
{
    ExamStatus to;
    int minute; // after the start of the morning
    const char* note = nullptr;
};

struct DemoOrder
{
    std::size_t patientIndex;
    Department department;
    const char* modality;
    std::vector<core::ExamItem> items;
    const char* requestingDepartment;
    const char* requestingDoctor;
    const char* diagnosis;
    PatientSource source;
    ExamPriority priority;
    FeeStatus fee;
    const char* room;
    int registeredMinute;
    int scheduledMinute; // may lie after `now` (start + 240)
    std::vector<Step> steps;
};

const std::vector<DemoOrder>& orders()
{
    using I = core::ExamItem;
    static const std::vector<DemoOrder> list = {
        {0,
         Department::Radiology,
         "CT",
         {I{"CT平扫", "胸部", "310100", std::nullopt}},
         "呼吸内科",
         "王建华",
         "咳嗽待查",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "CT1",
         0,
         10,
         {{S::Booked, 1},
          {S::CheckedIn, 8},
          {S::Called, 14},
          {S::Examined, 22},
          {S::ImagesReceived, 23},
          {S::Reported, 70},
          {S::Approved, 95},
          {S::Printed, 110},
          {S::ReleasedToClinic, 111}}},
        {1,
         Department::Radiology,
         "CT",
         {I{"CT增强", "上腹部", "310211", std::nullopt}, I{"CT增强", "盆腔", "310212", std::nullopt}},
         "消化内科",
         "李明",
         "腹痛待查，肝占位？",
         PatientSource::Inpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "CT2",
         5,
         30,
         {{S::Booked, 6},
          {S::CheckedIn, 25},
          {S::Called, 31},
          {S::ImagesReceived, 40},
          {S::Reported, 120},
          {S::Approved, 150}}},
        {2,
         Department::Radiology,
         "CT",
         {I{"CT平扫", "头颅", "310001", std::nullopt}},
         "急诊科",
         "赵刚",
         "头外伤，意识障碍",
         PatientSource::Emergency,
         ExamPriority::Emergency,
         FeeStatus::Unpaid,
         "CT1",
         60,
         60,
         {{S::CheckedIn, 61},
          {S::Called, 62},
          {S::Examined, 68},
          {S::ImagesReceived, 68},
          {S::Reported, 80},
          {S::Printed, 82}}},
        {3,
         Department::Radiology,
         "CT",
         {I{"CTA", "冠状动脉", "310500", std::nullopt}},
         "心内科",
         "刘医生",
         "胸痛待查，冠心病？",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "CT2",
         20,
         300,
         {{S::Booked, 21}}},
        {4,
         Department::Radiology,
         "MR",
         {I{"MR平扫", "腰椎", "320301", std::nullopt}},
         "骨科",
         "孙立",
         "腰痛伴左下肢放射痛",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "MR1",
         2,
         20,
         {{S::Booked, 3},
          {S::CheckedIn, 15},
          {S::Called, 20},
          {S::Examined, 45},
          {S::ImagesReceived, 46},
          {S::Reported, 160}}},
        {5,
         Department::Radiology,
         "MR",
         {I{"MR平扫+增强", "头颅", "320010", std::nullopt}},
         "神经内科",
         "周敏",
         "头痛待查",
         PatientSource::Inpatient,
         ExamPriority::Urgent,
         FeeStatus::Paid,
         "MR1",
         40,
         60,
         {{S::Booked, 41},
          {S::CheckedIn, 55},
          {S::Called, 62},
          {S::Examined, 100},
          {S::ImagesReceived, 101}}},
        {6,
         Department::Radiology,
         "MR",
         {I{"MR平扫", "左膝关节", "320520", std::nullopt}},
         "骨科",
         "孙立",
         "左膝扭伤",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "MR1",
         30,
         250,
         {{S::Booked, 31}, {S::CheckedIn, 230}}},
        {8,
         Department::Radiology,
         "DR",
         {I{"DR摄影", "胸部正位", "330101", std::nullopt}},
         "体检中心",
         "吴芳",
         "健康体检",
         PatientSource::PhysicalExam,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "DR1",
         0,
         5,
         {{S::CheckedIn, 4},
          {S::Called, 6},
          {S::Examined, 9},
          {S::ImagesReceived, 9},
          {S::Reported, 40},
          {S::Approved, 70},
          {S::ReleasedToClinic, 71}}},
        {9,
         Department::Radiology,
         "DR",
         {I{"DR摄影", "腰椎正侧位", "330302", std::nullopt}},
         "骨科",
         "孙立",
         "腰痛",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "DR1",
         200,
         235,
         {{S::Booked, 201}, {S::CheckedIn, 228}, {S::Called, 238}}},
        {10,
         Department::Radiology,
         "DR",
         {I{"DR摄影", "胸部正侧位", "330102", std::nullopt}},
         "心胸外科",
         "陈伟",
         "术后复查",
         PatientSource::Inpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "DR1",
         150,
         200,
         {{S::Booked, 151}, {S::CheckedIn, 195}, {S::Examined, 210}}},
        {11,
         Department::Ultrasound,
         "US",
         {I{"彩超", "肝胆胰脾", std::nullopt, std::nullopt}},
         "消化内科",
         "李明",
         "上腹不适",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "US3",
         0,
         15,
         {{S::Booked, 1},
          {S::CheckedIn, 12},
          {S::Called, 18},
          {S::Examined, 30},
          {S::ImagesReceived, 30},
          {S::Reported, 35},
          {S::Approved, 60}}},
        {12,
         Department::Ultrasound,
         "US",
         {I{"彩超", "甲状腺", std::nullopt, std::nullopt}},
         "内分泌科",
         "何静",
         "甲状腺结节复查",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "US3",
         100,
         245,
         {{S::Booked, 101}, {S::CheckedIn, 225}}},
        {13,
         Department::Ultrasound,
         "US",
         {I{"心脏彩超", "心脏", std::nullopt, std::nullopt}},
         "心内科",
         "刘医生",
         "心悸",
         PatientSource::Inpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "US1",
         120,
         330,
         {{S::Booked, 121}}},
        {14,
         Department::Ultrasound,
         "US",
         {I{"彩超", "泌尿系", std::nullopt, std::nullopt}},
         "泌尿外科",
         "郭涛",
         "血尿待查",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "US2",
         0,
         30,
         {{S::Booked, 1}, {S::NoShow, 90, "预约时段过后一小时未到检"}}},
        {15,
         Department::Endoscopy,
         "ES",
         {I{"无痛胃镜", "胃", std::nullopt, std::nullopt}},
         "消化内科",
         "李明",
         "反酸、上腹痛",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "ES1",
         0,
         20,
         {{S::Booked, 1}, {S::CheckedIn, 10}, {S::Called, 25}, {S::ImagesReceived, 40}, {S::Reported, 55}}},
        {16,
         Department::Endoscopy,
         "ES",
         {I{"结肠镜", "结肠", std::nullopt, std::nullopt}},
         "胃肠外科",
         "马骏",
         "便血",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Refunded,
         "ES2",
         0,
         60,
         {{S::Booked, 1}, {S::Cancelled, 50, "肠道准备不充分，患者要求改期"}}},
        {17,
         Department::Endoscopy,
         "ES",
         {I{"胃镜", "胃", std::nullopt, std::nullopt}},
         "消化内科",
         "李明",
         "胃溃疡复查",
         PatientSource::Inpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "ES1",
         180,
         250,
         {{S::Booked, 181}, {S::CheckedIn, 232}}},
        {18,
         Department::Ecg,
         "ECG",
         {I{"常规心电图", "心脏", std::nullopt, std::nullopt}},
         "心内科",
         "刘医生",
         "胸闷",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "ECG1",
         10,
         10,
         {{S::CheckedIn, 11}, {S::Called, 13}, {S::Examined, 18}, {S::Reported, 25}}},
        {19,
         Department::Ecg,
         "ECG",
         {I{"动态心电图", "心脏", std::nullopt, std::nullopt}},
         "心内科",
         "刘医生",
         "阵发性心悸",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "ECG2",
         20,
         30,
         {{S::Booked, 21}, {S::CheckedIn, 28}, {S::Examined, 40}}},
        {20,
         Department::Ecg,
         "ECG",
         {I{"常规心电图", "心脏", std::nullopt, std::nullopt}},
         "麻醉科",
         "林峰",
         "术前检查",
         PatientSource::Inpatient,
         ExamPriority::Routine,
         FeeStatus::Unpaid,
         nullptr,
         220,
         -1,
         {}},
        // Patient index 7 is confidential in the demo set: only senior doctors see this exam.
        {7,
         Department::Radiology,
         "CT",
         {I{"CT平扫", "胸部", "310100", std::nullopt}},
         "呼吸内科",
         "王建华",
         "咯血",
         PatientSource::Outpatient,
         ExamPriority::Urgent,
         FeeStatus::Paid,
         "CT1",
         150,
         180,
         {{S::Booked, 151}, {S::CheckedIn, 175}}},
        // Waiting in CT1, so that the README's `findscu -W` as DEMO_CT lists it.
        {21,
         Department::Radiology,
         "CT",
         {I{"CT平扫", "头颅", "310001", std::nullopt}},
         "神经内科",
         "陈静",
         "头痛待查",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         "CT1",
         90,
         235,
         {{S::Booked, 91}, {S::CheckedIn, 226}}},
        // Waiting to be booked at the desk: a combined CT with a fasting ultrasound for one
        // patient (the recommender puts them on one morning), an MR, a gastroscopy, a DR.
        {22,
         Department::Radiology,
         "CT",
         {I{"CT平扫", "胸部", "310100", std::nullopt}, I{"CT平扫", "上腹部", std::nullopt, std::nullopt}},
         "普外科",
         "赵磊",
         "腹痛待查",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         nullptr,
         200,
         -1,
         {}},
        {22,
         Department::Ultrasound,
         "US",
         {I{"彩超", "肝胆胰脾", "400100", "B0301"}},
         "普外科",
         "赵磊",
         "腹痛待查",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         nullptr,
         201,
         -1,
         {}},
        {23,
         Department::Radiology,
         "MR",
         {I{"MR平扫", "腰椎", "320301", std::nullopt}},
         "骨科",
         "孙伟",
         "腰痛",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         nullptr,
         205,
         -1,
         {}},
        {24,
         Department::Endoscopy,
         "ES",
         {I{"胃镜", "胃", std::nullopt, std::nullopt}},
         "消化内科",
         "李娜",
         "反酸嗳气",
         PatientSource::Outpatient,
         ExamPriority::Routine,
         FeeStatus::Paid,
         nullptr,
         210,
         -1,
         {}},
        {25,
         Department::Radiology,
         "DR",
         {I{"DR摄影", "胸部正侧位", "330102", std::nullopt}},
         "体检中心",
         "周敏",
         "健康体检",
         PatientSource::PhysicalExam,
         ExamPriority::Routine,
         FeeStatus::Paid,
         nullptr,
         215,
         -1,
         {}},
    };
    return list;
}

// The demo account that takes a step, by who does it in a department.
const DemoUser& actorFor(ExamStatus to)
{
    const char* name = "registrar";
    switch (to) {
    case S::Examined:
    case S::ImagesReceived:
        name = "technologist";
        break;
    case S::Reported:
        name = "radiologist";
        break;
    case S::Approved:
        name = "approver";
        break;
    default:
        break;
    }
    for (const auto& u : demoUsers())
        if (u.username == name)
            return u;
    throw std::logic_error("no demo user " + std::string(name));
}

struct DemoCode
{
    core::HisCodeKind kind;
    const char* code;
    const char* hisName;
    const char* method;
    const char* bodyPart;
    std::optional<Department> department;
    const char* modality;
};

// Codes as a HIS charges them; the demo orders above carry some of the item codes.
const std::vector<DemoCode>& demoCodes()
{
    using K = core::HisCodeKind;
    static const std::vector<DemoCode> list = {
        {K::Item, "310001", "CT颅脑平扫", "CT平扫", "头颅", Department::Radiology, "CT"},
        {K::Item, "310100", "CT胸部平扫", "CT平扫", "胸部", Department::Radiology, "CT"},
        {K::Item, "310211", "CT上腹部增强", "CT增强", "上腹部", Department::Radiology, "CT"},
        {K::Item, "310212", "CT盆腔增强", "CT增强", "盆腔", Department::Radiology, "CT"},
        {K::Item, "310500", "冠状动脉CT血管成像", "CTA", "冠状动脉", Department::Radiology, "CT"},
        {K::Item, "320010", "MR颅脑平扫+增强", "MR平扫+增强", "头颅", Department::Radiology, "MR"},
        {K::Item, "320301", "MR腰椎平扫", "MR平扫", "腰椎", Department::Radiology, "MR"},
        {K::Item, "320520", "MR关节平扫", "MR平扫", nullptr, Department::Radiology, "MR"},
        {K::Item, "330101", "DR胸部正位", "DR摄影", "胸部正位", Department::Radiology, "DR"},
        {K::Item, "330102", "DR胸部正侧位", "DR摄影", "胸部正侧位", Department::Radiology, "DR"},
        {K::Item, "330302", "DR腰椎正侧位", "DR摄影", "腰椎正侧位", Department::Radiology, "DR"},
        {K::Item, "400100", "彩色多普勒超声", "彩超", nullptr, Department::Ultrasound, "US"},
        {K::Item, "400200", "心脏彩超", "心脏彩超", "心脏", Department::Ultrasound, "US"},
        {K::Item, "500100", "无痛胃镜检查", "无痛胃镜", "胃", Department::Endoscopy, "ES"},
        {K::Item, "500300", "电子结肠镜检查", "结肠镜", "结肠", Department::Endoscopy, "ES"},
        {K::Item, "600100", "常规十二导联心电图", "常规心电图", "心脏", Department::Ecg, "ECG"},
        {K::Item, "600200", "动态心电图", "动态心电图", "心脏", Department::Ecg, "ECG"},
        {K::BodyPart, "B0101", "左膝", nullptr, "左膝关节", std::nullopt, nullptr},
        {K::BodyPart, "B0102", "右膝", nullptr, "右膝关节", std::nullopt, nullptr},
        {K::BodyPart, "B0201", "甲状腺", nullptr, "甲状腺", std::nullopt, nullptr},
        {K::BodyPart, "B0301", "肝胆胰脾", nullptr, "肝胆胰脾", std::nullopt, nullptr},
        {K::BodyPart, "B0302", "泌尿系", nullptr, "泌尿系", std::nullopt, nullptr},
    };
    return list;
}

std::optional<std::string> text(const char* s)
{
    return s ? std::optional<std::string>(s) : std::nullopt;
}

} // namespace

int insertDemoDictionary(store::Database& db, const std::string& nowIso)
{
    store::HisCodeMappingRepository dictionary(db);
    for (const auto& c : demoCodes()) {
        core::HisCodeMapping row;
        row.kind = c.kind;
        row.hisCode = c.code;
        row.hisName = text(c.hisName);
        row.method = text(c.method);
        row.bodyPart = text(c.bodyPart);
        row.department = c.department;
        row.modality = text(c.modality);
        dictionary.insert(row, nowIso);
    }
    return int(demoCodes().size());
}

int insertDemoExams(store::Database& db, const std::vector<core::Patient>& patients,
                    std::chrono::system_clock::time_point now)
{
    const auto start = std::chrono::floor<std::chrono::minutes>(now) - std::chrono::hours(4);
    auto at = [&](int minute) { return core::formatIsoTimestamp(start + std::chrono::minutes(minute)); };
    store::ExamRepository exams(db);
    int created = 0;
    int hisNumber = 1;
    for (const auto& order : orders()) {
        if (order.patientIndex >= patients.size())
            continue;
        core::Exam exam;
        exam.patientId = patients[order.patientIndex].id;
        exam.department = order.department;
        exam.modality = order.modality;
        exam.items = order.items;
        exam.requestingDepartment = order.requestingDepartment;
        exam.requestingDoctor = order.requestingDoctor;
        exam.clinicalDiagnosis = order.diagnosis;
        exam.patientSource = order.source;
        exam.priority = order.priority;
        exam.feeStatus = order.fee;
        exam.hisRequestNo = "SQ" + std::to_string(880000 + hisNumber++);
        exam.accessionNumber =
            exams.allocateAccessionNumber(core::accessionPrefix(exam.department, localDate(now)));
        const auto registeredAt = at(order.registeredMinute);
        exam.id = exams.insert(exam, registeredAt);
        const auto& registrar = actorFor(S::Requested);
        exams.appendEvent({0, exam.id, registeredAt, registrar.username, registrar.displayName, std::nullopt,
                           S::Requested, std::nullopt});
        exam.version = 1;
        for (const auto& step : order.steps) {
            // The demo goes through the same machine as everyone else.
            if (core::whyTransitionRefused(exam.status, exam.priority, step.to))
                throw std::logic_error("demo exam steps break the status machine");
            if (step.to == S::Booked) {
                exam.scheduledAt = at(order.scheduledMinute);
                exam.room = order.room;
            }
            const auto& actor = actorFor(step.to);
            exams.appendEvent({0, exam.id, at(step.minute), actor.username, actor.displayName, exam.status,
                               step.to, text(step.note)});
            exam.status = step.to;
            exams.update(exam, at(step.minute));
            ++exam.version;
        }
        ++created;
    }
    return created;
}

} // namespace lumen::server
