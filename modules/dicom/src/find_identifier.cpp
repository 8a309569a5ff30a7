#include "find_identifier.h"

#include "lumen/dicom/character_set.h"
#include "text_decoder.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcelem.h"
#include "dcmtk/dcmdata/dcvr.h"

namespace lumen::dicom::detail {
namespace {

std::string trimmed(std::string value)
{
    while (!value.empty() && (value.back() == ' ' || value.back() == '\0'))
        value.pop_back();
    std::size_t first = 0;
    while (first < value.size() && value[first] == ' ')
        ++first;
    return value.substr(first);
}

std::string elementText(DcmElement& element)
{
    const DcmEVR vr = element.ident();
    if (vr == EVR_UN || vr == EVR_UNKNOWN || vr == EVR_UNKNOWN2B) {
        Uint8* bytes = nullptr;
        if (element.getUint8Array(bytes).bad() || bytes == nullptr)
            return {};
        return trimmed(std::string(reinterpret_cast<const char*>(bytes), element.getLength()));
    }
    OFString value;
    if (element.getOFStringArray(value).bad())
        return {};
    return std::string(value.c_str(), value.length());
}

} // namespace

const char* levelName(QueryLevel level)
{
    switch (level) {
    case QueryLevel::Patient:
        return "PATIENT";
    case QueryLevel::Study:
        return "STUDY";
    case QueryLevel::Series:
        return "SERIES";
    case QueryLevel::Image:
        return "IMAGE";
    }
    return "STUDY";
}

bool readFindRequest(DcmDataset& identifier, QueryModel model, FindRequest& request, std::string& problem)
{
    request = FindRequest{};
    request.model = model;
    OFString declared;
    if (identifier.findAndGetOFStringArray(DCM_SpecificCharacterSet, declared).good())
        request.specificCharacterSet.assign(declared.c_str(), declared.length());
    // The index holds UTF-8: keys are matched in it whatever the SCU wrote them in.
    TextDecoder byCharset(request.specificCharacterSet);
    TextDecoder plain(std::string{});
    bool haveLevel = false;
    for (unsigned long i = 0; i < identifier.card(); ++i) {
        DcmElement* element = identifier.getElement(i);
        if (element == nullptr || element->ident() == EVR_SQ)
            continue;
        const DcmTagKey key = element->getTag();
        if (key.getElement() == 0x0000)
            continue; // group length
        const std::string value = elementText(*element);
        if (key == DCM_QueryRetrieveLevel) {
            const std::string level = trimmed(value);
            haveLevel = true;
            if (level == "PATIENT" && model == QueryModel::PatientRoot)
                request.level = QueryLevel::Patient;
            else if (level == "STUDY")
                request.level = QueryLevel::Study;
            else if (level == "SERIES")
                request.level = QueryLevel::Series;
            else if (level == "IMAGE")
                request.level = QueryLevel::Image;
            else {
                problem = "QueryRetrieveLevel '" + level + "' is not valid for this information model";
                return false;
            }
        } else if (key != DCM_SpecificCharacterSet) {
            // The dictionary's VR, so that a key sent as UN still decodes as what it is.
            const DcmVR vr(DcmTag(key).getEVR());
            auto& decoder = vr.isAffectedBySpecificCharacterSet() ? byCharset : plain;
            request.keys.push_back(DicomKey{key.getGroup(), key.getElement(),
                                            decoder.decode(value, vr.getDelimiterChars().c_str()).text});
        }
    }
    if (!haveLevel) {
        problem = "the identifier has no QueryRetrieveLevel (0008,0052)";
        return false;
    }
    return true;
}

std::vector<DicomKey> readItemKeys(DcmItem& item, const std::string& specificCharacterSet)
{
    TextDecoder byCharset(specificCharacterSet);
    TextDecoder plain(std::string{});
    std::vector<DicomKey> keys;
    for (unsigned long i = 0; i < item.card(); ++i) {
        DcmElement* element = item.getElement(i);
        if (element == nullptr || element->ident() == EVR_SQ)
            continue;
        const DcmTagKey key = element->getTag();
        if (key.getElement() == 0x0000 || key == DCM_SpecificCharacterSet)
            continue;
        const DcmVR vr(DcmTag(key).getEVR());
        auto& decoder = vr.isAffectedBySpecificCharacterSet() ? byCharset : plain;
        keys.push_back(DicomKey{key.getGroup(), key.getElement(),
                                decoder.decode(elementText(*element), vr.getDelimiterChars().c_str()).text});
    }
    return keys;
}

bool putKey(DcmItem& item, const DicomKey& key)
{
    const DcmTag tag(DcmTagKey(key.group, key.element));
    const DcmEVR vr = tag.getEVR();
    if (vr == EVR_SQ || vr == EVR_UN || vr == EVR_UNKNOWN || vr == EVR_UNKNOWN2B)
        return false;
    return item.putAndInsertOFStringArray(tag, OFString(key.value.c_str(), key.value.size())).good();
}

std::unique_ptr<DcmDataset> makeFindResponse(const std::vector<DicomKey>& keys, QueryLevel level)
{
    auto response = std::make_unique<DcmDataset>();
    response->putAndInsertString(DCM_QueryRetrieveLevel, levelName(level));
    bool beyondAscii = false;
    for (const DicomKey& key : keys) {
        const DcmTagKey tagKey(key.group, key.element);
        if (key.group == 0x0000 || key.group == 0x0002 || tagKey == DCM_QueryRetrieveLevel)
            continue;
        const DcmTag tag(tagKey);
        const DcmEVR vr = tag.getEVR();
        if (vr == EVR_SQ || vr == EVR_UN || vr == EVR_UNKNOWN || vr == EVR_UNKNOWN2B)
            continue;
        // A key DCMTK refuses (a malformed number, say) is left out rather than failing the match.
        (void)response->putAndInsertOFStringArray(tag, OFString(key.value.c_str(), key.value.size()));
        beyondAscii = beyondAscii || !isAscii(key.value);
    }
    // Values are UTF-8; plain ASCII needs no declaration (PS3.5 6.1.2.3).
    if (beyondAscii)
        response->putAndInsertString(DCM_SpecificCharacterSet, utf8CharacterSet);
    return response;
}

} // namespace lumen::dicom::detail
