#pragma once
// The association the test SCUs built on DCMTK's DcmSCU open to the server under test.
#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmnet/scu.h"

#include <QString>

namespace lumen::test {

// A DcmSCU that sends one DIMSE request exactly as a test built it (DcmSCU's typed calls would
// not send a malformed one, and drop the status detail) and reads the response of `expected`.
class RawDimseScu : public DcmSCU
{
public:
    struct Exchange
    {
        bool answered = false;
        T_DIMSE_Message response; // valid when answered
        QString errorComment;     // of the status detail
        QString problem;          // why no answer came
    };
    Exchange exchange(const char* sopClass, T_DIMSE_Message& request, DcmDataset* dataSet,
                      T_DIMSE_Command expected);
};

// Opens an association from `callingAe` to `calledAe` on 127.0.0.1:`port` proposing `sopClass`
// in explicit and implicit VR little endian (30 s timeouts). Empty on success, else why not.
QString associate(DcmSCU& scu, const QString& callingAe, const QString& calledAe, quint16 port,
                  const char* sopClass);

} // namespace lumen::test
