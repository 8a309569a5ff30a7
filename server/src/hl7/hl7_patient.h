#pragma once
// Reading a patient out of PID (and MRG): which of Lumen's hospital identifiers each CX
// repetition is (by its identifier type code, HL7 table 0203 plus common Chinese HIS codes),
// the demographics as a patient JSON patch, and finding the patient the identifiers name.
#include "lumen/core/patient.h"
#include "lumen/hl7/message.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

namespace lumen::store {
class PatientRepository;
}

namespace lumen::server {

struct Hl7Identifier
{
    core::IdentifierKind kind;
    std::string value;
};

// The identifier kind for a CX-5 identifier type code; nullopt for types Lumen does not keep.
std::optional<core::IdentifierKind> identifierKindForType(std::string_view typeCode);

// Identifiers in the CX repetitions of `field`; a repetition without a type is the HIS
// patient ID. The first value of each kind wins.
std::vector<Hl7Identifier> identifiersIn(const hl7::Segment& segment, int field);

// PID-3, then PID-2 (old-style patient ID) and PID-19 (national ID when it is one, else
// social security number) for kinds PID-3 did not give.
std::vector<Hl7Identifier> patientIdentifiers(const hl7::Segment& pid);

// The demographics PID states as a patient JSON patch: name (PID-5), birth date (PID-7),
// sex (PID-8), address (PID-11), phone (PID-13) and the identifiers. Absent fields are left
// out; HL7's explicit null "" clears. Throws Hl7Failure for values Lumen cannot read.
nlohmann::json patientPatch(const hl7::Segment& pid);

// The patient holding any of `ids`. `followMerges`: a merged duplicate gives the patient it
// went into. Throws Hl7Failure (205) when the identifiers name different patients.
std::optional<core::PatientId> findPatient(store::PatientRepository& repo,
                                           const std::vector<Hl7Identifier>& ids, bool followMerges,
                                           const std::string& segment, int field);

} // namespace lumen::server
