#pragma once
// Code 128 (subsets B and C) as printed on appointment slips: scanners at the kiosk read the
// accession number from it. Qt-free so it can be checked against known patterns.
#include <string>
#include <string_view>
#include <vector>

namespace lumen::registration {

class Code128
{
public:
    // Symbol values: start, data (with B/C shifts), check symbol, stop. Digit runs of four or
    // more go in subset C (two digits per symbol). Empty for text outside ASCII 32..127.
    static std::vector<int> encode(std::string_view text);
    // Bar/space widths in modules of one symbol ("212222"; the stop symbol has seven).
    static std::string_view pattern(int value);
    // Bar/space widths of a whole encoding, bars first.
    static std::vector<int> widths(const std::vector<int>& values);
    // Total width in modules, without quiet zones.
    static int moduleCount(const std::vector<int>& values);

    static constexpr int startB = 104;
    static constexpr int startC = 105;
    static constexpr int codeB = 100;
    static constexpr int codeC = 99;
    static constexpr int stop = 106;
};

} // namespace lumen::registration
