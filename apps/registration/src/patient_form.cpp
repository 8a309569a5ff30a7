#include "patient_form.h"

#include "lumen/core/national_id.h"
#include "lumen/protocol/patient_json.h"
#include "lumen/ui/domain_text.h"

#include <nlohmann/json.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <chrono>

namespace lumen::registration {

namespace {

const QString nameField = QStringLiteral("name");
const QString sexField = QStringLiteral("sex");
const QString birthDateField = QStringLiteral("birthDate");
const QString phoneField = QStringLiteral("phone");
const QString addressField = QStringLiteral("address");
const QString confidentialField = QStringLiteral("confidential");
const QString nationalIdField = QStringLiteral("nationalId");

QString wireName(core::IdentifierKind kind)
{
    const auto name = core::fieldName(kind);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

core::Date today()
{
    return core::toDate(std::chrono::system_clock::now());
}

std::optional<std::string> optionalText(const QLineEdit* edit)
{
    const QString text = edit->text();
    if (text.trimmed().isEmpty())
        return std::nullopt;
    return text.toStdString();
}

// Accepts what people type: 1980-05-03, 1980/5/3, 1980.05.03 or 19800503.
std::optional<core::Date> parseBirthDate(const QString& text)
{
    static const QRegularExpression separated(QStringLiteral("^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})$"));
    static const QRegularExpression compact(QStringLiteral("^(\\d{4})(\\d{2})(\\d{2})$"));
    const QString t = text.trimmed();
    auto match = separated.match(t);
    if (!match.hasMatch())
        match = compact.match(t);
    if (!match.hasMatch())
        return std::nullopt;
    const int y = match.captured(1).toInt(), m = match.captured(2).toInt(), d = match.captured(3).toInt();
    if (!core::isValidDate(y, m, d))
        return std::nullopt;
    return core::Date{y, m, d};
}

const std::vector<std::string>& writableFields()
{
    static const std::vector<std::string> fields = [] {
        std::vector<std::string> f = {"name", "sex", "birthDate", "phone", "address", "confidential"};
        for (auto kind : core::allIdentifierKinds)
            f.emplace_back(core::fieldName(kind));
        return f;
    }();
    return fields;
}

} // namespace

const QStringList& PatientForm::fields()
{
    static const QStringList list = {nameField,
                                     nationalIdField,
                                     sexField,
                                     birthDateField,
                                     phoneField,
                                     addressField,
                                     wireName(core::IdentifierKind::MedicalCardNo),
                                     wireName(core::IdentifierKind::OutpatientNo),
                                     wireName(core::IdentifierKind::InpatientNo),
                                     wireName(core::IdentifierKind::RegistrationNo),
                                     wireName(core::IdentifierKind::SocialSecurityNo),
                                     wireName(core::IdentifierKind::HisPatientId),
                                     confidentialField};
    return list;
}

PatientForm::PatientForm(QWidget* parent) : QWidget(parent)
{
    m_personal = new QGroupBox(this);
    m_numbers = new QGroupBox(this);
    auto* personalGrid = new QGridLayout(m_personal);
    auto* numbersGrid = new QGridLayout(m_numbers);
    for (auto* grid : {personalGrid, numbersGrid}) {
        grid->setColumnStretch(1, 1);
        grid->setVerticalSpacing(2);
    }

    auto makeLine = [this](const QString& field) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(field + QStringLiteral("Edit"));
        connect(edit, &QLineEdit::textEdited, this, [this, field] { onEdited(field); });
        return edit;
    };

    int row = 0;
    auto* name = makeLine(nameField);
    name->setMaxLength(64);
    addRow(personalGrid, row, nameField, name);
    auto* nationalId = makeLine(nationalIdField);
    nationalId->setMaxLength(18);
    addRow(personalGrid, row, nationalIdField, nationalId);

