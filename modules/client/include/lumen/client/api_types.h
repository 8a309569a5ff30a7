#pragma once
// Answers of API v1 that have no struct in lumen::protocol yet (pages, history, merge).
#include "lumen/core/patient.h"

#include <nlohmann/json_fwd.hpp>

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumen::client {

struct HealthInfo
{
    QString status;
    QString version;
    QString time;
};

struct PatientPage
{
    std::vector<core::Patient> items;
    int limit = 0;
    int offset = 0;
    bool hasMore = false;
};

// One change of a patient record; before/after are the patient's JSON text (empty when null).
struct HistoryEntry
{
    QString at;
    QString user;
    QString action;
    QByteArray beforeJson;
    QByteArray afterJson;
};

struct MergeResult
{
    std::int64_t mergeId = 0;
    core::Patient target;
    core::Patient source;
};

// Parsers; they throw core::Error on a document that does not have the documented shape.
HealthInfo healthFromJson(const nlohmann::json& json);
PatientPage patientPageFromJson(const nlohmann::json& json);
std::vector<HistoryEntry> historyFromJson(const nlohmann::json& json);
MergeResult mergeResultFromJson(const nlohmann::json& json);

// The request body for POST /patients: writable fields only, `confidential` only when set
// (setting it needs a permission the registrar may lack).
nlohmann::json newPatientBody(const core::Patient& patient, bool confirmDuplicate);
// The request body for PATCH /patients/{id}: the named writable fields (null clears).
nlohmann::json patientChangesBody(const core::Patient& edited, const std::vector<std::string>& fields,
                                  std::optional<std::int64_t> version);

} // namespace lumen::client
