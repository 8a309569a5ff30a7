#include "lumen/dicom/derived_objects.h"

#include "lumen/dicom/instance_attributes.h"

#include "part10_bytes.h"

#include "data_set_utf8.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcistrmb.h"
#include "dcmtk/dcmdata/dcostrmb.h"
#include "dcmtk/dcmdata/dcuid.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace lumen::dicom {

namespace {

std::string newUid(const char* root)
{
    char buffer[100];
    return dcmGenerateUniqueIdentifier(buffer, root);
}

struct Now
{
    std::string date; // YYYYMMDD
    std::string time; // HHMMSS
};

Now now()
{
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    char date[16], time[16];
    std::strftime(date, sizeof date, "%Y%m%d", &local);
    std::strftime(time, sizeof time, "%H%M%S", &local);
    return {date, time};
}

void put(DcmItem& item, const DcmTagKey& tag, const std::string& value)
{
    item.putAndInsertString(tag, value.c_str());
}

// Patient and General Study modules, copied from the study's own identity.
void putStudy(DcmItem& d, const StudyIdentity& s)
{
    put(d, DCM_SpecificCharacterSet, "ISO_IR 192");
    put(d, DCM_PatientName, s.patientName);
    put(d, DCM_PatientID, s.patientId);
    put(d, DCM_PatientBirthDate, s.patientBirthDate);
    put(d, DCM_PatientSex, s.patientSex);
    put(d, DCM_StudyInstanceUID, s.studyInstanceUid);
    put(d, DCM_StudyDate, s.studyDate);
    put(d, DCM_StudyTime, s.studyTime);
    put(d, DCM_StudyID, s.studyId);
    put(d, DCM_AccessionNumber, s.accessionNumber);
    put(d, DCM_ReferringPhysicianName, s.referringPhysicianName);
    put(d, DCM_StudyDescription, s.studyDescription);
}

void putCode(DcmItem& item, const DcmTagKey& sequence, const char* value, const char* scheme,
             const char* meaning)
{
    DcmItem* code = nullptr;
    if (item.findOrCreateSequenceItem(sequence, code, -2).good()) {
        put(*code, DCM_CodeValue, value);
        put(*code, DCM_CodingSchemeDesignator, scheme);
        put(*code, DCM_CodeMeaning, meaning);
    }
}

} // namespace

std::vector<std::string> secondaryCaptureSeries(const StudyIdentity& study,
                                                const std::vector<CapturedImage>& images,
                                                const std::string& seriesDescription, int seriesNumber)
{
    const std::string series = newUid(SITE_SERIES_UID_ROOT);
    const Now at = now();
    std::vector<std::string> objects;
    int number = 0;
    for (const CapturedImage& image : images) {
        if (image.width <= 0 || image.height <= 0 ||
            image.rgb.size() != std::size_t(image.width) * std::size_t(image.height) * 3)
            throw DicomError("bad_image", "a captured image has no pixels or the wrong size");
        DcmFileFormat file;
        DcmDataset& d = *file.getDataset();
        putStudy(d, study);
        put(d, DCM_SOPClassUID, UID_SecondaryCaptureImageStorage);
        put(d, DCM_SOPInstanceUID, newUid(SITE_INSTANCE_UID_ROOT));
        put(d, DCM_ImageType, "DERIVED\\SECONDARY");
        put(d, DCM_Modality, "OT");
        put(d, DCM_ConversionType, "WSD"); // workstation
        put(d, DCM_SeriesInstanceUID, series);
        put(d, DCM_SeriesNumber, std::to_string(seriesNumber));
        put(d, DCM_SeriesDescription, seriesDescription);
        put(d, DCM_SeriesDate, at.date);
        put(d, DCM_SeriesTime, at.time);
        put(d, DCM_ContentDate, at.date);
        put(d, DCM_ContentTime, at.time);
        put(d, DCM_InstanceNumber, std::to_string(++number));
        put(d, DCM_PatientOrientation, "");
        put(d, DCM_Laterality, ""); // type 2C: a capture of no paired organ in particular
        put(d, DCM_Manufacturer, "Lumen");
        put(d, DCM_SecondaryCaptureDeviceManufacturer, "Lumen");
        put(d, DCM_SecondaryCaptureDeviceManufacturerModelName, "lumen-reading");
        put(d, DCM_BurnedInAnnotation, "NO");
        d.putAndInsertUint16(DCM_SamplesPerPixel, 3);
        put(d, DCM_PhotometricInterpretation, "RGB");
        d.putAndInsertUint16(DCM_PlanarConfiguration, 0);
        d.putAndInsertUint16(DCM_Rows, Uint16(image.height));
        d.putAndInsertUint16(DCM_Columns, Uint16(image.width));
        d.putAndInsertUint16(DCM_BitsAllocated, 8);
        d.putAndInsertUint16(DCM_BitsStored, 8);
        d.putAndInsertUint16(DCM_HighBit, 7);
        d.putAndInsertUint16(DCM_PixelRepresentation, 0);
        d.putAndInsertUint8Array(DCM_PixelData, image.rgb.data(),
                                 static_cast<unsigned long>(image.rgb.size()));
        objects.push_back(detail::part10Bytes(file));
    }
    return objects;
}

