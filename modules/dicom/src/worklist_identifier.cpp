#include "worklist_identifier.h"

#include "find_identifier.h"
#include "lumen/dicom/character_set.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcsequen.h"

namespace lumen::dicom::detail {
namespace {

const DicomKey* findKey(const std::vector<DicomKey>& keys, const DcmTagKey& tag)
{
    for (const auto& key : keys)
        if (key.group == tag.getGroup() && key.element == tag.getElement())
            return &key;
    return nullptr;
}

// Copies the shape of `request` into `answer`, valued from `values`.
void fillLike(DcmItem& request, DcmItem& answer, const std::vector<DicomKey>& values, bool& beyondAscii)
{
    for (unsigned long i = 0; i < request.card(); ++i) {
        DcmElement* element = request.getElement(i);
        if (element == nullptr)
            continue;
        const DcmTagKey tag = element->getTag();
        if (tag.getElement() == 0x0000 || tag == DCM_SpecificCharacterSet)
            continue;
        if (element->ident() == EVR_SQ) {
            answer.insertEmptyElement(tag); // only the step sequence is answered with an item
            continue;
        }
        const DicomKey* value = findKey(values, tag);
        if (value == nullptr || !putKey(answer, *value))
            answer.insertEmptyElement(tag);
        else
            beyondAscii = beyondAscii || !isAscii(value->value);
    }
}

} // namespace

WorklistQuery readWorklistQuery(DcmDataset& identifier)
{
    WorklistQuery query;
    OFString declared;
    if (identifier.findAndGetOFStringArray(DCM_SpecificCharacterSet, declared).good())
        query.specificCharacterSet.assign(declared.c_str(), declared.length());
    query.keys = readItemKeys(identifier, query.specificCharacterSet);
    DcmItem* step = nullptr;
    if (identifier.findAndGetSequenceItem(DCM_ScheduledProcedureStepSequence, step, 0).good() &&
        step != nullptr)
        query.stepKeys = readItemKeys(*step, query.specificCharacterSet);
    return query;
}

std::unique_ptr<DcmDataset> makeWorklistResponse(DcmDataset& request, const WorklistItem& item)
{
    auto answer = std::make_unique<DcmDataset>();
    bool beyondAscii = false;
    fillLike(request, *answer, item.keys, beyondAscii);
    DcmSequenceOfItems* requested = nullptr;
    if (request.findAndGetSequence(DCM_ScheduledProcedureStepSequence, requested).good() &&
        requested != nullptr) {
        auto stepItem = std::make_unique<DcmItem>();
        if (requested->card() > 0) {
            fillLike(*requested->getItem(0), *stepItem, item.stepKeys, beyondAscii);
        } else {
            for (const auto& key : item.stepKeys)
                if (putKey(*stepItem, key))
                    beyondAscii = beyondAscii || !isAscii(key.value);
        }
        answer->findAndDeleteElement(DCM_ScheduledProcedureStepSequence);
        answer->insertSequenceItem(DCM_ScheduledProcedureStepSequence, stepItem.release());
    }
    // Values are UTF-8; plain ASCII needs no declaration (PS3.5 6.1.2.3).
    if (beyondAscii)
        answer->putAndInsertString(DCM_SpecificCharacterSet, utf8CharacterSet);
    return answer;
}

} // namespace lumen::dicom::detail
