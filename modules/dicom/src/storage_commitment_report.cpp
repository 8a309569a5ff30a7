// The N-EVENT-REPORT of a storage commitment result (PS3.4 J.3.3), sent on an association Lumen
// opens to the AE that asked: PS3.4 lets the SCP use a new association, and a modality has
// usually released the one that carried the N-ACTION long before the report is ready.
#include "lumen/dicom/storage_commitment.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcitem.h"
#include "dcmtk/dcmdata/dcsequen.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/scu.h"

#include <cstdio>
#include <memory>

namespace lumen::dicom {
namespace {

constexpr Uint32 maxReceivePduBytes = 65536;

// Items are appended to a sequence built here: DcmItem::findOrCreateSequenceItem would walk the
// list for every item of a large report.
bool addItem(DcmSequenceOfItems& sequence, const SopReference& reference, const std::uint16_t* failureReason)
{
    auto item = std::make_unique<DcmItem>();
    bool ok = item->putAndInsertString(DCM_ReferencedSOPClassUID, reference.sopClassUid.c_str()).good() &&
              item->putAndInsertString(DCM_ReferencedSOPInstanceUID, reference.sopInstanceUid.c_str()).good();
    if (ok && failureReason != nullptr)
        ok = item->putAndInsertUint16(DCM_FailureReason, *failureReason).good();
    return ok && sequence.append(item.release()).good();
}

// Table J.3-2: Transaction UID, Retrieve AE Title, the committed instances (Referenced SOP
// Sequence, left out when none was committed) and the failed ones with their reasons.
bool buildEventInformation(const CommitmentReport& report, DcmDataset& dataSet)
{
    if (dataSet.putAndInsertString(DCM_TransactionUID, report.transactionUid.c_str()).bad())
        return false;
    if (!report.retrieveAeTitle.empty() && !report.committed.empty() &&
        dataSet.putAndInsertString(DCM_RetrieveAETitle, report.retrieveAeTitle.c_str()).bad())
        return false;
    if (!report.committed.empty()) {
        auto committed = std::make_unique<DcmSequenceOfItems>(DCM_ReferencedSOPSequence);
        for (const SopReference& reference : report.committed)
            if (!addItem(*committed, reference, nullptr))
                return false;
        if (dataSet.insert(committed.release()).bad())
            return false;
    }
    if (!report.failed.empty()) {
        auto failed = std::make_unique<DcmSequenceOfItems>(DCM_FailedSOPSequence);
        for (const FailedSopReference& reference : report.failed)
            if (!addItem(*failed, reference.reference, &reference.failureReason))
                return false;
        if (dataSet.insert(failed.release()).bad())
            return false;
    }
    return true;
}

ReportDelivery notDelivered(std::string problem)
{
    ReportDelivery delivery;
    delivery.problem = std::move(problem);
    return delivery;
}

} // namespace

ReportDelivery sendCommitmentReport(const ReportDestination& destination, const CommitmentReport& report)
{
    DcmDataset eventInformation;
    if (!buildEventInformation(report, eventInformation))
        return notDelivered("cannot encode the report");

    const auto timeoutSeconds = static_cast<Uint32>(destination.timeout.count());
    DcmSCU scu;
    scu.setAETitle(destination.callingAeTitle.c_str());
    scu.setPeerAETitle(destination.calledAeTitle.c_str());
    scu.setPeerHostName(destination.host.c_str());
    scu.setPeerPort(destination.port);
    scu.setMaxReceivePDULength(maxReceivePduBytes);
    scu.setACSETimeout(timeoutSeconds);
    scu.setDIMSETimeout(timeoutSeconds);
    scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    OFList<OFString> syntaxes;
    syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
    syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
    // Lumen is the SCP of this SOP class, yet the requestor of this association: PS3.4 J.3.3
    // asks for SCP/SCU role selection here.
    OFCondition cond = scu.addPresentationContext(storageCommitmentSopClass, syntaxes, ASC_SC_ROLE_SCP);
    if (cond.good())
        cond = scu.initNetwork();
    if (cond.bad())
        return notDelivered(std::string("cannot prepare the association: ") + cond.text());

    const std::string peer =
        destination.calledAeTitle + " at " + destination.host + ":" + std::to_string(destination.port);
    cond = scu.negotiateAssociation();
    if (cond.bad()) {
        if (cond == DUL_ASSOCIATIONREJECTED)
            return notDelivered(peer + " rejected the association");
        if (cond == NET_EC_NoAcceptablePresentationContexts)
            return notDelivered(peer + " accepted no Storage Commitment context");
        return notDelivered("cannot associate with " + peer + ": " + cond.text());
    }
    // Any accepted context: a peer that answers the role selection oddly still gets its report.
    const T_ASC_PresentationContextID context =
        scu.findAnyPresentationContextID(storageCommitmentSopClass, "");
    if (context == 0) {
        scu.releaseAssociation();
        return notDelivered(peer + " accepted no Storage Commitment context");
    }

    ReportDelivery delivery;
    Uint16 status = 0;
    const Uint16 eventType = report.failed.empty() ? 1 : 2;
    cond = scu.sendEVENTREPORTRequest(context, storageCommitmentSopInstance, eventType, &eventInformation,
                                      status);
    if (cond.bad()) {
        scu.abortAssociation();
        return notDelivered("no N-EVENT-REPORT response from " + peer + ": " + cond.text());
    }
    delivery.status = status;
    delivery.delivered = status == STATUS_Success;
    if (!delivery.delivered) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%04X", unsigned(status));
        delivery.problem = peer + " answered the N-EVENT-REPORT with status " + hex;
    }
    // The report counts as delivered once acknowledged, whatever the release does.
    if (scu.releaseAssociation().bad())
        scu.abortAssociation();
    return delivery;
}

} // namespace lumen::dicom
