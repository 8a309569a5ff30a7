#include "lumen/core/accession_number.h"

#include <cstdio>

namespace lumen::core {

char accessionLetter(Department department)
{
    switch (department) {
    case Department::Radiology:
        return 'R';
    case Department::Ultrasound:
        return 'U';
    case Department::Endoscopy:
        return 'E';
    case Department::Ecg:
        return 'C';
    case Department::Other:
        break;
    }
    return 'X';
}

std::string accessionPrefix(Department department, const Date& localDate)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%04d%02d%02d", accessionLetter(department), localDate.year,
                  localDate.month, localDate.day);
    return buf;
}

std::string formatAccessionNumber(const std::string& prefix, std::int64_t sequence)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "-%04lld", static_cast<long long>(sequence));
    return prefix + buf;
}

} // namespace lumen::core
