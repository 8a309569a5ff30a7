#include "lumen/security/rbac.h"

#include <map>

namespace lumen::security {

using core::Permission;
using core::Role;

const std::set<Permission>& permissionsOf(Role role)
{
    // Confidential patients are for designated senior doctors (approving radiologists) and
    // administrators only (req: 000 §2.3.1.3 confidential patients).
    static const std::map<Role, std::set<Permission>> table = {
        {Role::Administrator,
         {Permission::PatientRead, Permission::PatientWrite, Permission::PatientMerge,
          Permission::PatientConfidential, Permission::AuditRead, Permission::UserAdmin,
          Permission::ArchiveAdmin, Permission::ImageStore}},
        {Role::Registrar, {Permission::PatientRead, Permission::PatientWrite, Permission::PatientMerge}},
        // Technologists send images from workstations without DIMSE (STOW-RS).
        {Role::Technologist, {Permission::PatientRead, Permission::ImageStore}},
        {Role::Radiologist, {Permission::PatientRead}},
        {Role::ApprovingRadiologist, {Permission::PatientRead, Permission::PatientConfidential}},
        {Role::Clinician, {Permission::PatientRead}},
        {Role::LabTechnician, {Permission::PatientRead}},
        {Role::LabQa, {}},
        {Role::Consultant, {Permission::PatientRead}},
    };
    return table.at(role);
}

std::set<Permission> permissionsOf(const std::vector<Role>& roles)
{
    std::set<Permission> all;
    for (Role r : roles)
        all.insert(permissionsOf(r).begin(), permissionsOf(r).end());
    return all;
}

} // namespace lumen::security
