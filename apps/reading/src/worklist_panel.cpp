#include "worklist_panel.h"

#include <lumen/client/api_client.h>
#include <lumen/ui/error_text.h>

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

namespace lumen::reading {

namespace {

enum Column { Patient, PatientNo, Modality, Accession, Items, Status, Time, ColumnCount };

QString itemsText(const core::Exam& exam)
{
    QStringList parts;
    for (const auto& item : exam.items)
        parts << QString::fromStdString(item.bodyPart.empty() ? item.method
                                                              : item.method + " " + item.bodyPart);
    return parts.join(QStringLiteral(" + "));
}

// The number the department calls the patient by: inpatient, outpatient, registration, card.
QString shownNumber(const core::Patient& patient)
{
    for (core::IdentifierKind kind :
         {core::IdentifierKind::InpatientNo, core::IdentifierKind::OutpatientNo,
          core::IdentifierKind::RegistrationNo, core::IdentifierKind::MedicalCardNo})
        if (const auto& value = patient.identifier(kind); value && !value->empty())
            return QString::fromStdString(*value);
    return {};
}

} // namespace

WorklistPanel::WorklistPanel(client::ApiClient& client, QWidget* parent) : QWidget(parent), m_client(client)
{
    m_modality = new QComboBox(this);
    m_modality->setObjectName(QStringLiteral("worklistModality"));
    for (const char* m : {"", "CT", "MR", "DX", "CR", "MG", "US", "XA", "RF", "NM", "PT"})
        m_modality->addItem(QString::fromLatin1(m), QString::fromLatin1(m));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("worklistStatus"));
    m_status->addItem(QString(), int(core::ExamStatus::ImagesReceived));
    m_status->addItem(QString(), int(core::ExamStatus::Reported));
    m_status->addItem(QString(), -1);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("worklistSearch"));
    m_search->setClearButtonEnabled(true);
    auto* refreshButton = new QPushButton(this);
    refreshButton->setObjectName(QStringLiteral("worklistRefresh"));
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("worklistTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_modality);
    filters->addWidget(m_status);
    filters->addWidget(m_search, 1);
    filters->addWidget(refreshButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);

    connect(refreshButton, &QPushButton::clicked, this, &WorklistPanel::refresh);
    connect(m_modality, &QComboBox::currentIndexChanged, this, &WorklistPanel::refresh);
    connect(m_status, &QComboBox::currentIndexChanged, this, &WorklistPanel::refresh);
    connect(m_search, &QLineEdit::returnPressed, this, &WorklistPanel::refresh);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (const WorklistRow* r = rowAt(row))
            emit openRequested(*r);
    });
    retranslateUi();
}

void WorklistPanel::retranslateUi()
{
    m_modality->setItemText(0, tr("All modalities"));
    m_status->setItemText(0, tr("To report"));
    m_status->setItemText(1, tr("Reported"));
    m_status->setItemText(2, tr("All read"));
    m_search->setPlaceholderText(tr("Accession number"));
    if (auto* b = findChild<QPushButton*>(QStringLiteral("worklistRefresh")))
        b->setText(tr("Refresh"));
    m_table->setHorizontalHeaderLabels({tr("Patient"), tr("Patient no."), tr("Modality"), tr("Accession"),
                                        tr("Exam"), tr("Status"), tr("Time")});
    fill();
}

void WorklistPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void WorklistPanel::refresh()
{
    client::ExamQuery query;
    const int status = m_status->currentData().toInt();
    if (status >= 0)
        query.statuses = {core::ExamStatus(status)};
    else
        query.statuses = {core::ExamStatus::ImagesReceived, core::ExamStatus::Reported,
                          core::ExamStatus::Approved};
    query.modality = m_modality->currentData().toString();
    query.accessionNumber = m_search->text().trimmed();
    query.limit = 100;
    m_message->setText(tr("Loading…"));
    m_client.searchExams(query, this, [this](const client::Result<client::ExamPage>& r) {
        if (!r.ok()) {
            m_message->setText(ui::ErrorText::describe(r.error()));
            return;
        }
        m_rows.clear();
        for (const core::Exam& exam : r.value().items)
            m_rows.push_back({exam, {}, {}});
        fill();
        m_message->setText(m_rows.empty() ? tr("No exams to read.")
                                          : tr("%n exam(s)", nullptr, int(m_rows.size())));
        // Names come from the patient records, each fetched once.
        auto pending = std::make_shared<int>(0);
        for (const WorklistRow& row : m_rows) {
            const core::PatientId id = row.exam.patientId;
            if (m_patients.contains(id))
                continue;
            m_patients.insert(id, {});
            ++*pending;
            m_client.getPatient(id, this, [this, id, pending](const client::Result<core::Patient>& p) {
                if (p.ok())
                    m_patients.insert(id, {QString::fromStdString(p.value().name), shownNumber(p.value())});
                if (--*pending == 0) {
                    fill();
                    emit loaded();
                }
            });
        }
        if (*pending == 0)
            emit loaded();
    });
}

void WorklistPanel::fill()
{
    const int selected = m_table->currentRow();
    m_table->setRowCount(int(m_rows.size()));
    for (int i = 0; i < int(m_rows.size()); ++i) {
        WorklistRow& row = m_rows[std::size_t(i)];
        const auto patient = m_patients.value(row.exam.patientId);
        row.patientName = patient.first;
        row.patientIdText = patient.second;
        const core::Exam& e = row.exam;
        const QString status = e.status == core::ExamStatus::ImagesReceived ? tr("To report")
                               : e.status == core::ExamStatus::Reported     ? tr("Reported")
                                                                            : tr("Approved");
        const QString time = QDateTime::fromString(QString::fromStdString(e.updatedAt), Qt::ISODate)
                                 .toLocalTime()
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        const QStringList cells{row.patientName,
                                row.patientIdText,
                                QString::fromStdString(e.modality),
                                QString::fromStdString(e.accessionNumber),
                                itemsText(e),
                                status,
                                time};
        for (int c = 0; c < ColumnCount; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (e.priority == core::ExamPriority::Emergency)
                item->setForeground(QColor(200, 30, 30));
            m_table->setItem(i, c, item);
        }
    }
    if (selected >= 0 && selected < m_table->rowCount())
        m_table->selectRow(selected);
    m_table->resizeColumnsToContents();
}

int WorklistPanel::rowCount() const
{
    return int(m_rows.size());
}

const WorklistRow* WorklistPanel::rowAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[std::size_t(row)] : nullptr;
}

const WorklistRow* WorklistPanel::current() const
{
    return rowAt(m_table->currentRow());
}

const WorklistRow* WorklistPanel::next() const
{
    return rowAt(m_table->currentRow() + 1);
}

void WorklistPanel::selectRow(int row)
{
    m_table->selectRow(row);
}

} // namespace lumen::reading
