#pragma once
// DICOMweb on the archive index: QIDO-RS searches as DICOM JSON, the instances a WADO-RS or
// WADO-URI request names, and STOW-RS storage through the archive. Every path applies the
// user's permissions, including the confidential-patient rule, and is audited.
#include "lumen/core/dicom_object.h"
#include "lumen/dicom/dimse_service.h"
#include "lumen/dicom/frame_access.h"
#include "services/principal.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lumen::store {
class ConnectionPool;
class DicomFileStore;
} // namespace lumen::store

namespace lumen::server {

class ArchiveService;
class AuditLog;

struct QidoScope
{
    dicom::QueryLevel level = dicom::QueryLevel::Study;
    std::optional<std::string> studyUid;
    std::optional<std::string> seriesUid;
};

struct StowPart
{
    std::string contentType;
    std::string body;
};

struct StowResult
{
    int httpStatus = 200; // 200 all stored, 202 some failed, 409 none stored
    std::string json;     // the PS3.18 response: ReferencedSOPSequence / FailedSOPSequence
};

class DicomWebService
{
public:
    DicomWebService(store::ConnectionPool& readers, const AuditLog& audit, store::DicomFileStore& files,
                    ArchiveService& archive, std::string aeTitle);

    // QIDO-RS: the matches as a DICOM JSON array (text). `params` are the query parameters.
    std::string search(const Principal& who, const QidoScope& scope,
                       const std::map<std::string, std::string>& params);
    // The absolute file paths of the instances a retrieval names (404 when none is visible).
    std::vector<std::string> retrieve(const Principal& who, const std::string& studyUid,
                                      const std::optional<std::string>& seriesUid,
                                      const std::optional<std::string>& sopInstanceUid);
    StowResult store(const Principal& who, const std::vector<StowPart>& parts,
                     const std::optional<std::string>& studyUid);
    // WADO-RS metadata: a DICOM JSON array, bulk data referenced by the instance URL under
    // `baseUrl` (e.g. "http://host:8080").
    std::string metadata(const Principal& who, const std::string& baseUrl, const std::string& studyUid,
                         const std::optional<std::string>& seriesUid,
                         const std::optional<std::string>& sopInstanceUid);

    // WADO-RS frames (uncompressed samples) and rendered frames (PNG / JPEG) of one instance.
    std::vector<std::string> frames(const Principal& who, const std::string& studyUid,
                                    const std::string& seriesUid, const std::string& sopInstanceUid,
                                    const std::vector<int>& frameNumbers);
    std::string rendered(const Principal& who, const std::string& studyUid, const std::string& seriesUid,
                         const std::string& sopInstanceUid, const dicom::RenderOptions& options);

private:
    std::vector<core::DicomInstanceRecord> visibleInstances(const Principal& who, const std::string& studyUid,
                                                            const std::optional<std::string>& seriesUid,
                                                            const std::optional<std::string>& sopInstanceUid);

    store::ConnectionPool& m_readers;
    const AuditLog& m_audit;
    store::DicomFileStore& m_files;
    ArchiveService& m_archive;
    std::string m_aeTitle;
};

// Splits a multipart/related body; throws core::Error(BadRequest) when it is malformed.
std::vector<StowPart> parseMultipart(const std::string& contentType, const std::string& body);

} // namespace lumen::server
