#include "lumen/dicom/phantom_series.h"

#include "lumen/dicom/instance_attributes.h"

#include "part10_bytes.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcostrmb.h"
#include "dcmtk/dcmdata/dcuid.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

namespace lumen::dicom {

namespace {

using P3 = std::array<double, 3>;

double dot(const P3& a, const P3& b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

P3 minus(const P3& a, const P3& b)
{
    return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}

P3 cross(const P3& a, const P3& b)
{
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

P3 rowOf(const PhantomSpec& s)
{
    return {s.orientation[0], s.orientation[1], s.orientation[2]};
}

P3 columnOf(const PhantomSpec& s)
{
    return {s.orientation[3], s.orientation[4], s.orientation[5]};
}

P3 normalOf(const PhantomSpec& s)
{
    return cross(rowOf(s), columnOf(s));
}

// Image Position (Patient) of slice k: along the normal, plus the in-plane shift a tilted
// gantry gives (the column direction moves by tan(tilt) per mm along the normal).
P3 positionOf(const PhantomSpec& s, std::size_t k)
{
    const double offset = k < s.sliceOffsetsMm.size() ? s.sliceOffsetsMm[k] : 0.0;
    const P3 n = normalOf(s), c = columnOf(s);
    const double shear = std::tan(s.gantryTiltDegrees * 3.14159265358979323846 / 180.0);
    P3 p = s.firstPositionMm;
    for (int i = 0; i < 3; ++i)
        p[std::size_t(i)] += offset * n[std::size_t(i)] + offset * shear * c[std::size_t(i)];
    return p;
}

std::string uid(const char* root)
{
    char buffer[100];
    return dcmGenerateUniqueIdentifier(buffer, root);
}

std::string decimalString(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", v);
    return buffer;
}

std::string multi(std::initializer_list<double> values)
{
    std::string out;
    for (double v : values) {
        if (!out.empty())
            out += '\\';
        out += decimalString(v);
    }
    return out;
}

struct SeriesIds
{
    std::string study, series, frame;
};

SeriesIds idsOf(const PhantomSpec& spec)
{
    return {spec.studyInstanceUid.empty() ? uid(SITE_STUDY_UID_ROOT) : spec.studyInstanceUid,
            spec.seriesInstanceUid.empty() ? uid(SITE_SERIES_UID_ROOT) : spec.seriesInstanceUid,
            spec.frameOfReferenceUid.empty() ? uid(SITE_UID_ROOT) : spec.frameOfReferenceUid};
}

std::vector<Sint16> slicePixels(const PhantomSpec& spec, std::size_t k)
{
    std::vector<Sint16> pixels(std::size_t(spec.rows) * std::size_t(spec.columns));
    const P3 origin = positionOf(spec, k), row = rowOf(spec), column = columnOf(spec);
    for (int y = 0; y < spec.rows; ++y)
        for (int x = 0; x < spec.columns; ++x) {
            P3 p;
            for (int i = 0; i < 3; ++i)
                p[std::size_t(i)] = origin[std::size_t(i)] +
                                    x * spec.pixelSpacingMm[1] * row[std::size_t(i)] +
                                    y * spec.pixelSpacingMm[0] * column[std::size_t(i)];
            const double v = std::clamp(std::round(phantomValueAt(spec, p)), -32768.0, 32767.0);
            pixels[std::size_t(y) * std::size_t(spec.columns) + std::size_t(x)] = Sint16(v);
        }
    return pixels;
}

std::unique_ptr<DcmFileFormat> sliceObject(const PhantomSpec& spec, const SeriesIds& ids, std::size_t k)
{
    auto file = std::make_unique<DcmFileFormat>();
    DcmDataset* d = file->getDataset();
    const std::string sop = uid(SITE_INSTANCE_UID_ROOT);
    const P3 position = positionOf(spec, k);
    auto put = [d](const DcmTagKey& tag, const std::string& value) {
        d->putAndInsertString(tag, value.c_str());
    };
    put(DCM_SpecificCharacterSet, "ISO_IR 192");
    put(DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
    put(DCM_SOPClassUID, UID_CTImageStorage);
    put(DCM_SOPInstanceUID, sop);
    put(DCM_StudyDate, spec.studyDate);
    put(DCM_SeriesDate, spec.studyDate);
    put(DCM_ContentDate, spec.studyDate);
    put(DCM_StudyTime, spec.studyTime);
    put(DCM_SeriesTime, spec.studyTime);
    put(DCM_ContentTime, spec.studyTime);
    put(DCM_AccessionNumber, spec.accessionNumber);
    put(DCM_Modality, spec.modality);
    put(DCM_Manufacturer, "Lumen phantom");
    put(DCM_ReferringPhysicianName, "");
    put(DCM_StudyDescription, spec.studyDescription);
    put(DCM_SeriesDescription, spec.seriesDescription);
    put(DCM_PatientName, spec.patientName);
    put(DCM_PatientID, spec.patientId);
    put(DCM_PatientBirthDate, spec.patientBirthDate);
    put(DCM_PatientSex, spec.patientSex);
    put(DCM_BodyPartExamined, spec.bodyPartExamined);
    put(DCM_SliceThickness, decimalString(spec.sliceThicknessMm));
    put(DCM_KVP, "120");
    put(DCM_GantryDetectorTilt, decimalString(spec.gantryTiltDegrees));
    put(DCM_PatientPosition, "HFS");
    put(DCM_StudyInstanceUID, ids.study);
    put(DCM_SeriesInstanceUID, ids.series);
    put(DCM_StudyID, "1");
    put(DCM_SeriesNumber, std::to_string(spec.seriesNumber));
    put(DCM_AcquisitionNumber, "1");
    put(DCM_InstanceNumber, std::to_string(k + 1));
    put(DCM_ImagePositionPatient, multi({position[0], position[1], position[2]}));
    put(DCM_ImageOrientationPatient, multi({spec.orientation[0], spec.orientation[1], spec.orientation[2],
                                            spec.orientation[3], spec.orientation[4], spec.orientation[5]}));
    put(DCM_FrameOfReferenceUID, ids.frame);
    put(DCM_PositionReferenceIndicator, "");
    put(DCM_SliceLocation, decimalString(dot(position, normalOf(spec))));
    d->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    put(DCM_PhotometricInterpretation, "MONOCHROME2");
    d->putAndInsertUint16(DCM_Rows, Uint16(spec.rows));
    d->putAndInsertUint16(DCM_Columns, Uint16(spec.columns));
    put(DCM_PixelSpacing, multi({spec.pixelSpacingMm[0], spec.pixelSpacingMm[1]}));
    d->putAndInsertUint16(DCM_BitsAllocated, 16);
    d->putAndInsertUint16(DCM_BitsStored, 16);
    d->putAndInsertUint16(DCM_HighBit, 15);
    d->putAndInsertUint16(DCM_PixelRepresentation, 1);
    put(DCM_WindowCenter, decimalString(spec.windowCenter));
    put(DCM_WindowWidth, decimalString(spec.windowWidth));
    put(DCM_RescaleIntercept, "0");
    put(DCM_RescaleSlope, "1");
    put(DCM_RescaleType, "HU");
    const auto pixels = slicePixels(spec, k);
    d->putAndInsertUint16Array(DCM_PixelData, reinterpret_cast<const Uint16*>(pixels.data()),
                               static_cast<unsigned long>(pixels.size()));
    return file;
}

// Slices are independent: several threads fill them.
template <class Use> void forEachSlice(const PhantomSpec& spec, Use use)
{
    const SeriesIds ids = idsOf(spec);
    const std::size_t count = spec.sliceOffsetsMm.size();
    const unsigned threads = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
    std::vector<std::thread> workers;
    std::exception_ptr failure;
    std::mutex failureMutex;
    for (unsigned t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            try {
                for (std::size_t k = t; k < count; k += threads) {
                    auto file = sliceObject(spec, ids, k);
                    use(k, *file);
                }
            } catch (...) {
                std::lock_guard lock(failureMutex);
                failure = std::current_exception();
            }
        });
    for (auto& w : workers)
        w.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace

double phantomValueAt(const PhantomSpec& spec, const std::array<double, 3>& p)
{
    double value = spec.backgroundValue;
    if (spec.withBody) {
        // An elliptic cylinder along the slice normal, centred in the first slice's field.
        const P3 row = rowOf(spec), column = columnOf(spec);
        P3 centre = spec.firstPositionMm;
        for (int i = 0; i < 3; ++i)
            centre[std::size_t(i)] +=
                (spec.columns - 1) / 2.0 * spec.pixelSpacingMm[1] * row[std::size_t(i)] +
                (spec.rows - 1) / 2.0 * spec.pixelSpacingMm[0] * column[std::size_t(i)];
        const P3 d = minus(p, centre);
        const double a = 0.45 * spec.columns * spec.pixelSpacingMm[1];
        const double b = 0.35 * spec.rows * spec.pixelSpacingMm[0];
        const double u = dot(d, row) / a, v = dot(d, column) / b;
        if (u * u + v * v <= 1)
            value = spec.bodyValue;
    }
    for (const PhantomSphere& s : spec.spheres) {
        const P3 d = minus(p, s.centreMm);
        if (dot(d, d) <= s.radiusMm * s.radiusMm)
            value = s.value;
    }
    for (const PhantomRod& r : spec.rods) {
        const P3 axis = minus(r.toMm, r.fromMm);
        const double length2 = dot(axis, axis);
        const double t = length2 > 0 ? dot(minus(p, r.fromMm), axis) / length2 : 0;
        if (t < 0 || t > 1)
            continue;
        P3 closest;
        for (int i = 0; i < 3; ++i)
            closest[std::size_t(i)] = r.fromMm[std::size_t(i)] + t * axis[std::size_t(i)];
        const P3 d = minus(p, closest);
        if (dot(d, d) <= r.radiusMm * r.radiusMm)
            value = r.value;
    }
    return value;
}

std::vector<std::string> writePhantomSeries(const PhantomSpec& spec, const std::string& folder)
{
    std::filesystem::create_directories(folder);
    std::vector<std::string> paths(spec.sliceOffsetsMm.size());
    forEachSlice(spec, [&](std::size_t k, DcmFileFormat& file) {
        char name[32];
        std::snprintf(name, sizeof name, "slice_%04zu.dcm", k + 1);
        const std::string path = (std::filesystem::path(folder) / name).string();
        const std::string bytes = detail::part10Bytes(file);
        std::ofstream out(path, std::ios::binary);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        if (!out)
            throw DicomError("unwritable", "cannot write " + path);
        paths[k] = path;
    });
    return paths;
}

std::vector<std::string> phantomSeriesBytes(const PhantomSpec& spec)
{
    std::vector<std::string> objects(spec.sliceOffsetsMm.size());
    forEachSlice(spec, [&](std::size_t k, DcmFileFormat& file) { objects[k] = detail::part10Bytes(file); });
    return objects;
}

} // namespace lumen::dicom
