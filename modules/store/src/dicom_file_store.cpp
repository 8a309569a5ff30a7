#include "lumen/store/dicom_file_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <random>
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

std::string DicomFileStore::receivingPathFor(const std::string& uid) const
{
    // Only a well-formed UID may name a folder entry (it comes from the network).
    const bool valid = !uid.empty() && uid.size() <= 64 && uid.front() != '.' && uid.back() != '.' &&
                       uid.find_first_not_of("0123456789.") == std::string::npos;
    if (!valid)
        return {};
    const fs::path folder = (fs::path(m_root) / relativePathFor(uid)).parent_path();
    fs::create_directories(folder);
    static constexpr char hex[] = "0123456789abcdef";
    thread_local std::mt19937_64 random{std::random_device{}()};
    std::uint64_t bits = random();
    std::string name = ".rx-";
    for (int i = 0; i < 16; ++i, bits >>= 4)
        name += hex[bits & 15];
    return (folder / (name + ".part")).string();
}

std::string DicomFileStore::absolutePath(const std::string& relativePath) const
{
    return (fs::path(m_root) / relativePath).string();
}

std::string DicomFileStore::incomingDir() const
{
    return (fs::path(m_root) / "incoming").string();
}

std::string DicomFileStore::place(const std::string& receivedFile, const std::string& uid, bool replace,
                                  Durability durability)
{
    const std::string relative = relativePathFor(uid);
    const fs::path target = fs::path(m_root) / relative;
    fs::create_directories(target.parent_path());
    // A replaced file must never be seen half-written under its indexed name: always sync now.
    const bool syncNow = replace || durability == Durability::Now;
    if (syncNow)
        syncFile(receivedFile);
    if (!replace) {
        // link() fails if the target exists, so a concurrent twin can never be overwritten.
        if (::link(receivedFile.c_str(), target.c_str()) != 0)
            throw std::system_error(errno, std::generic_category(), "link " + target.string());
        ::unlink(receivedFile.c_str());
    } else if (::rename(receivedFile.c_str(), target.c_str()) != 0) {
        throw std::system_error(errno, std::generic_category(), "rename " + target.string());
    }
    if (syncNow)
        syncDirectory(target.parent_path().string());
    return relative;
}

void DicomFileStore::flush() const
{
    const int fd = ::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "open " + m_root);
    // syncfs writes back every dirty page and inode of the file system in one go and, since
    // Linux 5.8, reports write-back errors of files written since the last call.
    const int rc = ::syncfs(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0)
        throw std::system_error(error, std::generic_category(), "syncfs " + m_root);
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
