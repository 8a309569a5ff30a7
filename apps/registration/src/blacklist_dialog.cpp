#include "blacklist_dialog.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/error_text.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {
enum Column { IdColumn, NameColumn, NoShowsColumn, SinceColumn, RestoresColumn, ColumnCount };
}

BlacklistDialog::BlacklistDialog(client::ApiClient& client, QWidget* parent)
    : QDialog(parent), m_client(client)
{
    setObjectName(QStringLiteral("blacklistDialog"));
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("blacklistTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("blacklistStatus"));
    m_status->setWordWrap(true);
    m_reload = new QPushButton(this);
    m_restore = new QPushButton(this);
    m_close = new QPushButton(this);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_restore);
    buttons->addWidget(m_reload);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_reload, &QPushButton::clicked, this, &BlacklistDialog::reload);
    connect(m_restore, &QPushButton::clicked, this, [this] { restoreSelected(); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &BlacklistDialog::updateButtons);

    retranslateUi();
    resize(760, 440);
    updateButtons();
    reload();
}

void BlacklistDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void BlacklistDialog::retranslateUi()
{
    setWindowTitle(tr("No-show blacklist"));
    m_table->setHorizontalHeaderLabels(
        {tr("Patient no."), tr("Name"), tr("No-shows in a row"), tr("Blacklisted since"), tr("Restored on")});
    m_reload->setText(tr("Re&load"));
    m_restore->setText(tr("&Restore booking rights..."));
    m_close->setText(tr("Close"));
    showEntries();
}

QString BlacklistDialog::statusText() const
{
    return m_status->text();
}

void BlacklistDialog::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void BlacklistDialog::reload()
{
    setStatus(tr("Loading..."));
    m_client.noShowBlacklist(this, [this](const client::Result<std::vector<client::BlacklistEntry>>& result) {
        if (!result.ok()) {
            setStatus(ui::ErrorText::describe(result.error()), true);
            emit loaded();
            return;
        }
        m_entries = result.value();
        showEntries();
        setStatus(m_entries.empty()
                      ? tr("Nobody is blacklisted.")
                      : tr("%n patient(s) may not book for themselves.", nullptr, int(m_entries.size())));
        fetchNames();
        emit loaded();
    });
}

void BlacklistDialog::fetchNames()
{
    for (const auto& e : m_entries) {
        if (m_names.contains(e.patientId))
            continue;
        const auto id = e.patientId;
        m_client.getPatient(id, this, [this, id](const client::Result<core::Patient>& result) {
            // A patient the user may not see (confidential) stays without a name.
            m_names.insert(id, result.ok() ? QString::fromStdString(result.value().name) : QString());
            showEntries();
        });
    }
}

void BlacklistDialog::showEntries()
{
    const auto keep = selectedEntry();
    const QSignalBlocker block(m_table);
    m_table->setRowCount(int(m_entries.size()));
    for (int r = 0; r < int(m_entries.size()); ++r) {
        const auto& e = m_entries[std::size_t(r)];
        const QStringList cells = {QString::number(e.patientId), m_names.value(e.patientId),
                                   QString::number(e.consecutiveNoShows), e.blacklistedAt,
                                   e.restoresAt.isEmpty() ? tr("only by hand") : e.restoresAt};
        for (int c = 0; c < ColumnCount; ++c)
            m_table->setItem(r, c, new QTableWidgetItem(cells.value(c)));
        if (keep && keep->patientId == e.patientId)
            m_table->selectRow(r);
    }
    m_table->resizeColumnsToContents();
    updateButtons();
}

std::optional<client::BlacklistEntry> BlacklistDialog::selectedEntry() const
{
    const auto rows =
        m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList{};
    if (rows.isEmpty() || rows.first().row() >= int(m_entries.size()))
        return std::nullopt;
    return m_entries[std::size_t(rows.first().row())];
}

void BlacklistDialog::selectPatient(core::PatientId id)
{
    for (int r = 0; r < int(m_entries.size()); ++r)
        if (m_entries[std::size_t(r)].patientId == id)
            m_table->selectRow(r);
}

void BlacklistDialog::updateButtons()
{
    m_restore->setEnabled(selectedEntry().has_value() && m_client.hasPermission("exam.register"));
}

void BlacklistDialog::restoreSelected(bool confirmed)
{
    const auto entry = selectedEntry();
    if (!entry || !m_client.hasPermission("exam.register"))
        return;
    const QString name = m_names.value(entry->patientId);
    const QString who = name.isEmpty() ? tr("patient %1").arg(entry->patientId)
                                       : tr("%1 (patient %2)").arg(name).arg(entry->patientId);
    if (!confirmed) {
        const auto answer = QMessageBox::question(
            this, tr("Restore booking rights"),
            tr("Restore the booking rights of %1? The count of missed bookings starts again from zero.")
                .arg(who),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    const auto id = entry->patientId;
    m_client.restoreBookingRights(id, this, [this, id, who](const client::Result<client::Done>& result) {
        if (!result.ok()) {
            setStatus(ui::ErrorText::describe(result.error()), true);
            return;
        }
        emit restored(id);
        reload();
        setStatus(tr("%1 may book again.").arg(who));
    });
}

} // namespace lumen::registration
