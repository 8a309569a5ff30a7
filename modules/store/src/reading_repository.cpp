#include "lumen/store/reading_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

std::vector<ImageAnnotationRow> ReadingRepository::annotationsOfStudy(const std::string& studyUid)
{
    // Through the index, so annotations follow their images when a series is split off into
    // another study and go with a removed image.
    auto q =
        m_db.prepare("SELECT a.sop_instance_uid, a.frame, st.study_uid, a.items, a.updated_by, a.updated_at "
                     "FROM dicom_studies st JOIN dicom_series s ON s.study_id = st.id "
                     "JOIN dicom_instances i ON i.series_id = s.id "
                     "JOIN image_annotations a ON a.sop_instance_uid = i.sop_instance_uid "
                     "WHERE st.study_uid = ? ORDER BY a.sop_instance_uid, a.frame");
    q.bind(1, studyUid);
    std::vector<ImageAnnotationRow> rows;
    while (q.step())
        rows.push_back({q.text(0), int(q.integer(1)), q.text(2), q.text(3), q.text(4), q.text(5)});
    return rows;
}

void ReadingRepository::saveAnnotations(const ImageAnnotationRow& row, bool remove)
{
    if (remove) {
        auto q = m_db.prepare("DELETE FROM image_annotations WHERE sop_instance_uid = ? AND frame = ?");
        q.bind(1, row.sopInstanceUid).bind(2, row.frame);
        q.step();
        return;
    }
    auto q =
        m_db.prepare("INSERT INTO image_annotations (sop_instance_uid, frame, study_uid, items, updated_by, "
                     "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sop_instance_uid, frame) DO UPDATE "
                     "SET study_uid = excluded.study_uid, items = excluded.items, "
                     "updated_by = excluded.updated_by, updated_at = excluded.updated_at");
    q.bind(1, row.sopInstanceUid)
        .bind(2, row.frame)
        .bind(3, row.studyUid)
        .bind(4, row.itemsJson)
        .bind(5, row.updatedBy)
        .bind(6, row.updatedAt);
    q.step();
}

std::optional<ViewerSettingRow> ReadingRepository::setting(const std::string& key, const std::string& scope,
                                                           const std::string& owner)
{
    auto q =
        m_db.prepare("SELECT key, scope, owner, value, version, updated_by, updated_at FROM viewer_settings "
                     "WHERE key = ? AND scope = ? AND owner = ?");
    q.bind(1, key).bind(2, scope).bind(3, owner);
    if (!q.step())
        return std::nullopt;
    return ViewerSettingRow{q.text(0), q.text(1), q.text(2), q.text(3), q.integer(4), q.text(5), q.text(6)};
}

void ReadingRepository::saveSetting(const ViewerSettingRow& row)
{
    auto q = m_db.prepare(
        "INSERT INTO viewer_settings (key, scope, owner, value, version, updated_by, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key, scope, owner) DO UPDATE SET "
        "value = excluded.value, version = excluded.version, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at");
    q.bind(1, row.key)
        .bind(2, row.scope)
        .bind(3, row.owner)
        .bind(4, row.valueJson)
        .bind(5, row.version)
        .bind(6, row.updatedBy)
        .bind(7, row.updatedAt);
    q.step();
}

} // namespace lumen::store
