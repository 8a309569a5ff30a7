#include "lumen/dicom/instance_attributes.h"

#include "part10_prescan.h"
#include "text_decoder.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcitem.h"
#include "dcmtk/dcmdata/dcmetinf.h"
#include "dcmtk/dcmdata/dcsequen.h"
#include "dcmtk/dcmdata/dcvr.h"

#include <charconv>

namespace lumen::dicom {
namespace {

// Values longer than this stay in the file (DCMTK reads them only when asked), so a large
// pixel data element or waveform never enters memory.
constexpr Uint32 maxReadLengthBytes = 4096;

std::string trimmed(std::string value)
{
    while (!value.empty() && (value.back() == '\0' || value.back() == ' '))
        value.pop_back();
    std::size_t first = 0;
    while (first < value.size() && value[first] == ' ')
        ++first;
    return value.substr(first);
}

bool isUnknownVr(DcmEVR vr)
{
    return vr == EVR_UN || vr == EVR_UNKNOWN || vr == EVR_UNKNOWN2B;
}

// The element's value as DICOM text (multi-values joined with '\'). Elements some writers
// store with VR UN (a retired practice, see CP-246) still hold the text bytes.
std::string text(DcmItem& item, const DcmTagKey& key)
{
    DcmElement* element = nullptr;
    if (item.findAndGetElement(key, element).bad() || element == nullptr)
        return {};
    if (isUnknownVr(element->ident())) {
        Uint8* bytes = nullptr;
        if (element->getUint8Array(bytes).bad() || bytes == nullptr)
            return {};
        return trimmed(std::string(reinterpret_cast<const char*>(bytes), element->getLength()));
    }
    OFString value;
    if (element->getOFStringArray(value).bad())
        return {};
    return trimmed(std::string(value.c_str(), value.length()));
}

int unsignedShort(DcmItem& item, const DcmTagKey& key, bool littleEndian)
{
    DcmElement* element = nullptr;
    if (item.findAndGetElement(key, element).bad() || element == nullptr)
        return 0;
    if (isUnknownVr(element->ident())) {
        Uint8* bytes = nullptr;
        if (!littleEndian || element->getLength() != 2 || element->getUint8Array(bytes).bad() ||
            bytes == nullptr)
            return 0;
        return bytes[0] | (bytes[1] << 8);
    }
    Uint16 value = 0;
    return element->getUint16(value).good() ? value : 0;
}

int numberOfFrames(DcmItem& item)
{
    const std::string value = text(item, DCM_NumberOfFrames);
    int frames = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), frames);
    if (error != std::errc() || end != value.data() + value.size() || frames < 1)
        return 1;
    return frames;
}

std::string otherPatientIds(DcmItem& item)
{
    DcmSequenceOfItems* sequence = nullptr;
    if (item.findAndGetSequence(DCM_OtherPatientIDsSequence, sequence).bad() || sequence == nullptr)
        return {};
    std::string joined;
    for (unsigned long i = 0; i < sequence->card(); ++i) {
        DcmItem* entry = sequence->getItem(i);
        const std::string id = entry ? text(*entry, DCM_PatientID) : std::string();
        if (id.empty())
            continue;
        if (!joined.empty())
            joined += '\\';
        joined += id;
    }
    return joined;
}

void requireUid(const std::string& value, const char* name, const DcmTagKey& key)
{
    const std::string tag = key.toString().c_str();
    if (value.empty())
        throw DicomError("missing_uid", std::string(name) + " " + tag + " is missing");
    if (!isValidUid(value))
        throw DicomError("malformed_uid",
                         std::string(name) + " " + tag + " is not a valid UID: '" + value + "'");
}

void requireMetaMatch(DcmItem& meta, const DcmTagKey& metaKey, const std::string& dataSetValue,
                      const char* name)
{
    const std::string metaValue = text(meta, metaKey);
    if (metaValue.empty())
        throw DicomError("meta_mismatch",
                         std::string("the file meta information lacks Media Storage ") + name);
    if (metaValue != dataSetValue)
        throw DicomError("meta_mismatch", std::string("Media Storage ") + name + " '" + metaValue +
                                              "' in the file meta information differs from the data set's '" +
                                              dataSetValue + "'");
}

} // namespace

