#include "services/archive_service.h"

#include "log.h"
#include "lumen/core/date.h"
#include "lumen/dicom/character_set.h"
#include "lumen/dicom/instance_attributes.h"
#include "lumen/dicom/rejection_note.h"
#include "lumen/store/ae_repository.h"
#include "lumen/store/connection_pool.h"
#include "lumen/store/database.h"
#include "lumen/store/dicom_file_store.h"
#include "lumen/store/dicom_index_repository.h"
#include "lumen/store/patient_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"
#include "services/delivery_coercion.h"
#include "services/dicom_query_mapping.h"
#include "services/exam_linking.h"
#include "services/index_search.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <map>
#include <system_error>

namespace lumen::server {

namespace {

std::string nowIso()
{
    return core::formatIsoTimestamp(std::chrono::system_clock::now());
}

std::optional<core::PatientId> matchPatient(store::PatientRepository& patients,
                                            const dicom::InstanceAttributes& a)
{
    std::vector<std::string> ids;
    if (!a.patientId.empty())
        ids.push_back(a.patientId);
    std::size_t start = 0;
    while (start < a.otherPatientIds.size()) {
        const auto sep = a.otherPatientIds.find('\\', start);
        ids.push_back(a.otherPatientIds.substr(start, sep == std::string::npos ? sep : sep - start));
        if (sep == std::string::npos)
            break;
        start = sep + 1;
    }
    for (const auto& id : ids)
        for (auto kind : core::allIdentifierKinds)
            if (auto found = patients.findByIdentifier(kind, id)) {
                // A merged duplicate's identifier leads to the patient it was merged into.
                const auto patient = patients.find(*found);
                return patient && patient->mergedInto ? patient->mergedInto : found;
            }
    return std::nullopt;
}

struct Records
{
    core::DicomStudyRecord study;
    core::DicomSeriesRecord series;
    core::DicomInstanceRecord instance;
};

Records toRecords(const dicom::InstanceAttributes& a, const std::string& relativePath,
                  const std::string& callingAe)
{
    Records r;
    r.study.studyUid = a.studyInstanceUid;
    r.study.dicomPatientId = a.patientId;
    r.study.issuerOfPatientId = a.issuerOfPatientId;
    r.study.otherPatientIds = a.otherPatientIds;
    r.study.patientName = a.patientName;
    r.study.patientBirthDate = a.patientBirthDate;
    r.study.patientSex = a.patientSex;
    r.study.studyDate = a.studyDate;
    r.study.studyTime = a.studyTime;
    r.study.accessionNumber = a.accessionNumber;
    r.study.studyId = a.studyId;
    r.study.studyDescription = a.studyDescription;
    r.study.referringPhysician = a.referringPhysicianName;
    r.study.characterSet = dicom::utf8CharacterSet; // readInstanceAttributes decoded the text
    r.series.seriesUid = a.seriesInstanceUid;
    r.series.studyUid = a.studyInstanceUid;
    r.series.modality = a.modality;
    r.series.seriesNumber = a.seriesNumber;
    r.series.seriesDescription = a.seriesDescription;
    r.series.bodyPart = a.bodyPartExamined;
    r.instance.sopInstanceUid = a.sopInstanceUid;
    r.instance.sopClassUid = a.sopClassUid;
    r.instance.seriesUid = a.seriesInstanceUid;
    r.instance.studyUid = a.studyInstanceUid;
    r.instance.transferSyntaxUid = a.transferSyntaxUid;
    r.instance.instanceNumber = a.instanceNumber;
    r.instance.rows = a.rows;
    r.instance.columns = a.columns;
    r.instance.frames = a.numberOfFrames;
    r.instance.filePath = relativePath;
    r.instance.fileSize = std::int64_t(a.fileSizeBytes);
    r.instance.callingAe = callingAe;
    return r;
}

dicom::StoreOutcome refused(std::uint16_t status, const std::string& reason, const IngestSource& from,
                            const std::string& file)
{
    ::unlink(file.c_str());
    logLine(LogLevel::Warning, "dicom", "object refused",
            {{"source", from.auditUser}, {"peer", from.peerAddress}, {"reason", reason}});
    return {status, reason};
}

} // namespace

ArchiveService::ArchiveService(ArchiveSettings settings, store::ConnectionPool& readers,
                               store::WriteQueue& writer, const AuditLog& audit, store::DicomFileStore& files)
    : m_settings(std::move(settings)), m_readers(readers), m_writer(writer), m_audit(audit), m_files(files)
{
    // New files are made durable once per group commit, just before their index rows.
    m_writer.setFileFlush([&files] { files.flush(); });
}

bool ArchiveService::acceptAssociation(const dicom::AssociationInfo& a)
{
    if (m_settings.promiscuous)
        return true;
    auto db = m_readers.lease();
    const bool known = store::AeRepository(*db).find(a.callingAeTitle).has_value();
    if (!known)
        logLine(LogLevel::Warning, "dicom", "association refused: unknown calling AE title",
                {{"calling", a.callingAeTitle}, {"peer", a.peerAddress}});
    return known;
}

bool ArchiveService::aeMay(const std::string& aeTitle, bool store::KnownAe::*right)
{
    if (m_settings.promiscuous)
        return true;
    auto db = m_readers.lease();
    const auto ae = store::AeRepository(*db).find(aeTitle);
    return ae && (*ae).*right;
}

std::string ArchiveService::receivePath(const std::string& affectedSopInstanceUid)
{
    return m_files.receivingPathFor(affectedSopInstanceUid);
}

dicom::StoreOutcome ArchiveService::store(const dicom::AssociationInfo& from, const std::string& receivedFile)
{
    const IngestSource source{"AE:" + from.callingAeTitle, from.peerAddress, from.callingAeTitle, ""};
    if (!aeMay(from.callingAeTitle, &store::KnownAe::canStore))
        return refused(dicom::status::refusedNotAuthorized, "AE " + from.callingAeTitle + " may not store",
                       source, receivedFile);
    return ingest(receivedFile, source).outcome;
}

IngestResult ArchiveService::ingest(const std::string& receivedFile, const IngestSource& from)
{
    dicom::InstanceAttributes attributes;
    try {
        attributes = dicom::readInstanceAttributes(receivedFile);
    } catch (const dicom::DicomError& e) {
        const auto status =
            e.code() == "meta_mismatch" ? dicom::status::dataSetMismatch : dicom::status::cannotUnderstand;
        return {refused(status, std::string(e.code()) + ": " + e.what(), from, receivedFile), "", "", ""};
    }

    if (!attributes.undecodableText.empty()) {
        // Stored all the same: the file keeps its bytes, the index a lossless stand-in.
        std::string names;
        for (const auto& name : attributes.undecodableText)
            names += (names.empty() ? "" : ",") + name;
        logLine(LogLevel::Warning, "dicom", "text does not decode in the declared character set",
                {{"sop", attributes.sopInstanceUid},
                 {"characterSet", attributes.specificCharacterSet},
                 {"attributes", names},
                 {"source", from.auditUser}});
    }

    std::optional<core::DicomInstanceRecord> existing;
    {
        auto db = m_readers.lease();
        existing = store::DicomIndexRepository(*db).findInstance(attributes.sopInstanceUid);
    }
    if (existing && m_settings.duplicatePolicy == DuplicatePolicy::KeepFirst) {
        ::unlink(receivedFile.c_str());
        logLine(LogLevel::Info, "dicom", "duplicate instance kept as first received",
                {{"sop", attributes.sopInstanceUid}, {"source", from.auditUser}});
        return {{dicom::status::success, ""},
                attributes.sopClassUid,
                attributes.sopInstanceUid,
                attributes.studyInstanceUid,
                true};
    }

    std::string relative;
    try {
        // A file without an index row was never acknowledged (crash orphan): it may be replaced.
        relative = m_files.place(receivedFile, attributes.sopInstanceUid, existing.has_value(),
                                 store::DicomFileStore::Durability::AtNextFlush);
    } catch (const std::system_error& e) {
        if (e.code().value() == EEXIST) {
            try {
                relative = m_files.place(receivedFile, attributes.sopInstanceUid, true);
            } catch (const std::system_error& again) {
                return {refused(dicom::status::outOfResources, again.what(), from, receivedFile),
                        attributes.sopClassUid, attributes.sopInstanceUid, attributes.studyInstanceUid};
            }
        } else {
            return {refused(dicom::status::outOfResources, std::string("storage failed: ") + e.what(), from,
                            receivedFile),
                    attributes.sopClassUid, attributes.sopInstanceUid, attributes.studyInstanceUid};
        }
    }

    const auto records = toRecords(attributes, relative, from.callingAe);
    const auto rejection = attributes.sopClassUid == dicom::keyObjectSelectionSopClass
                               ? dicom::readRejectionNote(m_files.absolutePath(relative))
                               : std::nullopt;
    try {
        m_writer
            .submitAfterFlush([&](store::Database& db) {
                store::PatientRepository patients(db);
                store::DicomIndexRepository index(db);
                auto study = records.study;
                study.patientId = matchPatient(patients, attributes);
                const auto now = nowIso();
                if (existing)
                    index.replaceInstanceFile(records.instance, now);
                else if (index.insert(study, records.series, records.instance, now) ==
                         store::IndexOutcome::InsertedNewStudy)
                    // Once per study, by its first object: later objects cost no lookup, and a
                    // study unfiled by hand is not filed again by the rest of its series.
                    study.patientId = fileArrivingStudy(
                        db, m_audit, study,
                        {from.auditUser, from.displayName.empty() ? from.auditUser : from.displayName,
                         from.peerAddress},
                        now);
                m_audit.appendInJob(db,
                                    core::AuditEntry{0, now, from.auditUser, from.peerAddress,
                                                     existing ? "dicom.replace" : "dicom.store", "instance",
                                                     attributes.sopInstanceUid, study.patientId,
                                                     "study " + attributes.studyInstanceUid, "", ""});
                // A rejection note hides what it names in the same transaction that stores it.
                if (rejection) {
                    const int hidden = index.setHidden(rejection->rejectedSopInstanceUids, true);
                    m_audit.appendInJob(db, core::AuditEntry{0, now, from.auditUser, from.peerAddress,
                                                             "dicom.reject", "instance",
                                                             attributes.sopInstanceUid, study.patientId,
                                                             rejection->codeMeaning + ": " +
                                                                 std::to_string(hidden) + " instances hidden",
                                                             "", ""});
                }
            })
            .get();
    } catch (const std::exception& e) {
        // Not indexed: the file must not stay behind as if it were stored.
        if (!existing)
            m_files.remove(relative);
        logLine(LogLevel::Error, "dicom", "indexing failed",
                {{"sop", attributes.sopInstanceUid}, {"error", e.what()}});
        return {{dicom::status::outOfResources, std::string("indexing failed: ") + e.what()},
                attributes.sopClassUid,
                attributes.sopInstanceUid,
                attributes.studyInstanceUid};
    }
    return {{dicom::status::success, ""},
            attributes.sopClassUid,
            attributes.sopInstanceUid,
            attributes.studyInstanceUid};
}

dicom::FindOutcome ArchiveService::find(const dicom::AssociationInfo& from, const dicom::FindRequest& request,
                                        const std::function<bool(const std::vector<dicom::DicomKey>&)>& emit)
{
    if (!aeMay(from.callingAeTitle, &store::KnownAe::canQuery))
        return {dicom::status::refusedNotAuthorized, "AE " + from.callingAeTitle + " may not query"};
    // DIMSE peers are trusted by AE title, not by user: confidential patients are never
    // answered over DIMSE (see server/CONFORMANCE.md).
    std::size_t matches = 0;
    {
        auto db = m_readers.lease();
        matches = searchIndex(*db, request, SearchOptions{false, 100000, 0}, [&](const IndexMatch& m) {
            return emit(responseKeys(request, m.study, m.series, m.instance, m_settings.aeTitle));
        });
    }
    m_audit.record(core::AuditEntry{0, nowIso(), "AE:" + from.callingAeTitle, from.peerAddress, "dicom.find",
                                    "query", "-", std::nullopt, std::to_string(matches) + " matches", "",
                                    ""});
    return {dicom::status::success, ""};
}

namespace {

// One C-MOVE / C-GET sends at most this many objects; a larger request is refused (A701) rather
// than half served.
constexpr int maxRetrieveInstances = 500000;

struct UniqueKey
{
    std::uint16_t group;
    std::uint16_t element;
    dicom::QueryLevel level;
    const char* keyword;
};

// PS3.4 C.4.2.2.1: a C-MOVE / C-GET identifier holds the unique keys of its level and above.
constexpr UniqueKey uniqueKeys[] = {{0x0010, 0x0020, dicom::QueryLevel::Patient, "PatientID"},
                                    {0x0020, 0x000D, dicom::QueryLevel::Study, "StudyInstanceUID"},
                                    {0x0020, 0x000E, dicom::QueryLevel::Series, "SeriesInstanceUID"},
                                    {0x0008, 0x0018, dicom::QueryLevel::Image, "SOPInstanceUID"}};

std::string trimmedValue(std::string value)
{
    while (!value.empty() && (value.back() == ' ' || value.back() == '\0'))
        value.pop_back();
    const auto first = value.find_first_not_of(' ');
    return first == std::string::npos ? std::string() : value.substr(first);
}

std::string hex4(std::uint16_t value)
{
    char text[8];
    std::snprintf(text, sizeof text, "%04X", value);
    return text;
}

} // namespace

dicom::RetrieveOutcome ArchiveService::retrieve(const dicom::AssociationInfo& from,
                                                const dicom::RetrieveRequest& request,
                                                std::vector<dicom::RetrieveItem>& items)
{
    const char* const operation = request.operation == dicom::RetrieveOperation::Move ? "C-MOVE" : "C-GET";
    if (!aeMay(from.callingAeTitle, &store::KnownAe::canRetrieve)) {
        logLine(LogLevel::Warning, "dicom", "retrieve refused: AE may not retrieve",
                {{"calling", from.callingAeTitle}, {"peer", from.peerAddress}, {"operation", operation}});
        return {dicom::status::refusedNotAuthorized, "AE " + from.callingAeTitle + " may not retrieve"};
    }
    // Only the unique keys select (relational retrieve is not offered); the level's own key
    // is required, so that an empty identifier never sends the whole archive.
    const dicom::FindRequest& identifier = request.identifier;
    dicom::FindRequest search;
    search.model = identifier.model;
    search.level = dicom::QueryLevel::Image;
    bool haveLevelKey = false;
    for (const UniqueKey& unique : uniqueKeys) {
        if (int(unique.level) > int(identifier.level))
            continue;
        const auto key =
            std::find_if(identifier.keys.begin(), identifier.keys.end(), [&](const dicom::DicomKey& k) {
                return k.group == unique.group && k.element == unique.element;
            });
        const std::string value = key == identifier.keys.end() ? std::string() : trimmedValue(key->value);
        if (value.empty())
            continue;
        if (value.find_first_of("*?") != std::string::npos)
            return {dicom::status::identifierDoesNotMatchSopClass,
                    std::string(unique.keyword) + " must not hold wildcards in a retrieve"};
        search.keys.push_back({unique.group, unique.element, value});
        haveLevelKey = haveLevelKey || unique.level == identifier.level;
    }
    if (!haveLevelKey)
        return {dicom::status::identifierDoesNotMatchSopClass,
                std::string("a retrieve at this level needs ") +
                    uniqueKeys[std::min(int(identifier.level), 3)].keyword};

    // As C-FIND: confidential patients are never served over DIMSE, hidden instances are not
    // matched (searchIndex leaves both out).
    auto db = m_readers.lease();
    const auto now = std::chrono::system_clock::now();
    searchIndex(*db, search, SearchOptions{false, maxRetrieveInstances + 1, 0}, [&](const IndexMatch& m) {
        const auto& i = *m.instance;
        items.push_back({m_files.absolutePath(i.filePath), i.sopClassUid, i.sopInstanceUid,
                         i.transferSyntaxUid, i.studyUid, deliveryCoercion(*m.study, i, now)});
        return true;
    });
    if (items.size() > std::size_t(maxRetrieveInstances)) {
        items.clear();
        return {0xA701, "more than " + std::to_string(maxRetrieveInstances) + " instances match"};
    }
    return {dicom::status::success, ""};
}

std::optional<dicom::MoveDestination> ArchiveService::moveDestination(const dicom::AssociationInfo& from,
                                                                      const std::string& aeTitle)
{
    std::optional<store::KnownAe> ae;
    {
        auto db = m_readers.lease();
        ae = store::AeRepository(*db).find(aeTitle);
    }
    if (!ae || ae->host.empty() || ae->port < 1 || ae->port > 65535) {
        logLine(LogLevel::Warning, "dicom", "C-MOVE to an unknown destination",
                {{"calling", from.callingAeTitle}, {"destination", aeTitle}});
        return std::nullopt;
    }
    return dicom::MoveDestination{ae->host, static_cast<unsigned short>(ae->port)};
}

void ArchiveService::retrieveFinished(const dicom::AssociationInfo& from,
                                      const dicom::RetrieveRequest& request,
                                      const std::vector<dicom::RetrieveItem>& items,
                                      const dicom::RetrieveReport& report)
{
    const bool move = request.operation == dicom::RetrieveOperation::Move;
    const std::string action = move ? "dicom.move" : "dicom.get";
    const std::string to = move ? "to AE " + request.moveDestination : "to AE " + from.callingAeTitle;
    // One entry per study, naming its patient: each is a disclosure of that patient's images.
    struct Tally
    {
        int sent = 0;
        int total = 0;
    };
    std::map<std::string, Tally> studies;
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto& tally = studies[items[i].studyInstanceUid];
        ++tally.total;
        if (i < report.results.size() && (report.results[i] == dicom::SubOperationResult::Completed ||
                                          report.results[i] == dicom::SubOperationResult::Warning))
            ++tally.sent;
    }
    std::map<std::string, std::optional<core::PatientId>> patients;
    {
        auto db = m_readers.lease();
        store::DicomIndexRepository index(*db);
        for (const auto& [uid, tally] : studies) {
            const auto study = index.findStudyByUid(uid, true);
            patients[uid] = study ? study->patientId : std::nullopt;
        }
    }
    const std::string outcome = "status " + hex4(report.status) + (report.cancelled ? " (cancelled)" : "");
    const auto now = nowIso();
    m_writer
        .submit([&](store::Database& db) {
            if (studies.empty())
                m_audit.appendInJob(db, core::AuditEntry{0, now, "AE:" + from.callingAeTitle,
                                                         from.peerAddress, action, "query", "-", std::nullopt,
                                                         "no instances " + to + ", " + outcome, "", ""});
            for (const auto& [uid, tally] : studies)
                m_audit.appendInJob(
                    db, core::AuditEntry{0, now, "AE:" + from.callingAeTitle, from.peerAddress, action,
                                         "study", uid, patients[uid],
                                         std::to_string(tally.sent) + " of " + std::to_string(tally.total) +
                                             " instances " + to + ", " + outcome,
                                         "", ""});
        })
        .get();
    logLine(report.failed > 0 ? LogLevel::Warning : LogLevel::Info, "dicom",
            move ? "C-MOVE finished" : "C-GET finished",
            {{"calling", from.callingAeTitle},
             {"destination", move ? request.moveDestination : from.callingAeTitle},
             {"completed", std::to_string(report.completed)},
             {"failed", std::to_string(report.failed)},
             {"warning", std::to_string(report.warning)},
             {"status", hex4(report.status)},
             {"reason", report.reason}});
}

