#include "dictionary_row_dialog.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/domain_text.h"
#include "lumen/ui/error_text.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

std::optional<std::string> optionalText(const QLineEdit* edit)
{
    const QString text = edit->text().trimmed();
    return text.isEmpty() ? std::nullopt : std::optional(text.toStdString());
}

QString qText(const std::optional<std::string>& value)
{
    return value ? QString::fromStdString(*value) : QString();
}

} // namespace

DictionaryRowDialog::DictionaryRowDialog(client::ApiClient& client, const core::HisCodeMapping& row,
                                         QWidget* parent)
    : QDialog(parent), m_client(client), m_row(row)
{
    setWindowTitle(row.id == 0 ? tr("New dictionary row") : tr("Edit dictionary row"));
    setObjectName(QStringLiteral("dictionaryRowDialog"));

    m_hisSystem = new QLineEdit(this);
    m_hisSystem->setPlaceholderText(tr("empty: shared by every HIS"));
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Exam item"), QStringLiteral("item"));
    m_kind->addItem(tr("Body part"), QStringLiteral("body_part"));
    m_hisCode = new QLineEdit(this);
    m_hisName = new QLineEdit(this);
    m_hisName->setPlaceholderText(tr("the HIS's own wording"));
    m_method = new QLineEdit(this);
    m_method->setPlaceholderText(tr("e.g. CT平扫"));
    m_bodyPart = new QLineEdit(this);
    m_bodyPart->setPlaceholderText(tr("e.g. 胸部"));
    m_department = new QComboBox(this);
    m_department->addItem(tr("(none)"), QString());
    for (const auto d : core::allDepartments()) {
        const QString code = QString::fromLatin1(core::toCode(d).data(), qsizetype(core::toCode(d).size()));
        QString name = ui::DomainText::departmentName(code);
        if (code == QLatin1String("ecg"))
            name = tr("ECG");
        else if (code == QLatin1String("other"))
            name = tr("Other");
        m_department->addItem(name, code);
    }
    m_modality = new QLineEdit(this);
    m_modality->setPlaceholderText(tr("e.g. CT"));

    auto* form = new QFormLayout;
    auto addRow = [this, form](const QString& field, const QString& label, QWidget* editor) {
        auto* message = new QLabel(this);
        message->setObjectName(field + QStringLiteral("Message"));
        message->setStyleSheet(QStringLiteral("color: #b00020;"));
        message->setWordWrap(true);
        message->hide();
        m_messages.insert(field, message);
        auto* box = new QWidget(this);
        auto* layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        layout->addWidget(editor);
        layout->addWidget(message);
        form->addRow(label, box);
    };
    addRow(QStringLiteral("hisSystem"), tr("HIS system"), m_hisSystem);
    addRow(QStringLiteral("kind"), tr("Kind"), m_kind);
    addRow(QStringLiteral("hisCode"), tr("HIS code"), m_hisCode);
    addRow(QStringLiteral("hisName"), tr("HIS name"), m_hisName);
    addRow(QStringLiteral("method"), tr("Exam method"), m_method);
    addRow(QStringLiteral("bodyPart"), tr("Body part"), m_bodyPart);
    addRow(QStringLiteral("department"), tr("Department"), m_department);
    addRow(QStringLiteral("modality"), tr("Modality"), m_modality);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dictionaryRowStatus"));
    m_status->setWordWrap(true);
    m_status->hide();

    m_buttons = new QDialogButtonBox(this);
    m_save = m_buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    // Outside the button box: the box shows every button it lays out.
    m_reload = new QPushButton(tr("&Reload"), this);
    m_reload->setToolTip(tr("Load the row as it is stored now; your changes are lost"));
    m_reload->setVisible(false);
    m_buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_save, &QPushButton::clicked, this, &DictionaryRowDialog::save);
    connect(m_reload, &QPushButton::clicked, this, &DictionaryRowDialog::reload);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &DictionaryRowDialog::updateKind);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_reload, 0, Qt::AlignTop);
    layout->addLayout(statusRow);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);

    fill(row);
}

