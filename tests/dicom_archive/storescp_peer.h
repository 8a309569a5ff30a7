#pragma once
// DCMTK's storescp as a C-MOVE destination for integration tests, registered by the tests under
// the AE title VIEWER_SCP: it keeps each data set exactly as received (+B).
#include <QProcess>
#include <QString>
#include <QStringList>

namespace lumen::test {

class StoreScp
{
public:
    ~StoreScp();
    // Listens on a free port, writing into `dir`; accepts every transfer syntax (+xa), or with
    // `uncompressedOnly` only storescp's default uncompressed ones, as many older workstations do.
    // True once it answers C-ECHO.
    bool start(const QString& dir, bool uncompressedOnly = false);
    quint16 port = 0;

private:
    QProcess m_process;
};

// True once `calledAe` on 127.0.0.1:`port` answers C-ECHO (tries for about ten seconds).
bool answersEcho(quint16 port, const QString& calledAe);
// Every file in `dir`, sorted (storescp and getscu write names without an extension).
QStringList filesInDir(const QString& dir);

} // namespace lumen::test
