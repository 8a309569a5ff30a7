#include "storage_commitment_request.h"

#include "lumen/dicom/instance_attributes.h"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcitem.h"
#include "dcmtk/dcmdata/dcsequen.h"

#include <string>
#include <utility>

namespace lumen::dicom::detail {
namespace {

CommitmentOutcome invalid(std::string reason)
{
    return {commitment_status::invalidArgumentValue, std::move(reason)};
}

// The whole value (every component of a multi-valued one), without UI padding.
std::optional<std::string> uidIn(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).bad())
        return std::nullopt;
    std::string text(value.c_str(), value.length());
    while (!text.empty() && (text.back() == ' ' || text.back() == '\0'))
        text.pop_back();
    return text;
}

} // namespace

std::optional<CommitmentOutcome> readCommitmentRequest(DcmDataset* actionInformation,
                                                       CommitmentRequest& request)
{
    if (actionInformation == nullptr)
        return invalid("no Action Information data set");
    const auto transaction = uidIn(*actionInformation, DCM_TransactionUID);
    if (!transaction || transaction->empty())
        return invalid("TransactionUID (0008,1195) is missing");
    if (!isValidUid(*transaction))
        return invalid("TransactionUID is not a valid UID");

    DcmSequenceOfItems* sequence = nullptr;
    if (actionInformation->findAndGetSequence(DCM_ReferencedSOPSequence, sequence).bad() ||
        sequence == nullptr)
        return invalid("ReferencedSOPSequence (0008,1199) is missing");
    const unsigned long count = sequence->card();
    if (count == 0)
        return invalid("ReferencedSOPSequence is empty");
    if (count > maxCommitmentReferences)
        return CommitmentOutcome{commitment_status::resourceLimitation,
                                 "more than " + std::to_string(maxCommitmentReferences) + " references"};

    request.transactionUid = *transaction;
    request.references.clear();
    request.references.reserve(count);
    for (unsigned long i = 0; i < count; ++i) {
        DcmItem* item = sequence->getItem(i);
        const std::string where = "ReferencedSOPSequence item " + std::to_string(i + 1) + ": ";
        const auto sopClass = item ? uidIn(*item, DCM_ReferencedSOPClassUID) : std::nullopt;
        const auto sopInstance = item ? uidIn(*item, DCM_ReferencedSOPInstanceUID) : std::nullopt;
        if (!sopClass || sopClass->empty())
            return invalid(where + "no ReferencedSOPClassUID");
        if (!sopInstance || sopInstance->empty())
            return invalid(where + "no ReferencedSOPInstanceUID");
        if (!isValidUid(*sopClass) || !isValidUid(*sopInstance))
            return invalid(where + "invalid UID");
        request.references.push_back({*sopClass, *sopInstance});
    }
    return std::nullopt;
}

} // namespace lumen::dicom::detail
