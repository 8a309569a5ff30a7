#include "patient_table_model.h"

#include "lumen/ui/domain_text.h"

#include <chrono>

namespace lumen::registration {

namespace {

QString optionalText(const std::optional<std::string>& value)
{
    return value ? QString::fromStdString(*value) : QString();
}

} // namespace

PatientTableModel::PatientTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PatientTableModel::setPatients(std::vector<core::Patient> patients)
{
    beginResetModel();
    m_patients = std::move(patients);
    endResetModel();
}

const core::Patient* PatientTableModel::patientAt(int row) const
{
    return row >= 0 && row < int(m_patients.size()) ? &m_patients[std::size_t(row)] : nullptr;
}

int PatientTableModel::rowOf(core::PatientId id) const
{
    for (std::size_t i = 0; i < m_patients.size(); ++i)
        if (m_patients[i].id == id)
            return int(i);
    return -1;
}

QString PatientTableModel::maskedNationalId(const QString& id)
{
    if (id.size() < 10)
        return id;
    return id.left(6) + QString(id.size() - 10, QLatin1Char('*')) + id.right(4);
}

int PatientTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_patients.size());
}

int PatientTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PatientTableModel::text(const core::Patient& p, int column) const
{
    switch (column) {
    case Name:
        return p.confidential ? tr("%1 (confidential)").arg(QString::fromStdString(p.name))
                              : QString::fromStdString(p.name);
    case Sex:
        return ui::DomainText::sexName(p.sex);
    case BirthDate: {
        if (!p.birthDate)
            return {};
        const auto today = core::toDate(std::chrono::system_clock::now());
        return tr("%1 (%2)").arg(QString::fromStdString(core::formatIsoDate(*p.birthDate)),
                                 ui::DomainText::age(*p.birthDate, today));
    }
    case NationalId:
        return maskedNationalId(optionalText(p.identifier(core::IdentifierKind::NationalId)));
    case MedicalCardNo:
        return optionalText(p.identifier(core::IdentifierKind::MedicalCardNo));
    case OutpatientNo:
        return optionalText(p.identifier(core::IdentifierKind::OutpatientNo));
    case Phone:
        return optionalText(p.phone);
    default:
        return {};
    }
}

QVariant PatientTableModel::data(const QModelIndex& index, int role) const
{
    const core::Patient* p = index.isValid() ? patientAt(index.row()) : nullptr;
    if (!p)
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::AccessibleTextRole)
        return text(*p, index.column());
    if (role == Qt::UserRole)
        return QVariant::fromValue(qlonglong(p->id));
    return {};
}

QVariant PatientTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Sex:
        return tr("Sex");
    case BirthDate:
        return tr("Birth date (age)");
    case NationalId:
        return tr("National ID no.");
    case MedicalCardNo:
        return tr("Medical card no.");
    case OutpatientNo:
        return tr("Outpatient no.");
    case Phone:
        return tr("Phone");
    default:
        return {};
    }
}

void PatientTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_patients.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace lumen::registration
