#include "lumen/store/dicom_file_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace lumen::store {

namespace {
void syncPath(const std::string& path, int flags)
{
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "open " + path);
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0)
        throw std::system_error(error, std::generic_category(), "fsync " + path);
}

// FNV-1a: a stable spread of UIDs over 256 x 256 folders.
std::uint32_t fnv1a(const std::string& text)
{
    std::uint32_t h = 2166136261u;
    for (unsigned char c : text) {
        h ^= c;
        h *= 16777619u;
    }
    return h;
}
} // namespace

void syncFile(const std::string& path)
{
    syncPath(path, O_RDONLY);
}
void syncDirectory(const std::string& path)
{
    syncPath(path, O_RDONLY | O_DIRECTORY);
}

DicomFileStore::DicomFileStore(std::string dataDir) : m_root(std::move(dataDir))
{
    fs::create_directories(fs::path(m_root) / "dicom");
    fs::create_directories(incomingDir());
}

std::string DicomFileStore::relativePathFor(const std::string& uid) const
{
    static constexpr char hex[] = "0123456789abcdef";
    const auto h = fnv1a(uid);
    std::string dir = "dicom/";
    dir += hex[(h >> 28) & 15];
    dir += hex[(h >> 24) & 15];
    dir += '/';
    dir += hex[(h >> 20) & 15];
    dir += hex[(h >> 16) & 15];
    // UIDs hold only digits and dots, so they are safe file names.
    return dir + "/" + uid + ".dcm";
}

std::string DicomFileStore::absolutePath(const std::string& relativePath) const
{
    return (fs::path(m_root) / relativePath).string();
}

std::string DicomFileStore::incomingDir() const
{
    return (fs::path(m_root) / "incoming").string();
}

std::string DicomFileStore::place(const std::string& receivedFile, const std::string& uid, bool replace)
{
    const std::string relative = relativePathFor(uid);
    const fs::path target = fs::path(m_root) / relative;
    fs::create_directories(target.parent_path());
    syncFile(receivedFile);
    if (!replace) {
        // link() fails if the target exists, so a concurrent twin can never be overwritten.
        if (::link(receivedFile.c_str(), target.c_str()) != 0)
            throw std::system_error(errno, std::generic_category(), "link " + target.string());
        ::unlink(receivedFile.c_str());
    } else if (::rename(receivedFile.c_str(), target.c_str()) != 0) {
        throw std::system_error(errno, std::generic_category(), "rename " + target.string());
    }
    syncDirectory(target.parent_path().string());
    return relative;
}

std::vector<std::string> DicomFileStore::unindexedFiles(const std::vector<std::string>& indexed) const
{
    const std::set<std::string> known(indexed.begin(), indexed.end());
    std::vector<std::string> out;
    const fs::path base = fs::path(m_root) / "dicom";
    for (const auto& entry : fs::recursive_directory_iterator(base)) {
        if (!entry.is_regular_file())
            continue;
        const auto relative = fs::relative(entry.path(), m_root).string();
        if (!known.count(relative))
            out.push_back(relative);
    }
    return out;
}

void DicomFileStore::remove(const std::string& relativePath) const
{
    std::error_code ec;
    fs::remove(fs::path(m_root) / relativePath, ec);
}

int DicomFileStore::clearIncoming() const
{
    int removed = 0;
    for (const auto& entry : fs::directory_iterator(incomingDir())) {
        std::error_code ec;
        if (fs::remove_all(entry.path(), ec) > 0)
            ++removed;
    }
    return removed;
}

} // namespace lumen::store