void DictionaryRowDialog::fill(const core::HisCodeMapping& row)
{
    m_row = row;
    m_hisSystem->setText(QString::fromStdString(row.hisSystem));
    m_kind->setCurrentIndex(row.kind == core::HisCodeKind::Item ? 0 : 1);
    m_hisCode->setText(QString::fromStdString(row.hisCode));
    m_hisName->setText(qText(row.hisName));
    m_method->setText(qText(row.method));
    m_bodyPart->setText(qText(row.bodyPart));
    const QString department =
        row.department ? QString::fromLatin1(core::toCode(*row.department).data()) : QString();
    m_department->setCurrentIndex(std::max(0, m_department->findData(department)));
    m_modality->setText(qText(row.modality));
    updateKind();
}

void DictionaryRowDialog::updateKind()
{
    // A body part row gives only the body part; the server refuses anything else on it.
    const bool item = m_kind->currentIndex() == 0;
    for (QWidget* w : std::initializer_list<QWidget*>{m_method, m_department, m_modality})
        w->setEnabled(item);
}

core::HisCodeMapping DictionaryRowDialog::edited() const
{
    core::HisCodeMapping row = m_row;
    row.hisSystem = m_hisSystem->text().trimmed().toStdString();
    row.kind = m_kind->currentIndex() == 0 ? core::HisCodeKind::Item : core::HisCodeKind::BodyPart;
    row.hisCode = m_hisCode->text().trimmed().toStdString();
    row.hisName = optionalText(m_hisName);
    row.bodyPart = optionalText(m_bodyPart);
    if (row.kind == core::HisCodeKind::Item) {
        row.method = optionalText(m_method);
        row.department = core::departmentFromCode(m_department->currentData().toString().toStdString());
        row.modality = optionalText(m_modality);
    } else {
        row.method.reset();
        row.department.reset();
        row.modality.reset();
    }
    return row;
}

QString DictionaryRowDialog::fieldMessage(const QString& field) const
{
    const QLabel* label = m_messages.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

QString DictionaryRowDialog::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void DictionaryRowDialog::clearMessages()
{
    for (QLabel* label : std::as_const(m_messages)) {
        label->clear();
        label->hide();
    }
    m_status->clear();
    m_status->hide();
}

void DictionaryRowDialog::setBusy(bool busy)
{
    m_save->setEnabled(!busy);
    m_reload->setEnabled(!busy);
}

void DictionaryRowDialog::save()
{
    clearMessages();
    setBusy(true);
    auto done = [this](const client::Result<core::HisCodeMapping>& result) {
        setBusy(false);
        if (!result.ok()) {
            showError(result.error());
            return;
        }
        m_saved = result.value();
        emit rowSaved(m_saved);
        accept();
    };
    if (m_row.id == 0)
        m_client.createExamDictionaryRow(edited(), this, done);
    else
        m_client.updateExamDictionaryRow(m_row.id, edited(), m_row.version, this, done);
}

void DictionaryRowDialog::showError(const client::ApiError& error)
{
    if (error.code == QLatin1String("conflict")) {
        m_status->setText(tr("This row was changed by someone else since you opened it. Reload it and make "
                             "your change again."));
        m_status->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
        m_status->show();
        m_reload->setVisible(true);
        return;
    }
    if (error.code == QLatin1String("not_found") && m_row.id != 0) {
        m_status->setText(tr("This row was deleted by someone else."));
        m_status->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
        m_status->show();
        m_save->setEnabled(false);
        return;
    }
    QString field = error.fieldName;
    if (error.code == QLatin1String("duplicate_code"))
        field = QStringLiteral("hisCode");
    QString text = error.message.isEmpty() ? ui::ErrorText::describe(error) : error.message;
    if (error.code == QLatin1String("duplicate_code"))
        text = tr("This HIS code is already in the dictionary for this HIS and kind.");
    if (QLabel* label = m_messages.value(field)) {
        label->setText(text);
        label->show();
        if (QWidget* box = label->parentWidget())
            if (QWidget* editor = box->findChild<QWidget*>(QString(), Qt::FindDirectChildrenOnly))
                editor->setFocus();
        return;
    }
    m_status->setText(ui::ErrorText::describe(error));
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->show();
}

void DictionaryRowDialog::reload()
{
    clearMessages();
    setBusy(true);
    m_client.getExamDictionaryRow(m_row.id, this, [this](const client::Result<core::HisCodeMapping>& result) {
        setBusy(false);
        if (!result.ok()) {
            showError(result.error());
            return;
        }
        fill(result.value());
        m_reload->setVisible(false);
        m_status->setText(tr("Reloaded: this is the row as stored now."));
        m_status->setStyleSheet(QString());
        m_status->show();
    });
}

} // namespace lumen::registration
