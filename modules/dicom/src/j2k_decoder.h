#pragma once
// JPEG 2000 (1.2.840.10008.1.2.4.90 lossless only, .91 lossy or lossless) as a DCMTK decoder
// codec backed by OpenJPEG, so that DcmDataset::chooseRepresentation, DcmPixelData's frame
// access and DicomImage decode it as they decode DCMTK's own JPEG, JPEG-LS and RLE. DCMTK
// 3.6.7 has no JPEG 2000 codec. Decoding only.
#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dccodec.h"

namespace lumen::dicom::detail {

class J2kDecoder : public DcmCodec
{
public:
    // EXS_JPEG2000LosslessOnly or EXS_JPEG2000: DCMTK does not tell decode() which one it is.
    explicit J2kDecoder(E_TransferSyntax transferSyntax) : m_transferSyntax(transferSyntax) {}

    // The whole pixel data, every frame, colour by pixel. YBR_RCT / YBR_ICT become RGB; a lossy
    // result gets Lossy Image Compression "01".
    OFCondition decode(const DcmRepresentationParameter* fromRepParam, DcmPixelSequence* pixSeq,
                       DcmPolymorphOBOW& uncompressedPixelData, const DcmCodecParameter* cp,
                       const DcmStack& objStack, OFBool& removeOldRep) const override;
    // One frame in any order, laid out as the data set's Planar Configuration says; the data
    // set is left as it is.
    OFCondition decodeFrame(const DcmRepresentationParameter* fromParam, DcmPixelSequence* fromPixSeq,
                            const DcmCodecParameter* cp, DcmItem* dataset, Uint32 frameNo,
                            Uint32& startFragment, void* buffer, Uint32 bufSize,
                            OFString& decompressedColorModel) const override;
    OFCondition encode(const Uint16* pixelData, const Uint32 length,
                       const DcmRepresentationParameter* toRepParam, DcmPixelSequence*& pixSeq,
                       const DcmCodecParameter* cp, DcmStack& objStack, OFBool& removeOldRep) const override;
    OFCondition encode(const E_TransferSyntax fromRepType, const DcmRepresentationParameter* fromRepParam,
                       DcmPixelSequence* fromPixSeq, const DcmRepresentationParameter* toRepParam,
                       DcmPixelSequence*& toPixSeq, const DcmCodecParameter* cp, DcmStack& objStack,
                       OFBool& removeOldRep) const override;
    OFBool canChangeCoding(const E_TransferSyntax oldRepType,
                           const E_TransferSyntax newRepType) const override;
    OFCondition determineDecompressedColorModel(const DcmRepresentationParameter* fromParam,
                                                DcmPixelSequence* fromPixSeq, const DcmCodecParameter* cp,
                                                DcmItem* dataset,
                                                OFString& decompressedColorModel) const override;

private:
    OFCondition decodeAll(DcmItem& item, DcmPixelSequence& sequence, DcmPolymorphOBOW& target) const;

    E_TransferSyntax m_transferSyntax;
};

// Adds both JPEG 2000 decoders to DCMTK's process-wide codec list. Call once (registerCodecs).
void registerJ2kDecoders();

} // namespace lumen::dicom::detail