std::string keyObjectSelection(const StudyIdentity& study, const std::vector<KeyImageReference>& images,
                               const std::string& note)
{
    if (images.empty())
        throw DicomError("bad_reference", "a key object selection needs at least one image");
    const Now at = now();
    DcmFileFormat file;
    DcmDataset& d = *file.getDataset();
    putStudy(d, study);
    put(d, DCM_SOPClassUID, UID_KeyObjectSelectionDocumentStorage);
    put(d, DCM_SOPInstanceUID, newUid(SITE_INSTANCE_UID_ROOT));
    put(d, DCM_Modality, "KO");
    put(d, DCM_SeriesInstanceUID, newUid(SITE_SERIES_UID_ROOT));
    put(d, DCM_SeriesNumber, "9901");
    put(d, DCM_SeriesDescription, "Key images");
    put(d, DCM_Manufacturer, "Lumen");
    put(d, DCM_InstanceNumber, "1");
    put(d, DCM_ContentDate, at.date);
    put(d, DCM_ContentTime, at.time);
    // Key Object Document module: no request the document answers.
    d.insertEmptyElement(DCM_ReferencedPerformedProcedureStepSequence);
    // SR Document Content: a CONTAINER titled "Of Interest" (TID 2010).
    put(d, DCM_ValueType, "CONTAINER");
    putCode(d, DCM_ConceptNameCodeSequence, "113000", "DCM", "Of Interest");
    put(d, DCM_ContinuityOfContent, "SEPARATE");
    DcmItem* templateItem = nullptr;
    if (d.findOrCreateSequenceItem(DCM_ContentTemplateSequence, templateItem, -2).good()) {
        put(*templateItem, DCM_MappingResource, "DCMR");
        put(*templateItem, DCM_TemplateIdentifier, "2010");
    }
    if (!note.empty()) {
        DcmItem* item = nullptr;
        d.findOrCreateSequenceItem(DCM_ContentSequence, item, -2);
        put(*item, DCM_RelationshipType, "CONTAINS");
        put(*item, DCM_ValueType, "TEXT");
        putCode(*item, DCM_ConceptNameCodeSequence, "113012", "DCM", "Key Object Description");
        put(*item, DCM_TextValue, note);
    }
    for (const KeyImageReference& ref : images) {
        DcmItem* item = nullptr;
        d.findOrCreateSequenceItem(DCM_ContentSequence, item, -2);
        put(*item, DCM_RelationshipType, "CONTAINS");
        put(*item, DCM_ValueType, "IMAGE");
        DcmItem* sop = nullptr;
        item->findOrCreateSequenceItem(DCM_ReferencedSOPSequence, sop, -2);
        put(*sop, DCM_ReferencedSOPClassUID, ref.sopClassUid);
        put(*sop, DCM_ReferencedSOPInstanceUID, ref.sopInstanceUid);
        if (ref.frame > 0)
            put(*sop, DCM_ReferencedFrameNumber, std::to_string(ref.frame));
    }
    // Current Requested Procedure Evidence: every referenced image, by series.
    DcmItem* evidence = nullptr;
    d.findOrCreateSequenceItem(DCM_CurrentRequestedProcedureEvidenceSequence, evidence, -2);
    put(*evidence, DCM_StudyInstanceUID, study.studyInstanceUid);
    std::vector<std::string> seriesDone;
    for (const KeyImageReference& ref : images) {
        if (std::find(seriesDone.begin(), seriesDone.end(), ref.seriesInstanceUid) != seriesDone.end())
            continue;
        seriesDone.push_back(ref.seriesInstanceUid);
        DcmItem* seriesItem = nullptr;
        evidence->findOrCreateSequenceItem(DCM_ReferencedSeriesSequence, seriesItem, -2);
        put(*seriesItem, DCM_SeriesInstanceUID, ref.seriesInstanceUid);
        for (const KeyImageReference& member : images)
            if (member.seriesInstanceUid == ref.seriesInstanceUid) {
                DcmItem* sop = nullptr;
                seriesItem->findOrCreateSequenceItem(DCM_ReferencedSOPSequence, sop, -2);
                put(*sop, DCM_ReferencedSOPClassUID, member.sopClassUid);
                put(*sop, DCM_ReferencedSOPInstanceUID, member.sopInstanceUid);
            }
    }
    return detail::part10Bytes(file);
}

StudyIdentity studyIdentityOf(const std::string& part10Bytes)
{
    DcmInputBufferStream stream;
    stream.setBuffer(part10Bytes.data(), offile_off_t(part10Bytes.size()));
    stream.setEos();
    DcmFileFormat file;
    file.transferInit();
    const OFCondition status = file.read(stream, EXS_Unknown, EGL_noChange, 64 * 1024);
    file.transferEnd();
    if (status.bad())
        throw DicomError("unreadable", std::string("not a readable DICOM file: ") + status.text());
    DcmDataset& d = *file.getDataset();
    detail::convertToUtf8(d);
    auto text = [&d](const DcmTagKey& tag) {
        OFString v;
        d.findAndGetOFStringArray(tag, v);
        return std::string(v.c_str());
    };
    return {text(DCM_PatientName),      text(DCM_PatientID),
            text(DCM_PatientBirthDate), text(DCM_PatientSex),
            text(DCM_StudyInstanceUID), text(DCM_StudyDate),
            text(DCM_StudyTime),        text(DCM_StudyID),
            text(DCM_AccessionNumber),  text(DCM_ReferringPhysicianName),
            text(DCM_StudyDescription)};
}

} // namespace lumen::dicom
