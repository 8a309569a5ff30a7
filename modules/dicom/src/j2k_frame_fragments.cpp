#include "j2k_frame_fragments.h"

#include "j2k_codestream.h"

#include "dcmtk/dcmdata/dcpxitem.h"

#include <algorithm>
#include <map>

namespace lumen::dicom::detail {

namespace {

DcmPixelItem* fragment(DcmPixelSequence& sequence, Uint32 index)
{
    DcmPixelItem* item = nullptr;
    return sequence.getItem(item, index).good() ? item : nullptr;
}

// The Basic Offset Table, when it has one start per frame that falls on a fragment boundary;
// tables that are empty or wrong (both are common) leave `ranges` empty.
void rangesFromOffsetTable(DcmPixelSequence& sequence, Uint32 frames, std::vector<FragmentRange>& ranges)
{
    const Uint32 items = static_cast<Uint32>(sequence.card());
    DcmPixelItem* table = fragment(sequence, 0);
    if (!table || table->getLength() != 4 * frames)
        return;
    std::vector<Uint8> bytes(table->getLength());
    if (table->getPartialValue(bytes.data(), 0, static_cast<Uint32>(bytes.size())).bad())
        return;
    std::map<Uint64, Uint32> itemAt; // offset from the first fragment's item tag -> item index
    Uint64 offset = 0;
    for (Uint32 i = 1; i < items; ++i) {
        DcmPixelItem* item = fragment(sequence, i);
        if (!item)
            return;
        itemAt[offset] = i;
        offset += 8 + Uint64(item->getLength());
    }
    std::vector<Uint32> starts;
    for (Uint32 f = 0; f < frames; ++f) {
        const Uint8* p = bytes.data() + 4 * f;
        const Uint64 value = Uint64(p[0]) | Uint64(p[1]) << 8 | Uint64(p[2]) << 16 | Uint64(p[3]) << 24;
        const auto found = itemAt.find(value);
        if (found == itemAt.end() || (!starts.empty() && found->second <= starts.back()))
            return;
        starts.push_back(found->second);
    }
    if (starts.front() != 1)
        return;
    for (Uint32 f = 0; f < frames; ++f)
        ranges.push_back({starts[f], (f + 1 < frames ? starts[f + 1] : items) - starts[f]});
}

// Fragments whose first bytes open a codestream start a frame; the others continue one.
void rangesFromCodestreamStarts(DcmPixelSequence& sequence, Uint32 frames, std::vector<FragmentRange>& ranges)
{
    const Uint32 items = static_cast<Uint32>(sequence.card());
    std::vector<Uint32> starts;
    for (Uint32 i = 1; i < items; ++i) {
        DcmPixelItem* item = fragment(sequence, i);
        if (!item)
            return;
        Uint8 head[12] = {};
        const Uint32 length = std::min<Uint32>(item->getLength(), sizeof head);
        if (length > 0 && item->getPartialValue(head, 0, length).good() && startsJ2kFrame(head, length))
            starts.push_back(i);
    }
    if (starts.size() != frames || starts.front() != 1)
        return;
    for (Uint32 f = 0; f < frames; ++f)
        ranges.push_back({starts[f], (f + 1 < frames ? starts[f + 1] : items) - starts[f]});
}

} // namespace

bool splitIntoFrames(DcmPixelSequence& sequence, Uint32 frames, std::vector<FragmentRange>& ranges,
                     std::string& problem)
{
    ranges.clear();
    const unsigned long items = sequence.card();
    const unsigned long fragments = items > 0 ? items - 1 : 0;
    if (frames == 0 || fragments == 0) {
        problem = "the pixel data has no fragments";
        return false;
    }
    if (fragments < frames) {
        problem = "Number of Frames is " + std::to_string(frames) + " but the pixel data has only " +
                  std::to_string(fragments) + " fragment(s)";
        return false;
    }
    if (frames == 1) {
        ranges.push_back({1, static_cast<Uint32>(fragments)});
        return true;
    }
    if (fragments == frames) {
        for (Uint32 f = 0; f < frames; ++f)
            ranges.push_back({f + 1, 1});
        return true;
    }
    rangesFromOffsetTable(sequence, frames, ranges);
    if (ranges.empty())
        rangesFromCodestreamStarts(sequence, frames, ranges);
    if (ranges.empty()) {
        problem = "cannot tell which of the " + std::to_string(fragments) +
                  " fragments belong to each of the " + std::to_string(frames) + " frames";
        return false;
    }
    return true;
}

bool frameCodestream(DcmPixelSequence& sequence, const FragmentRange& range, std::vector<Uint8>& joined,
                     const Uint8*& data, std::size_t& size, std::string& problem)
{
    joined.clear();
    for (Uint32 i = range.first; i < range.first + range.count; ++i) {
        DcmPixelItem* item = fragment(sequence, i);
        Uint8* bytes = nullptr;
        if (!item || item->getUint8Array(bytes).bad() || (bytes == nullptr && item->getLength() > 0)) {
            problem = "fragment " + std::to_string(i) + " cannot be read";
            return false;
        }
        if (range.count == 1) {
            data = bytes;
            size = item->getLength();
            return true;
        }
        joined.insert(joined.end(), bytes, bytes + item->getLength());
    }
    data = joined.data();
    size = joined.size();
    return true;
}

void releaseFragments(DcmPixelSequence& sequence, const FragmentRange& range)
{
    for (Uint32 i = range.first; i < range.first + range.count; ++i)
        if (DcmPixelItem* item = fragment(sequence, i))
            item->compact();
}

} // namespace lumen::dicom::detail
