#include "lumen/dicom/rejection_note.h"

#include "dcmtk/config/osconfig.h" // must come first among DCMTK headers

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcitem.h"
#include "dcmtk/dcmdata/dcsequen.h"

#include <set>

namespace lumen::dicom {

namespace {
// CID 7011 "Rejected for Quality Reasons" and its siblings (DCM coding scheme).
const std::set<std::string> rejectionCodes = {"113001", "113037", "113038", "113039"};

std::string text(DcmItem* item, const DcmTagKey& tag)
{
    OFString value;
    if (item && item->findAndGetOFString(tag, value).good())
        return value.c_str();
    return {};
}
} // namespace

std::optional<RejectionNote> readRejectionNote(const std::string& path)
{
    DcmFileFormat file;
    if (file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 4096).bad())
        return std::nullopt;
    DcmDataset* data = file.getDataset();
    if (text(data, DCM_SOPClassUID) != keyObjectSelectionSopClass)
        return std::nullopt;
    DcmItem* conceptName = nullptr;
    if (data->findAndGetSequenceItem(DCM_ConceptNameCodeSequence, conceptName, 0).bad())
        return std::nullopt;
    RejectionNote note{text(conceptName, DCM_CodeValue), text(conceptName, DCM_CodeMeaning), {}};
    if (!rejectionCodes.count(note.codeValue) || text(conceptName, DCM_CodingSchemeDesignator) != "DCM")
        return std::nullopt;
    DcmSequenceOfItems* evidence = nullptr;
    if (data->findAndGetSequence(DCM_CurrentRequestedProcedureEvidenceSequence, evidence).good() && evidence)
        for (unsigned long s = 0; s < evidence->card(); ++s) {
            DcmSequenceOfItems* seriesSeq = nullptr;
            if (evidence->getItem(s)->findAndGetSequence(DCM_ReferencedSeriesSequence, seriesSeq).bad() ||
                !seriesSeq)
                continue;
            for (unsigned long se = 0; se < seriesSeq->card(); ++se) {
                DcmSequenceOfItems* sops = nullptr;
                if (seriesSeq->getItem(se)->findAndGetSequence(DCM_ReferencedSOPSequence, sops).bad() ||
                    !sops)
                    continue;
                for (unsigned long i = 0; i < sops->card(); ++i) {
                    const auto uid = text(sops->getItem(i), DCM_ReferencedSOPInstanceUID);
                    if (!uid.empty())
                        note.rejectedSopInstanceUids.push_back(uid);
                }
            }
        }
    return note;
}

} // namespace lumen::dicom
