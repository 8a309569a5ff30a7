#pragma once
// A Storage Commitment SCU built on DCMTK's DcmSCU that can also send what no real modality
// should: requests without a Transaction UID, with an empty or broken Referenced SOP Sequence,
// another action type or SOP instance. Returns the N-ACTION-RSP status and its Error Comment.
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace lumen::test {

struct CommitmentAction
{
    QString callingAe = QStringLiteral("DEMO_CT");
    QString calledAe = QStringLiteral("LUMEN");
    int actionTypeId = 1;
    QString requestedSopInstanceUid = QStringLiteral("1.2.840.10008.1.20.1.1");
    bool withDataSet = true;
    std::optional<QString> transactionUid; // nullopt: the attribute is left out
    bool withReferencedSopSequence = true;
    // (SOP Class UID, SOP Instance UID); an empty string leaves that attribute out of its item.
    QList<QPair<QString, QString>> references;
};

struct ActionAnswer
{
    bool answered = false; // an N-ACTION-RSP came back
    int status = -1;
    QString errorComment;
    QString problem; // why no answer came (association refused, no context, ...)
};

ActionAnswer sendCommitmentAction(quint16 dicomPort, const CommitmentAction& action);

// A fresh UID under 2.25 (as Orthanc and DCMTK generate them).
QString newUid();

} // namespace lumen::test