void ArchiveService::reconcile()
{
    if (const int partial = m_files.clearIncoming())
        logLine(LogLevel::Warning, "dicom", "removed partial transfers",
                {{"files", std::to_string(partial)}});
    std::vector<std::string> indexed;
    {
        auto db = m_readers.lease();
        indexed = store::DicomIndexRepository(*db).allFilePaths();
    }
    for (const auto& orphan : m_files.unindexedFiles(indexed)) {
        // Never acknowledged: the crash came between placing and indexing.
        logLine(LogLevel::Warning, "dicom", "removing unindexed file left by an interrupted store",
                {{"file", orphan}});
        m_files.remove(orphan);
    }
    std::size_t missing = 0;
    for (const auto& path : indexed)
        if (::access(m_files.absolutePath(path).c_str(), R_OK) != 0) {
            ++missing;
            logLine(LogLevel::Error, "dicom", "indexed file is missing on disk", {{"file", path}});
        }
    logLine(LogLevel::Info, "dicom", "archive reconciled",
            {{"instances", std::to_string(indexed.size())}, {"missingFiles", std::to_string(missing)}});
    recodeLegacyText();
}

void ArchiveService::recodeLegacyText()
{
    std::size_t studies = 0;
    std::size_t undecodable = 0;
    m_writer
        .submit([&](store::Database& db) {
            store::DicomIndexRepository index(db);
            for (const auto& [studyUid, characterSet] : index.studiesNotIn(dicom::utf8CharacterSet)) {
                index.recodeStudyText(
                    studyUid,
                    [&, &characterSet = characterSet](const std::string& value, bool personName) {
                        auto decoded = dicom::decodeToUtf8(value, characterSet, personName);
                        undecodable += decoded.exact ? 0 : 1;
                        return decoded.text;
                    },
                    dicom::utf8CharacterSet);
                ++studies;
            }
        })
        .get();
    if (studies > 0)
        logLine(undecodable > 0 ? LogLevel::Warning : LogLevel::Info, "dicom",
                "index text of earlier studies converted to UTF-8",
                {{"studies", std::to_string(studies)}, {"undecodableValues", std::to_string(undecodable)}});
}

} // namespace lumen::server
