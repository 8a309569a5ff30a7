#include "n_response.h"

#include "error_comment.h"
#include "lumen/dicom/dimse_service.h"

namespace lumen::dicom::detail {

OFCondition sendNResponse(T_ASC_Association* association, T_ASC_PresentationContextID presentationContext,
                          T_DIMSE_Message& response, std::uint16_t status, const std::string& reason)
{
    const auto detail = status == status::success ? nullptr : errorComment(reason);
    return DIMSE_sendMessageUsingMemoryData(association, presentationContext, &response, detail.get(),
                                            nullptr, nullptr, nullptr);
}

} // namespace lumen::dicom::detail
