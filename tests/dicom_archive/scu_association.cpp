#include "scu_association.h"

#include "dcmtk/dcmdata/dcuid.h"

namespace lumen::test {

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
