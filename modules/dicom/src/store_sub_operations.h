#pragma once
// The C-STORE sub-operations of C-MOVE and C-GET: stored files sent on an association, one
// request and its response at a time. A file travels in its own transfer syntax, its data set
// streamed byte for byte from disk, whenever a presentation context for it was accepted; when
// only an uncompressed context was, DCMTK decodes it (JPEG, JPEG-LS, RLE, deflate; JPEG 2000 through
// the OpenJPEG codec registerCodecs() adds); otherwise
// the sub-operation fails. An item with a header coercion is rebuilt in memory with the index's
// values first (still in its stored syntax when that was accepted).
#include "lumen/dicom/dimse_service.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmnet/assoc.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace lumen::dicom::detail {

struct SubOperationOutcome
{
    SubOperationResult result = SubOperationResult::Failed;
    std::uint16_t status = 0; // the C-STORE response status (0 with Failed when none came back)
    std::string problem;      // why it failed or warned, for the log
    // Bad when the association can no longer be used (no response, peer gone): stop there.
    OFCondition association = EC_Normal;
};

class StoreSender
{
public:
    struct Options
    {
        // C-GET: only presentation contexts in which the SCU took the Storage SCP role.
        bool peerMustBeStorageScp = false;
        std::chrono::seconds dimseTimeout{60};
        std::string moveOriginatorAeTitle; // C-MOVE: the SCU that asked
        Uint16 moveOriginatorMessageId = 0;
        // C-GET: a C-CANCEL-RQ for this message may arrive while a store response is awaited.
        std::optional<Uint16> watchCancelOf;
    };

    // `nextMessageId` is the association's counter of outgoing request IDs.
    StoreSender(T_ASC_Association* association, Options options, Uint16& nextMessageId);

    SubOperationOutcome send(const RetrieveItem& item);
    bool cancelSeen() const { return m_cancelSeen; }

private:
    struct Context
    {
        T_ASC_PresentationContextID id = 0;
        std::string abstractSyntax;
        std::string transferSyntax;
    };
    const Context* contextFor(const std::string& sopClass, const std::string& transferSyntax,
                              bool& asStored) const;
    SubOperationOutcome awaitResponse(Uint16 messageId);

    T_ASC_Association* m_association;
    Options m_options;
    Uint16& m_nextMessageId;
    std::vector<Context> m_contexts;
    bool m_cancelSeen = false;
};

// The association Lumen opens to a C-MOVE destination, proposing for each SOP class of the
// items their stored transfer syntaxes and, where Lumen can decode them, the uncompressed ones.
class OutgoingAssociation
{
public:
    OutgoingAssociation() = default;
    OutgoingAssociation(const OutgoingAssociation&) = delete;
    OutgoingAssociation& operator=(const OutgoingAssociation&) = delete;
    ~OutgoingAssociation();

    // False, with `problem` set, when no association with an accepted context came up.
    bool open(const std::string& callingAeTitle, const std::string& calledAeTitle,
              const MoveDestination& destination, const std::vector<RetrieveItem>& items,
              std::chrono::seconds acseTimeout, std::string& problem);
    T_ASC_Association* get() const { return m_association; }
    enum class Ending { Release, Abort, Drop };
    // Ends the association (Release: A-RELEASE, falling back to abort) and frees it.
    void close(Ending ending);

private:
    T_ASC_Network* m_network = nullptr;
    T_ASC_Association* m_association = nullptr;
};

// True for the transfer syntaxes Lumen can turn into an uncompressed one for sending.
bool canSendUncompressed(const std::string& transferSyntaxUid);

} // namespace lumen::dicom::detail
