#pragma once
// DICOM files on disk under <root>/dicom/xx/yy/<SOPInstanceUID>.dcm, placed atomically:
// the received file is fsynced, renamed into place and its folder fsynced, so a file that is
// visible is always complete and survives a crash.
#include <cstdint>
#include <string>
#include <vector>

namespace lumen::store {

class DicomFileStore
{
public:
    explicit DicomFileStore(std::string dataDir);

    // Path of an instance relative to the data folder (also what the index records).
    std::string relativePathFor(const std::string& sopInstanceUid) const;
    std::string absolutePath(const std::string& relativePath) const;
    // Moves `receivedFile` (same file system) to the instance's place, durably. When
    // `replace` is false and a file is there already, throws. Returns the relative path.
    std::string place(const std::string& receivedFile, const std::string& sopInstanceUid, bool replace);
    // Temp folder for incoming objects, on the same file system as the store.
    std::string incomingDir() const;
    // Files under dicom/ not in `indexed` (relative paths), e.g. left by a crash.
    std::vector<std::string> unindexedFiles(const std::vector<std::string>& indexed) const;
    void remove(const std::string& relativePath) const;
    // Deletes what an interrupted transfer left in the incoming folder; returns the count.
    int clearIncoming() const;

private:
    std::string m_root;
};

// fsync a file by path; throws std::system_error when it fails.
void syncFile(const std::string& path);
void syncDirectory(const std::string& path);

} // namespace lumen::store
