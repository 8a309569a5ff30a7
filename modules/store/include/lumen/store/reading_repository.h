#pragma once
// The reading room's rows: annotations per image frame and versioned viewer settings.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumen::store {

class Database;

struct ImageAnnotationRow
{
    std::string sopInstanceUid;
    int frame = 0;
    std::string studyUid;
    std::string itemsJson;
    std::string updatedBy;
    std::string updatedAt;
};

struct ViewerSettingRow
{
    std::string key;
    std::string scope; // "user" or "department"
    std::string owner;
    std::string valueJson;
    std::int64_t version = 0;
    std::string updatedBy;
    std::string updatedAt;
};

class ReadingRepository
{
public:
    explicit ReadingRepository(Database& db) : m_db(db) {}

    // The annotations of the images the study holds now (by the index, not where they were made).
    std::vector<ImageAnnotationRow> annotationsOfStudy(const std::string& studyUid);
    // An empty list of items removes the row.
    void saveAnnotations(const ImageAnnotationRow& row, bool remove);

    std::optional<ViewerSettingRow> setting(const std::string& key, const std::string& scope,
                                            const std::string& owner);
    void saveSetting(const ViewerSettingRow& row);

private:
    Database& m_db;
};

} // namespace lumen::store
