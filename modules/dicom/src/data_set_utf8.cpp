#include "data_set_utf8.h"

#include "lumen/dicom/character_set.h"
#include "text_decoder.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcelem.h"
#include "dcmtk/dcmdata/dcsequen.h"
#include "dcmtk/dcmdata/dcvr.h"

#include <optional>
#include <string>
#include <vector>

namespace lumen::dicom::detail {

namespace {

struct Walk
{
    TextDecoder plain{std::string{}}; // VRs outside character sets hold the default repertoire
    std::size_t fellBack = 0;
    bool beyondAscii = false;
    std::vector<DcmItem*> itemsWithCharset; // nested items that declared their own
};

// `enclosing` decodes the character set in force around the item; an item that declares its
// own gets a decoder of its own (most do not, and SR trees can hold thousands of items).
void convertItem(DcmItem& item, TextDecoder& enclosing, Walk& walk, bool topLevel)
{
    std::optional<TextDecoder> own;
    OFString declared;
    if (item.findAndGetOFStringArray(DCM_SpecificCharacterSet, declared).good()) {
        own.emplace(std::string(declared.c_str(), declared.length()));
        if (!topLevel)
            walk.itemsWithCharset.push_back(&item);
    }
    TextDecoder& byCharset = own ? *own : enclosing;
    for (unsigned long i = 0; i < item.card(); ++i) {
        DcmElement* element = item.getElement(i);
        if (element == nullptr || element->getTag() == DCM_SpecificCharacterSet)
            continue;
        if (element->ident() == EVR_SQ) {
            auto* sequence = static_cast<DcmSequenceOfItems*>(element);
            for (unsigned long k = 0; k < sequence->card(); ++k)
                if (DcmItem* nested = sequence->getItem(k))
                    convertItem(*nested, byCharset, walk, false);
            continue;
        }
        const DcmVR vr(element->ident());
        OFString raw;
        if (!vr.isaString() || element->getOFStringArray(raw, OFFalse).bad())
            continue;
        const std::string value(raw.c_str(), raw.length());
        const bool affected = vr.isAffectedBySpecificCharacterSet();
        Utf8Text decoded = (affected ? byCharset : walk.plain).decode(value, vr.getDelimiterChars().c_str());
        if (!decoded.exact)
            ++walk.fellBack;
        if (!isAscii(decoded.text))
            walk.beyondAscii = true;
        if (decoded.text != value)
            element->putOFStringArray(OFString(decoded.text.c_str(), decoded.text.size()));
    }
}

} // namespace

std::size_t convertToUtf8(DcmItem& dataSet)
{
    Walk walk;
    TextDecoder defaultRepertoire(std::string{});
    convertItem(dataSet, defaultRepertoire, walk, true);
    if (walk.beyondAscii) {
        dataSet.putAndInsertString(DCM_SpecificCharacterSet, utf8CharacterSet);
        for (DcmItem* item : walk.itemsWithCharset)
            item->findAndDeleteElement(DCM_SpecificCharacterSet);
    }
    return walk.fellBack;
}

} // namespace lumen::dicom::detail
