#pragma once
// DICOM files on disk under <root>/dicom/xx/yy/<SOPInstanceUID>.dcm, placed atomically:
// the received file is fsynced, renamed into place and its folder fsynced, so a file that is
// visible is always complete and survives a crash. A new file may instead be made durable
// later by flush() (one syncfs for a whole group commit); until then it is an unindexed file
// that start-up removes after a crash.
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
    enum class Durability {
        Now,        // fsync the file and its folder before returning
        AtNextFlush // durable once flush() has returned (new files only, never a replace)
    };
    // Moves `receivedFile` (same file system) to the instance's place. When `replace` is false
    // and a file is there already, throws. Returns the relative path.
    std::string place(const std::string& receivedFile, const std::string& sopInstanceUid, bool replace,
                      Durability durability = Durability::Now);
    // Makes every file and folder change under the data folder durable (syncfs); throws
    // std::system_error when the file system reports a write-back error.
    void flush() const;
    // A fresh name (not created) in the folder where `sopInstanceUid` will live, for receiving
    // the object there; empty when the UID is not a valid UID. Start-up removes leftovers.
    std::string receivingPathFor(const std::string& sopInstanceUid) const;
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
