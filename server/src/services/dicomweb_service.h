#pragma once
// DICOMweb on the archive index: QIDO-RS searches as DICOM JSON, the instances a WADO-RS or
// WADO-URI request names, and STOW-RS storage through the archive. Every path applies the
// user's permissions, including the confidential-patient rule, and is audited.
#include "lumen/core/dicom_object.h"
#include "lumen/dicom/dimse_service.h"
#include "lumen/dicom/frame_access.h"
#include "lumen/dicom/header_coercion.h"
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

// One object of a WADO-RS / WADO-URI answer: the stored file as it is, or, when the index holds
// values the file does not (delivery_coercion.h), the file rebuilt with them.
struct RetrievedObject
{
    std::string path;                 // absolute path of the stored file
    std::optional<std::string> bytes; // the Part 10 bytes to send instead, when coerced
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
    // The instances a retrieval names (404 when none is visible), as they are to be sent.
    std::vector<RetrievedObject> retrieve(const Principal& who, const std::string& studyUid,
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
    struct VisibleInstance
    {
        core::DicomInstanceRecord record;
        std::optional<dicom::HeaderCoercion> coercion; // the values it must be delivered with
    };
    std::vector<VisibleInstance> visibleInstances(const Principal& who, const std::string& studyUid,
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
