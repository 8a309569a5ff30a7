#include "patient_editor.h"

#include "duplicate_dialog.h"
#include "patient_form.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/domain_text.h"
#include "lumen/ui/error_text.h"

#include <nlohmann/json.hpp>

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

core::PatientId patientIdFromDetails(const QByteArray& detailsJson)
{
    const auto details = nlohmann::json::parse(detailsJson.constData(),
                                               detailsJson.constData() + detailsJson.size(), nullptr, false);
    if (details.is_object() && details.contains("patientId") && details["patientId"].is_number_integer())
        return details["patientId"].get<core::PatientId>();
    return 0;
}

// The server's per-field problems (details.problems), the same codes core::validatePatient uses.
std::vector<core::FieldProblem> problemsFromDetails(const QByteArray& detailsJson)
{
    std::vector<core::FieldProblem> problems;
    const auto details = nlohmann::json::parse(detailsJson.constData(),
                                               detailsJson.constData() + detailsJson.size(), nullptr, false);
    if (!details.is_object() || !details.contains("problems") || !details["problems"].is_array())
        return problems;
    for (const auto& p : details["problems"]) {
        if (!p.is_object())
            continue;
        auto text = [&p](const char* key) {
            return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : std::string();
        };
        problems.push_back({text("field"), text("code"), text("message")});
    }
    return problems;
}

} // namespace

PatientEditor::PatientEditor(client::ApiClient& client, QWidget* parent) : QWidget(parent), m_client(client)
{
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("editorHeader"));
    QFont headerFont = m_header->font();
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.25);
    headerFont.setBold(true);
    m_header->setFont(headerFont);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("editorMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    m_form = new PatientForm(this);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_form);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_save, &QPushButton::clicked, this, &PatientEditor::save);
    connect(m_cancel, &QPushButton::clicked, this, &PatientEditor::cancelEditing);
    connect(m_form, &PatientForm::modifiedChanged, this, [this](bool modified) {
        m_cancel->setEnabled(modified && m_canWrite);
        if (modified)
            showMessage({}, false);
    });

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_message);
    layout->addWidget(m_scroll, 1);
    layout->addLayout(buttons);

    setPermissions(false, false);
    retranslateUi();
}

QString PatientEditor::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

std::optional<core::Patient> PatientEditor::currentPatient() const
{
    if (m_form->isNew())
        return std::nullopt;
    return m_form->original();
}

