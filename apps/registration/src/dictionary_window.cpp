#include "dictionary_window.h"

#include "dictionary_row_dialog.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/domain_text.h"
#include "lumen/ui/error_text.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace lumen::registration {

namespace {

enum Column {
    SystemColumn,
    KindColumn,
    CodeColumn,
    NameColumn,
    MethodColumn,
    BodyPartColumn,
    DepartmentColumn,
    ModalityColumn,
    UpdatedColumn,
    ColumnCount
};

// The system filter's value for "every HIS"; any real system name differs from it.
const QString anySystem = QStringLiteral("\x01*");
constexpr int pageSize = 1000;

QString qText(const std::optional<std::string>& value)
{
    return value ? QString::fromStdString(*value) : QString();
}

QString departmentText(const std::optional<core::Department>& department)
{
    if (!department)
        return {};
    const auto code = core::toCode(*department);
    const QString text = QString::fromLatin1(code.data(), qsizetype(code.size()));
    if (text == QLatin1String("ecg"))
        return DictionaryWindow::tr("ECG");
    if (text == QLatin1String("other"))
        return DictionaryWindow::tr("Other");
    return ui::DomainText::departmentName(text);
}

} // namespace

DictionaryWindow::DictionaryWindow(client::ApiClient& client, QWidget* parent)
    : QDialog(parent), m_client(client)
{
    setObjectName(QStringLiteral("dictionaryWindow"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);

    m_kindLabel = new QLabel(this);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindFilter"));
    m_kind->addItem(QString(), QString());
    m_kind->addItem(QString(), QStringLiteral("item"));
    m_kind->addItem(QString(), QStringLiteral("body_part"));
    m_systemLabel = new QLabel(this);
    m_system = new QComboBox(this);
    m_system->setObjectName(QStringLiteral("systemFilter"));
    m_system->setMinimumContentsLength(12);
    m_system->addItem(QString(), anySystem);
    m_system->addItem(QString(), QString());
    m_searchLabel = new QLabel(this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("dictionarySearch"));
    m_search->setClearButtonEnabled(true);
    m_kindLabel->setBuddy(m_kind);
    m_systemLabel->setBuddy(m_system);
    m_searchLabel->setBuddy(m_search);
    m_reload = new QPushButton(this);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_kindLabel);
    filters->addWidget(m_kind);
    filters->addSpacing(12);
    filters->addWidget(m_systemLabel);
    filters->addWidget(m_system);
    filters->addSpacing(12);
    filters->addWidget(m_searchLabel);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_reload);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("dictionaryTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setSortingEnabled(false);

    m_readOnly = new QLabel(this);
    m_readOnly->setObjectName(QStringLiteral("readOnlyNote"));
    m_readOnly->setStyleSheet(QStringLiteral("color: #555;"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dictionaryStatus"));
    m_status->setWordWrap(true);

    m_add = new QPushButton(this);
    m_edit = new QPushButton(this);
    m_delete = new QPushButton(this);
    m_close = new QPushButton(this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_close);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_readOnly);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &DictionaryWindow::reload);
    connect(m_system, &QComboBox::currentIndexChanged, this, &DictionaryWindow::applySearch);
    connect(m_search, &QLineEdit::textChanged, this, &DictionaryWindow::applySearch);
    connect(m_reload, &QPushButton::clicked, this, &DictionaryWindow::reload);
    connect(m_add, &QPushButton::clicked, this, &DictionaryWindow::addRow);
    connect(m_edit, &QPushButton::clicked, this, &DictionaryWindow::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &DictionaryWindow::deleteSelected);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &DictionaryWindow::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] {
        if (canEdit())
            editSelected();
    });
    connect(&m_client, &client::ApiClient::loggedIn, this, &DictionaryWindow::updateButtons);
    connect(&m_client, &client::ApiClient::loggedOut, this, &DictionaryWindow::updateButtons);

    retranslateUi();
    resize(1100, 640);
    updateButtons();
    reload();
}

bool DictionaryWindow::canEdit() const
{
    return m_client.hasPermission("exam.dictionary");
}

void DictionaryWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void DictionaryWindow::retranslateUi()
{
    setWindowTitle(tr("Exam dictionary (HIS codes)"));
    m_kindLabel->setText(tr("&Kind:"));
    m_kind->setItemText(0, tr("All kinds"));
    m_kind->setItemText(1, tr("Exam items"));
    m_kind->setItemText(2, tr("Body parts"));
    m_systemLabel->setText(tr("H&IS system:"));
    m_system->setItemText(0, tr("All HIS systems"));
    m_system->setItemText(1, tr("Shared by every HIS"));
    m_searchLabel->setText(tr("&Search:"));
    m_search->setPlaceholderText(tr("HIS code or name, method, body part"));
    m_reload->setText(tr("Re&load"));
    m_table->setHorizontalHeaderLabels({tr("HIS system"), tr("Kind"), tr("HIS code"), tr("HIS name"),
                                        tr("Exam method"), tr("Body part"), tr("Department"), tr("Modality"),
                                        tr("Changed")});
    m_readOnly->setText(tr("Read only: changing the dictionary needs the exam.dictionary permission."));
    m_add->setText(tr("&Add..."));
    m_edit->setText(tr("&Edit..."));
    m_delete->setText(tr("&Delete..."));
    m_close->setText(tr("Close"));
    if (!m_loading)
        applySearch();
}

QString DictionaryWindow::statusText() const
{
    return m_status->text();
}

void DictionaryWindow::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void DictionaryWindow::reload()
{
    if (const auto row = selectedRow(); row && m_selectAfterLoad == 0)
        m_selectAfterLoad = row->id;
    m_rows.clear();
    m_loading = true;
    setStatus(tr("Loading..."));
    loadPage(0, ++m_generation);
}

void DictionaryWindow::loadPage(int offset, std::uint64_t generation)
{
    client::ExamDictionaryQuery query;
    const QString kind = m_kind->currentData().toString();
    if (!kind.isEmpty())
        query.kind = core::hisCodeKindFromCode(kind.toStdString());
    query.limit = pageSize;
    query.offset = offset;
    m_client.listExamDictionary(
        query, this, [this, offset, generation](const client::Result<client::ExamDictionaryPage>& result) {
            if (generation != m_generation)
                return; // a newer load replaced this one
            if (!result.ok()) {
                m_loading = false;
                setStatus(ui::ErrorText::describe(result.error()), true);
                emit loaded();
                return;
            }
            const auto& page = result.value();
            m_rows.insert(m_rows.end(), page.items.begin(), page.items.end());
            if (page.hasMore && !page.items.empty()) {
                loadPage(offset + int(page.items.size()), generation);
                return;
            }
            m_loading = false;
            updateSystems();
            applySearch();
            emit loaded();
        });
}

void DictionaryWindow::updateSystems()
{
    QSet<QString> systems;
    for (const auto& row : m_rows)
        if (!row.hisSystem.empty())
            systems.insert(QString::fromStdString(row.hisSystem));
    QStringList sorted(systems.begin(), systems.end());
    sorted.sort();
    const QString current = m_system->currentData().toString();
    const QSignalBlocker block(m_system);
    while (m_system->count() > 2)
        m_system->removeItem(2);
    for (const auto& s : sorted)
        m_system->addItem(s, s);
    m_system->setCurrentIndex(std::max(0, m_system->findData(current)));
}

void DictionaryWindow::applySearch()
{
    const QString system = m_system->currentData().toString();
    const QString needle = m_search->text().trimmed();
    // 0: nothing to select again.
    std::int64_t keep = m_selectAfterLoad;
    if (keep == 0)
        if (const auto row = selectedRow())
            keep = row->id;
    m_selectAfterLoad = 0;

    m_shown.clear();
    for (const auto& row : m_rows) {
        if (system != anySystem && QString::fromStdString(row.hisSystem) != system)
            continue;
        if (!needle.isEmpty()) {
            const QStringList haystack = {QString::fromStdString(row.hisCode), qText(row.hisName),
                                          qText(row.method), qText(row.bodyPart)};
            if (std::none_of(haystack.begin(), haystack.end(),
                             [&](const QString& s) { return s.contains(needle, Qt::CaseInsensitive); }))
                continue;
        }
        m_shown.push_back(row);
    }

    const QSignalBlocker block(m_table);
    m_table->clearContents();
    m_table->setRowCount(int(m_shown.size()));
    for (int r = 0; r < int(m_shown.size()); ++r) {
        const auto& row = m_shown[std::size_t(r)];
        const QStringList cells = {
            row.hisSystem.empty() ? tr("(shared)") : QString::fromStdString(row.hisSystem),
            row.kind == core::HisCodeKind::Item ? tr("Exam item") : tr("Body part"),
            QString::fromStdString(row.hisCode),
            qText(row.hisName),
            qText(row.method),
            qText(row.bodyPart),
            departmentText(row.department),
            qText(row.modality),
            QString::fromStdString(row.updatedAt).left(16).replace(QLatin1Char('T'), QLatin1Char(' '))};
        for (int c = 0; c < ColumnCount; ++c) {
            auto* item = new QTableWidgetItem(cells.value(c));
            item->setData(Qt::UserRole, QVariant::fromValue(qint64(row.id)));
            m_table->setItem(r, c, item);
        }
        if (keep != 0 && row.id == keep)
            m_table->selectRow(r);
    }
    m_table->resizeColumnsToContents();
    if (!m_loading)
        setStatus(m_shown.size() == m_rows.size()
                      ? tr("%n row(s)", nullptr, int(m_rows.size()))
                      : tr("%1 of %n row(s) shown", nullptr, int(m_rows.size())).arg(m_shown.size()));
    updateButtons();
}

