#include "lumen/ui/domain_text.h"

namespace lumen::ui {

QString DomainText::roleName(const QString& role)
{
    if (role == QLatin1String("administrator"))
        return tr("Administrator");
    if (role == QLatin1String("registrar"))
        return tr("Registrar");
    if (role == QLatin1String("technologist"))
        return tr("Technologist");
    if (role == QLatin1String("radiologist"))
        return tr("Radiologist");
    if (role == QLatin1String("approving_radiologist"))
        return tr("Approving radiologist");
    if (role == QLatin1String("clinician"))
        return tr("Clinician");
    if (role == QLatin1String("lab_technician"))
        return tr("Lab technician");
    if (role == QLatin1String("lab_qa"))
        return tr("Lab quality officer");
    if (role == QLatin1String("consultant"))
        return tr("Consultant");
    return role;
}

QString DomainText::departmentName(const QString& department)
{
    if (department == QLatin1String("radiology"))
        return tr("Radiology");
    if (department == QLatin1String("ultrasound"))
        return tr("Ultrasound");
    if (department == QLatin1String("endoscopy"))
        return tr("Endoscopy");
    if (department == QLatin1String("laboratory") || department == QLatin1String("lab"))
        return tr("Laboratory");
    if (department == QLatin1String("cell_lab") || department == QLatin1String("celllab"))
        return tr("Cell therapy lab");
    if (department == QLatin1String("clinic") || department == QLatin1String("clinical"))
        return tr("Clinical departments");
    if (department == QLatin1String("consultation"))
        return tr("Consultation center");
    if (department == QLatin1String("it") || department == QLatin1String("administration"))
        return tr("Administration");
    return department;
}

QString DomainText::sexName(core::Sex sex)
{
    switch (sex) {
    case core::Sex::Male:
        return tr("Male");
    case core::Sex::Female:
        return tr("Female");
    case core::Sex::Other:
        return tr("Other");
    case core::Sex::Unknown:
        break;
    }
    return tr("Unknown");
}

QString DomainText::fieldLabel(const QString& field)
{
    if (field == QLatin1String("name"))
        return tr("Name");
    if (field == QLatin1String("sex"))
        return tr("Sex");
    if (field == QLatin1String("birthDate"))
        return tr("Birth date");
    if (field == QLatin1String("phone"))
        return tr("Phone");
    if (field == QLatin1String("address"))
        return tr("Address");
    if (field == QLatin1String("nationalId"))
        return tr("National ID no.");
    if (field == QLatin1String("medicalCardNo"))
        return tr("Medical card no.");
    if (field == QLatin1String("outpatientNo"))
        return tr("Outpatient no.");
    if (field == QLatin1String("inpatientNo"))
        return tr("Inpatient no.");
    if (field == QLatin1String("registrationNo"))
        return tr("Registration no.");
    if (field == QLatin1String("socialSecurityNo"))
        return tr("Social security no.");
    if (field == QLatin1String("hisPatientId"))
        return tr("HIS patient ID");
    if (field == QLatin1String("confidential"))
        return tr("Confidential");
    return field;
}

QString DomainText::nationalIdProblem(core::NationalIdProblem problem)
{
    switch (problem) {
    case core::NationalIdProblem::None:
        return {};
    case core::NationalIdProblem::WrongLength:
        return tr("The national ID number must have 18 characters.");
    case core::NationalIdProblem::NotDigits:
        return tr("The national ID number must be 17 digits followed by a digit or X.");
    case core::NationalIdProblem::BadRegion:
        return tr("The national ID number starts with an unknown region code.");
    case core::NationalIdProblem::BadBirthDate:
        return tr("The national ID number contains an impossible birth date.");
    case core::NationalIdProblem::BadCheckDigit:
        return tr("The national ID number has a wrong check digit; please check it against the ID card.");
    }
    return tr("The national ID number is not valid.");
}

QString DomainText::problem(const core::FieldProblem& problem, const core::Patient& patient)
{
    const QString field = QString::fromStdString(problem.field);
    const QString code = QString::fromStdString(problem.code);
    const auto& nationalId = patient.identifier(core::IdentifierKind::NationalId);
    if (field == QLatin1String("nationalId") && code == QLatin1String("invalid") && nationalId) {
        const core::Date today = core::toDate(std::chrono::system_clock::now());
        return nationalIdProblem(core::validateNationalId(*nationalId, &today));
    }
    if (code == QLatin1String("inconsistent_national_id") && nationalId) {
        const auto info = core::decodeNationalId(*nationalId);
        if (info && field == QLatin1String("sex"))
            return tr("Sex does not match the national ID number, which says %1.").arg(sexName(info->sex));
        if (info && field == QLatin1String("birthDate"))
            return tr("Birth date does not match the national ID number, which says %1.")
                .arg(QString::fromStdString(core::formatIsoDate(info->birthDate)));
    }
    if (field == QLatin1String("name")) {
        if (code == QLatin1String("required"))
            return tr("Name is required.");
        if (code == QLatin1String("too_long"))
            return tr("Name must have at most 64 characters.");
        return tr("Name must not contain control characters.");
    }
    if (field == QLatin1String("birthDate")) {
        if (code == QLatin1String("in_future"))
            return tr("Birth date lies in the future.");
        if (code == QLatin1String("too_old"))
            return tr("Birth date is before 1880.");
    }
    if (field == QLatin1String("phone"))
        return tr("Phone must have 7 to 20 digits (spaces, '-' and a leading '+' allowed).");
    if (field == QLatin1String("address"))
        return tr("Address must have at most 200 characters.");
    if (code == QLatin1String("invalid") && field != QLatin1String("nationalId"))
        return tr("Use at most 64 letters, digits and the characters - _ / .");
    return QString::fromStdString(problem.message);
}

QString DomainText::age(const core::Date& birth, const core::Date& today)
{
    int years = today.year - birth.year;
    if (today.month < birth.month || (today.month == birth.month && today.day < birth.day))
        --years;
    if (years >= 1)
        return tr("%1 y", "age in years").arg(years);
    int months = (today.year - birth.year) * 12 + (today.month - birth.month);
    if (today.day < birth.day)
        --months;
    if (months >= 1)
        return tr("%1 mo", "age in months").arg(months);
    const auto toDays = [](const core::Date& d) {
        return std::chrono::sys_days(std::chrono::year(d.year) / std::chrono::month(unsigned(d.month)) /
                                     std::chrono::day(unsigned(d.day)));
    };
    const auto days = (toDays(today) - toDays(birth)).count();
    return tr("%1 d", "age in days").arg(days < 0 ? 0 : days);
}

QString DomainText::historyAction(const QString& action)
{
    if (action == QLatin1String("create"))
        return tr("Registered");
    if (action == QLatin1String("update"))
        return tr("Changed");
    if (action == QLatin1String("merge"))
        return tr("Merged");
    if (action == QLatin1String("unmerge"))
        return tr("Merge undone");
    return action;
}

} // namespace lumen::ui
