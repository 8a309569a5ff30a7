#include "patient_picker.h"

#include "patient_table_model.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/domain_text.h"
#include "lumen/ui/error_text.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

QString summary(const core::Patient& p)
{
    QStringList parts = {QString::fromStdString(p.name), ui::DomainText::sexName(p.sex)};
    if (p.birthDate)
        parts << QString::fromStdString(core::formatIsoDate(*p.birthDate));
    if (const auto& card = p.identifier(core::IdentifierKind::MedicalCardNo))
        parts << QString::fromStdString(*card);
    if (const auto& id = p.identifier(core::IdentifierKind::NationalId))
        parts << PatientTableModel::maskedNationalId(QString::fromStdString(*id));
    return parts.join(QStringLiteral("  "));
}

} // namespace

PatientPicker::PatientPicker(client::ApiClient& client, QWidget* parent) : QWidget(parent), m_client(client)
{
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_query = new QLineEdit(this);
    m_query->setClearButtonEnabled(true);
    m_query->setPlaceholderText(tr("Search by name or any number, then press Enter"));
    m_matches = new QListWidget(this);
    m_matches->setMaximumHeight(m_matches->fontMetrics().height() * 4 + 8);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_query);
    layout->addWidget(m_matches);
    layout->addWidget(m_status);

    connect(m_query, &QLineEdit::returnPressed, this, &PatientPicker::search);
    connect(m_matches, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < int(m_found.size())) {
            m_patient = m_found[std::size_t(row)];
            emit patientChanged();
        }
    });
}

void PatientPicker::setTitle(const QString& title)
{
    m_title->setText(title);
}

void PatientPicker::setPatient(const core::Patient& patient)
{
    m_found = {patient};
    m_matches->clear();
    m_matches->addItem(summary(patient));
    m_matches->setCurrentRow(0);
}

void PatientPicker::search()
{
    const QString query = m_query->text().trimmed();
    if (query.isEmpty())
        return;
    m_status->setText(tr("Searching..."));
    m_client.searchPatients(query, 20, 0, this, [this](const client::Result<client::PatientPage>& r) {
        if (!r.ok()) {
            m_status->setText(ui::ErrorText::describe(r.error()));
            return;
        }
        m_found = r.value().items;
        m_matches->clear();
        for (const auto& p : m_found)
            m_matches->addItem(summary(p));
        m_status->setText(m_found.empty() ? tr("No patient found.")
                                          : tr("Patients found: %n. Choose one.", "", int(m_found.size())));
        if (m_found.size() == 1)
            m_matches->setCurrentRow(0);
    });
}

} // namespace lumen::registration
