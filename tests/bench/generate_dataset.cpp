// Bench data generator for tests/bench/archive_vs_orthanc.sh (built only for the benchmarks).
//
//   bench_generate_dataset ct DIR SLICES [SHARDS]
//       one CT series of SLICES 512x512 16-bit slices (CT Image Storage, explicit VR little
//       endian, true geometry, a water phantom with noise); SHARDS > 1 spreads the slices
//       round-robin over DIR/part0 .. DIR/part{SHARDS-1} for parallel senders.
//   bench_generate_dataset studies DIR COUNT [SHARDS]
//       COUNT one-instance studies (32x32 16-bit CT), each of its own patient, with distinct
//       PatientID, AccessionNumber and UIDs and varied PatientName and StudyDate. Identifiers
//       follow from the study's number, so `queries` can ask for studies that exist.
//   bench_generate_dataset queries DIR COUNT STUDIES [SEED]
//       COUNT study-level C-FIND identifiers by PatientID (DIR/pid/) and COUNT by a wildcard
//       patient name (DIR/name/), plus the same searches URL-encoded for QIDO-RS in
//       DIR/pid.txt and DIR/name.txt, one per line.
#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcuid.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Pinyin family and given names: a wildcard such as ZHANG^XIU* matches a realistic handful.
constexpr std::array familyNames{"WANG", "LI",    "ZHANG", "LIU",   "CHEN", "YANG",  "HUANG", "ZHAO", "WU",
                                 "ZHOU", "XU",    "SUN",   "MA",    "ZHU",  "HU",    "GUO",   "HE",   "GAO",
                                 "LIN",  "LUO",   "ZHENG", "LIANG", "XIE",  "SONG",  "TANG",  "HAN",  "FENG",
                                 "DENG", "CAO",   "PENG",  "ZENG",  "XIAO", "TIAN",  "DONG",  "PAN",  "YUAN",
                                 "CAI",  "JIANG", "YU",    "DU",    "YE",   "CHENG", "WEI",   "SU",   "LV",
                                 "DING", "REN",   "SHEN",  "YAO",   "LU"};
constexpr std::array givenNames{
    "WEI",      "FANG",    "NA",     "XIUYING", "MIN",     "JING",     "LI",      "QIANG",   "LEI",
    "JUN",      "YANG",    "YONG",   "YAN",     "JIE",     "JUAN",     "TAO",     "MING",    "CHAO",
    "XIULAN",   "XIA",     "PING",   "GANG",    "GUIYING", "HUA",      "JIANHUA", "DAN",     "HAO",
    "HONG",     "XIUZHEN", "YUN",    "LIN",     "BIN",     "HUI",      "KAI",     "LING",    "XIN",
    "YU",       "FEI",     "RUI",    "TING",    "XUE",     "ZHIQIANG", "JIANJUN", "HAIYAN",  "GUILAN",
    "XIAOHONG", "WENJUN",  "ZHENYU", "SHUFEN",  "YUHUA",   "CHUNMEI",  "LIHUA",   "HAIFENG", "XIAOLI",
    "ZIHAN",    "YUTONG",  "HAORAN", "YICHEN",  "MUCHEN",  "ZIXUAN"};
constexpr std::array studyDescriptions{"CT HEAD W/O CONTRAST", "CT CHEST", "CT ABDOMEN PELVIS",
                                       "CT CHEST LOW DOSE",    "CTA HEAD", "CT SPINE LUMBAR"};

std::uint64_t splitmix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::string newUid(const char* root)
{
    char buffer[100];
    return dcmGenerateUniqueIdentifier(buffer, root);
}

std::string digits(long long value, int width)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%0*lld", width, value);
    return buffer;
}

std::string decimal(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
    return buffer;
}

// Everything a study's header says about its patient follows from its number.
struct StudyIdentity
{
    std::string patientId, familyName, givenName, birthDate, sex, accession, studyDate, studyTime,
        description;
};

