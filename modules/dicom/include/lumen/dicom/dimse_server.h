#pragma once
// DICOM upper-layer server: accepts associations on a port, one thread per association up to
// a maximum, and serves C-ECHO, C-STORE, C-FIND, C-MOVE and C-GET (patient and study root)
// through a DimseHandler. DCMTK stays inside src/.
// Storage accepts every storage SOP class DCMTK knows (dcmAllStorageSOPClassUIDs); for C-GET
// the SCU's storage contexts are accepted in the SCP role it proposes, and C-MOVE opens an
// association from the server's AE title to the destination (TCP_NODELAY as for every socket).
// Storage commitment requests (N-ACTION) go to a StorageCommitmentHandler, modality worklist
// queries to a WorklistHandler and MPPS N-CREATE / N-SET to an MppsHandler, each when given.
#include "lumen/dicom/dimse_service.h"
#include "lumen/dicom/mpps.h"
#include "lumen/dicom/storage_commitment.h"
#include "lumen/dicom/worklist.h"

#include <chrono>
#include <memory>
#include <string>

namespace lumen::dicom {

struct DimseServerOptions
{
    std::string aeTitle = "LUMEN";
    unsigned short port = 11112; // 0 picks a free port
    int maxAssociations = 16;
    std::chrono::seconds acseTimeout{30};
    std::chrono::seconds dimseTimeout{60};
    std::string incomingDir; // where received objects are written before store()
};

class DimseServer
{
public:
    // Each optional handler adds its SOP class to what is negotiated.
    DimseServer(DimseServerOptions options, DimseHandler& handler,
                StorageCommitmentHandler* commitment = nullptr, WorklistHandler* worklist = nullptr,
                MppsHandler* mpps = nullptr);
    ~DimseServer();
    // Binds and starts listening on a background thread; returns the bound port.
    unsigned short start();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Registers the decoders (DCMTK's JPEG, JPEG-LS, RLE; JPEG 2000 through OpenJPEG) once per process.
void registerCodecs();
// Process-wide DCMTK settings; call from main() before any thread starts: DCMTK's log level
// (warnings only unless verbose) and TCP_NODELAY for every DIMSE socket.
void configureDicomProcess(bool verboseLogging);

} // namespace lumen::dicom
