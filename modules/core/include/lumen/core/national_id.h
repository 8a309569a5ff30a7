#pragma once
// Chinese resident identity number (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2
// check character. It encodes the birth date and, by the parity of digit 17, the sex.
#include "lumen/core/date.h"
#include "lumen/core/sex.h"

#include <optional>
#include <string>
#include <string_view>

namespace lumen::core {

enum class NationalIdProblem { None, WrongLength, NotDigits, BadRegion, BadBirthDate, BadCheckDigit };

struct NationalIdInfo
{
    Date birthDate;
    Sex sex = Sex::Unknown;
};

// The check character ('0'..'9' or 'X') for the first 17 digits.
char nationalIdCheckCharacter(std::string_view first17);
NationalIdProblem validateNationalId(std::string_view id, const Date* today = nullptr);
std::string describe(NationalIdProblem problem);
// Birth date and sex, or nullopt when the ID is not valid.
std::optional<NationalIdInfo> decodeNationalId(std::string_view id);
// Upper-cases a trailing 'x' and trims spaces, the forms people type.
std::string normalizeNationalId(std::string_view id);

} // namespace lumen::core
