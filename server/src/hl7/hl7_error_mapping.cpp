#include "hl7/hl7_error_mapping.h"

#include <nlohmann/json.hpp>
#include <utility>

namespace lumen::server {

using hl7::ErrorCode;

namespace {

// Where a Lumen field comes from in the messages Lumen reads.
std::pair<std::string, int> hl7Location(const std::string& field)
{
    if (field == "name")
        return {"PID", 5};
    if (field == "birthDate")
        return {"PID", 7};
    if (field == "sex")
        return {"PID", 8};
    if (field == "address")
        return {"PID", 11};
    if (field == "phone")
        return {"PID", 13};
    if (field == "patientId" || field.find("Id") != std::string::npos ||
        field.find("No") != std::string::npos) {
        if (field == "hisRequestNo")
            return {"ORC", 2};
        return {"PID", 3};
    }
    if (field.rfind("items", 0) == 0 || field == "department" || field == "modality")
        return {"OBR", 4};
    if (field == "requestingDoctor")
        return {"ORC", 12};
    if (field == "requestingDepartment")
        return {"ORC", 17};
    if (field == "clinicalDiagnosis")
        return {"DG1", 3};
    if (field == "clinicalHistory")
        return {"OBR", 13};
    return {"", 0};
}

} // namespace

Hl7Failure toHl7Failure(const core::Error& error)
{
    std::string field;
    if (!error.detailsJson().empty()) {
        const auto details = nlohmann::json::parse(error.detailsJson(), nullptr, false);
        if (details.is_object() && details.contains("field") && details["field"].is_string())
            field = details["field"].get<std::string>();
    }
    const auto [segment, number] = hl7Location(field);
    ErrorCode code = ErrorCode::ApplicationInternalError;
    if (error.code() == "missing_field")
        code = ErrorCode::RequiredFieldMissing;
    else if (error.code() == "unknown_his_code")
        code = ErrorCode::TableValueNotFound;
    else if (error.code() == "invalid_field" || error.code() == "inconsistent_national_id")
        code = ErrorCode::DataType;
    else if (error.code() == "duplicate_identifier" || error.code() == "duplicate_his_request")
        code = ErrorCode::DuplicateKeyIdentifier;
    else if (error.kind() == core::ErrorKind::NotFound || error.code() == "patient_merged")
        code = ErrorCode::UnknownKeyIdentifier;
    else if (error.code() == "conflict")
        code = ErrorCode::ApplicationRecordLocked;
    return hl7Error(code, error.what(), segment, number);
}

} // namespace lumen::server
