#include "instance_cache.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <vector>

namespace lumen::reading {

namespace {

// UIDs are digits and dots; anything else never reaches the file system.
bool isSafeUid(const QString& uid)
{
    if (uid.isEmpty() || uid.size() > 64)
        return false;
    return std::all_of(uid.begin(), uid.end(), [](QChar c) { return c.isDigit() || c == QLatin1Char('.'); });
}

} // namespace

InstanceCache::InstanceCache(const QString& folder, qint64 maxBytes) : m_folder(folder), m_maxBytes(maxBytes)
{
    QDir().mkpath(m_folder);
}

void InstanceCache::setMaxBytes(qint64 maxBytes)
{
    QMutexLocker lock(&m_mutex);
    m_maxBytes = maxBytes;
    evict();
}

QString InstanceCache::pathOf(const QString& uid) const
{
    // Two levels of folders keep directories small for archives of millions of objects.
    const QString tail = uid.right(4).rightJustified(4, QLatin1Char('0'));
    return m_folder + QLatin1Char('/') + tail.left(2) + QLatin1Char('/') + uid + QStringLiteral(".dcm");
}

bool InstanceCache::contains(const QString& uid) const
{
    return isSafeUid(uid) && QFileInfo::exists(pathOf(uid));
}

std::optional<QByteArray> InstanceCache::read(const QString& uid)
{
    if (!isSafeUid(uid))
        return std::nullopt;
    QMutexLocker lock(&m_mutex);
    QFile file(pathOf(uid));
    if (!file.open(QIODevice::ReadOnly | QIODevice::ExistingOnly))
        return std::nullopt;
    QByteArray bytes = file.readAll();
    file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
    return bytes;
}

void InstanceCache::store(const QString& uid, const QByteArray& bytes)
{
    if (!isSafeUid(uid) || bytes.isEmpty() || m_maxBytes <= 0)
        return;
    QMutexLocker lock(&m_mutex);
    const QString path = pathOf(uid);
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(bytes);
    if (!file.commit())
        return;
    if (m_knownBytes < 0)
        m_knownBytes = scanBytes();
    else
        m_knownBytes += bytes.size();
    if (m_knownBytes > m_maxBytes)
        evict();
}

qint64 InstanceCache::sizeBytes() const
{
    QMutexLocker lock(&m_mutex);
    return scanBytes();
}

qint64 InstanceCache::scanBytes() const
{
    qint64 total = 0;
    QDirIterator it(m_folder, {QStringLiteral("*.dcm")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

void InstanceCache::clear()
{
    QMutexLocker lock(&m_mutex);
    QDir(m_folder).removeRecursively();
    QDir().mkpath(m_folder);
    m_knownBytes = 0;
}

void InstanceCache::evict()
{
    struct Entry
    {
        QString path;
        qint64 size;
        QDateTime used;
    };
    std::vector<Entry> entries;
    qint64 total = 0;
    QDirIterator it(m_folder, {QStringLiteral("*.dcm")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        entries.push_back({info.filePath(), info.size(), info.lastModified()});
        total += info.size();
    }
    m_knownBytes = total;
    if (total <= m_maxBytes)
        return;
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
    for (const Entry& e : entries) {
        if (total <= m_maxBytes)
            break;
        if (QFile::remove(e.path))
            total -= e.size;
    }
    m_knownBytes = total;
}

} // namespace lumen::reading
