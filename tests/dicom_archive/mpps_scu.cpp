#include "mpps_scu.h"
#include "scu_association.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcpath.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/scu.h"

#include <cstring>
#include <memory>

namespace lumen::test {
namespace {

// DcmSCU has no N-CREATE / N-SET of its own; the Error Comment is what a test checks.
class MppsScu : public RawDimseScu
{
public:
    MppsAnswer exchange(T_DIMSE_Message& request, DcmDataset* dataSet, T_DIMSE_Command expected)
    {
        const auto result =
            RawDimseScu::exchange(UID_ModalityPerformedProcedureStepSOPClass, request, dataSet, expected);
        MppsAnswer answer;
        answer.answered = result.answered;
        answer.errorComment = result.errorComment;
        answer.problem = result.problem;
        if (!result.answered)
            return answer;
        const bool created = expected == DIMSE_N_CREATE_RSP;
        answer.status =
            created ? result.response.msg.NCreateRSP.DimseStatus : result.response.msg.NSetRSP.DimseStatus;
        answer.sopInstanceUid =
            QString::fromLatin1(created ? result.response.msg.NCreateRSP.AffectedSOPInstanceUID
                                        : result.response.msg.NSetRSP.AffectedSOPInstanceUID);
        return answer;
    }
};

std::unique_ptr<DcmDataset> attributeList(const QList<QString>& attributes, QString& problem)
{
    auto dataSet = std::make_unique<DcmDataset>();
    bool beyondAscii = false;
    DcmPathProcessor paths;
    for (const QString& attribute : attributes) {
        const QByteArray utf8 = attribute.toUtf8();
        beyondAscii = beyondAscii || utf8.size() != attribute.size();
        if (paths.applyPathWithValue(dataSet.get(), OFString(utf8.constData(), utf8.size())).bad())
            problem = QStringLiteral("cannot set ") + attribute;
    }
    if (beyondAscii)
        dataSet->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    return dataSet;
}

MppsAnswer send(quint16 dicomPort, const MppsMessage& message, bool create)
{
    MppsScu scu;
    MppsAnswer answer;
    answer.problem = associate(scu, message.callingAe, message.calledAe, dicomPort,
                               UID_ModalityPerformedProcedureStepSOPClass);
    if (!answer.problem.isEmpty())
        return answer;
    QString problem;
    const auto dataSet = attributeList(message.attributes, problem);
    if (!problem.isEmpty()) {
        scu.abortAssociation();
        answer.problem = problem;
        return answer;
    }
    T_DIMSE_Message request;
    std::memset(static_cast<void*>(&request), 0, sizeof request);
    const QByteArray uid = message.sopInstanceUid.toLatin1();
    if (create) {
        request.CommandField = DIMSE_N_CREATE_RQ;
        T_DIMSE_N_CreateRQ& rq = request.msg.NCreateRQ;
        rq.MessageID = 1;
        rq.DataSetType = DIMSE_DATASET_PRESENT;
        OFStandard::strlcpy(rq.AffectedSOPClassUID, UID_ModalityPerformedProcedureStepSOPClass,
                            sizeof rq.AffectedSOPClassUID);
        if (!uid.isEmpty()) {
            OFStandard::strlcpy(rq.AffectedSOPInstanceUID, uid.constData(), sizeof rq.AffectedSOPInstanceUID);
            rq.opts = O_NCREATE_AFFECTEDSOPINSTANCEUID;
        }
    } else {
        request.CommandField = DIMSE_N_SET_RQ;
        T_DIMSE_N_SetRQ& rq = request.msg.NSetRQ;
        rq.MessageID = 1;
        rq.DataSetType = DIMSE_DATASET_PRESENT;
        OFStandard::strlcpy(rq.RequestedSOPClassUID, UID_ModalityPerformedProcedureStepSOPClass,
                            sizeof rq.RequestedSOPClassUID);
        OFStandard::strlcpy(rq.RequestedSOPInstanceUID, uid.constData(), sizeof rq.RequestedSOPInstanceUID);
    }
    answer = scu.exchange(request, dataSet.get(), create ? DIMSE_N_CREATE_RSP : DIMSE_N_SET_RSP);
    if (answer.answered)
        scu.releaseAssociation();
    else
        scu.abortAssociation();
    return answer;
}

} // namespace

MppsAnswer sendMppsCreate(quint16 dicomPort, const MppsMessage& message)
{
    return send(dicomPort, message, true);
}

MppsAnswer sendMppsSet(quint16 dicomPort, const MppsMessage& message)
{
    return send(dicomPort, message, false);
}

QList<QString> mppsInProgress(const QString& accessionNumber, const QString& studyUid,
                              const QString& stationAe)
{
    return {QStringLiteral("ScheduledStepAttributesSequence[0].StudyInstanceUID=") + studyUid,
            QStringLiteral("ScheduledStepAttributesSequence[0].AccessionNumber=") + accessionNumber,
            QStringLiteral("ScheduledStepAttributesSequence[0].RequestedProcedureID=") + accessionNumber,
            QStringLiteral("ScheduledStepAttributesSequence[0].ScheduledProcedureStepID=") + accessionNumber,
            QStringLiteral("PatientName"),
            QStringLiteral("PatientID"),
            QStringLiteral("PerformedProcedureStepID=PPS1"),
            QStringLiteral("PerformedStationAETitle=") + stationAe,
            QStringLiteral("PerformedProcedureStepStartDate=20261122"),
            QStringLiteral("PerformedProcedureStepStartTime=093005"),
            QStringLiteral("PerformedProcedureStepEndDate"),
            QStringLiteral("PerformedProcedureStepEndTime"),
            QStringLiteral("PerformedProcedureStepStatus=IN PROGRESS"),
            QStringLiteral("PerformedProcedureStepDescription=CT平扫 胸部"),
            QStringLiteral("Modality=CT")};
}

QList<QString> mppsCompleted()
{
    return {QStringLiteral("PerformedProcedureStepStatus=COMPLETED"),
            QStringLiteral("PerformedProcedureStepEndDate=20261122"),
            QStringLiteral("PerformedProcedureStepEndTime=094110")};
}

QList<QString> mppsDiscontinued()
{
    return {QStringLiteral("PerformedProcedureStepStatus=DISCONTINUED"),
            QStringLiteral("PerformedProcedureStepEndDate=20261122"),
            QStringLiteral("PerformedProcedureStepEndTime=093600"),
            QStringLiteral("PerformedProcedureStepDiscontinuationReasonCodeSequence[0].CodeValue=110514"),
            QStringLiteral(
                "PerformedProcedureStepDiscontinuationReasonCodeSequence[0].CodingSchemeDesignator=DCM"),
            QStringLiteral("PerformedProcedureStepDiscontinuationReasonCodeSequence[0].CodeMeaning=Incorrect "
                           "worklist entry selected")};
}

} // namespace lumen::test
