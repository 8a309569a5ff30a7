#include "commitment_scu.h"
#include "scu_association.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcsequen.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/scu.h"

#include <QUuid>

#include <cstring>
#include <memory>

namespace lumen::test {
namespace {

// DcmSCU::sendACTIONRequest drops the status detail; the Error Comment is what a test checks.
class ActionScu : public RawDimseScu
{
public:
    ActionAnswer send(const CommitmentAction& action, DcmDataset* dataSet)
    {
        T_DIMSE_Message request;
        std::memset(static_cast<void*>(&request), 0, sizeof request);
        request.CommandField = DIMSE_N_ACTION_RQ;
        T_DIMSE_N_ActionRQ& rq = request.msg.NActionRQ;
        rq.MessageID = 1; // one request per association
        rq.ActionTypeID = static_cast<Uint16>(action.actionTypeId);
        rq.DataSetType = dataSet != nullptr ? DIMSE_DATASET_PRESENT : DIMSE_DATASET_NULL;
        OFStandard::strlcpy(rq.RequestedSOPClassUID, UID_StorageCommitmentPushModelSOPClass,
                            sizeof rq.RequestedSOPClassUID);
        OFStandard::strlcpy(rq.RequestedSOPInstanceUID, action.requestedSopInstanceUid.toLatin1().constData(),
                            sizeof rq.RequestedSOPInstanceUID);
        const auto result =
            exchange(UID_StorageCommitmentPushModelSOPClass, request, dataSet, DIMSE_N_ACTION_RSP);
        ActionAnswer answer;
        answer.answered = result.answered;
        answer.errorComment = result.errorComment;
        answer.problem = result.problem;
        if (result.answered)
            answer.status = result.response.msg.NActionRSP.DimseStatus;
        return answer;
    }
};

std::unique_ptr<DcmDataset> actionInformation(const CommitmentAction& action)
{
    if (!action.withDataSet)
        return nullptr;
    auto dataSet = std::make_unique<DcmDataset>();
    if (action.transactionUid)
        dataSet->putAndInsertString(DCM_TransactionUID, action.transactionUid->toLatin1().constData());
    if (action.withReferencedSopSequence) {
        auto sequence = std::make_unique<DcmSequenceOfItems>(DCM_ReferencedSOPSequence);
        for (const auto& [sopClass, sopInstance] : action.references) {
            auto item = std::make_unique<DcmItem>();
            if (!sopClass.isEmpty())
                item->putAndInsertString(DCM_ReferencedSOPClassUID, sopClass.toLatin1().constData());
            if (!sopInstance.isEmpty())
                item->putAndInsertString(DCM_ReferencedSOPInstanceUID, sopInstance.toLatin1().constData());
            sequence->append(item.release());
        }
        dataSet->insert(sequence.release());
    }
    return dataSet;
}

} // namespace

ActionAnswer sendCommitmentAction(quint16 dicomPort, const CommitmentAction& action)
{
    ActionScu scu;
    ActionAnswer answer;
    answer.problem =
        associate(scu, action.callingAe, action.calledAe, dicomPort, UID_StorageCommitmentPushModelSOPClass);
    if (!answer.problem.isEmpty())
        return answer;
    const auto dataSet = actionInformation(action);
    answer = scu.send(action, dataSet.get());
    if (answer.answered)
        scu.releaseAssociation();
    else
        scu.abortAssociation();
    return answer;
}

QString newUid()
{
    // 2.25 followed by the UUID as one decimal integer (PS3.5 B.2), from its 128 bits.
    const QByteArray bytes = QUuid::createUuid().toRfc4122();
    // Decimal of a 128-bit number by repeated division of its big-endian bytes.
    QByteArray number = bytes;
    QString digits;
    bool nonZero = true;
    while (nonZero) {
        int remainder = 0;
        nonZero = false;
        for (auto& byte : number) {
            const int value = remainder * 256 + static_cast<unsigned char>(byte);
            byte = static_cast<char>(value / 10);
            remainder = value % 10;
            nonZero = nonZero || byte != 0;
        }
        digits.prepend(QChar(u'0' + remainder));
    }
    return QStringLiteral("2.25.") + digits;
}

} // namespace lumen::test
