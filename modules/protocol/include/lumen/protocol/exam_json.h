#pragma once
// The JSON forms of an exam and of its timeline events (see server/API.md).
#include "lumen/core/exam.h"
#include "lumen/core/exam_event.h"

#include <nlohmann/json_fwd.hpp>

#include <initializer_list>
#include <string_view>

namespace lumen::protocol {

nlohmann::json toJson(const core::Exam& exam);
nlohmann::json toJson(const core::ExamEvent& event);
// Reads documents as the server sends them. Throw core::Error on a malformed document.
core::Exam examFromJson(const nlohmann::json& json);
core::ExamEvent examEventFromJson(const nlohmann::json& json);

// The fields of a new order present in `body` (patientId, department, HIS request and every
// editable field except the slot, which booking sets). Unknown fields other than
// `allowedExtra`, wrong types and unknown codes are refused naming the field:
// core::Error(BadRequest, "invalid_field", details {"field": ...}).
void applyExamOrderJson(core::Exam& exam, const nlohmann::json& body,
                        std::initializer_list<std::string_view> allowedExtra = {});
// The editable fields present in a PATCH body (null clears an optional field). Fields that
// never change (patient, department, accession, HIS request, status) are refused by name.
void applyExamChangesJson(core::Exam& exam, const nlohmann::json& body,
                          std::initializer_list<std::string_view> allowedExtra = {});

} // namespace lumen::protocol
