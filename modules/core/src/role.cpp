#include "lumen/core/role.h"

namespace lumen::core {

const std::vector<Role>& allRoles()
{
    static const std::vector<Role> roles = {Role::Administrator,
                                            Role::Registrar,
                                            Role::Technologist,
                                            Role::Radiologist,
                                            Role::ApprovingRadiologist,
                                            Role::Clinician,
                                            Role::LabTechnician,
                                            Role::LabQa,
                                            Role::Consultant};
    return roles;
}

const std::vector<Permission>& allPermissions()
{
    static const std::vector<Permission> permissions = {
        Permission::PatientRead,         Permission::PatientWrite, Permission::PatientMerge,
        Permission::PatientConfidential, Permission::AuditRead,    Permission::UserAdmin,
        Permission::ArchiveAdmin,        Permission::ImageStore,   Permission::ExamRead,
        Permission::ExamRegister,        Permission::ExamPerform,  Permission::ExamReport,
        Permission::ExamApprove,         Permission::ExamRelease,  Permission::ExamDictionary,
        Permission::SchedulingAdmin};
    return permissions;
}

std::string_view toString(Role role)
{
    switch (role) {
    case Role::Administrator:
        return "administrator";
    case Role::Registrar:
        return "registrar";
    case Role::Technologist:
        return "technologist";
    case Role::Radiologist:
        return "radiologist";
    case Role::ApprovingRadiologist:
        return "approving_radiologist";
    case Role::Clinician:
        return "clinician";
    case Role::LabTechnician:
        return "lab_technician";
    case Role::LabQa:
        return "lab_qa";
    case Role::Consultant:
        return "consultant";
    }
    return "";
}

std::optional<Role> roleFromString(std::string_view text)
{
    for (Role r : allRoles())
        if (toString(r) == text)
            return r;
    return std::nullopt;
}

std::string_view toString(Permission permission)
{
    switch (permission) {
    case Permission::PatientRead:
        return "patient.read";
    case Permission::PatientWrite:
        return "patient.write";
    case Permission::PatientMerge:
        return "patient.merge";
    case Permission::PatientConfidential:
        return "patient.confidential";
    case Permission::AuditRead:
        return "audit.read";
    case Permission::UserAdmin:
        return "user.admin";
    case Permission::ArchiveAdmin:
        return "archive.admin";
    case Permission::ImageStore:
        return "image.store";
    case Permission::ExamRead:
        return "exam.read";
    case Permission::ExamRegister:
        return "exam.register";
    case Permission::ExamPerform:
        return "exam.perform";
    case Permission::ExamReport:
        return "exam.report";
    case Permission::ExamApprove:
        return "exam.approve";
    case Permission::ExamRelease:
        return "exam.release";
    case Permission::ExamDictionary:
        return "exam.dictionary";
    case Permission::SchedulingAdmin:
        return "scheduling.admin";
    }
    return "";
}

std::optional<Permission> permissionFromString(std::string_view text)
{
    for (Permission p : allPermissions())
        if (toString(p) == text)
            return p;
    return std::nullopt;
}

} // namespace lumen::core
