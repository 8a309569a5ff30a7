#pragma once
// One search of the archive index at a query level, shared by C-FIND and QIDO-RS: runs the
// level's query and hands each match, with its study and series, to a callback.
#include "lumen/core/dicom_object.h"
#include "lumen/dicom/dimse_service.h"

#include <functional>

namespace lumen::store {
class Database;
}

namespace lumen::server {

struct IndexMatch
{
    const core::DicomStudyRecord* study = nullptr;
    const core::DicomSeriesRecord* series = nullptr;
    const core::DicomInstanceRecord* instance = nullptr;
};

struct SearchOptions
{
    bool includeConfidential = false;
    int limit = 10000;
    int offset = 0;
};

// Returns the number of matches handed out; `visit` returns false to stop early.
std::size_t searchIndex(store::Database& db, const dicom::FindRequest& request, const SearchOptions& options,
                        const std::function<bool(const IndexMatch&)>& visit);

} // namespace lumen::server
