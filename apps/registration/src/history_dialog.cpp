#include "history_dialog.h"

#include "patient_form.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/domain_text.h"
#include "lumen/ui/error_text.h"

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

nlohmann::json parseObject(const QByteArray& text)
{
    if (text.isEmpty())
        return nlohmann::json::object();
    auto j = nlohmann::json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

bool isRecordReference(const QString& field)
{
    return field == QLatin1String("mergedInto") || field == QLatin1String("mergedFrom") ||
           field == QLatin1String("unmergedFrom");
}

QString valueText(const QString& field, const nlohmann::json& value,
                  const QHash<core::PatientId, QString>& names)
{
    if (isRecordReference(field) && value.is_number_integer()) {
        const auto id = value.get<core::PatientId>();
        return !names.value(id).isEmpty() ? HistoryDialog::tr("%1 (record %2)").arg(names.value(id)).arg(id)
                                          : HistoryDialog::tr("record %1").arg(id);
    }
    if (value.is_null())
        return HistoryDialog::tr("(empty)");
    if (field == QLatin1String("sex") && value.is_string())
        return ui::DomainText::sexName(
            core::sexFromCode(value.get<std::string>()).value_or(core::Sex::Unknown));
    if (value.is_boolean())
        return value.get<bool>() ? HistoryDialog::tr("yes") : HistoryDialog::tr("no");
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

core::PatientId idField(const QByteArray& json, const char* key)
{
    const auto j = parseObject(json);
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<core::PatientId>() : 0;
}

QString fieldLabel(const QString& field)
{
    if (field == QLatin1String("mergedInto"))
        return HistoryDialog::tr("Merged into");
    if (field == QLatin1String("mergedFrom"))
        return HistoryDialog::tr("Merged in");
    if (field == QLatin1String("unmergedFrom"))
        return HistoryDialog::tr("Separated again");
    return ui::DomainText::fieldLabel(field);
}

} // namespace

QStringList HistoryDialog::describeChanges(const client::HistoryEntry& entry,
                                           const QHash<core::PatientId, QString>& names)
{
    const auto before = parseObject(entry.beforeJson);
    const auto after = parseObject(entry.afterJson);
    QStringList lines;
    QStringList fields = PatientForm::fields();
    fields << QStringLiteral("mergedInto") << QStringLiteral("mergedFrom") << QStringLiteral("unmergedFrom");
    for (const QString& field : fields) {
        const std::string key = field.toStdString();
        const auto a = before.contains(key) ? before.at(key) : nlohmann::json();
        const auto b = after.contains(key) ? after.at(key) : nlohmann::json();
        if (a == b)
            continue;
        if (before.empty())
            lines << tr("%1: %2").arg(fieldLabel(field), valueText(field, b, names));
        else
            lines << tr("%1: %2 -> %3")
                         .arg(fieldLabel(field), valueText(field, a, names), valueText(field, b, names));
    }
    return lines;
}

core::PatientId HistoryDialog::undoableMergeSource(const std::vector<client::HistoryEntry>& entries,
                                                   std::size_t index)
{
    const auto& entry = entries.at(index);
    if (entry.action != QLatin1String("merge"))
        return 0;
    const core::PatientId source = idField(entry.afterJson, "mergedFrom");
    for (std::size_t newer = 0; newer < index; ++newer)
        if (entries[newer].action == QLatin1String("unmerge") &&
            idField(entries[newer].afterJson, "unmergedFrom") == source)
            return 0;
    return source;
}

HistoryDialog::HistoryDialog(client::ApiClient& client, const core::Patient& patient, QWidget* parent)
    : QDialog(parent), m_client(client), m_patient(patient)
{
    setWindowTitle(tr("History of %1").arg(QString::fromStdString(patient.name)));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("User"), tr("Action"), tr("Changes")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_undo = buttons->addButton(tr("Undo this merge"), QDialogButtonBox::ActionRole);
    m_undo->setObjectName(QStringLiteral("undoMergeButton"));
    m_undo->setVisible(client.hasPermission("patient.merge"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_undo, &QPushButton::clicked, this, &HistoryDialog::undoSelectedMerge);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &HistoryDialog::updateUndoButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(900, 480);
    load();
}

void HistoryDialog::load()
{
    m_status->setText(tr("Loading..."));
    m_client.patientHistory(m_patient.id, this,
                            [this](const client::Result<std::vector<client::HistoryEntry>>& r) {
                                if (!r.ok()) {
                                    m_status->setText(ui::ErrorText::describe(r.error()));
                                    return;
                                }
                                showEntries(r.value());
                            });
}

void HistoryDialog::showEntries(const std::vector<client::HistoryEntry>& entries)
{
    m_entries = entries;
    m_status->setText(entries.empty() ? tr("No changes are recorded.")
                                      : tr("%n change(s), newest first.", "", int(entries.size())));
    m_table->setRowCount(int(entries.size()));
    for (int row = 0; row < int(entries.size()); ++row) {
        const auto& e = entries[std::size_t(row)];
        const QDateTime at = QDateTime::fromString(e.at, Qt::ISODate);
        const QStringList cells = {
            at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : e.at, e.user,
            ui::DomainText::historyAction(e.action), describeChanges(e, m_names).join(QLatin1Char('\n'))};
        for (int col = 0; col < cells.size(); ++col)
            m_table->setItem(row, col, new QTableWidgetItem(cells[col]));
    }
    m_table->resizeRowsToContents();
    updateUndoButton();
    fetchMergedNames();
}

void HistoryDialog::fetchMergedNames()
{
    // Merge entries name the other record by number only; a nurse recognises names.
    for (const auto& e : m_entries) {
        for (const char* key : {"mergedFrom", "unmergedFrom", "mergedInto"}) {
            const core::PatientId id = idField(e.afterJson, key);
            if (id == 0 || m_names.contains(id))
                continue;
            m_names.insert(id, QString());
            m_client.getPatient(id, this, [this, id](const client::Result<core::Patient>& r) {
                if (!r.ok())
                    return;
                m_names.insert(id, QString::fromStdString(r.value().name));
                showEntries(m_entries);
            });
        }
    }
}

void HistoryDialog::updateUndoButton()
{
    const int row = m_table->currentRow();
    m_undo->setEnabled(row >= 0 && row < int(m_entries.size()) &&
                       undoableMergeSource(m_entries, std::size_t(row)) != 0);
}

void HistoryDialog::undoSelectedMerge()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= int(m_entries.size()))
        return;
    const core::PatientId source = undoableMergeSource(m_entries, std::size_t(row));
    if (source == 0)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Undo merge"),
        tr("Separate record %1 from %2 again? Both records will be searchable on their own.")
            .arg(source)
            .arg(QString::fromStdString(m_patient.name)));
    if (answer != QMessageBox::Yes)
        return;
    m_undo->setEnabled(false);
    m_client.unmergePatients(m_patient.id, source, this, [this](const client::Result<core::Patient>& r) {
        if (!r.ok()) {
            m_status->setText(tr("The merge was not undone: %1").arg(ui::ErrorText::describe(r.error())));
            updateUndoButton();
            return;
        }
        emit patientsChanged();
        load();
    });
}

} // namespace lumen::registration