    m_sex = new QComboBox(this);
    m_sex->setObjectName(QStringLiteral("sexCombo"));
    // A new registration starts with no sex chosen: "unknown" must be a choice, not a default.
    m_sex->addItem(QString(), QString());
    for (auto sex : {core::Sex::Male, core::Sex::Female, core::Sex::Other, core::Sex::Unknown})
        m_sex->addItem(QString(), QString::fromLatin1(core::toCode(sex).data(), 1));
    connect(m_sex, &QComboBox::activated, this, [this] { onEdited(sexField); });
    addRow(personalGrid, row, sexField, m_sex);

    auto* birthDate = makeLine(birthDateField);
    birthDate->setMaxLength(10);
    m_age = new QLabel(this);
    m_age->setObjectName(QStringLiteral("ageLabel"));
    m_age->setMinimumWidth(60);
    addRow(personalGrid, row, birthDateField, birthDate, m_age);
    addRow(personalGrid, row, phoneField, makeLine(phoneField));
    addRow(personalGrid, row, addressField, makeLine(addressField));

    row = 0;
    for (const QString& field : fields().mid(6, 6))
        addRow(numbersGrid, row, field, makeLine(field));
    m_confidential = new QCheckBox(this);
    m_confidential->setObjectName(QStringLiteral("confidentialCheck"));
    connect(m_confidential, &QCheckBox::clicked, this, [this] { onEdited(confidentialField); });
    addRow(numbersGrid, row, confidentialField, m_confidential);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_personal);
    layout->addWidget(m_numbers);
    layout->addStretch(1);

    setConfidentialAllowed(false);
    retranslateUi();
    clear();
}

void PatientForm::addRow(QGridLayout* grid, int& row, const QString& field, QWidget* editor, QWidget* extra)
{
    Row r;
    r.label = new QLabel(this);
    r.label->setBuddy(editor);
    r.editor = editor;
    r.message = new QLabel(this);
    r.message->setObjectName(field + QStringLiteral("Message"));
    r.message->setWordWrap(true);
    r.message->hide();
    grid->addWidget(r.label, row, 0);
    if (extra) {
        auto* box = new QHBoxLayout;
        box->addWidget(editor, 1);
        box->addWidget(extra);
        grid->addLayout(box, row, 1);
    } else {
        grid->addWidget(editor, row, 1);
    }
    grid->addWidget(r.message, row + 1, 1);
    row += 2;
    m_rows.insert(field, r);
}

QLineEdit* PatientForm::lineEdit(const QString& field) const
{
    return qobject_cast<QLineEdit*>(editor(field));
}

QWidget* PatientForm::editor(const QString& field) const
{
    const auto it = m_rows.find(field);
    return it == m_rows.end() ? nullptr : it->editor;
}

void PatientForm::clear()
{
    core::Patient empty;
    setPatient(empty);
}

void PatientForm::setPatient(const core::Patient& patient)
{
    m_original = patient;
    m_touched.clear();
    m_serverErrors.clear();
    m_notes.clear();
    m_showAll = false;
    lineEdit(nameField)->setText(QString::fromStdString(patient.name));
    const bool unchosen = patient.id == 0 && patient.sex == core::Sex::Unknown;
    m_sex->setCurrentIndex(
        unchosen ? 0 : m_sex->findData(QString::fromLatin1(core::toCode(patient.sex).data(), 1)));
    lineEdit(birthDateField)
        ->setText(patient.birthDate ? QString::fromStdString(core::formatIsoDate(*patient.birthDate))
                                    : QString());
    lineEdit(phoneField)->setText(QString::fromStdString(patient.phone.value_or("")));
    lineEdit(addressField)->setText(QString::fromStdString(patient.address.value_or("")));
    for (auto kind : core::allIdentifierKinds)
        lineEdit(wireName(kind))->setText(QString::fromStdString(patient.identifier(kind).value_or("")));
    m_confidential->setChecked(patient.confidential);
    updateAge();
    revalidate();
    m_lastModified = false;
    emit modifiedChanged(false);
}

core::Patient PatientForm::patient() const
{
    core::Patient p = m_original;
    p.name = lineEdit(nameField)->text().toStdString();
    p.sex = core::sexFromCode(m_sex->currentData().toString().toStdString()).value_or(core::Sex::Unknown);
    p.birthDate = parseBirthDate(lineEdit(birthDateField)->text());
    p.phone = optionalText(lineEdit(phoneField));
    p.address = optionalText(lineEdit(addressField));
    for (auto kind : core::allIdentifierKinds)
        p.identifier(kind) = optionalText(lineEdit(wireName(kind)));
    p.confidential = m_confidential->isChecked();
    return p;
}

