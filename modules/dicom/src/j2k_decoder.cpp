#include "j2k_decoder.h"

#include "j2k_codestream.h"
#include "j2k_frame_fragments.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcitem.h"
#include "dcmtk/dcmdata/dcstack.h"
#include "dcmtk/dcmdata/dcvrpobw.h"
#include "dcmtk/dcmdata/dcxfer.h"

#include <cstdint>
#include <new>
#include <string>
#include <vector>

namespace lumen::dicom::detail {

namespace {

// DCMTK wants a parameter object for every codec; this decoder has nothing to configure.
class J2kDecoderParameter : public DcmCodecParameter
{
public:
    DcmCodecParameter* clone() const override { return new J2kDecoderParameter(*this); }
    const char* className() const override { return "lumen::dicom::J2kDecoderParameter"; }
};

OFCondition failed(const std::string& problem)
{
    const OFCondition kind(EC_CannotChangeRepresentation);
    const std::string text = "JPEG 2000: " + problem;
    DCMDATA_WARN(text); // callers often keep only "cannot decode"; the log keeps why
    return OFCondition(kind.module(), kind.code(), OF_error, text.c_str());
}

struct PixelAttributes
{
    J2kFrameLayout layout;
    Uint32 frames = 1;
    OFString photometric;
};

bool readPixelAttributes(DcmItem& item, PixelAttributes& pixels, std::string& problem)
{
    Uint16 rows = 0, columns = 0, samples = 0, bitsAllocated = 0, representation = 0, planar = 0;
    if (item.findAndGetUint16(DCM_Rows, rows).bad() || item.findAndGetUint16(DCM_Columns, columns).bad() ||
        item.findAndGetUint16(DCM_SamplesPerPixel, samples).bad() ||
        item.findAndGetUint16(DCM_BitsAllocated, bitsAllocated).bad() ||
        item.findAndGetOFString(DCM_PhotometricInterpretation, pixels.photometric).bad() ||
        pixels.photometric.empty()) {
        problem = "Rows, Columns, Samples per Pixel, Bits Allocated or Photometric Interpretation is missing";
        return false;
    }
    item.findAndGetUint16(DCM_PixelRepresentation, representation); // absent: unsigned
    if (samples > 1)
        item.findAndGetUint16(DCM_PlanarConfiguration, planar);
    Sint32 frames = 1;
    item.findAndGetSint32(DCM_NumberOfFrames, frames); // absent: one frame
    pixels.frames = frames > 0 ? static_cast<Uint32>(frames) : 1;
    pixels.layout = {rows, columns, samples, bitsAllocated, representation == 1, planar == 1};
    if (j2kFrameBytes(pixels.layout) == 0) {
        problem = "unsupported or oversized frame: " + std::to_string(columns) + "x" + std::to_string(rows) +
                  ", " + std::to_string(samples) + " sample(s) of " + std::to_string(bitsAllocated) + " bits";
        return false;
    }
    return true;
}

// YBR_RCT and YBR_ICT name the colour transform inside the codestream, which OpenJPEG undoes.
OFString decodedPhotometric(const OFString& stored)
{
    return (stored == "YBR_RCT" || stored == "YBR_ICT") ? OFString("RGB") : stored;
}

DcmItem* pixelDataParent(const DcmStack& objStack)
{
    DcmStack stack(objStack);
    stack.pop(); // the pixel data element
    DcmObject* parent = stack.pop();
    if (parent == nullptr || (parent->ident() != EVR_dataset && parent->ident() != EVR_item))
        return nullptr;
    return static_cast<DcmItem*>(parent);
}

} // namespace

OFCondition J2kDecoder::decode(const DcmRepresentationParameter*, DcmPixelSequence* pixSeq,
                               DcmPolymorphOBOW& uncompressedPixelData, const DcmCodecParameter*,
                               const DcmStack& objStack, OFBool& removeOldRep) const
{
    DcmItem* item = pixelDataParent(objStack);
    if (item == nullptr || pixSeq == nullptr)
        return EC_InvalidTag;
    // The image pixel module changes (photometric interpretation): the compressed pixels no
    // longer match it.
    removeOldRep = OFTrue;
    try {
        return decodeAll(*item, *pixSeq, uncompressedPixelData);
    } catch (const std::bad_alloc&) {
        return EC_MemoryExhausted;
    }
}

OFCondition J2kDecoder::decodeAll(DcmItem& item, DcmPixelSequence& sequence, DcmPolymorphOBOW& target) const
{
    PixelAttributes pixels;
    std::string problem;
    std::vector<FragmentRange> ranges;
    if (!readPixelAttributes(item, pixels, problem) ||
        !splitIntoFrames(sequence, pixels.frames, ranges, problem))
        return failed(problem);
    pixels.layout.colourByPlane = false; // the converted object says Planar Configuration 0
    const std::size_t frameBytes = j2kFrameBytes(pixels.layout);
    const std::uint64_t total = std::uint64_t(frameBytes) * pixels.frames;
    const std::uint64_t even = total + (total & 1);
    if (even > 0xFFFFFFFEu) // the largest even value length DICOM can encode
        return failed("the decoded pixel data would be larger than 4 GiB");
    // Every frame's header first: an object whose codestreams contradict its attributes is
    // refused before memory for all its frames is taken.
    std::vector<Uint8> joined;
    for (Uint32 f = 0; f < pixels.frames; ++f) {
        const Uint8* data = nullptr;
        std::size_t size = 0;
        if (!frameCodestream(sequence, ranges[f], joined, data, size, problem))
            return failed("frame " + std::to_string(f + 1) + ": " + problem);
        const J2kFrameResult header = checkJ2kFrameHeader(data, size, pixels.layout);
        if (!header.ok)
            return failed("frame " + std::to_string(f + 1) + ": " + header.problem);
    }

    Uint8* pixelBytes = nullptr;
    OFCondition created = EC_Normal;
    if (pixels.layout.bitsAllocated == 8) {
        created = target.createUint8Array(static_cast<Uint32>(even), pixelBytes);
    } else {
        Uint16* words = nullptr;
        created = target.createUint16Array(static_cast<Uint32>(even / 2), words);
        pixelBytes = reinterpret_cast<Uint8*>(words);
    }
    if (created.bad() || pixelBytes == nullptr)
        return EC_MemoryExhausted;

    bool irreversible = false;
    for (Uint32 f = 0; f < pixels.frames; ++f) {
        const Uint8* data = nullptr;
        std::size_t size = 0;
        if (!frameCodestream(sequence, ranges[f], joined, data, size, problem))
            return failed("frame " + std::to_string(f + 1) + ": " + problem);
        const J2kFrameResult frame = decodeJ2kFrame(data, size, pixels.layout, pixelBytes + f * frameBytes);
        releaseFragments(sequence, ranges[f]);
        if (!frame.ok)
            return failed("frame " + std::to_string(f + 1) + ": " + frame.problem);
        irreversible = irreversible || frame.irreversible;
    }

    const OFString photometric = decodedPhotometric(pixels.photometric);
    OFCondition cond = EC_Normal;
    if (photometric != pixels.photometric)
        cond = item.putAndInsertString(DCM_PhotometricInterpretation, photometric.c_str());
    if (cond.good() && pixels.layout.samplesPerPixel > 1)
        cond = item.putAndInsertUint16(DCM_PlanarConfiguration, 0);
    // PS3.3 C.7.6.1.1.5: once lossy, an image stays marked lossy. .91 may carry reversibly coded
    // pixels, so a sender's explicit "00" stands unless the codestream used the 9-7 wavelet.
    // The attribute describes the instance: only the main data set carries it.
    if (cond.good() && item.ident() == EVR_dataset && (irreversible || m_transferSyntax == EXS_JPEG2000)) {
        OFString lossy;
        item.findAndGetOFString(DCM_LossyImageCompression, lossy);
        if (lossy != "01" && (irreversible || lossy.empty())) {
            cond = item.putAndInsertString(DCM_LossyImageCompression, "01");
            if (cond.good())
                cond = insertStringIfMissing(&item, DCM_LossyImageCompressionMethod, "ISO_15444_1");
        }
    }
    return cond;
}

OFCondition J2kDecoder::decodeFrame(const DcmRepresentationParameter*, DcmPixelSequence* fromPixSeq,
                                    const DcmCodecParameter*, DcmItem* dataset, Uint32 frameNo,
                                    Uint32& startFragment, void* buffer, Uint32 bufSize,
                                    OFString& decompressedColorModel) const
{
    if (fromPixSeq == nullptr || dataset == nullptr || buffer == nullptr)
        return EC_IllegalParameter;
    try {
        PixelAttributes pixels;
        std::string problem;
        std::vector<FragmentRange> ranges;
        // startFragment is only a hint; frames are found anew so that any order works.
        if (!readPixelAttributes(*dataset, pixels, problem) ||
            !splitIntoFrames(*fromPixSeq, pixels.frames, ranges, problem))
            return failed(problem);
        if (frameNo >= pixels.frames)
            return failed("frame " + std::to_string(frameNo + 1) + " does not exist");
        if (bufSize < j2kFrameBytes(pixels.layout))
            return EC_IllegalCall;
        const FragmentRange& range = ranges[frameNo];
        std::vector<Uint8> joined;
        const Uint8* data = nullptr;
        std::size_t size = 0;
        if (!frameCodestream(*fromPixSeq, range, joined, data, size, problem))
            return failed("frame " + std::to_string(frameNo + 1) + ": " + problem);
        const J2kFrameResult frame = decodeJ2kFrame(data, size, pixels.layout, static_cast<Uint8*>(buffer));
        releaseFragments(*fromPixSeq, range);
        if (!frame.ok)
            return failed("frame " + std::to_string(frameNo + 1) + ": " + frame.problem);
        startFragment = range.first + range.count;
        decompressedColorModel = decodedPhotometric(pixels.photometric);
        return EC_Normal;
    } catch (const std::bad_alloc&) {
        return EC_MemoryExhausted;
    }
}

OFCondition J2kDecoder::encode(const Uint16*, const Uint32, const DcmRepresentationParameter*,
                               DcmPixelSequence*&, const DcmCodecParameter*, DcmStack&, OFBool&) const
{
    return EC_IllegalCall; // a decoder only
}

OFCondition J2kDecoder::encode(const E_TransferSyntax, const DcmRepresentationParameter*, DcmPixelSequence*,
                               const DcmRepresentationParameter*, DcmPixelSequence*&,
                               const DcmCodecParameter*, DcmStack&, OFBool&) const
{
    return EC_IllegalCall;
}

OFBool J2kDecoder::canChangeCoding(const E_TransferSyntax oldRepType, const E_TransferSyntax newRepType) const
{
    return oldRepType == m_transferSyntax && DcmXfer(newRepType).isNotEncapsulated();
}

OFCondition J2kDecoder::determineDecompressedColorModel(const DcmRepresentationParameter*, DcmPixelSequence*,
                                                        const DcmCodecParameter*, DcmItem* dataset,
                                                        OFString& decompressedColorModel) const
{
    OFString stored;
    if (dataset == nullptr || dataset->findAndGetOFString(DCM_PhotometricInterpretation, stored).bad() ||
        stored.empty())
        return EC_MissingAttribute;
    decompressedColorModel = decodedPhotometric(stored);
    return EC_Normal;
}

void registerJ2kDecoders()
{
    // DCMTK keeps pointers to these until the process ends.
    static const J2kDecoderParameter parameter;
    static const J2kDecoder lossless(EXS_JPEG2000LosslessOnly);
    static const J2kDecoder lossy(EXS_JPEG2000);
    DcmCodecList::registerCodec(&lossless, nullptr, &parameter);
    DcmCodecList::registerCodec(&lossy, nullptr, &parameter);
}

} // namespace lumen::dicom::detail
