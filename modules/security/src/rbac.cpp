#include "lumen/security/rbac.h"

#include <map>

namespace lumen::security {

using core::Permission;
using core::Role;

const std::set<Permission>& permissionsOf(Role role)
{
    // Confidential patients are for designated senior doctors (approving radiologists) and
    // administrators only (req: 000 §2.3.1.3 confidential patients).
    // Exams: each role takes the steps of the closed loop it performs. Administrators run the
    // desk and the dictionary but do not sign reports (exam.report / exam.approve).
    static const std::map<Role, std::set<Permission>> table = {
        {Role::Administrator,
         {Permission::PatientRead, Permission::PatientWrite, Permission::PatientMerge,
          Permission::PatientConfidential, Permission::AuditRead, Permission::UserAdmin,
          Permission::ArchiveAdmin, Permission::ImageStore, Permission::ExamRead, Permission::ExamRegister,
          Permission::ExamPerform, Permission::ExamRelease, Permission::ExamDictionary,
          Permission::SchedulingAdmin}},
        // The desk registers, books, checks in, calls, and hands out printed reports.
        {Role::Registrar,
         {Permission::PatientRead, Permission::PatientWrite, Permission::PatientMerge, Permission::ExamRead,
          Permission::ExamRegister, Permission::ExamRelease}},
        // Technologists send images from workstations without DIMSE (STOW-RS).
        {Role::Technologist,
         {Permission::PatientRead, Permission::ImageStore, Permission::ExamRead, Permission::ExamPerform}},
        // Radiologists store what they make of a study: key-object selections and secondary
        // captures of MPR and 3D views (STOW-RS into the same study).
        {Role::Radiologist,
         {Permission::PatientRead, Permission::ImageStore, Permission::ExamRead, Permission::ExamReport}},
        {Role::ApprovingRadiologist,
         {Permission::PatientRead, Permission::PatientConfidential, Permission::ImageStore,
          Permission::ExamRead, Permission::ExamReport, Permission::ExamApprove, Permission::ExamRelease}},
        {Role::Clinician, {Permission::PatientRead, Permission::ExamRead}},
        {Role::LabTechnician, {Permission::PatientRead}},
        {Role::LabQa, {}},
        {Role::Consultant, {Permission::PatientRead, Permission::ExamRead}},
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
