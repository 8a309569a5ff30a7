#include "lumen/core/uid.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>

namespace lumen::core {

std::string generateUid()
{
    // Most significant 32-bit word first.
    std::array<std::uint32_t, 4> words{};
    std::random_device entropy; // getrandom() on Linux
    for (auto& w : words)
        w = entropy();
    // RFC 4122 version 4 and variant bits, so the number is a well-formed UUID.
    words[1] = (words[1] & 0xFFFF0FFFu) | 0x00004000u;
    words[2] = (words[2] & 0x3FFFFFFFu) | 0x80000000u;

    std::string digits;
    while (std::any_of(words.begin(), words.end(), [](std::uint32_t w) { return w != 0; })) {
        std::uint64_t remainder = 0;
        for (auto& w : words) {
            const std::uint64_t current = remainder << 32 | w;
            w = static_cast<std::uint32_t>(current / 10);
            remainder = current % 10;
        }
        digits.push_back(static_cast<char>('0' + remainder));
    }
    if (digits.empty())
        digits = "0";
    std::reverse(digits.begin(), digits.end());
    return "2.25." + digits;
}

} // namespace lumen::core
