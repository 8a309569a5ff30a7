#pragma once
// Which fragments of encapsulated pixel data hold each frame (PS3.5 A.4: one or several per
// frame), and one frame's codestream as contiguous bytes.
#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcpixseq.h"

#include <cstddef>
#include <string>
#include <vector>

namespace lumen::dicom::detail {

// Item indexes in the pixel sequence; item 0 is the Basic Offset Table, so `first` >= 1.
struct FragmentRange
{
    Uint32 first = 1;
    Uint32 count = 0;
};

// One range per frame, found in this order: one frame takes every fragment; as many fragments
// as frames; the Basic Offset Table when it names a fragment start for every frame; the
// fragments that begin a JPEG 2000 codestream. False, with `problem`, when none of these fits.
bool splitIntoFrames(DcmPixelSequence& sequence, Uint32 frames, std::vector<FragmentRange>& ranges,
                     std::string& problem);

// The frame's codestream: straight from its fragment when it has one, otherwise joined into
// `joined`. `data` stays valid while the sequence and `joined` are unchanged.
bool frameCodestream(DcmPixelSequence& sequence, const FragmentRange& range, std::vector<Uint8>& joined,
                     const Uint8*& data, std::size_t& size, std::string& problem);

// Frees the fragments' values where DCMTK can read them again from the file.
void releaseFragments(DcmPixelSequence& sequence, const FragmentRange& range);

} // namespace lumen::dicom::detail
