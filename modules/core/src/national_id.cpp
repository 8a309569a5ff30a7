#include "lumen/core/national_id.h"

#include <cctype>

namespace lumen::core {

char nationalIdCheckCharacter(std::string_view first17)
{
    static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char checks[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += (first17[i] - '0') * weights[i];
    return checks[sum % 11];
}

NationalIdProblem validateNationalId(std::string_view id, const Date* today)
{
    if (id.size() != 18)
        return NationalIdProblem::WrongLength;
    for (int i = 0; i < 17; ++i)
        if (id[i] < '0' || id[i] > '9')
            return NationalIdProblem::NotDigits;
    if (!((id[17] >= '0' && id[17] <= '9') || id[17] == 'X'))
        return NationalIdProblem::NotDigits;
    // Province codes run from 11 (Beijing) to 82 (Macao); 00-10 are never issued.
    const int province = (id[0] - '0') * 10 + (id[1] - '0');
    if (province < 11 || province > 91)
        return NationalIdProblem::BadRegion;
    const auto birth = parseIsoDate(std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
                                    std::string(id.substr(12, 2)));
    if (!birth || birth->year < 1880)
        return NationalIdProblem::BadBirthDate;
    if (today && *birth > *today)
        return NationalIdProblem::BadBirthDate;
    if (nationalIdCheckCharacter(id.substr(0, 17)) != id[17])
        return NationalIdProblem::BadCheckDigit;
    return NationalIdProblem::None;
}

std::string describe(NationalIdProblem problem)
{
    switch (problem) {
    case NationalIdProblem::None: return "valid";
    case NationalIdProblem::WrongLength: return "must have 18 characters";
    case NationalIdProblem::NotDigits: return "must be 17 digits followed by a digit or X";
    case NationalIdProblem::BadRegion: return "has an unknown region code";
    case NationalIdProblem::BadBirthDate: return "contains an impossible birth date";
    case NationalIdProblem::BadCheckDigit: return "has a wrong check digit";
    }
    return "is invalid";
}

std::optional<NationalIdInfo> decodeNationalId(std::string_view id)
{
    if (validateNationalId(id) != NationalIdProblem::None)
        return std::nullopt;
    NationalIdInfo info;
    info.birthDate = *parseIsoDate(std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
                                   std::string(id.substr(12, 2)));
    info.sex = ((id[16] - '0') % 2 == 1) ? Sex::Male : Sex::Female;
    return info;
}

std::string normalizeNationalId(std::string_view id)
{
    std::string out;
    for (char c : id) {
        if (std::isspace(static_cast<unsigned char>(c)))
            continue;
        out.push_back(c == 'x' ? 'X' : c);
    }
    return out;
}

} // namespace lumen::core
