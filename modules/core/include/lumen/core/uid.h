#pragma once
// New DICOM UIDs for objects Lumen itself creates (e.g. the study a split makes).
#include <string>

namespace lumen::core {

// A UID under the 2.25 root (PS3.5 B.2): "2.25." and a random (version 4) UUID as one
// decimal number. It needs no registered organisation root and is at most 44 characters.
std::string generateUid();

} // namespace lumen::core
