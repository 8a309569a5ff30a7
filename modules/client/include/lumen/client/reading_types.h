#pragma once
// What the reading room asks the archive: studies, series and instances (from QIDO-RS),
// annotations per image and viewer settings (server/API.md "Reading room").
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace lumen::client {

struct StudySummary
{
    QString studyUid;
    QString patientId; // DICOM Patient ID
    QString patientName;
    QString patientSex;
    QString patientBirthDate;
    QString studyDate; // YYYYMMDD
    QString studyDescription;
    QString accessionNumber;
    QString modalities; // backslash-separated
    int seriesCount = 0;
    int instanceCount = 0;
};

struct SeriesSummary
{
    QString seriesUid;
    QString modality;
    QString description;
    QString bodyPart;
    int seriesNumber = 0;
    int instanceCount = 0;
};

struct InstanceSummary
{
    QString sopInstanceUid;
    QString sopClassUid;
    int instanceNumber = 0;
};

struct ImageAnnotations
{
    QString sopInstanceUid;
    int frame = 0;
    QJsonArray items;
    QString updatedBy;
    QString updatedAt;
};

struct ViewerSettings
{
    QString key;
    std::optional<QJsonObject> user;
    std::optional<QJsonObject> department;
    std::int64_t userVersion = 0;
    std::int64_t departmentVersion = 0;
    // User over department, member by member.
    QJsonObject effective() const;
};

enum class SettingsScope { User, Department };

} // namespace lumen::client
