#pragma once
// The attributes of one stored DICOM instance that the index and queries need, read from a
// file without exposing DCMTK types.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lumen::dicom {

struct InstanceAttributes
{
    // Identity
    std::string sopClassUid;
    std::string sopInstanceUid;
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string transferSyntaxUid; // from the file meta information
    // Text below is UTF-8, decoded from the object's Specific Character Set (the file keeps its
    // own bytes); person names keep their DICOM form, e.g. "Zhang^San=张^三".
    // Patient level
    std::string patientId;
    std::string issuerOfPatientId;
    std::string otherPatientIds; // all OtherPatientIDsSequence IDs, joined with '\\'
    std::string patientName;
    std::string patientBirthDate; // YYYYMMDD
    std::string patientSex;
    // Study level
    std::string studyDate; // YYYYMMDD
    std::string studyTime; // HHMMSS(.frac)
    std::string accessionNumber;
    std::string studyId;
    std::string studyDescription;
    std::string referringPhysicianName;
    // Series level
    std::string modality;
    std::string seriesNumber;
    std::string seriesDescription;
    std::string bodyPartExamined;
    // Instance level
    std::string instanceNumber;
    int rows = 0;
    int columns = 0;
    int numberOfFrames = 1;
    std::uint64_t fileSizeBytes = 0;
    std::string specificCharacterSet; // as the object declares it
    // Keywords of the text attributes above that did not decode and hold the lossless fallback
    // of character_set.h instead (e.g. GB18030 bytes in an object that declares no character set).
    std::vector<std::string> undecodableText;
};

// Why a file was refused; `code` is stable for logs and tests: not_dicom (no preamble and
// "DICM"), bad_meta (no transfer syntax in the file meta), truncated, too_deep, too_large,
// malformed (lengths or delimiters that do not fit), unreadable (cannot open or read),
// missing_uid, malformed_uid, meta_mismatch (file meta UIDs differ from the data set's).
class DicomError : public std::runtime_error
{
public:
    DicomError(std::string code, const std::string& message)
        : std::runtime_error(message), m_code(std::move(code))
    {
    }
    const std::string& code() const { return m_code; }

private:
    std::string m_code;
};

struct ParseLimits
{
    int maxSequenceDepth = 16;               // deeper nesting is refused before DCMTK parses it
    std::uint64_t maxFileBytes = 4ULL << 30; // absurd sizes are refused
};

// Reads and validates a Part 10 file: refuses (DicomError) a file that is not DICOM, is
// truncated, has element lengths beyond the file, nests sequences deeper than the limit,
// lacks or has malformed SOP Class / SOP Instance / Study / Series UIDs.
InstanceAttributes readInstanceAttributes(const std::string& path, const ParseLimits& limits = {});

// True when `uid` is a syntactically valid UID (digits and dots, <= 64 chars, no empty or
// leading-zero components).
bool isValidUid(const std::string& uid);

} // namespace lumen::dicom
