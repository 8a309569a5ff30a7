#include "merge_dialog.h"

#include "patient_form.h"
#include "patient_picker.h"

#include "lumen/client/api_client.h"
#include "lumen/protocol/patient_json.h"
#include "lumen/ui/domain_text.h"
#include "lumen/ui/error_text.h"

#include <nlohmann/json.hpp>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

QString fieldValue(const core::Patient& p, const QString& field)
{
    if (field == QLatin1String("sex"))
        return ui::DomainText::sexName(p.sex);
    if (field == QLatin1String("confidential"))
        return p.confidential ? MergeDialog::tr("Yes") : MergeDialog::tr("No");
    const auto json = protocol::toJson(p);
    const auto& value = json.at(field.toStdString());
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

} // namespace

MergeDialog::MergeDialog(client::ApiClient& client, const std::optional<core::Patient>& keep, QWidget* parent)
    : QDialog(parent), m_client(client)
{
    setWindowTitle(tr("Merge duplicate patients"));
    auto* intro = new QLabel(this);
    intro->setWordWrap(true);
    intro->setText(tr("Choose the duplicate record and the record to keep. After the merge, searches for the "
                      "duplicate lead to the record kept. The duplicate stays in the database, so the merge "
                      "can be undone later (unmerge)."));

    m_source = new PatientPicker(client, this);
    m_source->setObjectName(QStringLiteral("sourcePicker"));
    m_source->setTitle(tr("Duplicate (will be merged)"));
    m_target = new PatientPicker(client, this);
    m_target->setObjectName(QStringLiteral("targetPicker"));
    m_target->setTitle(tr("Patient to keep"));
    if (keep)
        m_target->setPatient(*keep);
    m_swap = new QPushButton(tr("Swap"), this);
    m_swap->setToolTip(tr("Exchange the duplicate and the record to keep"));
    m_swap->setAutoDefault(false);

    m_compare = new QTableWidget(int(PatientForm::fields().size()), 3, this);
    m_compare->setObjectName(QStringLiteral("comparisonTable"));
    m_compare->setHorizontalHeaderLabels(
        {tr("Duplicate (will be merged)"), tr("Patient to keep"), tr("Comparison")});
    QStringList rowLabels;
    for (const QString& field : PatientForm::fields())
        rowLabels << ui::DomainText::fieldLabel(field);
    m_compare->setVerticalHeaderLabels(rowLabels);
    m_compare->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_compare->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_compare->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    // Every field visible at once, without scrolling, even on a 1366x768 screen.
    const int rowHeight = m_compare->fontMetrics().height() + 8;
    m_compare->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_compare->setMinimumHeight(rowHeight * m_compare->rowCount() +
                                m_compare->horizontalHeader()->sizeHint().height() +
                                2 * m_compare->frameWidth() + 2);

    m_confirm = new QCheckBox(tr("I have checked that both records belong to the same person."), this);
    m_confirm->setObjectName(QStringLiteral("confirmMergeCheck"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_merge = buttons->addButton(tr("Merge"), QDialogButtonBox::AcceptRole);
    m_merge->setObjectName(QStringLiteral("mergeButton"));
    // Outside the button box: it re-shows its buttons whenever it lays them out again.
    m_undo = new QPushButton(tr("Undo merge"), this);
    m_undo->setObjectName(QStringLiteral("undoMergeButton"));
    m_undo->hide();
    buttons->addButton(QDialogButtonBox::Close);
    connect(m_merge, &QPushButton::clicked, this, &MergeDialog::merge);
    connect(m_undo, &QPushButton::clicked, this, &MergeDialog::undoMerge);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_source, &PatientPicker::patientChanged, this, &MergeDialog::updateComparison);
    connect(m_target, &PatientPicker::patientChanged, this, &MergeDialog::updateComparison);
    connect(m_confirm, &QCheckBox::toggled, this, &MergeDialog::updateComparison);
    connect(m_swap, &QPushButton::clicked, this, [this] {
        const auto source = m_source->patient();
        const auto target = m_target->patient();
        if (target)
            m_source->setPatient(*target);
        if (source)
            m_target->setPatient(*source);
    });

    auto* pickers = new QHBoxLayout;
    pickers->addWidget(m_source, 1);
    pickers->addWidget(m_swap, 0, Qt::AlignVCenter);
    pickers->addWidget(m_target, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(pickers);
    layout->addWidget(m_compare, 1);
    layout->addWidget(m_confirm);
    layout->addWidget(m_message);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_undo);
    bottom->addWidget(buttons, 1);
    layout->addLayout(bottom);
    resize(920, sizeHint().height());
    updateComparison();
    m_source->queryField()->setFocus();
}

void MergeDialog::updateComparison()
{
    const auto& source = m_source->patient();
    const auto& target = m_target->patient();
    const QStringList& fields = PatientForm::fields();
    for (int row = 0; row < fields.size(); ++row) {
        const QString a = source ? fieldValue(*source, fields[row]) : QString();
        const QString b = target ? fieldValue(*target, fields[row]) : QString();
        m_compare->setItem(row, 0, new QTableWidgetItem(a));
        m_compare->setItem(row, 1, new QTableWidgetItem(b));
        const QString verdict = !source || !target ? QString() : a == b ? tr("same") : tr("different");
        auto* item = new QTableWidgetItem(verdict);
        if (a != b && source && target) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
        m_compare->setItem(row, 2, item);
    }
    const bool samePatient = source && target && source->id == target->id;
    if (samePatient)
        showMessage(tr("The duplicate and the record to keep must be two different patients."), true);
    else if (!m_done)
        showMessage({}, false);
    m_merge->setEnabled(!m_done && !m_busy && source && target && !samePatient && m_confirm->isChecked());
}

void MergeDialog::merge()
{
    const auto source = m_source->patient();
    const auto target = m_target->patient();
    if (!source || !target || !m_confirm->isChecked())
        return;
    m_busy = true;
    updateComparison();
    showMessage(tr("Merging..."), false);
    m_client.mergePatients(
        target->id, source->id, this, [this](const client::Result<client::MergeResult>& r) {
            m_busy = false;
            if (!r.ok()) {
                showMessage(tr("Not merged: %1").arg(ui::ErrorText::describe(r.error())), true);
                updateComparison();
                return;
            }
            m_done = r.value();
            m_source->setEnabled(false);
            m_target->setEnabled(false);
            m_swap->setEnabled(false);
            m_confirm->setEnabled(false);
            m_undo->show();
            updateComparison();
            showMessage(
                tr("Merged: %1 (duplicate) now leads to %2. Use \"Undo merge\" if this was a mistake.")
                    .arg(QString::fromStdString(m_done->source.name),
                         QString::fromStdString(m_done->target.name)),
                false);
            emit patientsChanged(m_done->target.id);
        });
}

void MergeDialog::undoMerge()
{
    if (!m_done)
        return;
    m_undo->setEnabled(false);
    m_client.unmergePatients(
        m_done->target.id, m_done->source.id, this, [this](const client::Result<core::Patient>& r) {
            if (!r.ok()) {
                m_undo->setEnabled(true);
                showMessage(tr("The merge was not undone: %1").arg(ui::ErrorText::describe(r.error())), true);
                return;
            }
            const auto keptId = m_done->target.id;
            m_done.reset();
            m_undo->hide();
            m_source->setEnabled(true);
            m_target->setEnabled(true);
            m_swap->setEnabled(true);
            m_confirm->setEnabled(true);
            m_confirm->setChecked(false);
            showMessage(tr("The merge was undone: both records are separate again."), false);
            emit patientsChanged(keptId);
        });
}

void MergeDialog::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_message->setStyleSheet(isError ? QStringLiteral("color: #a01010; font-weight: bold;") : QString());
}

} // namespace lumen::registration
