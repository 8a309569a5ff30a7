#include "duplicate_dialog.h"

#include "patient_table_model.h"

#include "lumen/protocol/patient_json.h"
#include "lumen/ui/domain_text.h"

#include <nlohmann/json.hpp>

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {
QString text(const std::optional<std::string>& v)
{
    return v ? QString::fromStdString(*v) : QString();
}
} // namespace

std::vector<core::Patient> DuplicateDialog::candidatesFromDetails(const QByteArray& detailsJson)
{
    std::vector<core::Patient> candidates;
    const auto details = nlohmann::json::parse(detailsJson.constData(),
                                               detailsJson.constData() + detailsJson.size(), nullptr, false);
    if (!details.is_object() || !details.contains("candidates") || !details["candidates"].is_array())
        return candidates;
    for (const auto& item : details["candidates"]) {
        try {
            candidates.push_back(protocol::patientFromJson(item));
        } catch (const std::exception&) {
            // A candidate we cannot read is left out; the others still help.
        }
    }
    return candidates;
}

DuplicateDialog::DuplicateDialog(const core::Patient& entered, std::vector<core::Patient> candidates,
                                 QWidget* parent)
    : QDialog(parent), m_candidates(std::move(candidates))
{
    setWindowTitle(tr("Possible duplicate patient"));
    auto* intro = new QLabel(this);
    intro->setWordWrap(true);
    intro->setText(tr("A patient named %1 with the same birth date is already registered. "
                      "Please compare the records: if it is the same person, open the existing record "
                      "instead of registering a duplicate.")
                       .arg(QString::fromStdString(entered.name).toHtmlEscaped()));

    m_table = new QTableWidget(int(m_candidates.size()), 7, this);
    m_table->setObjectName(QStringLiteral("candidateTable"));
    m_table->setHorizontalHeaderLabels({ui::DomainText::fieldLabel(QStringLiteral("name")),
                                        ui::DomainText::fieldLabel(QStringLiteral("sex")),
                                        ui::DomainText::fieldLabel(QStringLiteral("birthDate")),
                                        ui::DomainText::fieldLabel(QStringLiteral("nationalId")),
                                        ui::DomainText::fieldLabel(QStringLiteral("medicalCardNo")),
                                        ui::DomainText::fieldLabel(QStringLiteral("phone")),
                                        ui::DomainText::fieldLabel(QStringLiteral("address"))});
    for (int row = 0; row < int(m_candidates.size()); ++row) {
        const auto& p = m_candidates[std::size_t(row)];
        const QStringList cells = {
            QString::fromStdString(p.name),
            ui::DomainText::sexName(p.sex),
            p.birthDate ? QString::fromStdString(core::formatIsoDate(*p.birthDate)) : QString(),
            PatientTableModel::maskedNationalId(text(p.identifier(core::IdentifierKind::NationalId))),
            text(p.identifier(core::IdentifierKind::MedicalCardNo)),
            text(p.phone),
            text(p.address)};
        for (int col = 0; col < cells.size(); ++col)
            m_table->setItem(row, col, new QTableWidgetItem(cells[col]));
    }
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    if (!m_candidates.empty())
        m_table->selectRow(0);

    auto* buttons = new QDialogButtonBox(this);
    m_open = buttons->addButton(tr("Open existing"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("openExistingButton"));
    m_open->setEnabled(!m_candidates.empty());
    m_open->setDefault(true);
    auto* anyway = buttons->addButton(tr("Register anyway"), QDialogButtonBox::ActionRole);
    anyway->setObjectName(QStringLiteral("registerAnywayButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_open, &QPushButton::clicked, this, [this] { finishWith(OpenExisting); });
    connect(anyway, &QPushButton::clicked, this, [this] { finishWith(RegisterAnyway); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemDoubleClicked, this, [this] { finishWith(OpenExisting); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(860, 320);
}

core::PatientId DuplicateDialog::chosenPatientId() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < int(m_candidates.size()) ? m_candidates[std::size_t(row)].id : 0;
}

void DuplicateDialog::finishWith(Choice choice)
{
    m_choice = choice;
    accept();
}

} // namespace lumen::registration
