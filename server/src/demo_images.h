#pragma once
// Images for `--demo`: generated phantom studies with true geometry, stored through the
// archive's own ingest path so they are indexed and filed under the demo exams by accession
// number. A head or chest CT (512x512x160, after the exam's body part) for the first checked-in CT exam
// (which thereby reaches the reading worklist), a prior CT of the same patient three months earlier (another
// frame of reference, shifted), and a head MR for a head MR exam of another patient. Only into the still
// empty archive of a data folder the demo created.
#include <string>

namespace lumen::store {
class ConnectionPool;
}

namespace lumen::server {

class ArchiveService;

// Returns the number of instances stored.
int insertDemoImages(ArchiveService& archive, store::ConnectionPool& readers, const std::string& dataDir);

} // namespace lumen::server
