#include "mpps_request.h"

#include "text_decoder.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcsequen.h"

#include <string>

namespace lumen::dicom::detail {
namespace {

std::string trimmed(const OFString& value)
{
    std::string text(value.c_str(), value.length());
    while (!text.empty() && (text.back() == ' ' || text.back() == '\0'))
        text.pop_back();
    std::size_t first = 0;
    while (first < text.size() && text[first] == ' ')
        ++first;
    return text.substr(first);
}

std::string plainText(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).bad())
        return {};
    return trimmed(value);
}

std::string decodedText(DcmItem& item, const DcmTagKey& tag, TextDecoder& decoder, const char* delimiters)
{
    return decoder.decode(plainText(item, tag), delimiters).text;
}

std::string tagName(const DcmTagKey& tag)
{
    DcmTag named(tag);
    return std::string(named.getTagName()) + " " + tag.toString().c_str();
}

// "code (scheme) meaning" of the first item of a code sequence, or "".
std::string codeText(DcmItem& item, const DcmTagKey& sequence, TextDecoder& decoder)
{
    DcmItem* code = nullptr;
    if (item.findAndGetSequenceItem(sequence, code, 0).bad() || code == nullptr)
        return {};
    std::string text = plainText(*code, DCM_CodeValue);
    const std::string scheme = plainText(*code, DCM_CodingSchemeDesignator);
    const std::string meaning = decodedText(*code, DCM_CodeMeaning, decoder, valueDelimiters);
    if (!scheme.empty())
        text += " (" + scheme + ")";
    if (!meaning.empty())
        text += (text.empty() ? "" : " ") + meaning;
    return text;
}

bool knownStatus(const std::string& status)
{
    return status == mppsInProgress || status == mppsCompleted || status == mppsDiscontinued;
}

std::string declaredCharacterSet(DcmDataset& data)
{
    OFString declared;
    if (data.findAndGetOFStringArray(DCM_SpecificCharacterSet, declared).bad())
        return {};
    return std::string(declared.c_str(), declared.length());
}

} // namespace

std::optional<MppsOutcome> readMppsCreate(DcmDataset* attributes, MppsCreateRequest& request)
{
    if (attributes == nullptr)
        return MppsOutcome{mpps_status::missingAttribute, "N-CREATE without an attribute list"};
    DcmDataset& data = *attributes;
    // Type 1 at N-CREATE (PS3.4 Table F.7.2-1).
    for (const DcmTagKey& tag :
         {DCM_PerformedProcedureStepID, DCM_PerformedStationAETitle, DCM_PerformedProcedureStepStartDate,
          DCM_PerformedProcedureStepStartTime, DCM_PerformedProcedureStepStatus, DCM_Modality}) {
        if (!data.tagExists(tag))
            return MppsOutcome{mpps_status::missingAttribute, "missing " + tagName(tag)};
        if (plainText(data, tag).empty())
            return MppsOutcome{mpps_status::missingAttributeValue, "no value in " + tagName(tag)};
    }
    DcmSequenceOfItems* steps = nullptr;
    if (data.findAndGetSequence(DCM_ScheduledStepAttributesSequence, steps).bad() || steps == nullptr)
        return MppsOutcome{mpps_status::missingAttribute,
                           "missing " + tagName(DCM_ScheduledStepAttributesSequence)};
    if (steps->card() == 0)
        return MppsOutcome{mpps_status::missingAttributeValue,
                           "empty " + tagName(DCM_ScheduledStepAttributesSequence)};

    TextDecoder decoder(declaredCharacterSet(data));
    MppsAttributes& a = request.attributes;
    a.status = plainText(data, DCM_PerformedProcedureStepStatus);
    if (a.status != mppsInProgress)
        return MppsOutcome{mpps_status::invalidAttributeValue,
                           "N-CREATE status must be IN PROGRESS, not '" + a.status + "'"};
    a.performedProcedureStepId = decodedText(data, DCM_PerformedProcedureStepID, decoder, valueDelimiters);
    a.performedStationAeTitle = plainText(data, DCM_PerformedStationAETitle);
    a.modality = plainText(data, DCM_Modality);
    a.description = decodedText(data, DCM_PerformedProcedureStepDescription, decoder, valueDelimiters);
    a.startDate = plainText(data, DCM_PerformedProcedureStepStartDate);
    a.startTime = plainText(data, DCM_PerformedProcedureStepStartTime);
    a.endDate = plainText(data, DCM_PerformedProcedureStepEndDate);
    a.endTime = plainText(data, DCM_PerformedProcedureStepEndTime);
    a.patientId = decodedText(data, DCM_PatientID, decoder, valueDelimiters);
    a.patientName = decodedText(data, DCM_PatientName, decoder, personNameDelimiters);
    for (unsigned long i = 0; i < steps->card(); ++i) {
        DcmItem& step = *steps->getItem(i);
        // Type 1 inside the item: the study the images will carry.
        MppsScheduledStep scheduled;
        scheduled.studyInstanceUid = plainText(step, DCM_StudyInstanceUID);
        if (scheduled.studyInstanceUid.empty())
            return MppsOutcome{step.tagExists(DCM_StudyInstanceUID) ? mpps_status::missingAttributeValue
                                                                    : mpps_status::missingAttribute,
                               "Scheduled Step Attributes item " + std::to_string(i + 1) + " has no " +
                                   tagName(DCM_StudyInstanceUID)};
        scheduled.accessionNumber = decodedText(step, DCM_AccessionNumber, decoder, valueDelimiters);
        scheduled.requestedProcedureId =
            decodedText(step, DCM_RequestedProcedureID, decoder, valueDelimiters);
        scheduled.scheduledProcedureStepId =
            decodedText(step, DCM_ScheduledProcedureStepID, decoder, valueDelimiters);
        a.scheduledSteps.push_back(std::move(scheduled));
    }
    return std::nullopt;
}

std::optional<MppsOutcome> readMppsSet(DcmDataset* modifications, MppsSetRequest& request)
{
    if (modifications == nullptr)
        return MppsOutcome{mpps_status::processingFailure, "N-SET without a modification list"};
    DcmDataset& data = *modifications;
    TextDecoder decoder(declaredCharacterSet(data));
    if (data.tagExists(DCM_PerformedProcedureStepStatus)) {
        request.status = plainText(data, DCM_PerformedProcedureStepStatus);
        if (!knownStatus(*request.status))
            return MppsOutcome{mpps_status::invalidAttributeValue,
                               "unknown Performed Procedure Step Status '" + *request.status + "'"};
    }
    if (data.tagExists(DCM_PerformedProcedureStepDescription))
        request.description =
            decodedText(data, DCM_PerformedProcedureStepDescription, decoder, valueDelimiters);
    if (data.tagExists(DCM_PerformedProcedureStepEndDate))
        request.endDate = plainText(data, DCM_PerformedProcedureStepEndDate);
    if (data.tagExists(DCM_PerformedProcedureStepEndTime))
        request.endTime = plainText(data, DCM_PerformedProcedureStepEndTime);
    if (data.tagExists(DCM_PerformedProcedureStepDiscontinuationReasonCodeSequence))
        request.discontinuationReason =
            codeText(data, DCM_PerformedProcedureStepDiscontinuationReasonCodeSequence, decoder);
    return std::nullopt;
}

} // namespace lumen::dicom::detail
