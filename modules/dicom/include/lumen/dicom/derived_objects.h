#pragma once
// New DICOM objects a workstation adds to a study: secondary captures of rendered views and
// key object selections. Both are written as Part 10 bytes ready for STOW-RS or C-STORE.
#include <cstdint>
#include <string>
#include <vector>

namespace lumen::dicom {

// Patient/study identity copied from an existing instance of the study.
struct StudyIdentity
{
    std::string patientName; // UTF-8; written with Specific Character Set ISO_IR 192
    std::string patientId;
    std::string patientBirthDate;
    std::string patientSex;
    std::string studyInstanceUid;
    std::string studyDate;
    std::string studyTime;
    std::string studyId;
    std::string accessionNumber;
    std::string referringPhysicianName;
    std::string studyDescription;
};

struct CapturedImage
{
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb; // width*height*3, row-major, RGB
};

// Secondary Capture Image Storage (1.2.840.10008.5.1.4.1.1.7), one object per image, all in
// one new series. Valid for dciodvfy (SC Equipment Module, General Image, Image Pixel...).
std::vector<std::string> secondaryCaptureSeries(const StudyIdentity& study,
                                                const std::vector<CapturedImage>& images,
                                                const std::string& seriesDescription, int seriesNumber);

struct KeyImageReference
{
    std::string sopClassUid;
    std::string sopInstanceUid;
    std::string seriesInstanceUid;
    int frame = 0; // 0: the whole object
};

// Key Object Selection Document (1.2.840.10008.5.1.4.1.1.88.59) with title
// (113000, DCM, "Of Interest"), an optional text note, referencing the given images.
std::string keyObjectSelection(const StudyIdentity& study, const std::vector<KeyImageReference>& images,
                               const std::string& note);

// Reads the identity of a study from one of its instances (Part 10 bytes).
StudyIdentity studyIdentityOf(const std::string& part10Bytes);

} // namespace lumen::dicom
