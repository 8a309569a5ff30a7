#pragma once
// Which index column answers which DICOM attribute, for C-FIND and QIDO-RS alike.
#include "lumen/core/dicom_match.h"
#include "lumen/core/dicom_object.h"
#include "lumen/dicom/dimse_service.h"
#include "lumen/store/dicom_index_repository.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lumen::server {

struct AttributeInfo
{
    std::uint32_t tag;
    std::string_view keyword;
    std::string_view vr;
    const char* column = nullptr; // index column when the attribute can be matched
    core::MatchStyle style = core::MatchStyle::Text;
};

// Attributes the archive can match or return; nullptr when unknown.
const AttributeInfo* attributeByTag(std::uint32_t tag);
// By keyword ("PatientID") or by eight hex digits ("00100020").
const AttributeInfo* attributeByName(std::string_view name);
// Return keys a QIDO-RS response carries by default at each level (PS3.18 §10.6.3.3).
std::vector<std::uint32_t> defaultReturnTags(dicom::QueryLevel level);

// Builds the index query for the request's keys; keys the index does not hold are only returned.
store::DicomQuery toIndexQuery(const dicom::FindRequest& request);
// The response identifier: every requested key, filled from the records where known (UTF-8);
// SpecificCharacterSet, when asked, is ISO_IR 192 if a value is beyond ASCII and empty otherwise.
std::vector<dicom::DicomKey> responseKeys(const dicom::FindRequest& request,
                                          const core::DicomStudyRecord* study,
                                          const core::DicomSeriesRecord* series,
                                          const core::DicomInstanceRecord* instance,
                                          const std::string& aeTitle);

} // namespace lumen::server