std::optional<core::HisCodeMapping> DictionaryWindow::selectedRow() const
{
    const auto rows =
        m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList{};
    if (rows.isEmpty())
        return std::nullopt;
    const int r = rows.first().row();
    if (r < 0 || r >= int(m_shown.size()))
        return std::nullopt;
    return m_shown[std::size_t(r)];
}

void DictionaryWindow::selectRow(std::int64_t id)
{
    for (int r = 0; r < int(m_shown.size()); ++r)
        if (m_shown[std::size_t(r)].id == id) {
            m_table->selectRow(r);
            m_table->scrollToItem(m_table->item(r, 0));
            return;
        }
}

void DictionaryWindow::updateButtons()
{
    const bool editable = canEdit();
    const bool selected = selectedRow().has_value();
    m_add->setEnabled(editable);
    m_edit->setEnabled(editable && selected);
    m_delete->setEnabled(editable && selected);
    m_readOnly->setVisible(!editable);
}

DictionaryRowDialog* DictionaryWindow::addRow()
{
    if (!canEdit())
        return nullptr;
    core::HisCodeMapping row;
    // Start from the filters in use: the usual case is adding a few rows of one HIS and kind.
    const QString system = m_system->currentData().toString();
    if (system != anySystem)
        row.hisSystem = system.toStdString();
    if (m_kind->currentData().toString() == QLatin1String("body_part"))
        row.kind = core::HisCodeKind::BodyPart;
    auto* dialog = new DictionaryRowDialog(m_client, row, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DictionaryRowDialog::rowSaved, this, [this](const core::HisCodeMapping& saved) {
        m_selectAfterLoad = saved.id;
        reload();
        setStatus(tr("Row %1 added.").arg(QString::fromStdString(saved.hisCode)));
    });
    dialog->open();
    return dialog;
}

DictionaryRowDialog* DictionaryWindow::editSelected()
{
    const auto row = selectedRow();
    if (!row || !canEdit())
        return nullptr;
    auto* dialog = new DictionaryRowDialog(m_client, *row, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DictionaryRowDialog::rowSaved, this, [this](const core::HisCodeMapping& saved) {
        m_selectAfterLoad = saved.id;
        reload();
    });
    dialog->open();
    return dialog;
}

void DictionaryWindow::deleteSelected()
{
    const auto row = selectedRow();
    if (!row || !canEdit())
        return;
    const QString what =
        QStringLiteral("%1 %2").arg(QString::fromStdString(row->hisCode), qText(row->hisName));
    QMessageBox ask(QMessageBox::Question, tr("Delete dictionary row"),
                    tr("Delete the row for HIS code %1?\n\nOrders that still send this code will be "
                       "refused until it is added again. Exams registered already keep their terms.")
                        .arg(what.trimmed()),
                    QMessageBox::NoButton, this);
    auto* yes = ask.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    ask.addButton(QMessageBox::Cancel);
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.setObjectName(QStringLiteral("confirmDelete"));
    ask.exec();
    if (ask.clickedButton() != yes)
        return;
    const auto id = row->id;
    const QString code = QString::fromStdString(row->hisCode);
    m_client.deleteExamDictionaryRow(id, this, [this, code](const client::Result<client::Done>& result) {
        if (!result.ok()) {
            setStatus(ui::ErrorText::describe(result.error()), true);
            return;
        }
        reload();
        setStatus(tr("Row %1 deleted.").arg(code));
    });
}

} // namespace lumen::registration
