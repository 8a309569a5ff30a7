#pragma once
// One association, served on its own thread: DCMTK's DcmThreadSCP negotiates, this class
// answers C-ECHO, C-STORE, C-FIND, C-MOVE and C-GET through the DimseHandler, and storage
// commitment requests through the StorageCommitmentHandler, worklist queries and MPPS through
// their handlers when the server has them.
#include "lumen/dicom/dimse_service.h"
#include "lumen/dicom/mpps.h"
#include "lumen/dicom/storage_commitment.h"
#include "lumen/dicom/worklist.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmnet/scpthrd.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace lumen::dicom::detail {

struct ScpContext
{
    DimseHandler& handler;
    std::string aeTitle;
    std::string incomingDir;
    std::chrono::seconds dimseTimeout;
    std::chrono::seconds acseTimeout;     // also for associations to C-MOVE destinations
    const std::atomic<bool>& stopping;    // set when the server stops: idle associations end
    StorageCommitmentHandler* commitment; // null: Storage Commitment is not negotiated
    WorklistHandler* worklist;            // null: Modality Worklist is not negotiated
    MppsHandler* mpps;                    // null: MPPS is not negotiated
};

class LumenScp final : public DcmThreadSCP
{
public:
    explicit LumenScp(const ScpContext& context) : m_context(context) {}
    // Sub-operation counts of a C-MOVE / C-GET in progress.
    struct RetrieveProgress;

    OFCondition run(T_ASC_Association* association) override;

protected:
    OFBool checkCalledAETitleAccepted(const OFString& calledAe) override;
    OFBool checkCallingAETitleAccepted(const OFString& callingAe) override;
    OFCondition negotiateAssociation() override;
    void handleAssociation() override;
    OFCondition handleIncomingCommand(T_DIMSE_Message* message,
                                      const DcmPresentationContextInfo& info) override;

private:
    OFCondition handleStore(T_DIMSE_C_StoreRQ& request, T_ASC_PresentationContextID presentationContext);
    OFCondition handleFind(T_DIMSE_C_FindRQ& request, const DcmPresentationContextInfo& info);
    OFCondition handleMove(T_DIMSE_C_MoveRQ& request, const DcmPresentationContextInfo& info);
    OFCondition handleGet(T_DIMSE_C_GetRQ& request, const DcmPresentationContextInfo& info);
    // Storage commitment N-ACTION (storage_commitment_action.cpp).
    OFCondition handleCommitmentAction(T_DIMSE_N_ActionRQ& request, const DcmPresentationContextInfo& info);
    // Modality worklist C-FIND (worklist_find.cpp).
    OFCondition handleWorklistFind(T_DIMSE_C_FindRQ& request, const DcmPresentationContextInfo& info);
    // Sends one pending C-FIND answer; false once the SCU cancelled or the send failed.
    using SendPendingFind = std::function<bool(DcmDataset* answer)>;
    // What archive and worklist queries share: `search` sends the matches through its argument
    // and returns the outcome; then the final status (cancel, or the outcome with its comment).
    OFCondition answerFind(T_DIMSE_C_FindRQ& request, T_ASC_PresentationContextID presentationContext,
                           const char* what,
                           const std::function<FindOutcome(const SendPendingFind&)>& search);
    // MPPS N-CREATE / N-SET (mpps_action.cpp).
    OFCondition handleMppsCreate(T_DIMSE_N_CreateRQ& request, const DcmPresentationContextInfo& info);
    OFCondition handleMppsSet(T_DIMSE_N_SetRQ& request, const DcmPresentationContextInfo& info);
    // The data set that follows an N- command, when the command announced one.
    OFCondition receiveNData(T_ASC_PresentationContextID presentationContext, bool present,
                             std::unique_ptr<DcmDataset>& data);

    // Sends a C-MOVE or C-GET response (pending or final) with the counts of `progress`.
    using RetrieveResponder = std::function<OFCondition(
        std::uint16_t status, const RetrieveProgress& progress, DcmDataset* identifier, DcmDataset* detail)>;
    // The part C-MOVE and C-GET share: ask the handler, run the sub-operations, answer.
    OFCondition serveRetrieve(RetrieveRequest& request, DcmDataset* identifier,
                              T_ASC_PresentationContextID presentationContext, Uint16 messageId,
                              const RetrieveResponder& respond);

    const ScpContext& m_context;
    T_ASC_Association* m_association = nullptr; // owned by DcmSCP, kept for handleAssociation
    AssociationInfo m_info;
    Uint16 m_nextOutgoingMessageId = 1; // C-STORE sub-operations of C-GET on this association
};

} // namespace lumen::dicom::detail