InstanceAttributes readInstanceAttributes(const std::string& path, const ParseLimits& limits)
{
    // DCMTK would follow any nesting depth and trust any length: the own walk comes first.
    const detail::PrescanResult scan = detail::prescanPart10(path, limits);

    DcmFileFormat file;
    const OFCondition loaded =
        file.loadFile(OFFilename(path.c_str()), EXS_Unknown, EGL_noChange, maxReadLengthBytes, ERM_fileOnly);
    if (loaded.bad())
        throw DicomError("malformed", std::string("the file could not be parsed: ") + loaded.text());
    DcmDataset& data = *file.getDataset();
    DcmMetaInfo& meta = *file.getMetaInfo();

    InstanceAttributes a;
    a.sopClassUid = text(data, DCM_SOPClassUID);
    a.sopInstanceUid = text(data, DCM_SOPInstanceUID);
    a.studyInstanceUid = text(data, DCM_StudyInstanceUID);
    a.seriesInstanceUid = text(data, DCM_SeriesInstanceUID);
    requireUid(a.sopClassUid, "SOP Class UID", DCM_SOPClassUID);
    requireUid(a.sopInstanceUid, "SOP Instance UID", DCM_SOPInstanceUID);
    requireUid(a.studyInstanceUid, "Study Instance UID", DCM_StudyInstanceUID);
    requireUid(a.seriesInstanceUid, "Series Instance UID", DCM_SeriesInstanceUID);
    // A C-STORE file's meta carries the UIDs of the request, so this also catches a data set
    // that is not the instance the sender announced.
    requireMetaMatch(meta, DCM_MediaStorageSOPClassUID, a.sopClassUid, "SOP Class UID");
    requireMetaMatch(meta, DCM_MediaStorageSOPInstanceUID, a.sopInstanceUid, "SOP Instance UID");

    a.transferSyntaxUid = scan.transferSyntaxUid;
    a.specificCharacterSet = text(data, DCM_SpecificCharacterSet);
    detail::TextDecoder byCharset(a.specificCharacterSet);
    detail::TextDecoder plain(std::string{}); // CS, DA, TM, IS: the default repertoire
    // `key` gives the VR (hence the decoding) and, unless `name` does, the name a failure is
    // reported under.
    auto decoded = [&](const std::string& value, const DcmTagKey& key, const char* name = nullptr) {
        const DcmEVR vr = DcmTag(key).getEVR();
        const bool affected = DcmVR(vr).isAffectedBySpecificCharacterSet();
        Utf8Text t =
            (affected ? byCharset : plain)
                .decode(value, vr == EVR_PN ? detail::personNameDelimiters : detail::valueDelimiters);
        if (!t.exact)
            a.undecodableText.emplace_back(name ? name : DcmTag(key).getTagName());
        return std::move(t.text);
    };
    auto textOf = [&](const DcmTagKey& key) { return decoded(text(data, key), key); };
    a.patientId = textOf(DCM_PatientID);
    a.issuerOfPatientId = textOf(DCM_IssuerOfPatientID);
    a.otherPatientIds = decoded(otherPatientIds(data), DCM_PatientID, "OtherPatientIDsSequence");
    a.patientName = textOf(DCM_PatientName);
    a.patientBirthDate = textOf(DCM_PatientBirthDate);
    a.patientSex = textOf(DCM_PatientSex);
    a.studyDate = textOf(DCM_StudyDate);
    a.studyTime = textOf(DCM_StudyTime);
    a.accessionNumber = textOf(DCM_AccessionNumber);
    a.studyId = textOf(DCM_StudyID);
    a.studyDescription = textOf(DCM_StudyDescription);
    a.referringPhysicianName = textOf(DCM_ReferringPhysicianName);
    a.modality = textOf(DCM_Modality);
    a.seriesNumber = textOf(DCM_SeriesNumber);
    a.seriesDescription = textOf(DCM_SeriesDescription);
    a.bodyPartExamined = textOf(DCM_BodyPartExamined);
    a.instanceNumber = textOf(DCM_InstanceNumber);
    const bool littleEndian = scan.transferSyntaxUid != "1.2.840.10008.1.2.2";
    a.rows = unsignedShort(data, DCM_Rows, littleEndian);
    a.columns = unsignedShort(data, DCM_Columns, littleEndian);
    a.numberOfFrames = numberOfFrames(data);
    a.fileSizeBytes = scan.fileSizeBytes;
    return a;
}

bool isValidUid(const std::string& uid)
{
    // PS3.5 9.1: at most 64 characters, digits and dots, no empty component, no leading zero
    // in a component of more than one digit.
    if (uid.empty() || uid.size() > 64)
        return false;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = uid.find('.', start);
        const std::size_t end = dot == std::string::npos ? uid.size() : dot;
        if (end == start)
            return false;
        for (std::size_t i = start; i < end; ++i)
            if (uid[i] < '0' || uid[i] > '9')
                return false;
        if (end - start > 1 && uid[start] == '0')
            return false;
        if (dot == std::string::npos)
            return true;
        start = dot + 1;
    }
}

} // namespace lumen::dicom