StudyIdentity studyIdentity(long long number)
{
    const auto h = splitmix(static_cast<std::uint64_t>(number));
    StudyIdentity s;
    s.patientId = "BP" + digits(number, 7);
    s.familyName = familyNames[h % familyNames.size()];
    s.givenName = givenNames[(h >> 8) % givenNames.size()];
    s.birthDate =
        digits(1930 + (h >> 16) % 90, 4) + digits(1 + (h >> 24) % 12, 2) + digits(1 + (h >> 28) % 28, 2);
    s.sex = ((h >> 33) & 1) ? "M" : "F";
    s.accession = "BA" + digits(number, 8);
    s.studyDate =
        digits(2016 + (h >> 34) % 10, 4) + digits(1 + (h >> 38) % 12, 2) + digits(1 + (h >> 42) % 28, 2);
    s.studyTime = digits(7 + (h >> 47) % 12, 2) + digits((h >> 51) % 60, 2) + "00";
    s.description = studyDescriptions[(h >> 57) % studyDescriptions.size()];
    return s;
}

void put(DcmItem& item, const DcmTagKey& key, const std::string& value)
{
    if (item.putAndInsertString(key, value.c_str()).bad())
        throw std::runtime_error("cannot set " + std::string(DcmTag(key).getTagName()) + " = " + value);
}

void putNumber(DcmItem& item, const DcmTagKey& key, Uint16 value)
{
    if (item.putAndInsertUint16(key, value).bad())
        throw std::runtime_error("cannot set " + std::string(DcmTag(key).getTagName()));
}

struct Series
{
    StudyIdentity study;
    std::string studyUid = newUid(SITE_STUDY_UID_ROOT);
    std::string seriesUid = newUid(SITE_SERIES_UID_ROOT);
    std::string frameOfReferenceUid = newUid(SITE_UID_ROOT ".1.5");
    std::string seriesDescription;
    int seriesNumber = 2;
    int size = 512;
    double spacingMm = 0.7;
    double thicknessMm = 1.0;
};

// A water cylinder (0 HU) in air (-1000 HU) with a denser core whose size changes along z, plus
// noise, stored as unsigned values with rescale intercept -1024.
std::vector<Uint16> phantomPixels(int size, int sliceNumber, std::uint64_t& noise)
{
    std::vector<Uint16> pixels(std::size_t(size) * std::size_t(size));
    const double centre = (size - 1) / 2.0;
    const double body = size * 0.42;
    const double core = size * (0.08 + 0.04 * std::sin(sliceNumber * 0.05));
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const double r = std::hypot(x - centre, (y - centre) * 1.15);
            double hu = r < core ? 60 : r < body ? 0 : -1000;
            noise = splitmix(noise);
            hu += double(noise % 41) - 20;
            pixels[std::size_t(y) * std::size_t(size) + std::size_t(x)] =
                static_cast<Uint16>(std::clamp(hu + 1024, 0.0, 4095.0));
        }
    return pixels;
}

