#pragma once
// Synthetic CT-like series with known content at known patient coordinates, written as real
// DICOM files. Used by the demo data, the imaging tests (the answer is computed, not read)
// and the loading benchmark.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace lumen::dicom {

struct PhantomSphere
{
    std::array<double, 3> centreMm; // patient coordinates (LPS)
    double radiusMm = 10;
    double value = 100; // HU inside
};

struct PhantomRod // a cylinder between two points
{
    std::array<double, 3> fromMm;
    std::array<double, 3> toMm;
    double radiusMm = 2;
    double value = 1000;
};

struct PhantomSpec
{
    int rows = 256;
    int columns = 256;
    std::array<double, 2> pixelSpacingMm{1.0, 1.0}; // row spacing, column spacing
    // Image Orientation (Patient): row direction cosines then column direction cosines.
    std::array<double, 6> orientation{1, 0, 0, 0, 1, 0};
    std::array<double, 3> firstPositionMm{-128, -128, 0}; // IPP of the first slice
    // Distance of each slice from the first along the normal (row x column); uneven allowed.
    std::vector<double> sliceOffsetsMm;
    double sliceThicknessMm = 1.0;
    double backgroundValue = -1000; // air
    double bodyValue = 40;          // an ellipsoid "body" filling most of the field
    bool withBody = true;
    std::vector<PhantomSphere> spheres;
    std::vector<PhantomRod> rods;
    // Written as Gantry/Detector Tilt; each slice's position also moves along the column
    // direction by tan(tilt) per mm along the normal, as a tilted acquisition's do.
    double gantryTiltDegrees = 0;

    // Identity of the written objects.
    std::string patientName = "PHANTOM^CT";
    std::string patientId = "PHANTOM1";
    std::string patientSex = "O";
    std::string patientBirthDate = "19700101";
    std::string accessionNumber;
    std::string studyInstanceUid;    // generated when empty
    std::string seriesInstanceUid;   // generated when empty
    std::string frameOfReferenceUid; // generated when empty
    std::string studyDate = "20260101";
    std::string studyTime = "080000";
    std::string studyDescription = "CT PHANTOM";
    std::string seriesDescription = "Phantom axial";
    std::string bodyPartExamined = "CHEST";
    std::string modality = "CT";
    int seriesNumber = 1;
    double windowCenter = 40;
    double windowWidth = 400;
};

// The value of the phantom at a patient point (what a perfect scanner would measure).
double phantomValueAt(const PhantomSpec& spec, const std::array<double, 3>& pointMm);

// Writes one uncompressed (Explicit VR Little Endian) CT Image Storage file per slice into
// folder, named slice_NNNN.dcm; returns the paths. Pixels are int16 HU (slope 1, intercept 0).
std::vector<std::string> writePhantomSeries(const PhantomSpec& spec, const std::string& folder);

// The same objects as in-memory Part 10 bytes (for uploads without touching disk).
std::vector<std::string> phantomSeriesBytes(const PhantomSpec& spec);

} // namespace lumen::dicom
