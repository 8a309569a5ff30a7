#pragma once
// A structural walk over a DICOM Part 10 file, done before DCMTK parses it: DCMTK 3.6.7
// recurses once per sequence level and has no depth limit (a deeply nested file exhausts the
// stack), and it trusts element lengths. The walk reads only headers and skips values, so it
// costs a few reads per element whatever the size of the pixel data.
#include "lumen/dicom/instance_attributes.h"

#include <cstdint>
#include <string>

namespace lumen::dicom::detail {

struct PrescanResult
{
    std::string transferSyntaxUid;
    std::uint64_t fileSizeBytes = 0;
};

// Throws DicomError: not_dicom (no preamble / "DICM"), bad_meta (file meta unusable),
// truncated (a length runs past the end of the file), too_deep (sequence nesting beyond
// limits.maxSequenceDepth), too_large (file or inflated data set beyond the limits),
// malformed (lengths that disagree with their enclosing item, stray delimiters).
PrescanResult prescanPart10(const std::string& path, const ParseLimits& limits);

// Deflated data sets are inflated in memory for the walk; beyond this they are refused.
inline constexpr std::uint64_t maxInflatedBytes = 512ULL << 20;

} // namespace lumen::dicom::detail