void writeCtSlice(const Series& s, int sliceNumber, const fs::path& file, std::uint64_t& noise)
{
    DcmFileFormat dicom;
    DcmDataset& ds = *dicom.getDataset();
    put(ds, DCM_SpecificCharacterSet, "ISO_IR 100");
    put(ds, DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
    put(ds, DCM_SOPClassUID, UID_CTImageStorage);
    put(ds, DCM_SOPInstanceUID, newUid(SITE_INSTANCE_UID_ROOT));
    put(ds, DCM_StudyDate, s.study.studyDate);
    put(ds, DCM_SeriesDate, s.study.studyDate);
    put(ds, DCM_ContentDate, s.study.studyDate);
    put(ds, DCM_StudyTime, s.study.studyTime);
    put(ds, DCM_SeriesTime, s.study.studyTime);
    put(ds, DCM_ContentTime, s.study.studyTime);
    put(ds, DCM_AccessionNumber, s.study.accession);
    put(ds, DCM_Modality, "CT");
    put(ds, DCM_Manufacturer, "LUMEN BENCH");
    put(ds, DCM_InstitutionName, "LUMEN BENCH HOSPITAL");
    put(ds, DCM_ReferringPhysicianName, "LIU^MIN");
    put(ds, DCM_StudyDescription, s.study.description);
    put(ds, DCM_SeriesDescription, s.seriesDescription);
    put(ds, DCM_ManufacturerModelName, "PHANTOM-16");
    put(ds, DCM_PatientName, s.study.familyName + "^" + s.study.givenName);
    put(ds, DCM_PatientID, s.study.patientId);
    put(ds, DCM_IssuerOfPatientID, "LUMEN-BENCH");
    put(ds, DCM_PatientBirthDate, s.study.birthDate);
    put(ds, DCM_PatientSex, s.study.sex);
    put(ds, DCM_BodyPartExamined, "CHEST");
    put(ds, DCM_SliceThickness, decimal(s.thicknessMm));
    put(ds, DCM_KVP, "120");
    put(ds, DCM_PatientPosition, "HFS");
    put(ds, DCM_StudyInstanceUID, s.studyUid);
    put(ds, DCM_SeriesInstanceUID, s.seriesUid);
    put(ds, DCM_StudyID, s.study.accession.substr(2));
    put(ds, DCM_SeriesNumber, std::to_string(s.seriesNumber));
    put(ds, DCM_InstanceNumber, std::to_string(sliceNumber));
    const double half = (s.size - 1) * s.spacingMm / 2;
    const double z = -(sliceNumber - 1) * s.thicknessMm;
    put(ds, DCM_ImagePositionPatient, decimal(-half) + "\\" + decimal(-half) + "\\" + decimal(z));
    put(ds, DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
    put(ds, DCM_FrameOfReferenceUID, s.frameOfReferenceUid);
    put(ds, DCM_PositionReferenceIndicator, "");
    put(ds, DCM_SliceLocation, decimal(z));
    putNumber(ds, DCM_SamplesPerPixel, 1);
    put(ds, DCM_PhotometricInterpretation, "MONOCHROME2");
    putNumber(ds, DCM_Rows, Uint16(s.size));
    putNumber(ds, DCM_Columns, Uint16(s.size));
    put(ds, DCM_PixelSpacing, decimal(s.spacingMm) + "\\" + decimal(s.spacingMm));
    putNumber(ds, DCM_BitsAllocated, 16);
    putNumber(ds, DCM_BitsStored, 12);
    putNumber(ds, DCM_HighBit, 11);
    putNumber(ds, DCM_PixelRepresentation, 0);
    put(ds, DCM_WindowCenter, "40");
    put(ds, DCM_WindowWidth, "400");
    put(ds, DCM_RescaleIntercept, "-1024");
    put(ds, DCM_RescaleSlope, "1");
    put(ds, DCM_RescaleType, "HU");
    const auto pixels = phantomPixels(s.size, sliceNumber, noise);
    if (ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()))
            .bad())
        throw std::runtime_error("cannot set the pixel data");
    const OFCondition saved = dicom.saveFile(file.c_str(), EXS_LittleEndianExplicit);
    if (saved.bad())
        throw std::runtime_error("cannot write " + file.string() + ": " + saved.text());
}

fs::path shardDir(const fs::path& dir, int shards, long long index)
{
    if (shards <= 1)
        return dir;
    return dir / ("part" + std::to_string(index % shards));
}

void makeDirs(const fs::path& dir, int shards)
{
    fs::create_directories(dir);
    for (int i = 0; shards > 1 && i < shards; ++i)
        fs::create_directories(dir / ("part" + std::to_string(i)));
}

