#pragma once
// Roles a user may hold (per department) and the permissions the server checks.
#include <optional>
#include <string_view>
#include <vector>

namespace lumen::core {

enum class Role {
    Administrator,
    Registrar,
    Technologist,
    Radiologist,
    ApprovingRadiologist,
    Clinician,
    LabTechnician,
    LabQa,
    Consultant,
};

enum class Permission {
    PatientRead,
    PatientWrite,
    PatientMerge,
    PatientConfidential,
    AuditRead,
    UserAdmin,
    ArchiveAdmin,
    ImageStore,
    // Exams (orders): each step of the closed loop belongs to the people who do it.
    ExamRead,        // see exams and their timelines
    ExamRegister,    // registration desk: create, edit, book, check in, cancel, no-show
    ExamPerform,     // technologist: call, examined, images received
    ExamReport,      // radiologist: reported
    ExamApprove,     // senior radiologist: approve, return a report, withdraw an approval
    ExamRelease,     // report desk: printed, released to the clinic
    ExamDictionary,  // maintain the HIS code dictionary
    SchedulingAdmin, // the appointment rules: rooms, hours, quotas, rules; stop and reopen rooms
};

const std::vector<Role>& allRoles();
const std::vector<Permission>& allPermissions();
std::string_view toString(Role role);
std::optional<Role> roleFromString(std::string_view text);
std::string_view toString(Permission permission);
std::optional<Permission> permissionFromString(std::string_view text);

} // namespace lumen::core
