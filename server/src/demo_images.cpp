#include "demo_images.h"

#include "log.h"
#include "services/archive_service.h"

#include "lumen/dicom/phantom_series.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/database.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <optional>
#include <utility>
#include <vector>

namespace lumen::server {

namespace {

struct DemoStudyTarget
{
    std::string accession;
    std::string patientName;
    std::string patientSex;
    std::string birthDate; // YYYYMMDD
    std::string examDate;  // YYYYMMDD
    std::string modality;
    std::string patientId; // a hospital identifier of the patient, so every study matches them
    std::string bodyPart;  // of the exam's first item, e.g. 头颅
};

// The first exam of `modality` of a patient every radiologist may see, waiting for its images (filing them
// moves it to "images received", so it reaches the reading worklist as a scanned patient would), else the
// first whose images are recorded as arrived. With `headFirst`, a head exam in any of those states wins
// (the MR phantom is a head).
std::optional<DemoStudyTarget> examNeedingImages(store::ConnectionPool& readers, const std::string& modality,
                                                 bool headFirst = false)
{
    auto db = readers.lease();
    auto q =
        db->prepare("SELECT e.accession_number, p.name, p.sex, COALESCE(p.birth_date, ''), e.created_at, "
                    "COALESCE(p.medical_card_no, p.outpatient_no, p.inpatient_no, p.registration_no, ''), "
                    "COALESCE((SELECT body_part FROM exam_items i WHERE i.exam_id = e.id ORDER BY position "
                    "LIMIT 1), '') "
                    "FROM exams e JOIN patients p ON p.id = e.patient_id "
                    "WHERE e.modality = ?1 AND p.confidential = 0 "
                    "AND e.status IN ('examined', 'called', 'checked_in', "
                    "'images_received', 'reported', 'approved') "
                    "ORDER BY CASE WHEN ?2 AND EXISTS (SELECT 1 FROM exam_items i WHERE i.exam_id = e.id "
                    "AND (i.body_part LIKE '%头%' OR i.body_part LIKE '%颅%')) THEN 0 ELSE 1 END, "
                    "CASE WHEN e.status IN ('examined', 'called', 'checked_in') THEN 0 "
                    "WHEN e.status = 'images_received' THEN 1 ELSE 2 END, e.id LIMIT 1");
    q.bind(1, modality).bind(2, headFirst ? 1 : 0);
    if (!q.step())
        return std::nullopt;
    auto digits = [](std::string s) {
        std::erase_if(s, [](char c) { return c < '0' || c > '9'; });
        return s.substr(0, 8);
    };
    return DemoStudyTarget{q.text(0),         q.text(1), q.text(2), digits(q.text(3)),
                           digits(q.text(4)), modality,  q.text(5), q.text(6)};
}

// A data folder the demo created (never a real one started with --demo later) whose archive is
// still empty.
bool demoArchiveIsEmpty(store::ConnectionPool& readers)
{
    auto db = readers.lease();
    auto q = db->prepare("SELECT (SELECT COUNT(*) FROM dicom_studies), "
                         "EXISTS (SELECT 1 FROM audit_log WHERE action = 'demo.create')");
    return q.step() && q.integer(0) == 0 && q.integer(1) == 1;
}

// The patient and exam the phantom stands for, as a modality would write them.
void setIdentity(dicom::PhantomSpec& s, const DemoStudyTarget& t)
{
    s.patientName = t.patientName;
    s.patientId = t.patientId.empty() ? "DEMO-" + t.accession : t.patientId;
    s.patientSex = t.patientSex.empty() ? "O" : t.patientSex;
    s.patientBirthDate = t.birthDate;
    s.accessionNumber = t.accession;
    s.studyDate = t.examDate;
}

// A chest: body, two lungs (air-like), heart, spine and aorta as rods, a small nodule in the
// right lung: enough for lung and mediastinal windows, MPR and 3D to show something a
// radiologist recognises. `shiftMm` moves the patient in the scanner (the prior).
dicom::PhantomSpec chestCt(const DemoStudyTarget& t, int slices, std::array<double, 3> shiftMm)
{
    dicom::PhantomSpec s;
    s.rows = s.columns = 512;
    s.pixelSpacingMm = {0.7, 0.7};
    s.firstPositionMm = {-179.0 + shiftMm[0], -179.0 + shiftMm[1], -75.0 + shiftMm[2]};
    for (int k = 0; k < slices; ++k)
        s.sliceOffsetsMm.push_back(k * 1.25);
    s.sliceThicknessMm = 1.25;
    auto at = [&](double x, double y, double z) {
        return std::array<double, 3>{x + shiftMm[0], y + shiftMm[1], z + shiftMm[2]};
    };
    s.spheres = {{at(-70, -10, 0), 62, -850},                 // right lung
                 {at(70, -10, 0), 62, -850},                  // left lung
                 {at(15, -35, -20), 42, 45},                  // heart
                 {at(-60, -30, 25), 5, 60},                   // a nodule in the right lung
                 {at(0, 60, -65), 12, 650}};                  // a vertebral body
    s.rods = {{at(0, 62, -80), at(0, 62, 80), 10, 700},       // spine
              {at(20, 20, -80), at(20, 20, 80), 11, 180},     // descending aorta (enhanced)
              {at(-25, -60, -80), at(-25, -60, 80), 6, 900}}; // sternum-like bar
    s.bodyValue = 35;
    setIdentity(s, t);
    s.studyDescription = "CT CHEST";
    s.seriesDescription = "Chest 1.25mm";
    s.bodyPartExamined = "CHEST";
    s.windowCenter = 40;
    s.windowWidth = 400;
    return s;
}

// A head: skull as a bone shell, brain, ventricles and a small hyperdense bleed, for the
// brain window.
dicom::PhantomSpec headCt(const DemoStudyTarget& t, int slices, std::array<double, 3> shiftMm)
{
    dicom::PhantomSpec s = chestCt(t, slices, shiftMm);
    s.pixelSpacingMm = {0.45, 0.45};
    s.firstPositionMm = {-115.0 + shiftMm[0], -115.0 + shiftMm[1], -50.0 + shiftMm[2]};
    s.sliceOffsetsMm.clear();
    for (int k = 0; k < slices; ++k)
        s.sliceOffsetsMm.push_back(k * 1.0);
    s.sliceThicknessMm = 1.0;
    s.withBody = false;
    auto at = [&](double x, double y, double z) {
        return std::array<double, 3>{x + shiftMm[0], y + shiftMm[1], z + shiftMm[2]};
    };
    s.spheres = {{at(0, 0, 30), 92, 40},                            // scalp
                 {at(0, 0, 30), 88, 900},                           // skull
                 {at(0, 0, 30), 82, 34},                            // brain
                 {at(-8, -5, 35), 9, 5},                            // ventricles
                 {at(8, -5, 35), 9, 5},   {at(35, 30, 45), 7, 70}}; // a small haemorrhage
    s.rods = {};
    s.studyDescription = "CT HEAD";
    s.seriesDescription = "Head 1.0mm";
    s.bodyPartExamined = "HEAD";
    s.windowCenter = 40;
    s.windowWidth = 80;
    return s;
}

bool isHead(const DemoStudyTarget& t)
{
    return t.bodyPart.find("头") != std::string::npos || t.bodyPart.find("颅") != std::string::npos;
}

dicom::PhantomSpec headMr(const DemoStudyTarget& t)
{
    dicom::PhantomSpec s;
    s.rows = s.columns = 256;
    s.pixelSpacingMm = {0.9, 0.9};
    s.firstPositionMm = {-115, -115, -40};
    for (int k = 0; k < 40; ++k)
        s.sliceOffsetsMm.push_back(k * 2.0);
    s.sliceThicknessMm = 2;
    s.modality = "MR";
    s.backgroundValue = 0;
    s.bodyValue = 400;
    s.spheres = {{{0, 0, 40}, 70, 600}, {{-25, 10, 45}, 8, 1200}, {{20, -20, 30}, 12, 250}};
    setIdentity(s, t);
    s.studyDescription = "MR HEAD";
    s.seriesDescription = "T1 axial";
    s.bodyPartExamined = "HEAD";
    s.windowCenter = 600;
    s.windowWidth = 1200;
    return s;
}

int ingestSeries(ArchiveService& archive, const dicom::PhantomSpec& spec, const std::filesystem::path& folder)
{
    const auto paths = dicom::writePhantomSeries(spec, folder.string());
    int stored = 0;
    const IngestSource source{"system", "local", "", "demo"};
    for (const auto& path : paths) {
        const auto result = archive.ingest(path, source);
        if (result.outcome.status == 0)
            ++stored;
    }
    std::filesystem::remove_all(folder);
    return stored;
}

std::string monthsEarlier(const std::string& yyyymmdd, int months)
{
    if (yyyymmdd.size() != 8)
        return yyyymmdd;
    int year = std::stoi(yyyymmdd.substr(0, 4)), month = std::stoi(yyyymmdd.substr(4, 2)) - months;
    while (month < 1) {
        month += 12;
        --year;
    }
    char out[16];
    std::snprintf(out, sizeof out, "%04d%02d%s", year, month, yyyymmdd.substr(6, 2).c_str());
    return out;
}

} // namespace

int insertDemoImages(ArchiveService& archive, store::ConnectionPool& readers, const std::string& dataDir)
{
    if (!demoArchiveIsEmpty(readers))
        return 0;
    const auto started = std::chrono::steady_clock::now();
    const std::filesystem::path work = std::filesystem::path(dataDir) / "demo-images.tmp";
    std::vector<std::pair<dicom::PhantomSpec, std::filesystem::path>> series;
    if (auto ct = examNeedingImages(readers, "CT")) {
        const bool head = isHead(*ct);
        series.emplace_back(head ? headCt(*ct, 160, {0, 0, 0}) : chestCt(*ct, 160, {0, 0, 0}), work / "ct");
        // The prior: months earlier, no accession (it predates the order), patient lying 6 mm
        // further left and 9 mm lower on another frame of reference.
        DemoStudyTarget prior = *ct;
        prior.accession.clear();
        dicom::PhantomSpec spec = head ? headCt(prior, 120, {6, 0, -9}) : chestCt(prior, 120, {6, 0, -9});
        spec.studyDate = monthsEarlier(ct->examDate, 3);
        spec.studyDescription += " (prior)";
        series.emplace_back(std::move(spec), work / "prior");
    }
    if (auto mr = examNeedingImages(readers, "MR", true))
        series.emplace_back(headMr(*mr), work / "mr");
    // One series is generated while another waits for its fsyncs and index transactions.
    std::vector<std::future<int>> running;
    for (const auto& [spec, folder] : series)
        running.push_back(std::async(
            std::launch::async, [&archive, &spec, &folder] { return ingestSeries(archive, spec, folder); }));
    int stored = 0;
    for (auto& r : running)
        stored += r.get();
    std::error_code ignored;
    std::filesystem::remove_all(work, ignored);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
            .count();
    logLine(LogLevel::Info, "demo", "demo images stored",
            {{"instances", std::to_string(stored)}, {"ms", std::to_string(ms)}});
    return stored;
}

} // namespace lumen::server