int writeCtSeries(const fs::path& dir, int slices, int shards)
{
    makeDirs(dir, shards);
    Series s;
    s.study = studyIdentity(9'000'000 + long(splitmix(std::uint64_t(std::time(nullptr))) % 900'000));
    s.seriesDescription = "CHEST 1.0 B30f";
    std::uint64_t noise = 42;
    for (int i = 1; i <= slices; ++i)
        writeCtSlice(s, i, shardDir(dir, shards, i - 1) / ("ct" + digits(i, 5) + ".dcm"), noise);
    std::printf("study=%s series=%s slices=%d\n", s.studyUid.c_str(), s.seriesUid.c_str(), slices);
    return 0;
}

int writeStudies(const fs::path& dir, long long count, int shards)
{
    makeDirs(dir, shards);
    std::uint64_t noise = 7;
    for (long long i = 0; i < count; ++i) {
        Series s;
        s.study = studyIdentity(i);
        s.seriesDescription = "SCOUT";
        s.seriesNumber = 1;
        s.size = 32;
        s.spacingMm = 10;
        writeCtSlice(s, 1, shardDir(dir, shards, i) / ("st" + digits(i, 7) + ".dcm"), noise);
    }
    std::printf("studies=%lld\n", count);
    return 0;
}

std::string urlEncoded(const std::string& text)
{
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
            out += char(c);
        else {
            char buffer[4];
            std::snprintf(buffer, sizeof buffer, "%%%02X", c);
            out += buffer;
        }
    }
    return out;
}

// A study-level query as a viewer's search sends it: one matching key, the usual columns.
void writeQuery(const fs::path& file, const DcmTagKey& matchKey, const std::string& value)
{
    DcmFileFormat dicom;
    DcmDataset& ds = *dicom.getDataset();
    put(ds, DCM_QueryRetrieveLevel, "STUDY");
    for (const auto& key : {DCM_PatientName, DCM_PatientID, DCM_PatientBirthDate, DCM_PatientSex,
                            DCM_StudyInstanceUID, DCM_StudyDate, DCM_StudyTime, DCM_AccessionNumber,
                            DCM_StudyDescription, DCM_ModalitiesInStudy, DCM_NumberOfStudyRelatedInstances})
        put(ds, key, key == matchKey ? value : "");
    const OFCondition saved = dicom.saveFile(file.c_str(), EXS_LittleEndianExplicit);
    if (saved.bad())
        throw std::runtime_error("cannot write " + file.string() + ": " + saved.text());
}

int writeQueries(const fs::path& dir, int count, long long studies, std::uint64_t seed)
{
    fs::create_directories(dir / "pid");
    fs::create_directories(dir / "name");
    std::ofstream pidList(dir / "pid.txt"), nameList(dir / "name.txt");
    std::uint64_t random = seed;
    for (int i = 0; i < count; ++i) {
        random = splitmix(random);
        const auto byId = studyIdentity(static_cast<long long>(random % std::uint64_t(studies)));
        writeQuery(dir / "pid" / ("q" + digits(i, 5) + ".dcm"), DCM_PatientID, byId.patientId);
        pidList << "PatientID=" << byId.patientId << "\n";
        random = splitmix(random);
        // The family name and the first three letters of the given name, as typed at a desk.
        const auto byName = studyIdentity(static_cast<long long>(random % std::uint64_t(studies)));
        const std::string pattern = byName.familyName + "^" + byName.givenName.substr(0, 3) + "*";
        writeQuery(dir / "name" / ("q" + digits(i, 5) + ".dcm"), DCM_PatientName, pattern);
        nameList << "PatientName=" << urlEncoded(pattern) << "\n";
    }
    std::printf("queries=%d\n", count);
    return 0;
}

long long number(const char* text)
{
    char* end = nullptr;
    const long long n = std::strtoll(text, &end, 10);
    if (end == text || *end != '\0' || n < 1)
        throw std::invalid_argument(std::string("not a positive number: ") + text);
    return n;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string usage = "usage: bench_generate_dataset ct DIR SLICES [SHARDS]\n"
                              "       bench_generate_dataset studies DIR COUNT [SHARDS]\n"
                              "       bench_generate_dataset queries DIR COUNT STUDIES [SEED]\n";
    try {
        const std::string command = argc > 1 ? argv[1] : "";
        if (command == "ct" && (argc == 4 || argc == 5))
            return writeCtSeries(argv[2], int(number(argv[3])), argc == 5 ? int(number(argv[4])) : 1);
        if (command == "studies" && (argc == 4 || argc == 5))
            return writeStudies(argv[2], number(argv[3]), argc == 5 ? int(number(argv[4])) : 1);
        if (command == "queries" && (argc == 5 || argc == 6))
            return writeQueries(argv[2], int(number(argv[3])), number(argv[4]),
                                argc == 6 ? std::uint64_t(number(argv[5])) : 1);
        std::fputs(usage.c_str(), stderr);
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_generate_dataset: %s\n", e.what());
        return 1;
    }
}
