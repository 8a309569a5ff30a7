#include "services/index_search.h"

#include "lumen/store/dicom_index_repository.h"
#include "services/dicom_query_mapping.h"

#include <map>
#include <set>

namespace lumen::server {

std::size_t searchIndex(store::Database& db, const dicom::FindRequest& request, const SearchOptions& options,
                        const std::function<bool(const IndexMatch&)>& visit)
{
    auto query = toIndexQuery(request);
    query.includeConfidential = options.includeConfidential;
    query.limit = options.limit;
    query.offset = options.offset;
    store::DicomIndexRepository index(db);

    std::map<std::string, core::DicomStudyRecord> studies;
    auto studyOf = [&](const std::string& uid) -> const core::DicomStudyRecord* {
        auto it = studies.find(uid);
        // The match itself already passed the visibility rule.
        if (it == studies.end())
            it = studies.emplace(uid, index.findStudyByUid(uid).value_or(core::DicomStudyRecord{})).first;
        return &it->second;
    };
    std::map<std::string, core::DicomSeriesRecord> series;
    auto seriesOf = [&](const std::string& uid) -> const core::DicomSeriesRecord* {
        auto it = series.find(uid);
        if (it == series.end())
            it = series.emplace(uid, index.findSeriesByUid(uid).value_or(core::DicomSeriesRecord{})).first;
        return &it->second;
    };

    std::size_t matches = 0;
    switch (request.level) {
    case dicom::QueryLevel::Patient: {
        std::set<std::string> seen;
        for (const auto& st : index.findStudies(query))
            if (seen.insert(st.dicomPatientId).second) {
                ++matches;
                if (!visit({&st, nullptr, nullptr}))
                    break;
            }
        break;
    }
    case dicom::QueryLevel::Study:
        for (const auto& st : index.findStudies(query)) {
            ++matches;
            if (!visit({&st, nullptr, nullptr}))
                break;
        }
        break;
    case dicom::QueryLevel::Series:
        for (const auto& se : index.findSeries(query)) {
            ++matches;
            if (!visit({studyOf(se.studyUid), &se, nullptr}))
                break;
        }
        break;
    case dicom::QueryLevel::Image:
        for (const auto& i : index.findInstances(query)) {
            ++matches;
            if (!visit({studyOf(i.studyUid), seriesOf(i.seriesUid), &i}))
                break;
        }
        break;
    }
    return matches;
}

} // namespace lumen::server
