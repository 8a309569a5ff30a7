#include "scheduling/scheduling_config_json.h"

#include "lumen/core/date.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace lumen::server {

using nlohmann::json;
using namespace lumen::scheduling;

namespace {

constexpr const char* weekdayKeys[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

std::optional<Weekday> weekdayFromKey(const std::string& key)
{
    for (int i = 0; i < 7; ++i)
        if (key == weekdayKeys[i])
            return Weekday(i);
    return std::nullopt;
}

template <class T> json codes(const std::vector<T>& values)
{
    json out = json::array();
    for (const auto& v : values)
        out.push_back(std::string(toCode(v)));
    return out;
}

json selectorJson(const ExamSelector& s)
{
    return {{"methodIds", s.methodIds}, {"groupIds", s.groupIds}, {"bodyPartIds", s.bodyPartIds}};
}

json weekdaysJson(const std::vector<Weekday>& days)
{
    json out = json::array();
    for (auto d : days)
        out.push_back(weekdayKeys[int(d)]);
    return out;
}

// Reads fields of one object, collecting problems with their paths instead of stopping.
class Reader
{
public:
    Reader(const json& object, std::string path, std::vector<std::string>& problems)
        : m_object(object), m_path(std::move(path)), m_problems(problems)
    {
        if (!m_object.is_object())
            problem("", "must be an object");
    }

    std::string at(const std::string& key) const { return m_path.empty() ? key : m_path + "." + key; }
    void problem(const std::string& key, const std::string& text) const
    {
        const auto where = key.empty() ? m_path : at(key);
        m_problems.push_back((where.empty() ? std::string("document") : where) + ": " + text);
    }
    const json* field(const std::string& key) const
    {
        if (!m_object.is_object())
            return nullptr;
        const auto it = m_object.find(key);
        return it == m_object.end() || it->is_null() ? nullptr : &*it;
    }

    std::string text(const std::string& key, bool required, std::size_t maxLength = 200) const
    {
        const auto* v = field(key);
        if (!v) {
            if (required)
                problem(key, "is required");
            return {};
        }
        if (!v->is_string()) {
            problem(key, "must be text");
            return {};
        }
        auto s = v->get<std::string>();
        if (required && s.empty())
            problem(key, "must not be empty");
        if (s.size() > maxLength)
            problem(key, "is longer than " + std::to_string(maxLength) + " bytes");
        return s;
    }
    int integer(const std::string& key, int fallback, int min, int max) const
    {
        const auto* v = field(key);
        if (!v)
            return fallback;
        if (!v->is_number_integer() || v->get<long long>() < min || v->get<long long>() > max) {
            problem(key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
            return fallback;
        }
        return v->get<int>();
    }
    double number(const std::string& key, double fallback, double min, double max) const
    {
        const auto* v = field(key);
        if (!v)
            return fallback;
        if (!v->is_number() || v->get<double>() < min || v->get<double>() > max) {
            problem(key, "must be a number from " + json(min).dump() + " to " + json(max).dump());
            return fallback;
        }
        return v->get<double>();
    }
    bool boolean(const std::string& key, bool fallback) const
    {
        const auto* v = field(key);
        if (!v)
            return fallback;
        if (!v->is_boolean()) {
            problem(key, "must be true or false");
            return fallback;
        }
        return v->get<bool>();
    }
    int clock(const std::string& key, int fallback) const
    {
        const auto* v = field(key);
        if (!v)
            return fallback;
        const auto minute = v->is_string() ? parseClock(v->get<std::string>()) : std::nullopt;
        if (!minute) {
            problem(key, "must be a time HH:MM from 00:00 to 24:00");
            return fallback;
        }
        return *minute;
    }
    std::optional<core::Date> date(const std::string& key, bool required) const
    {
        const auto s = text(key, required, 10);
        if (s.empty())
            return std::nullopt;
        const auto d = core::parseIsoDate(s);
        if (!d)
            problem(key, "must be a date YYYY-MM-DD");
        return d;
    }
    // Each element through `read(element, itsPath)`.
    template <class F> void each(const std::string& key, F&& read) const
    {
        const auto* v = field(key);
        if (!v)
            return;
        if (!v->is_array()) {
            problem(key, "must be a list");
            return;
        }
        for (std::size_t i = 0; i < v->size(); ++i)
            read((*v)[i], at(key) + "[" + std::to_string(i) + "]");
    }
    std::vector<std::string> texts(const std::string& key) const
    {
        std::vector<std::string> out;
        each(key, [&](const json& e, const std::string& path) {
            if (e.is_string() && !e.get<std::string>().empty())
                out.push_back(e.get<std::string>());
            else
                m_problems.push_back(path + ": must be non-empty text");
        });
        return out;
    }
    template <class T, class Parse> std::vector<T> codeList(const std::string& key, Parse parse) const
    {
        std::vector<T> out;
        each(key, [&](const json& e, const std::string& path) {
            const auto value = e.is_string() ? parse(e.get<std::string>()) : std::nullopt;
            if (value)
                out.push_back(*value);
            else
                m_problems.push_back(path + ": unknown code " + e.dump());
        });
        return out;
    }
    ExamSelector selector(const std::string& key) const
    {
        ExamSelector s;
        const auto* v = field(key);
        if (!v)
            return s;
        Reader r(*v, at(key), m_problems);
        s.methodIds = r.texts("methodIds");
        s.groupIds = r.texts("groupIds");
        s.bodyPartIds = r.texts("bodyPartIds");
        return s;
    }
    std::vector<std::string>& problems() const { return m_problems; }

private:
    const json& m_object;
    std::string m_path;
    std::vector<std::string>& m_problems;
};

std::optional<Weekday> weekdayCode(const std::string& code)
{
    return weekdayFromKey(code);
}
std::optional<core::Sex> sexCode(const std::string& code)
{
    return core::sexFromCode(code);
}

void readCatalogue(const Reader& doc, ExamCatalogue& catalogue)
{
    auto& problems = doc.problems();
    doc.each("methods", [&](const json& e, const std::string& path) {
        Reader r(e, path, problems);
        ExamMethod m;
        m.id = r.text("id", true, 64);
        m.name = r.text("name", false, 64);
        if (m.name.empty())
            m.name = m.id;
        m.groupId = r.text("groupId", false, 64);
        m.baseMinutes = r.integer("baseMinutes", 10, 1, 24 * 60);
        m.precautions = r.text("precautions", false, 2000);
        if (catalogue.method(m.id))
            r.problem("id", "repeats method " + m.id);
        catalogue.addMethod(std::move(m));
    });
    doc.each("bodyParts", [&](const json& e, const std::string& path) {
        Reader r(e, path, problems);
        BodyPart p;
        p.id = r.text("id", true, 64);
        p.name = r.text("name", false, 64);
        if (p.name.empty())
            p.name = p.id;
        p.timeCoefficient = r.number("timeCoefficient", 1.0, 0.1, 20.0);
        p.precautions = r.text("precautions", false, 2000);
        if (catalogue.bodyPart(p.id))
            r.problem("id", "repeats body part " + p.id);
        catalogue.addBodyPart(std::move(p));
    });
    doc.each("coefficients", [&](const json& e, const std::string& path) {
        Reader r(e, path, problems);
        const auto method = r.text("methodId", true, 64);
        const auto part = r.text("bodyPartId", true, 64);
        catalogue.setCoefficient(method, part, r.number("coefficient", 1.0, 0.1, 20.0));
    });
}

Room readRoom(const json& e, const std::string& path, std::vector<std::string>& problems)
{
    Reader r(e, path, problems);
    Room room;
    room.id = r.text("id", true, 32);
    room.name = r.text("name", false, 64);
    if (room.name.empty())
        room.name = room.id;
    room.department = r.text("department", false, 32);
    room.methodIds = r.texts("methodIds");
    room.slotStepMinutes = r.integer("slotStepMinutes", 1, 1, 240);
    room.bookableDaysAhead = r.integer("bookableDaysAhead", 14, 0, 366);
    room.maxExamMinutes = r.integer("maxExamMinutes", 0, 0, 24 * 60);
    room.closedOnHolidays = r.boolean("closedOnHolidays", true);
    if (const auto* hours = r.field("hours")) {
        Reader h(*hours, r.at("hours"), problems);
        if (hours->is_object())
            for (const auto& [key, value] : hours->items())
                if (!weekdayFromKey(key))
                    h.problem(key, "is not a weekday (monday ... sunday)");
        for (int d = 0; d < 7; ++d)
            h.each(weekdayKeys[d], [&](const json& se, const std::string& sp) {
                Reader s(se, sp, problems);
                Segment segment;
                segment.startMinute = s.clock("start", 0);
                segment.endMinute = s.clock("end", 0);
                if (!s.field("start"))
                    s.problem("start", "is required");
                if (!s.field("end"))
                    s.problem("end", "is required");
                s.each("quotas", [&](const json& qe, const std::string& qp) {
                    Reader q(qe, qp, problems);
                    SegmentQuota quota;
                    quota.id = q.text("id", false, 64);
                    quota.groupId = q.text("groupId", false, 64);
                    quota.maxOutpatient = q.integer("maxOutpatient", kNoLimit, kNoLimit, 10000);
                    quota.maxInpatient = q.integer("maxInpatient", kNoLimit, kNoLimit, 10000);
                    quota.maxTotal = q.integer("maxTotal", kNoLimit, kNoLimit, 10000);
                    segment.quotas.push_back(std::move(quota));
                });
                room.hours[std::size_t(d)].push_back(std::move(segment));
            });
    }
    return room;
}

void readRules(const Reader& doc, RuleSet& rules)
{
    auto& problems = doc.problems();
    const auto* v = doc.field("rules");
    if (!v)
        return;
    Reader rs(*v, "rules", problems);
    rs.each("itemRules", [&](const json& e, const std::string& path) {
        Reader r(e, path, problems);
        ItemRule rule;
        rule.id = r.text("id", true, 64);
        rule.exams = r.selector("exams");
        rule.allowedRoomIds = r.texts("allowedRoomIds");
        rule.allowedChannels = r.codeList<BookingChannel>("allowedChannels", channelFromCode);
        rule.maxDaysAhead = r.integer("maxDaysAhead", 0, 0, 366);
        rules.itemRules.push_back(std::move(rule));
    });
    rs.each("timeRules", [&](const json& e, const std::string& path) {
        Reader r(e, path, problems);
        TimeRule rule;
        rule.id = r.text("id", true, 64);
        rule.exams = r.selector("exams");
        rule.roomIds = r.texts("roomIds");
        rule.weekdays = r.codeList<Weekday>("weekdays", weekdayCode);
        rule.dayParts = r.codeList<DayPart>("dayParts", dayPartFromCode);
        rule.fromMinute = r.clock("from", 0);
        rule.toMinute = r.clock("to", kMinutesPerDay);
        rules.timeRules.push_back(std::move(rule));
    });
    rs.each("requestRules", [&](const json& e, const std::string& path) {
        Reader r(e, path, problems);
        RequestRule rule;
        rule.id = r.text("id", true, 64);
        rule.exams = r.selector("exams");
        rule.roomIds = r.texts("roomIds");
        rule.departments = r.texts("departments");
        rule.sources = r.codeList<PatientSource>("sources", sourceFromCode);
        rule.sexes = r.codeList<core::Sex>("sexes", sexCode);
        if (r.field("minAgeYears"))
            rule.minAgeYears = r.integer("minAgeYears", 0, 0, 150);
        if (r.field("maxAgeYears"))
            rule.maxAgeYears = r.integer("maxAgeYears", 150, 0, 150);
        const auto priority = r.text("minimumPriority", false, 16);
        if (!priority.empty()) {
            if (const auto p = priorityFromCode(priority))
                rule.minimumPriority = *p;
            else
                r.problem("minimumPriority", "must be routine, urgent or emergency");
        }
        rules.requestRules.push_back(std::move(rule));
    });
    rs.each("fastingRules", [&](const json& e, const std::string& path) {
        Reader r(e, path, problems);
        FastingRule rule;
        rule.id = r.text("id", true, 64);
        rule.exams = r.selector("exams");
        rule.latestStartMinute = r.clock("latestStart", 10 * 60 + 30);
        rules.fastingRules.push_back(std::move(rule));
    });
    rs.each("exclusionRules", [&](const json& e, const std::string& path) {
        Reader r(e, path, problems);
        ExclusionRule rule;
        rule.id = r.text("id", true, 64);
        rule.first = r.selector("first");
        rule.second = r.selector("second");
        rule.minGapMinutes = r.integer("minGapMinutes", 0, 0, 366 * kMinutesPerDay);
        rules.exclusionRules.push_back(std::move(rule));
    });
    rs.each("orderRules", [&](const json& e, const std::string& path) {
        Reader r(e, path, problems);
        OrderRule rule;
        rule.id = r.text("id", true, 64);
        rule.before = r.selector("before");
        rule.after = r.selector("after");
        rule.minGapMinutes = r.integer("minGapMinutes", 0, 0, 366 * kMinutesPerDay);
        rules.orderRules.push_back(std::move(rule));
    });
    rs.each("sameDayRules", [&](const json& e, const std::string& path) {
        Reader r(e, path, problems);
        SameDayRule rule;
        rule.id = r.text("id", true, 64);
        rule.first = r.selector("first");
        rule.second = r.selector("second");
        rules.sameDayRules.push_back(std::move(rule));
    });
}

} // namespace

std::optional<int> parseClock(const std::string& text)
{
    if (text.size() != 5 || text[2] != ':' || !std::isdigit((unsigned char)text[0]) ||
        !std::isdigit((unsigned char)text[1]) || !std::isdigit((unsigned char)text[3]) ||
        !std::isdigit((unsigned char)text[4]))
        return std::nullopt;
    const int h = (text[0] - '0') * 10 + (text[1] - '0');
    const int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return std::nullopt;
    return h * 60 + m;
}

json toJson(const SchedulingConfig& c)
{
    json methods = json::array();
    auto sortedMethods = c.catalogue.methods();
    std::sort(sortedMethods.begin(), sortedMethods.end(), [](auto& a, auto& b) { return a.id < b.id; });
    for (const auto& m : sortedMethods)
        methods.push_back({{"id", m.id},
                           {"name", m.name},
                           {"groupId", m.groupId},
                           {"baseMinutes", m.baseMinutes},
                           {"precautions", m.precautions}});
    json parts = json::array();
    auto sortedParts = c.catalogue.bodyParts();
    std::sort(sortedParts.begin(), sortedParts.end(), [](auto& a, auto& b) { return a.id < b.id; });
    for (const auto& p : sortedParts)
        parts.push_back({{"id", p.id},
                         {"name", p.name},
                         {"timeCoefficient", p.timeCoefficient},
                         {"precautions", p.precautions}});
    json coefficients = json::array();
    for (const auto& [key, value] : c.catalogue.coefficientOverrides())
        coefficients.push_back({{"methodId", key.first}, {"bodyPartId", key.second}, {"coefficient", value}});
    json rooms = json::array();
    for (const auto& room : c.rooms) {
        json hours = json::object();
        for (int d = 0; d < 7; ++d) {
            json segments = json::array();
            for (const auto& s : room.hours[std::size_t(d)]) {
                json quotas = json::array();
                for (const auto& q : s.quotas)
                    quotas.push_back({{"id", q.id},
                                      {"groupId", q.groupId},
                                      {"maxOutpatient", q.maxOutpatient},
                                      {"maxInpatient", q.maxInpatient},
                                      {"maxTotal", q.maxTotal}});
                segments.push_back({{"start", formatClock(s.startMinute)},
                                    {"end", formatClock(s.endMinute)},
                                    {"quotas", quotas}});
            }
            hours[weekdayKeys[d]] = segments;
        }
        rooms.push_back({{"id", room.id},
                         {"name", room.name},
                         {"department", room.department},
                         {"methodIds", room.methodIds},
                         {"hours", hours},
                         {"slotStepMinutes", room.slotStepMinutes},
                         {"bookableDaysAhead", room.bookableDaysAhead},
                         {"maxExamMinutes", room.maxExamMinutes},
                         {"closedOnHolidays", room.closedOnHolidays}});
    }
    json closed = json::array();
    for (const auto& [day, h] : c.holidays.holidays())
        closed.push_back({{"date", core::formatIsoDate(h.date)}, {"name", h.name}});
    json swaps = json::array();
    for (const auto& [day, s] : c.holidays.swappedWorkdays())
        swaps.push_back({{"date", core::formatIsoDate(s.date)}, {"worksAs", weekdayKeys[int(s.worksAs)]}});

    json rules = json::object();
    json items = json::array();
    for (const auto& r : c.rules.itemRules)
        items.push_back({{"id", r.id},
                         {"exams", selectorJson(r.exams)},
                         {"allowedRoomIds", r.allowedRoomIds},
                         {"allowedChannels", codes(r.allowedChannels)},
                         {"maxDaysAhead", r.maxDaysAhead}});
    rules["itemRules"] = items;
    json times = json::array();
    for (const auto& r : c.rules.timeRules)
        times.push_back({{"id", r.id},
                         {"exams", selectorJson(r.exams)},
                         {"roomIds", r.roomIds},
                         {"weekdays", weekdaysJson(r.weekdays)},
                         {"dayParts", codes(r.dayParts)},
                         {"from", formatClock(r.fromMinute)},
                         {"to", formatClock(r.toMinute)}});
    rules["timeRules"] = times;
    json requests = json::array();
    for (const auto& r : c.rules.requestRules) {
        json sexes = json::array();
        for (auto s : r.sexes)
            sexes.push_back(std::string(core::toCode(s)));
        requests.push_back({{"id", r.id},
                            {"exams", selectorJson(r.exams)},
                            {"roomIds", r.roomIds},
                            {"departments", r.departments},
                            {"sources", codes(r.sources)},
                            {"sexes", sexes},
                            {"minAgeYears", r.minAgeYears ? json(*r.minAgeYears) : json(nullptr)},
                            {"maxAgeYears", r.maxAgeYears ? json(*r.maxAgeYears) : json(nullptr)},
                            {"minimumPriority", std::string(toCode(r.minimumPriority))}});
    }
    rules["requestRules"] = requests;
    json fasting = json::array();
    for (const auto& r : c.rules.fastingRules)
        fasting.push_back({{"id", r.id},
                           {"exams", selectorJson(r.exams)},
                           {"latestStart", formatClock(r.latestStartMinute)}});
    rules["fastingRules"] = fasting;
    json exclusions = json::array();
    for (const auto& r : c.rules.exclusionRules)
        exclusions.push_back({{"id", r.id},
                              {"first", selectorJson(r.first)},
                              {"second", selectorJson(r.second)},
                              {"minGapMinutes", r.minGapMinutes}});
    rules["exclusionRules"] = exclusions;
    json orders = json::array();
    for (const auto& r : c.rules.orderRules)
        orders.push_back({{"id", r.id},
                          {"before", selectorJson(r.before)},
                          {"after", selectorJson(r.after)},
                          {"minGapMinutes", r.minGapMinutes}});
    rules["orderRules"] = orders;
    json sameDay = json::array();
    for (const auto& r : c.rules.sameDayRules)
        sameDay.push_back(
            {{"id", r.id}, {"first", selectorJson(r.first)}, {"second", selectorJson(r.second)}});
    rules["sameDayRules"] = sameDay;

    return {{"utcOffsetMinutes", c.utcOffsetMinutes},
            {"methods", methods},
            {"bodyParts", parts},
            {"coefficients", coefficients},
            {"rooms", rooms},
            {"holidays", {{"closed", closed}, {"workdaySwaps", swaps}}},
            {"rules", rules},
            {"dayParts",
             {{"afternoonStart", formatClock(c.dayParts.afternoonStartMinute)},
              {"eveningStart", formatClock(c.dayParts.eveningStartMinute)}}},
            {"recommendation",
             {{"extraVisitCostMinutes", c.recommendation.extraVisitCostMinutes},
              {"sameDayMissCostMinutes", c.recommendation.sameDayMissCostMinutes},
              {"searchDays", c.recommendation.searchDays},
              {"freeChoiceDays", c.recommendation.freeChoiceDays},
              {"singleExamResults", c.recommendation.singleExamResults},
              {"combinationResults", c.recommendation.combinationResults}}},
            {"noShow",
             {{"consecutiveNoShowsToBlacklist", c.noShow.consecutiveNoShowsToBlacklist},
              {"autoRestoreAfterDays", c.noShow.autoRestoreAfterDays}}}};
}

ParsedSchedulingConfig schedulingConfigFromJson(const json& document)
{
    ParsedSchedulingConfig out;
    auto& problems = out.problems;
    auto& c = out.config;
    const Reader doc(document, "", problems);
    if (!document.is_object())
        return out;
    c.utcOffsetMinutes = doc.integer("utcOffsetMinutes", 8 * 60, -14 * 60, 14 * 60);
    readCatalogue(doc, c.catalogue);
    doc.each("rooms", [&](const json& e, const std::string& path) {
        auto room = readRoom(e, path, problems);
        if (c.room(room.id))
            problems.push_back(path + ".id: repeats room " + room.id);
        c.rooms.push_back(std::move(room));
    });
    if (const auto* h = doc.field("holidays")) {
        Reader hr(*h, "holidays", problems);
        hr.each("closed", [&](const json& e, const std::string& path) {
            Reader r(e, path, problems);
            if (const auto d = r.date("date", true))
                c.holidays.addHoliday({*d, r.text("name", false, 64)});
        });
        hr.each("workdaySwaps", [&](const json& e, const std::string& path) {
            Reader r(e, path, problems);
            const auto d = r.date("date", true);
            const auto as = weekdayFromKey(r.text("worksAs", true, 16));
            if (!as)
                r.problem("worksAs", "must be a weekday (monday ... sunday)");
            if (d && as)
                c.holidays.addSwappedWorkday({*d, *as});
        });
    }
    readRules(doc, c.rules);
    if (const auto* d = doc.field("dayParts")) {
        Reader r(*d, "dayParts", problems);
        c.dayParts.afternoonStartMinute = r.clock("afternoonStart", c.dayParts.afternoonStartMinute);
        c.dayParts.eveningStartMinute = r.clock("eveningStart", c.dayParts.eveningStartMinute);
    }
    if (const auto* d = doc.field("recommendation")) {
        Reader r(*d, "recommendation", problems);
        auto& p = c.recommendation;
        p.extraVisitCostMinutes =
            r.integer("extraVisitCostMinutes", p.extraVisitCostMinutes, 0, 100 * kMinutesPerDay);
        p.sameDayMissCostMinutes =
            r.integer("sameDayMissCostMinutes", p.sameDayMissCostMinutes, 0, 100 * kMinutesPerDay);
        p.searchDays = r.integer("searchDays", p.searchDays, 1, 60);
        p.freeChoiceDays = r.integer("freeChoiceDays", p.freeChoiceDays, 1, 31);
        p.singleExamResults = r.integer("singleExamResults", p.singleExamResults, 1, 50);
        p.combinationResults = r.integer("combinationResults", p.combinationResults, 1, 20);
    }
    if (const auto* d = doc.field("noShow")) {
        Reader r(*d, "noShow", problems);
        c.noShow.consecutiveNoShowsToBlacklist =
            r.integer("consecutiveNoShowsToBlacklist", c.noShow.consecutiveNoShowsToBlacklist, 1, 100);
        c.noShow.autoRestoreAfterDays =
            r.integer("autoRestoreAfterDays", c.noShow.autoRestoreAfterDays, 0, 3650);
    }
    if (problems.empty())
        for (auto& p : validateConfig(c))
            problems.push_back(std::move(p));
    return out;
}

} // namespace lumen::server
