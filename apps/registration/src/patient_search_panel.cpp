#include "patient_search_panel.h"

#include "patient_table_model.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/error_text.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace lumen::registration {

PatientSearchPanel::PatientSearchPanel(client::ApiClient& client, QWidget* parent)
    : QWidget(parent), m_client(client)
{
    m_query = new QLineEdit(this);
    m_query->setObjectName(QStringLiteral("searchField"));
    m_query->setClearButtonEnabled(true);
    m_searchButton = new QPushButton(this);
    m_searchButton->setObjectName(QStringLiteral("searchButton"));

    m_model = new PatientTableModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("resultTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(PatientTableModel::Phone, QHeaderView::Stretch);

    m_previous = new QPushButton(this);
    m_previous->setObjectName(QStringLiteral("previousPageButton"));
    m_next = new QPushButton(this);
    m_next->setObjectName(QStringLiteral("nextPageButton"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("searchStatusLabel"));
    m_status->setWordWrap(true);

    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_query, 1);
    searchRow->addWidget(m_searchButton);
    auto* pageRow = new QHBoxLayout;
    pageRow->addWidget(m_previous);
    pageRow->addWidget(m_status, 1);
    pageRow->addWidget(m_next);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(searchRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(pageRow);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, [this] { runSearch(0); });
    connect(m_query, &QLineEdit::textEdited, this, [this] { m_debounce.start(); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] { runSearch(0); });
    connect(m_searchButton, &QPushButton::clicked, this, [this] { runSearch(0); });
    connect(m_previous, &QPushButton::clicked, this, [this] { runSearch(std::max(0, m_offset - pageSize)); });
    connect(m_next, &QPushButton::clicked, this, [this] { runSearch(m_offset + pageSize); });
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex& index) { activateRow(index.row()); });
    connect(m_table, &QTableView::clicked, this,
            [this](const QModelIndex& index) { activateRow(index.row()); });

    m_previous->setEnabled(false);
    m_next->setEnabled(false);
    retranslateUi();
}

void PatientSearchPanel::focusSearch()
{
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

void PatientSearchPanel::searchFor(const QString& text)
{
    m_query->setText(text);
    runSearch(0);
}

void PatientSearchPanel::refresh()
{
    if (m_state != Status::Idle)
        runSearch(m_offset);
}

void PatientSearchPanel::selectPatient(core::PatientId id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0) {
        m_table->selectRow(row);
        m_table->scrollTo(m_model->index(row, 0));
    }
}

QString PatientSearchPanel::statusText() const
{
    return m_status->text();
}

void PatientSearchPanel::runSearch(int offset)
{
    m_debounce.stop();
    m_lastQuery = m_query->text().trimmed();
    const int sequence = ++m_sequence;
    ++m_pending;
    m_state = Status::Searching;
    retranslateUi();
    m_client.searchPatients(m_lastQuery, pageSize, offset, this,
                            [this, sequence, offset](const client::Result<client::PatientPage>& result) {
                                --m_pending;
                                if (sequence != m_sequence)
                                    return;
                                if (!result.ok()) {
                                    m_state = Status::Failed;
                                    m_error = ui::ErrorText::describe(result.error());
                                    retranslateUi();
                                    emit searchFinished();
                                    return;
                                }
                                const auto& page = result.value();
                                m_model->setPatients(page.items);
                                m_state = page.items.empty() ? Status::NothingFound : Status::Found;
                                showPage(offset, int(page.items.size()), page.hasMore);
                                emit searchFinished();
                            });
}

void PatientSearchPanel::showPage(int offset, int count, bool hasMore)
{
    Q_UNUSED(count);
    m_offset = offset;
    m_hasMore = hasMore;
    m_previous->setEnabled(offset > 0);
    m_next->setEnabled(hasMore);
    retranslateUi();
}

void PatientSearchPanel::activateRow(int row)
{
    if (const core::Patient* p = m_model->patientAt(row))
        emit patientActivated(*p);
}

void PatientSearchPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

void PatientSearchPanel::retranslateUi()
{
    m_query->setPlaceholderText(tr("Name, any patient number, ID number or phone (Ctrl+F)"));
    m_searchButton->setText(tr("Search"));
    m_previous->setText(tr("< Previous"));
    m_next->setText(tr("Next >"));
    const int count = m_model->rowCount();
    switch (m_state) {
    case Status::Idle:
        m_status->setText(tr("Type to search; press Enter to search at once."));
        break;
    case Status::Searching:
        m_status->setText(tr("Searching..."));
        break;
    case Status::Failed:
        m_status->setText(tr("Search failed: %1").arg(m_error));
        break;
    case Status::NothingFound:
        m_status->setText(m_lastQuery.isEmpty() ? tr("No patients.")
                                                : tr("No patient found for \"%1\".").arg(m_lastQuery));
        break;
    case Status::Found:
        if (m_offset == 0 && !m_hasMore)
            m_status->setText(tr("%n patient(s) found.", "", count));
        else if (m_hasMore)
            m_status->setText(
                tr("Patients %1 to %2, more on the next page.").arg(m_offset + 1).arg(m_offset + count));
        else
            m_status->setText(tr("Patients %1 to %2 (last page).").arg(m_offset + 1).arg(m_offset + count));
        break;
    }
}

} // namespace lumen::registration
