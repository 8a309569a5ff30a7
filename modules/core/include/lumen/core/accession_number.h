#pragma once
// Accession numbers Lumen gives its exams: department letter, local date, daily sequence,
// e.g. R20261122-0007. Short enough for DICOM (SH, 16 characters) and a barcode, and readable
// at the desk. The sequence is allocated by the store inside the writing transaction.
#include "lumen/core/date.h"
#include "lumen/core/exam_kinds.h"

#include <cstdint>
#include <string>

namespace lumen::core {

// R radiology, U ultrasound, E endoscopy, C ECG (cardiogram), X other.
char accessionLetter(Department department);
// The part shared by one department's exams of one day: "R20261122".
std::string accessionPrefix(Department department, const Date& localDate);
// "R20261122-0007"; the sequence widens past 9999 (15 characters up to 99,999 a day).
std::string formatAccessionNumber(const std::string& prefix, std::int64_t sequence);

} // namespace lumen::core
