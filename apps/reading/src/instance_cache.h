#pragma once
// A local disk cache of DICOM instance files, keyed by SOP Instance UID, bounded in size:
// the least recently used files go first. Safe to call from worker threads.
#include <QByteArray>
#include <QMutex>
#include <QString>

#include <optional>

namespace lumen::reading {

class InstanceCache
{
public:
    InstanceCache(const QString& folder, qint64 maxBytes);

    QString folder() const { return m_folder; }
    qint64 maxBytes() const { return m_maxBytes; }
    void setMaxBytes(qint64 maxBytes);

    // The cached file, marked as just used; nullopt when absent.
    std::optional<QByteArray> read(const QString& sopInstanceUid);
    bool contains(const QString& sopInstanceUid) const;
    // Written to a temporary name and renamed, so a crash never leaves half a file under the
    // final name; then old files are evicted until the cache fits.
    void store(const QString& sopInstanceUid, const QByteArray& bytes);
    qint64 sizeBytes() const;
    void clear();

private:
    QString pathOf(const QString& sopInstanceUid) const;
    void evict();

    qint64 scanBytes() const;

    QString m_folder;
    qint64 m_maxBytes;
    qint64 m_knownBytes = -1; // -1: not counted yet; saves a folder scan per stored file
    mutable QMutex m_mutex;
};

} // namespace lumen::reading
