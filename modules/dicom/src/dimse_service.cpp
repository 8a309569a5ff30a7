#include "lumen/dicom/dimse_service.h"

namespace lumen::dicom {

std::string DimseHandler::receivePath(const std::string&)
{
    return {};
}

RetrieveOutcome DimseHandler::retrieve(const AssociationInfo&, const RetrieveRequest&,
                                       std::vector<RetrieveItem>&)
{
    return {status::unableToProcess, "this archive does not serve C-MOVE or C-GET"};
}

std::optional<MoveDestination> DimseHandler::moveDestination(const AssociationInfo&, const std::string&)
{
    return std::nullopt;
}

void DimseHandler::retrieveFinished(const AssociationInfo&, const RetrieveRequest&,
                                    const std::vector<RetrieveItem>&, const RetrieveReport&)
{
}

} // namespace lumen::dicom
