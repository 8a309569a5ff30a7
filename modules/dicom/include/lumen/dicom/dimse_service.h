#pragma once
// What the DIMSE server asks of the archive. The server (DCMTK, hidden in src/) does the
// networking; an implementation of DimseHandler decides, stores and answers.
#include "lumen/dicom/header_coercion.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lumen::dicom {

struct AssociationInfo
{
    std::string callingAeTitle;
    std::string calledAeTitle;
    std::string peerAddress;
};

// DIMSE status codes Lumen answers with (PS3.4 / PS3.7).
namespace status {
inline constexpr std::uint16_t success = 0x0000;
inline constexpr std::uint16_t pending = 0xFF00;
inline constexpr std::uint16_t outOfResources = 0xA700;   // e.g. disk full
inline constexpr std::uint16_t dataSetMismatch = 0xA900;  // SOP class does not match the data
inline constexpr std::uint16_t cannotUnderstand = 0xC000; // malformed object
inline constexpr std::uint16_t refusedNotAuthorized = 0x0124;
inline constexpr std::uint16_t unableToProcess = 0xC001;
inline constexpr std::uint16_t identifierDoesNotMatchSopClass = 0xA900;
inline constexpr std::uint16_t findOutOfResources = 0xA700;
// C-MOVE / C-GET
inline constexpr std::uint16_t subOperationsFailed = 0xA702; // none of the sub-operations succeeded
inline constexpr std::uint16_t moveDestinationUnknown = 0xA801;
inline constexpr std::uint16_t subOperationsWithFailures = 0xB000; // warning: some failed or warned
inline constexpr std::uint16_t cancelled = 0xFE00;
} // namespace status

struct StoreOutcome
{
    std::uint16_t status = status::success;
    std::string reason; // logged, and sent as ErrorComment when not success
};

// One attribute of a C-FIND identifier or match. `value` is the DICOM string form
// (multi-values joined with '\\'); sequences are not used as keys.
struct DicomKey
{
    std::uint16_t group = 0;
    std::uint16_t element = 0;
    std::string value;
    bool operator==(const DicomKey&) const = default;
};

enum class QueryModel { PatientRoot, StudyRoot };
enum class QueryLevel { Patient, Study, Series, Image };

struct FindRequest
{
    QueryModel model = QueryModel::StudyRoot;
    QueryLevel level = QueryLevel::Study;
    // Every key of the identifier, empty value = "return this"; values in UTF-8, decoded from
    // the request's Specific Character Set.
    std::vector<DicomKey> keys;
    std::string specificCharacterSet; // as the request declared it
};

struct FindOutcome
{
    std::uint16_t status = status::success;
    std::string reason;
};

enum class RetrieveOperation { Move, Get };

struct RetrieveRequest
{
    RetrieveOperation operation = RetrieveOperation::Move;
    // The C-MOVE / C-GET identifier, read as a C-FIND identifier (level, keys).
    FindRequest identifier;
    std::string moveDestination; // AE title, C-MOVE only
};

// One stored object to send as a C-STORE sub-operation.
struct RetrieveItem
{
    std::string filePath; // absolute path of the Part 10 file
    std::string sopClassUid;
    std::string sopInstanceUid;
    std::string transferSyntaxUid; // as stored; the file's own meta header is what is sent
    std::string studyInstanceUid;
    // Set when the index holds study or patient values the file does not: the object is then
    // sent with them (in its stored transfer syntax where the peer accepts it).
    std::optional<HeaderCoercion> coercion = std::nullopt;
};

struct RetrieveOutcome
{
    // Anything but success refuses the retrieve before any sub-operation (e.g. 0x0124).
    std::uint16_t status = status::success;
    std::string reason;
};

struct MoveDestination
{
    std::string host;
    unsigned short port = 104;
};

enum class SubOperationResult { NotSent, Completed, Warning, Failed };

// What a C-MOVE / C-GET delivered, reported once it has ended.
struct RetrieveReport
{
    std::uint16_t status = status::success; // the final status sent to the SCU
    std::string reason;
    std::vector<SubOperationResult> results; // one per item handed out by retrieve(), in order
    int completed = 0;
    int failed = 0;
    int warning = 0;
    bool cancelled = false;
};

class DimseHandler
{
public:
    virtual ~DimseHandler() = default;
    // Accept or refuse an association request (known AE table, promiscuous setting).
    virtual bool acceptAssociation(const AssociationInfo& association) = 0;
    // Where to write an incoming C-STORE object before store(): a path that does not exist
    // yet, or empty for a temp file in the server's incoming folder. An archive answers a name
    // in the folder where the object will live, so that placing it is a link within one folder.
    virtual std::string receivePath(const std::string& affectedSopInstanceUid);
    // `receivedFile` holds the object exactly as received, as a Part 10 file with file meta.
    // The handler takes it over (moves or deletes it) and answers the C-STORE status.
    virtual StoreOutcome store(const AssociationInfo& association, const std::string& receivedFile) = 0;
    // Calls `sendMatch` for each match (UTF-8 values: the server declares ISO_IR 192 when one
    // is beyond ASCII); it returns false when the SCU cancelled (stop then).
    // (Not named `emit`: Qt defines that as a macro.)
    virtual FindOutcome find(const AssociationInfo& association, const FindRequest& request,
                             const std::function<bool(const std::vector<DicomKey>&)>& sendMatch) = 0;

    // C-MOVE and C-GET: the objects to send for `request`, or a refusal. The server then sends
    // each item as a C-STORE sub-operation (to the move destination, or back on the association
    // for C-GET) and calls retrieveFinished(). The default refuses: no retrieve service.
    virtual RetrieveOutcome retrieve(const AssociationInfo& association, const RetrieveRequest& request,
                                     std::vector<RetrieveItem>& items);
    // Where a C-MOVE destination AE title listens; nullopt answers 0xA801 "destination unknown".
    virtual std::optional<MoveDestination> moveDestination(const AssociationInfo& association,
                                                           const std::string& aeTitle);
    // After every retrieve that retrieve() accepted: what was delivered (for the audit trail).
    virtual void retrieveFinished(const AssociationInfo& association, const RetrieveRequest& request,
                                  const std::vector<RetrieveItem>& items, const RetrieveReport& report);
};

} // namespace lumen::dicom
