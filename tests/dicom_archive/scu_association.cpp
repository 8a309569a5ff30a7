#include "scu_association.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcuid.h"

#include <cstring>
#include <memory>

namespace lumen::test {

RawDimseScu::Exchange RawDimseScu::exchange(const char* sopClass, T_DIMSE_Message& request,
                                            DcmDataset* dataSet, T_DIMSE_Command expected)
{
    Exchange result;
    std::memset(static_cast<void*>(&result.response), 0, sizeof result.response);
    const T_ASC_PresentationContextID context = findAnyPresentationContextID(sopClass, "");
    if (context == 0) {
        result.problem =
            QStringLiteral("no accepted presentation context for ") + QString::fromLatin1(sopClass);
        return result;
    }
    OFCondition cond = sendDIMSEMessage(context, &request, dataSet);
    if (cond.bad()) {
        result.problem = QStringLiteral("cannot send: ") + QString::fromLatin1(cond.text());
        return result;
    }
    T_ASC_PresentationContextID responseContext = 0;
    DcmDataset* rawDetail = nullptr;
    cond = receiveDIMSECommand(&responseContext, &result.response, &rawDetail);
    const std::unique_ptr<DcmDataset> detail(rawDetail);
    if (cond.bad() || result.response.CommandField != expected) {
        result.problem = QStringLiteral("no response: ") + QString::fromLatin1(cond.text());
        return result;
    }
    result.answered = true;
    OFString comment;
    if (detail && detail->findAndGetOFString(DCM_ErrorComment, comment).good())
        result.errorComment = QString::fromLatin1(comment.c_str());
    return result;
}

QString associate(DcmSCU& scu, const QString& callingAe, const QString& calledAe, quint16 port,
                  const char* sopClass)
{
    scu.setAETitle(callingAe.toLatin1().constData());
    scu.setPeerAETitle(calledAe.toLatin1().constData());
    scu.setPeerHostName("127.0.0.1");
    scu.setPeerPort(port);
    scu.setACSETimeout(30);
    scu.setDIMSETimeout(30);
    scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    OFList<OFString> syntaxes;
    syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
    syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
    scu.addPresentationContext(sopClass, syntaxes);
    OFCondition cond = scu.initNetwork();
    if (cond.good())
        cond = scu.negotiateAssociation();
    return cond.good() ? QString()
                       : QStringLiteral("association failed: ") + QString::fromLatin1(cond.text());
}

} // namespace lumen::test
