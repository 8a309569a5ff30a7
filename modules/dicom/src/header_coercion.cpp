#include "lumen/dicom/header_coercion.h"

#include "coerce_data_set.h"
#include "data_set_utf8.h"
#include "lumen/dicom/character_set.h"
#include "lumen/dicom/instance_attributes.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcostrmb.h"
#include "dcmtk/dcmdata/dcwcache.h"

#include <vector>

namespace lumen::dicom {

namespace detail {

namespace {

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// "" and "ISO_IR 6" both name the default repertoire.
bool sameCharacterSet(const std::string& a, const std::string& b)
{
    auto canonical = [](const std::string& s) {
        const auto t = trimmed(s);
        return t == "ISO_IR 6" ? std::string() : t;
    };
    return canonical(a) == canonical(b);
}

struct Change
{
    DcmTagKey key;
    std::string value;
};

} // namespace

bool coerceDataSet(DcmDataset& dataSet, const HeaderCoercion& coercion)
{
    OFString fileCharsetText;
    dataSet.findAndGetOFStringArray(DCM_SpecificCharacterSet, fileCharsetText);
    const std::string fileCharset(fileCharsetText.c_str(), fileCharsetText.length());

    bool ascii = true;
    for (const auto& a : coercion.attributes)
        ascii = ascii && isAscii(a.value);
    // Text from another character set can only be mixed in through UTF-8.
    const bool toUnicode = !ascii && !sameCharacterSet(fileCharset, coercion.characterSet);

    std::vector<Change> changes;
    for (const auto& a : coercion.attributes) {
        const DcmTagKey key(static_cast<Uint16>(a.tag >> 16), static_cast<Uint16>(a.tag & 0xFFFF));
        const bool personName = DcmTag(key).getEVR() == EVR_PN;
        const std::string wanted = toUnicode ? toUtf8(a.value, coercion.characterSet, personName) : a.value;
        DcmElement* element = nullptr;
        const bool present = dataSet.findAndGetElement(key, element).good() && element != nullptr;
        OFString currentText;
        if (present)
            element->getOFStringArray(currentText); // trailing padding removed
        std::string current(currentText.c_str(), currentText.length());
        if (toUnicode)
            current = toUtf8(current, fileCharset, personName);
        if (present ? current == wanted : wanted.empty())
            continue;
        changes.push_back({key, wanted});
    }
    if (changes.empty())
        return false;

    if (toUnicode) {
        // Text that does not decode keeps the same lossless form the index gave it.
        convertToUtf8(dataSet);
        dataSet.putAndInsertString(DCM_SpecificCharacterSet, utf8CharacterSet);
    }

    // The replaced values, in the data set's (possibly new) character set, as PS3.3 C.12.1.1.9
    // asks: one item per modification, appended to what earlier systems recorded.
    DcmItem* record = nullptr;
    DcmItem* previous = nullptr;
    if (dataSet.findOrCreateSequenceItem(DCM_OriginalAttributesSequence, record, -2).bad() ||
        record->findOrCreateSequenceItem(DCM_ModifiedAttributesSequence, previous, -2).bad())
        throw DicomError("unwritable", "cannot add an Original Attributes Sequence item");
    for (const auto& change : changes) {
        DcmElement* element = nullptr;
        if (dataSet.findAndGetElement(change.key, element).good() && element != nullptr)
            previous->insert(OFstatic_cast(DcmElement*, element->clone()), OFTrue);
        else
            previous->insertEmptyElement(change.key); // it was absent
    }
    bool ok =
        record->putAndInsertString(DCM_SourceOfPreviousValues, "").good() &&
        record->putAndInsertString(DCM_AttributeModificationDateTime, coercion.modifiedAt.c_str()).good() &&
        record->putAndInsertString(DCM_ModifyingSystem, coercion.modifyingSystem.c_str()).good() &&
        record->putAndInsertString(DCM_ReasonForTheAttributeModification, coercion.reason.c_str()).good();
    for (const auto& change : changes)
        ok =
            ok &&
            dataSet.putAndInsertOFStringArray(change.key, OFString(change.value.c_str(), change.value.size()))
                .good();
    if (!ok)
        throw DicomError("unwritable", "cannot write the coerced attributes");
    return true;
}

} // namespace detail

namespace {

// The whole file in memory, as DcmFileFormat::saveFile would write it.
std::string writePart10(DcmFileFormat& file, E_TransferSyntax transferSyntax)
{
    std::string out;
    std::vector<unsigned char> buffer(1 << 20); // even, as the buffer consumer needs
    DcmOutputBufferStream stream(buffer.data(), static_cast<offile_off_t>(buffer.size()));
    DcmWriteCache cache;
    file.transferInit();
    bool written = false;
    for (;;) {
        if (!written) {
            const OFCondition cond = file.write(stream, transferSyntax, EET_ExplicitLength, &cache,
                                                EGL_recalcGL, EPD_noChange, 0, 0, 0, EWM_fileformat);
            if (cond == EC_Normal) {
                written = true;
            } else if (cond != EC_StreamNotifyClient) {
                file.transferEnd();
                throw DicomError("unwritable",
                                 std::string("cannot write the coerced object: ") + cond.text());
            }
        }
        if (written)
            stream.flush(); // drains a deflate filter too
        void* data = nullptr;
        offile_off_t length = 0;
        stream.flushBuffer(data, length);
        out.append(static_cast<const char*>(data), static_cast<std::size_t>(length));
        if (written && stream.isFlushed())
            break;
    }
    file.transferEnd();
    return out;
}

} // namespace

std::optional<std::string> coercedPart10(const std::string& path, const HeaderCoercion& coercion)
{
    DcmFileFormat file;
    const OFCondition loaded = file.loadFile(path.c_str());
    if (loaded.bad())
        throw DicomError("unreadable", std::string("cannot read stored object: ") + loaded.text());
    DcmDataset& dataSet = *file.getDataset();
    const E_TransferSyntax stored = dataSet.getOriginalXfer();
    if (!detail::coerceDataSet(dataSet, coercion))
        return std::nullopt;
    return writePart10(file, stored);
}

} // namespace lumen::dicom
