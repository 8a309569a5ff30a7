#include "error_comment.h"

#include "dcmtk/dcmdata/dcdeftag.h"

namespace lumen::dicom::detail {

std::unique_ptr<DcmDataset> errorComment(const std::string& reason)
{
    if (reason.empty())
        return nullptr;
    std::string text;
    for (const char c : reason) {
        if (text.size() == 64)
            break;
        const auto byte = static_cast<unsigned char>(c);
        text += (byte < 0x20 || byte >= 0x7F || c == '\\') ? ' ' : c;
    }
    auto detail = std::make_unique<DcmDataset>();
    detail->putAndInsertString(DCM_ErrorComment, text.c_str());
    return detail;
}

} // namespace lumen::dicom::detail
