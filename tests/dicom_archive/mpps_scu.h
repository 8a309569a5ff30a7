#pragma once
// A Modality Performed Procedure Step SCU on DCMTK's DcmSCU (DCMTK 3.6.7 ships no MPPS tool):
// N-CREATE and N-SET with any attribute list, including what no real modality should send.
// Returns the response status, its Error Comment and the instance UID it names.
#include <QList>
#include <QPair>
#include <QString>

namespace lumen::test {

struct MppsMessage
{
    QString callingAe = QStringLiteral("DEMO_CT");
    QString calledAe = QStringLiteral("LUMEN");
    QString sopInstanceUid; // N-CREATE: empty leaves it to the SCP
    // Attributes as findscu's -k takes them ("PatientName=张三",
    // "ScheduledStepAttributesSequence[0].AccessionNumber=R1"); "Key" alone makes it empty.
    // Values are UTF-8; Specific Character Set ISO_IR 192 is added when one is beyond ASCII.
    QList<QString> attributes;
};

struct MppsAnswer
{
    bool answered = false;
    int status = -1;
    QString errorComment;
    QString sopInstanceUid; // Affected SOP Instance UID of the response
    QString problem;        // why no answer came
};

MppsAnswer sendMppsCreate(quint16 dicomPort, const MppsMessage& message);
MppsAnswer sendMppsSet(quint16 dicomPort, const MppsMessage& message);

// A valid N-CREATE attribute list (IN PROGRESS, started 2026-11-22 09:30:05) for the exam with
// `accessionNumber` and `studyUid` on station `stationAe`.
QList<QString> mppsInProgress(const QString& accessionNumber, const QString& studyUid,
                              const QString& stationAe = QStringLiteral("DEMO_CT"));
// N-SET to COMPLETED (ended 09:41:10) or DISCONTINUED (with reason code 110514 "Incorrect
// worklist entry selected" from DCM).
QList<QString> mppsCompleted();
QList<QString> mppsDiscontinued();

} // namespace lumen::test