std::optional<core::Patient> PatientForm::validatedPatient()
{
    m_showAll = true;
    if (revalidate() > 0) {
        for (const QString& field : fields()) {
            if (!fieldMessage(field).isEmpty() && !m_notes.contains(field)) {
                editor(field)->setFocus(Qt::OtherFocusReason);
                break;
            }
        }
        return std::nullopt;
    }
    core::Patient p = patient();
    core::normalizePatient(p);
    return p;
}

std::vector<std::string> PatientForm::changedFields() const
{
    core::Patient edited = patient();
    core::normalizePatient(edited);
    core::Patient original = m_original;
    core::normalizePatient(original);
    const auto now = protocol::toJson(edited);
    const auto before = protocol::toJson(original);
    std::vector<std::string> changed;
    for (const auto& field : writableFields())
        if (now.at(field) != before.at(field))
            changed.push_back(field);
    return changed;
}

bool PatientForm::isModified() const
{
    if (!isNew())
        return !changedFields().empty();
    // A new form counts as modified once anything was typed into it.
    const core::Patient p = patient();
    if (!p.name.empty() || !m_sex->currentData().toString().isEmpty() || p.phone || p.address ||
        p.confidential || !lineEdit(birthDateField)->text().trimmed().isEmpty())
        return true;
    for (const auto& id : p.identifiers)
        if (id)
            return true;
    return false;
}

void PatientForm::setServerError(const QString& field, const QString& message)
{
    if (!m_rows.contains(field))
        return;
    m_serverErrors.insert(field, message);
    revalidate();
    editor(field)->setFocus(Qt::OtherFocusReason);
}

void PatientForm::clearServerErrors()
{
    m_serverErrors.clear();
    revalidate();
}

QString PatientForm::fieldMessage(const QString& field) const
{
    const auto it = m_rows.find(field);
    return it == m_rows.end() || it->message->isHidden() ? QString() : it->message->text();
}

void PatientForm::setEditable(bool editable)
{
    m_editable = editable;
    for (const QString& field : fields())
        if (auto* edit = lineEdit(field))
            edit->setReadOnly(!editable);
    m_sex->setEnabled(editable);
    setConfidentialAllowed(m_confidentialAllowed);
}

void PatientForm::setConfidentialAllowed(bool allowed)
{
    m_confidentialAllowed = allowed;
    m_confidential->setEnabled(allowed && m_editable);
    retranslateUi();
}

void PatientForm::focusFirstField()
{
    lineEdit(nameField)->setFocus(Qt::OtherFocusReason);
    lineEdit(nameField)->selectAll();
}

void PatientForm::onEdited(const QString& field)
{
    m_touched.insert(field);
    m_serverErrors.remove(field);
    m_notes.remove(field);
    if (field == nationalIdField)
        fillFromNationalId();
    if (field == birthDateField || field == nationalIdField)
        updateAge();
    revalidate();
    const bool modified = isModified();
    if (modified != m_lastModified) {
        m_lastModified = modified;
        emit modifiedChanged(modified);
    }
}

void PatientForm::fillFromNationalId()
{
    const std::string id = core::normalizeNationalId(lineEdit(nationalIdField)->text().toStdString());
    const core::Date now = today();
    if (core::validateNationalId(id, &now) != core::NationalIdProblem::None)
        return;
    const auto info = core::decodeNationalId(id);
    if (!info)
        return;
    m_sex->setCurrentIndex(m_sex->findData(QString::fromLatin1(core::toCode(info->sex).data(), 1)));
    lineEdit(birthDateField)->setText(QString::fromStdString(core::formatIsoDate(info->birthDate)));
    m_touched.insert(sexField);
    m_touched.insert(birthDateField);
    m_serverErrors.remove(sexField);
    m_serverErrors.remove(birthDateField);
    m_notes.insert(nationalIdField, tr("Sex and birth date were filled in from the ID number."));
}

