#pragma once
// The association the test SCUs built on DCMTK's DcmSCU open to the server under test.
#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmnet/scu.h"

#include <QString>

namespace lumen::test {

// Opens an association from `callingAe` to `calledAe` on 127.0.0.1:`port` proposing `sopClass`
// in explicit and implicit VR little endian (30 s timeouts). Empty on success, else why not.
QString associate(DcmSCU& scu, const QString& callingAe, const QString& calledAe, quint16 port,
                  const char* sopClass);

} // namespace lumen::test
