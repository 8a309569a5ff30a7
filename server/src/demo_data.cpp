#include "demo_data.h"

#include "lumen/core/national_id.h"

#include <cstdio>
#include <random>
#include <set>

namespace lumen::server {

const std::vector<DemoUser>& demoUsers()
{
    using core::Role;
    static const std::vector<DemoUser> users = {
        {"admin", "系统管理员", Role::Administrator, "信息科"},
        {"registrar", "王护士", Role::Registrar, "放射科"},
        {"technologist", "李技师", Role::Technologist, "放射科"},
        {"radiologist", "张医生", Role::Radiologist, "放射科"},
        {"approver", "陈主任", Role::ApprovingRadiologist, "放射科"},
        {"clinician", "刘医生", Role::Clinician, "心内科"},
        {"labtech", "赵技术员", Role::LabTechnician, "细胞实验室"},
        {"labqa", "孙质检员", Role::LabQa, "细胞实验室"},
        {"consultant", "周教授", Role::Consultant, "远程会诊中心"},
    };
    return users;
}

namespace {

const std::vector<std::string> surnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",   "何",
    "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "欧阳", "司马"};
const std::vector<std::string> maleGiven = {"伟",   "强",   "磊",   "军",   "洋",   "勇",   "杰",
                                            "涛",   "明",   "超",   "斌",   "浩",   "建国", "志强",
                                            "海峰", "国平", "文博", "子轩", "宇航", "俊杰"};
const std::vector<std::string> femaleGiven = {"芳",   "娜",   "敏",   "静",   "丽",   "艳",   "娟",
                                              "霞",   "燕",   "玲",   "婷",   "雪",   "秀英", "桂兰",
                                              "晓梅", "雅琪", "欣怡", "梓涵", "玉珍", "淑华"};
struct Region
{
    const char* code;
    const char* city;
    const char* district;
};
const std::vector<Region> regions = {{"110105", "北京市", "朝阳区"}, {"110108", "北京市", "海淀区"},
                                     {"310104", "上海市", "徐汇区"}, {"440106", "广州市", "天河区"},
                                     {"510107", "成都市", "武侯区"}, {"330106", "杭州市", "西湖区"},
                                     {"420106", "武汉市", "武昌区"}, {"320102", "南京市", "玄武区"},
                                     {"610113", "西安市", "雁塔区"}, {"370102", "济南市", "历下区"}};
const std::vector<std::string> roads = {"人民路", "解放路", "中山路", "建设路",
                                        "和平街", "文化路", "长江路", "黄河路"};

std::string digits(std::mt19937& rng, int n)
{
    std::string s;
    for (int i = 0; i < n; ++i)
        s.push_back(char('0' + std::uniform_int_distribution<int>(0, 9)(rng)));
    return s;
}

} // namespace

std::vector<core::Patient> generateDemoPatients(int count, unsigned seed)
{
    std::mt19937 rng(seed);
    auto pick = [&rng](const auto& list) -> const auto&
    {
        return list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(rng)];
    };
    std::set<std::string> nationalIds;
    std::vector<core::Patient> patients;
    patients.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        core::Patient p;
        const bool male = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
        p.sex = male ? core::Sex::Male : core::Sex::Female;
        p.name = pick(surnames) + pick(male ? maleGiven : femaleGiven);
        const Region& region = pick(regions);
        core::Date birth;
        do {
            birth = {std::uniform_int_distribution<int>(1936, 2022)(rng),
                     std::uniform_int_distribution<int>(1, 12)(rng),
                     std::uniform_int_distribution<int>(1, 28)(rng)};
        } while (!core::isValidDate(birth.year, birth.month, birth.day));
        p.birthDate = birth;
        std::string id;
        do {
            char date[9];
            std::snprintf(date, sizeof date, "%04d%02d%02d", birth.year, birth.month, birth.day);
            int sequence = std::uniform_int_distribution<int>(0, 499)(rng) * 2 + (male ? 1 : 0);
            char seq[4];
            std::snprintf(seq, sizeof seq, "%03d", sequence);
            id = std::string(region.code) + date + seq;
            id.push_back(core::nationalIdCheckCharacter(id));
        } while (!nationalIds.insert(id).second);
        p.identifier(core::IdentifierKind::NationalId) = id;
        p.phone =
            "1" + std::string(1, "3456789"[std::uniform_int_distribution<int>(0, 6)(rng)]) + digits(rng, 9);
        p.address = std::string(region.city) + region.district + pick(roads) +
                    std::to_string(std::uniform_int_distribution<int>(1, 999)(rng)) + "号";
        char buf[32];
        std::snprintf(buf, sizeof buf, "JZK%08d", 10000000 + i);
        p.identifier(core::IdentifierKind::MedicalCardNo) = buf;
        std::snprintf(buf, sizeof buf, "MZ%08d", 20000000 + i);
        p.identifier(core::IdentifierKind::OutpatientNo) = buf;
        std::snprintf(buf, sizeof buf, "DJ%08d", 30000000 + i);
        p.identifier(core::IdentifierKind::RegistrationNo) = buf;
        std::snprintf(buf, sizeof buf, "HIS%07d", 1000000 + i);
        p.identifier(core::IdentifierKind::HisPatientId) = buf;
        if (i % 4 == 0) {
            std::snprintf(buf, sizeof buf, "ZY%08d", 40000000 + i);
            p.identifier(core::IdentifierKind::InpatientNo) = buf;
        }
        if (i % 3 == 0) {
            std::snprintf(buf, sizeof buf, "SB%010d", 500000000 + i);
            p.identifier(core::IdentifierKind::SocialSecurityNo) = buf;
        }
        // A few confidential patients show the confidentiality rule at work.
        p.confidential = (i % 50 == 7);
        patients.push_back(std::move(p));
    }
    return patients;
}

} // namespace lumen::server