void PatientForm::updateAge()
{
    const auto birth = parseBirthDate(lineEdit(birthDateField)->text());
    m_age->setText(birth && *birth <= today() ? ui::DomainText::age(*birth, today()) : QString());
}

int PatientForm::revalidate()
{
    core::Patient p = patient();
    QHash<QString, QString> problems;
    const QString birthText = lineEdit(birthDateField)->text().trimmed();
    if (!birthText.isEmpty() && !p.birthDate)
        problems.insert(birthDateField, tr("Write the birth date as YYYY-MM-DD, for example 1980-05-03."));
    if (m_sex->currentData().toString().isEmpty())
        problems.insert(sexField, tr("Please choose the sex (\"Unknown\" is a valid choice)."));
    core::normalizePatient(p);
    for (const auto& problem : core::validatePatient(p, today())) {
        const QString field = QString::fromStdString(problem.field);
        if (!problems.contains(field))
            problems.insert(field, ui::DomainText::problem(problem, p));
    }
    for (const QString& field : fields()) {
        if (const auto server = m_serverErrors.find(field); server != m_serverErrors.end())
            setMessage(field, *server, true);
        else if (problems.contains(field) && (m_showAll || m_touched.contains(field)))
            setMessage(field, problems.value(field), true);
        else if (m_notes.contains(field))
            setMessage(field, m_notes.value(field), false);
        else
            setMessage(field, {}, false);
    }
    return int(problems.size() + m_serverErrors.size());
}

void PatientForm::setMessage(const QString& field, const QString& text, bool isError)
{
    Row& r = m_rows[field];
    r.message->setText(text);
    r.message->setVisible(!text.isEmpty());
    // The words carry the meaning; colour only helps the eye find them.
    r.message->setStyleSheet(isError ? QStringLiteral("color: #a01010;") : QStringLiteral("color: #505050;"));
    r.editor->setAccessibleDescription(text);
    if (auto* edit = qobject_cast<QLineEdit*>(r.editor))
        edit->setToolTip(text);
}

void PatientForm::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        if (m_notes.contains(nationalIdField))
            m_notes.insert(nationalIdField, tr("Sex and birth date were filled in from the ID number."));
        updateAge();
        revalidate();
    }
    QWidget::changeEvent(event);
}

void PatientForm::retranslateUi()
{
    m_personal->setTitle(tr("Personal details"));
    m_numbers->setTitle(tr("Hospital numbers"));
    for (const QString& field : fields()) {
        QString label = ui::DomainText::fieldLabel(field);
        if (field == nameField)
            label = tr("%1 (required)").arg(label);
        m_rows[field].label->setText(tr("%1:").arg(label));
    }
    // Both groups share one label width so their fields line up.
    int labelWidth = 0;
    for (const Row& r : std::as_const(m_rows)) {
        r.label->setMinimumWidth(0);
        labelWidth = std::max(labelWidth, r.label->sizeHint().width());
    }
    for (const Row& r : std::as_const(m_rows))
        r.label->setMinimumWidth(labelWidth);
    m_sex->setItemText(0, tr("Please choose"));
    for (int i = 1; i < m_sex->count(); ++i)
        m_sex->setItemText(i, ui::DomainText::sexName(
                                  core::sexFromCode(m_sex->itemData(i).toString().toStdString()).value()));
    // Typing hints would mislead where nothing can be typed.
    lineEdit(birthDateField)->setPlaceholderText(m_editable ? tr("YYYY-MM-DD") : QString());
    lineEdit(nationalIdField)
        ->setPlaceholderText(m_editable ? tr("18 characters; fills in sex and birth date") : QString());
    lineEdit(phoneField)->setPlaceholderText(m_editable ? tr("e.g. 13800138000") : QString());
    m_confidential->setText(tr("Confidential patient (visible only to authorised staff)"));
    m_confidential->setToolTip(m_confidentialAllowed
                                   ? QString()
                                   : tr("Only users allowed to see confidential patients can change this."));
}

} // namespace lumen::registration
