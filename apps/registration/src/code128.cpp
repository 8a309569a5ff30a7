#include "code128.h"

#include <array>
#include <cctype>

namespace lumen::registration {

namespace {

// ISO/IEC 15417 symbol table: widths of bar, space, bar, space, bar, space (stop: 7 elements).
constexpr std::array<std::string_view, 107> patterns = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232", "2331112"};

std::size_t digitRun(std::string_view text, std::size_t from)
{
    std::size_t n = 0;
    while (from + n < text.size() && std::isdigit(static_cast<unsigned char>(text[from + n])))
        ++n;
    return n;
}

} // namespace

std::vector<int> Code128::encode(std::string_view text)
{
    if (text.empty())
        return {};
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 32 || static_cast<unsigned char>(c) > 127)
            return {};
    std::vector<int> values;
    std::size_t i = 0;
    const std::size_t leading = digitRun(text, 0);
    bool inC = leading >= 4 || (leading == text.size() && leading % 2 == 0);
    values.push_back(inC ? startC : startB);
    while (i < text.size()) {
        const std::size_t run = digitRun(text, i);
        if (inC) {
            if (run >= 2) {
                values.push_back((text[i] - '0') * 10 + (text[i + 1] - '0'));
                i += 2;
                continue;
            }
            values.push_back(codeB);
            inC = false;
        }
        // Four digits or more: subset C; an odd run leaves its first digit in B.
        if (run >= 4) {
            if (run % 2 == 1) {
                values.push_back(text[i] - 32);
                ++i;
            }
            values.push_back(codeC);
            inC = true;
            continue;
        }
        values.push_back(text[i] - 32);
        ++i;
    }
    int sum = values.front();
    for (std::size_t k = 1; k < values.size(); ++k)
        sum += values[k] * int(k);
    values.push_back(sum % 103);
    values.push_back(stop);
    return values;
}

std::string_view Code128::pattern(int value)
{
    if (value < 0 || value >= int(patterns.size()))
        return {};
    return patterns[std::size_t(value)];
}

std::vector<int> Code128::widths(const std::vector<int>& values)
{
    std::vector<int> out;
    for (const int v : values)
        for (const char w : pattern(v))
            out.push_back(w - '0');
    return out;
}

int Code128::moduleCount(const std::vector<int>& values)
{
    int n = 0;
    for (const int w : widths(values))
        n += w;
    return n;
}

} // namespace lumen::registration