bool PatientEditor::confirmDiscardChanges()
{
    if (!m_form->isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("The form has changes that are not saved. Discard them?"),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

bool PatientEditor::newPatient()
{
    if (!confirmDiscardChanges())
        return false;
    load(core::Patient{});
    m_form->focusFirstField();
    return true;
}

bool PatientEditor::openPatient(core::PatientId id, bool askFirst)
{
    if (askFirst && !confirmDiscardChanges())
        return false;
    showMessage(tr("Loading the patient..."), false);
    m_client.getPatient(id, this, [this](const client::Result<core::Patient>& result) {
        if (!result.ok()) {
            showMessage(ui::ErrorText::describe(result.error()), true);
            return;
        }
        load(result.value());
    });
    return true;
}

bool PatientEditor::showPatient(const core::Patient& patient)
{
    if (!m_form->isNew() && m_form->original().id == patient.id && !m_form->isModified()) {
        load(patient);
        return true;
    }
    if (!confirmDiscardChanges())
        return false;
    load(patient);
    return true;
}

void PatientEditor::load(const core::Patient& patient)
{
    m_form->setPatient(patient);
    showMessage({}, false);
    retranslateUi();
    emit currentPatientChanged();
}

void PatientEditor::cancelEditing()
{
    if (!confirmDiscardChanges())
        return;
    m_form->setPatient(m_form->original());
    showMessage({}, false);
}

void PatientEditor::save()
{
    if (!m_canWrite || m_saving)
        return;
    m_form->clearServerErrors();
    const auto patient = m_form->validatedPatient();
    if (!patient) {
        showMessage(tr("Not saved: please correct the fields marked below."), true);
        return;
    }
    if (m_form->isNew())
        create(*patient, false);
    else
        update(*patient);
}

void PatientEditor::create(const core::Patient& patient, bool confirmDuplicate)
{
    setSaving(true);
    m_client.createPatient(patient, confirmDuplicate, this,
                           [this, patient](const client::Result<core::Patient>& r) {
                               setSaving(false);
                               if (r.ok())
                                   onSaved(r.value(), true);
                               else
                                   onSaveFailed(r.error(), patient);
                           });
}

void PatientEditor::update(const core::Patient& patient)
{
    const auto fields = m_form->changedFields();
    if (fields.empty()) {
        showMessage(tr("Nothing to save: no field was changed."), false);
        return;
    }
    setSaving(true);
    m_client.updatePatient(patient.id, patient, fields, patient.version, this,
                           [this, patient](const client::Result<core::Patient>& r) {
                               setSaving(false);
                               if (r.ok())
                                   onSaved(r.value(), false);
                               else
                                   onSaveFailed(r.error(), patient);
                           });
}

void PatientEditor::onSaved(const core::Patient& patient, bool created)
{
    load(patient);
    const QString name = QString::fromStdString(patient.name);
    showMessage(created ? tr("%1 is registered.").arg(name) : tr("Changes to %1 are saved.").arg(name),
                false);
    emit patientSaved(patient);
}

void PatientEditor::onSaveFailed(const client::ApiError& error, const core::Patient& patient)
{
    const QString& code = error.code;
    if (code == QLatin1String("possible_duplicate")) {
        auto* dialog =
            new DuplicateDialog(patient, DuplicateDialog::candidatesFromDetails(error.detailsJson), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::finished, this, [this, dialog, patient] {
            if (dialog->choice() == DuplicateDialog::OpenExisting && dialog->chosenPatientId() != 0)
                openPatient(dialog->chosenPatientId(), false);
            else if (dialog->choice() == DuplicateDialog::RegisterAnyway)
                create(patient, true);
            else
                showMessage(tr("Not saved: a patient with the same name and birth date exists."), true);
        });
        dialog->open();
        return;
    }
    const QString field = error.fieldName;
    const bool fieldKnown = PatientForm::fields().contains(field);
    if (code == QLatin1String("invalid_field") || code == QLatin1String("inconsistent_national_id")) {
        int shown = 0;
        for (const auto& problem : problemsFromDetails(error.detailsJson)) {
            const QString problemField = QString::fromStdString(problem.field);
            if (PatientForm::fields().contains(problemField)) {
                m_form->setServerError(problemField, ui::DomainText::problem(problem, patient));
                ++shown;
            }
        }
        if (shown > 0) {
            showMessage(tr("Not saved: please correct the fields marked below."), true);
            return;
        }
    }
    if (code == QLatin1String("duplicate_identifier")) {
        const QString label = fieldKnown ? ui::DomainText::fieldLabel(field) : tr("number");
        if (fieldKnown)
            m_form->setServerError(field,
                                   tr("This %1 is already registered for another patient.").arg(label));
        showMessage(tr("Not saved: the %1 belongs to another patient.").arg(label), true);
        if (const auto id = patientIdFromDetails(error.detailsJson); id != 0)
            offerToOpen(
                id, tr("The %1 is already registered for another patient. Open that patient?").arg(label));
        return;
    }
    if (code == QLatin1String("conflict")) {
        showMessage(ui::ErrorText::describe(error), true);
        offerToOpen(patient.id,
                    tr("Someone else changed this patient after you opened it. Load the current record? "
                       "Your changes in the form will be lost."));
        return;
    }
    const QString text = ui::ErrorText::describe(error);
    if (fieldKnown) {
        m_form->setServerError(field, text);
        showMessage(tr("Not saved: the server refused the field %1.").arg(ui::DomainText::fieldLabel(field)),
                    true);
    } else if (code == QLatin1String("inconsistent_national_id")) {
        m_form->setServerError(QStringLiteral("nationalId"), text);
        showMessage(tr("Not saved: %1").arg(text), true);
    } else {
        showMessage(tr("Not saved: %1").arg(text), true);
    }
}

void PatientEditor::offerToOpen(core::PatientId id, const QString& question)
{
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Open patient"), question, QMessageBox::NoButton, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto* open = box->addButton(tr("Open patient"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(open);
    connect(box, &QMessageBox::finished, this, [this, box, open, id] {
        if (box->clickedButton() == open)
            openPatient(id, false);
    });
    box->open();
}

void PatientEditor::setSaving(bool saving)
{
    m_saving = saving;
    m_save->setEnabled(m_canWrite && !saving);
    if (saving)
        showMessage(tr("Saving..."), false);
    emit savingChanged(saving);
}

void PatientEditor::setPermissions(bool canWrite, bool canSetConfidential)
{
    m_canWrite = canWrite;
    m_form->setEditable(canWrite);
    m_form->setConfidentialAllowed(canSetConfidential);
    m_save->setEnabled(canWrite && !m_saving);
    m_cancel->setEnabled(canWrite && m_form->isModified());
    retranslateUi();
}

void PatientEditor::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_message->setStyleSheet(isError ? QStringLiteral("color: #a01010; font-weight: bold;") : QString());
}

void PatientEditor::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void PatientEditor::retranslateUi()
{
    if (m_form->isNew())
        m_header->setText(m_canWrite ? tr("New registration")
                                     : tr("Select a patient from the search results"));
    else
        m_header->setText(tr("Patient: %1").arg(QString::fromStdString(m_form->original().name)));
    m_save->setText(tr("Save (Ctrl+S)"));
    m_cancel->setText(tr("Cancel changes (Esc)"));
    m_save->setToolTip(m_canWrite ? QString() : tr("Your role may not register or change patients."));
}

} // namespace lumen::registration
