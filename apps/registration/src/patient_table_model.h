#pragma once
// Search results as table rows: name, sex, birth date and age, identifiers, phone.
#include "lumen/core/patient.h"

#include <QAbstractTableModel>

#include <vector>

namespace lumen::registration {

class PatientTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Sex, BirthDate, NationalId, MedicalCardNo, OutpatientNo, Phone, ColumnCount };

    explicit PatientTableModel(QObject* parent = nullptr);

    void setPatients(std::vector<core::Patient> patients);
    const std::vector<core::Patient>& patients() const { return m_patients; }
    const core::Patient* patientAt(int row) const;
    // Row of the patient with this id, or -1.
    int rowOf(core::PatientId id) const;
    // Shows the region code and the last four characters only: the full number is in the form.
    static QString maskedNationalId(const QString& nationalId);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Header texts follow the interface language.
    void retranslate();

private:
    QString text(const core::Patient& patient, int column) const;

    std::vector<core::Patient> m_patients;
};

} // namespace lumen::registration
