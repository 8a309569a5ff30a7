#include "lumen/store/mpps_repository.h"

#include "lumen/store/database.h"

namespace lumen::store {

std::optional<MppsRecord> MppsRepository::find(const std::string& sopInstanceUid)
{
    auto& st = m_db.cached(
        "SELECT sop_instance_uid, calling_ae, exam_id, status, pps_id, modality, station_ae, "
        "accession_number, "
        "study_instance_uid, start_date, start_time, end_date, end_time, discontinuation_reason, created_at, "
        "updated_at FROM mpps_instances WHERE sop_instance_uid = ?1");
    st.bind(1, sopInstanceUid);
    std::optional<MppsRecord> record;
    if (st.step()) {
        MppsRecord r;
        r.sopInstanceUid = st.text(0);
        r.callingAe = st.text(1);
        if (!st.isNull(2))
            r.examId = st.integer(2);
        r.status = st.text(3);
        r.ppsId = st.text(4);
        r.modality = st.text(5);
        r.stationAe = st.text(6);
        r.accessionNumber = st.text(7);
        r.studyInstanceUid = st.text(8);
        r.startDate = st.text(9);
        r.startTime = st.text(10);
        r.endDate = st.text(11);
        r.endTime = st.text(12);
        r.discontinuationReason = st.text(13);
        r.createdAt = st.text(14);
        r.updatedAt = st.text(15);
        record = std::move(r);
    }
    st.reset();
    return record;
}

bool MppsRepository::insert(const MppsRecord& r)
{
    auto& st = m_db.cached("INSERT INTO mpps_instances (sop_instance_uid, calling_ae, exam_id, status, "
                           "pps_id, modality, station_ae, "
                           "accession_number, study_instance_uid, start_date, start_time, end_date, "
                           "end_time, discontinuation_reason, "
                           "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                           "?12, ?13, ?14, ?15, ?16) "
                           "ON CONFLICT(sop_instance_uid) DO NOTHING");
    st.bind(1, r.sopInstanceUid)
        .bind(2, r.callingAe)
        .bind(3, r.examId)
        .bind(4, r.status)
        .bind(5, r.ppsId)
        .bind(6, r.modality)
        .bind(7, r.stationAe)
        .bind(8, r.accessionNumber)
        .bind(9, r.studyInstanceUid)
        .bind(10, r.startDate)
        .bind(11, r.startTime)
        .bind(12, r.endDate)
        .bind(13, r.endTime)
        .bind(14, r.discontinuationReason)
        .bind(15, r.createdAt)
        .bind(16, r.updatedAt);
    st.run();
    return m_db.changes() == 1;
}

void MppsRepository::update(const MppsRecord& r)
{
    auto& st = m_db.cached("UPDATE mpps_instances SET status = ?2, end_date = ?3, end_time = ?4, "
                           "discontinuation_reason = ?5, updated_at = ?6 WHERE sop_instance_uid = ?1");
    st.bind(1, r.sopInstanceUid)
        .bind(2, r.status)
        .bind(3, r.endDate)
        .bind(4, r.endTime)
        .bind(5, r.discontinuationReason)
        .bind(6, r.updatedAt);
    st.run();
}

} // namespace lumen::store
