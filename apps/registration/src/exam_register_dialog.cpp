#include "exam_register_dialog.h"

#include "exam_text.h"
#include "requisition_file.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/error_text.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

constexpr int methodRole = Qt::UserRole;
constexpr int bodyPartRole = Qt::UserRole + 1;

QStringList modalitiesOf(core::Department d)
{
    switch (d) {
    case core::Department::Radiology:
        return {QStringLiteral("CT"), QStringLiteral("MR"), QStringLiteral("DR"), QStringLiteral("DX"),
                QStringLiteral("CR"), QStringLiteral("MG"), QStringLiteral("RF"), QStringLiteral("XA"),
                QStringLiteral("NM"), QStringLiteral("PT")};
    case core::Department::Ultrasound:
        return {QStringLiteral("US")};
    case core::Department::Endoscopy:
        return {QStringLiteral("ES")};
    case core::Department::Ecg:
        return {QStringLiteral("ECG")};
    case core::Department::Other:
        return {};
    }
    return {};
}

QString code(std::string_view c)
{
    return QString::fromLatin1(c.data(), qsizetype(c.size()));
}

} // namespace

ExamRegisterDialog::ExamRegisterDialog(client::ApiClient& client, const core::Patient& patient,
                                       std::vector<core::Exam> previousExams,
                                       std::optional<client::SchedulingConfigInfo> config, QWidget* parent)
    : QDialog(parent), m_client(client), m_patient(patient), m_previous(std::move(previousExams)),
      m_config(std::move(config))
{
    setObjectName(QStringLiteral("examRegisterDialog"));
    setWindowTitle(tr("Register exam - %1").arg(QString::fromStdString(patient.name)));

    m_department = new QComboBox(this);
    m_department->setObjectName(QStringLiteral("departmentCombo"));
    for (const auto d : core::allDepartments())
        m_department->addItem(ExamText::department(d), code(core::toCode(d)));
    m_modality = new QComboBox(this);
    m_modality->setObjectName(QStringLiteral("modalityCombo"));
    m_modality->setEditable(true);

    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->setEditable(true);
    m_method->setMinimumContentsLength(12);
    m_bodyPart = new QComboBox(this);
    m_bodyPart->setObjectName(QStringLiteral("bodyPartCombo"));
    m_bodyPart->setEditable(true);
    m_bodyPart->setMinimumContentsLength(10);
    m_addItem = new QPushButton(tr("&Add item"), this);
    m_addItem->setObjectName(QStringLiteral("addItemButton"));
    m_addItem->setAutoDefault(false);
    m_removeItem = new QPushButton(tr("Remo&ve item"), this);
    m_removeItem->setObjectName(QStringLiteral("removeItemButton"));
    m_removeItem->setAutoDefault(false);
    m_items = new QListWidget(this);
    m_items->setObjectName(QStringLiteral("itemList"));
    m_items->setMaximumHeight(110);

    auto* itemRow = new QHBoxLayout;
    itemRow->addWidget(m_method, 2);
    itemRow->addWidget(m_bodyPart, 2);
    itemRow->addWidget(m_addItem);
    auto* listRow = new QHBoxLayout;
    listRow->addWidget(m_items, 1);
    listRow->addWidget(m_removeItem, 0, Qt::AlignTop);

    m_requestingDepartment = new QLineEdit(this);
    m_requestingDepartment->setObjectName(QStringLiteral("requestingDepartmentEdit"));
    m_requestingDepartment->setMaxLength(64);
    m_requestingDoctor = new QLineEdit(this);
    m_requestingDoctor->setObjectName(QStringLiteral("requestingDoctorEdit"));
    m_requestingDoctor->setMaxLength(64);
    m_diagnosis = new QPlainTextEdit(this);
    m_diagnosis->setObjectName(QStringLiteral("diagnosisEdit"));
    m_diagnosis->setTabChangesFocus(true);
    m_diagnosis->setMaximumHeight(60);
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("sourceCombo"));
    for (const auto s : core::allPatientSources())
        m_source->addItem(ExamText::source(s), code(core::toCode(s)));
    m_priority = new QComboBox(this);
    m_priority->setObjectName(QStringLiteral("priorityCombo"));
    for (const auto p : core::allExamPriorities())
        m_priority->addItem(ExamText::priority(p), code(core::toCode(p)));

    auto* form = new QFormLayout;
    form->addRow(tr("&Department:"), m_department);
    form->addRow(tr("&Modality:"), m_modality);
    form->addRow(tr("Method / &body part:"), itemRow);
    form->addRow(tr("Items:"), listRow);
    form->addRow(tr("Requesting de&partment:"), m_requestingDepartment);
    form->addRow(tr("Requesting d&octor:"), m_requestingDoctor);
    form->addRow(tr("Clinical dia&gnosis:"), m_diagnosis);
    form->addRow(tr("Patient &source:"), m_source);
    form->addRow(tr("P&riority:"), m_priority);
    m_requisitionLabel = new QLabel(tr("None"), this);
    m_requisitionLabel->setObjectName(QStringLiteral("requisitionLabel"));
    m_attach = new QPushButton(tr("A&ttach requisition..."), this);
    m_attach->setObjectName(QStringLiteral("attachRequisitionButton"));
    m_attach->setAutoDefault(false);
    auto* requisitionRow = new QHBoxLayout;
    requisitionRow->addWidget(m_requisitionLabel, 1);
    requisitionRow->addWidget(m_attach);
    form->addRow(tr("Requisition:"), requisitionRow);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto* buttons = new QDialogButtonBox(this);
    m_register = buttons->addButton(tr("&Register"), QDialogButtonBox::AcceptRole);
    m_register->setObjectName(QStringLiteral("registerButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExamRegisterDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_department, &QComboBox::currentIndexChanged, this, &ExamRegisterDialog::fillDepartment);
    connect(m_method, &QComboBox::currentIndexChanged, this, &ExamRegisterDialog::methodChosen);
    connect(m_addItem, &QPushButton::clicked, this, &ExamRegisterDialog::addCurrentItem);
    connect(m_removeItem, &QPushButton::clicked, this, &ExamRegisterDialog::removeSelectedItem);
    connect(m_attach, &QPushButton::clicked, this, &ExamRegisterDialog::chooseRequisition);

    fillDepartment();
    if (!m_config) {
        m_client.schedulingConfig(this, [this](const client::Result<client::SchedulingConfigInfo>& r) {
            if (!r.ok())
                return; // methods and body parts are then typed
            m_config = r.value();
            fillCatalogue();
        });
    }
    resize(620, 520);
}

void ExamRegisterDialog::fillDepartment()
{
    const auto d = core::departmentFromCode(m_department->currentData().toString().toStdString())
                       .value_or(core::Department::Radiology);
    const QString current = m_modality->currentText();
    m_modality->clear();
    m_modality->addItems(modalitiesOf(d));
    if (const int i = m_modality->findText(current); i >= 0)
        m_modality->setCurrentIndex(i);
    fillCatalogue();
}

void ExamRegisterDialog::fillCatalogue()
{
    const QString method = m_method->currentText();
    const QString part = m_bodyPart->currentText();
    m_method->blockSignals(true);
    m_method->clear();
    m_bodyPart->clear();
    if (m_config) {
        for (const auto* m : m_config->methodsOfDepartment(m_department->currentData().toString()))
            m_method->addItem(m->name, m->id);
        for (const auto& p : m_config->bodyParts)
            m_bodyPart->addItem(p.name, p.id);
    }
    m_method->setCurrentIndex(-1);
    m_method->setEditText(method);
    m_bodyPart->setCurrentIndex(-1);
    m_bodyPart->setEditText(part);
    m_method->blockSignals(false);
}

void ExamRegisterDialog::methodChosen()
{
    // The catalogue's quota group names the modality (CT, MR, US...) in most hospitals.
    if (!m_config || m_method->currentIndex() < 0)
        return;
    if (const auto* m = m_config->method(m_method->currentData().toString()))
        if (const int i = m_modality->findText(m->groupId); i >= 0)
            m_modality->setCurrentIndex(i);
}

void ExamRegisterDialog::addItem(const QString& method, const QString& bodyPart)
{
    const QString m = method.trimmed();
    const QString b = bodyPart.trimmed();
    if (m.isEmpty()) {
        showMessage(tr("Choose or type the exam method first."), true);
        return;
    }
    for (int i = 0; i < m_items->count(); ++i) {
        const auto* row = m_items->item(i);
        if (row->data(methodRole).toString() == m && row->data(bodyPartRole).toString() == b) {
            showMessage(tr("%1 %2 is already in the list.").arg(m, b), true);
            return;
        }
    }
    if (m_items->count() >= int(core::maxExamItems)) {
        showMessage(tr("An exam has at most %1 items.").arg(core::maxExamItems), true);
        return;
    }
    auto* row = new QListWidgetItem(b.isEmpty() ? m : m + QStringLiteral("  ") + b, m_items);
    row->setData(methodRole, m);
    row->setData(bodyPartRole, b);
    m_message->hide();
}

void ExamRegisterDialog::addCurrentItem()
{
    // The catalogue id when the text is one of its names, else what was typed.
    auto valueOf = [](QComboBox* box) {
        const int i = box->findText(box->currentText().trimmed());
        return i >= 0 && box->itemData(i).isValid() ? box->itemData(i).toString() : box->currentText();
    };
    addItem(valueOf(m_method), valueOf(m_bodyPart));
    m_bodyPart->setEditText(QString());
    m_bodyPart->setFocus();
}

void ExamRegisterDialog::removeSelectedItem()
{
    delete m_items->currentItem();
}

core::Exam ExamRegisterDialog::exam() const
{
    core::Exam e;
    e.patientId = m_patient.id;
    e.department = core::departmentFromCode(m_department->currentData().toString().toStdString())
                       .value_or(core::Department::Radiology);
    e.modality = m_modality->currentText().trimmed().toUpper().toStdString();
    for (int i = 0; i < m_items->count(); ++i) {
        const auto* row = m_items->item(i);
        e.items.push_back({row->data(methodRole).toString().toStdString(),
                           row->data(bodyPartRole).toString().toStdString(), std::nullopt, std::nullopt});
    }
    auto optional = [](const QString& t) -> std::optional<std::string> {
        if (t.trimmed().isEmpty())
            return std::nullopt;
        return t.trimmed().toStdString();
    };
    e.requestingDepartment = optional(m_requestingDepartment->text());
    e.requestingDoctor = optional(m_requestingDoctor->text());
    e.clinicalDiagnosis = optional(m_diagnosis->toPlainText());
    e.patientSource = core::patientSourceFromCode(m_source->currentData().toString().toStdString())
                          .value_or(core::PatientSource::Outpatient);
    e.priority = core::examPriorityFromCode(m_priority->currentData().toString().toStdString())
                     .value_or(core::ExamPriority::Routine);
    return e;
}

QString ExamRegisterDialog::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

std::optional<core::Exam> ExamRegisterDialog::revisitOf(const core::Exam& exam) const
{
    const QDateTime since = QDateTime::currentDateTimeUtc().addDays(-revisitDays);
    std::optional<core::Exam> latest;
    for (const auto& previous : m_previous) {
        if (previous.status == core::ExamStatus::Cancelled)
            continue;
        const QDateTime at = QDateTime::fromString(QString::fromStdString(previous.createdAt), Qt::ISODate);
        if (!at.isValid() || at < since)
            continue;
        bool sameMethod = false;
        for (const auto& item : exam.items)
            for (const auto& old : previous.items)
                sameMethod = sameMethod || item.method == old.method;
        if (sameMethod && (!latest || latest->createdAt < previous.createdAt))
            latest = previous;
    }
    return latest;
}

void ExamRegisterDialog::submit()
{
    if (m_sending)
        return;
    // A method typed but not yet added is what the desk meant to register.
    if (m_items->count() == 0 && !m_method->currentText().trimmed().isEmpty())
        addCurrentItem();
    core::Exam e = exam();
    if (e.items.empty()) {
        showMessage(tr("Add at least one item (method and body part)."), true);
        return;
    }
    const auto previous = revisitOf(e);
    if (!previous) {
        send(std::move(e));
        return;
    }
    const QDate day =
        QDateTime::fromString(QString::fromStdString(previous->createdAt), Qt::ISODate).toLocalTime().date();
    auto* prompt =
        new QMessageBox(QMessageBox::Question, tr("Revisit"),
                        tr("Revisit (复诊): %1 had %2 (%3) on %4. Register this exam as a revisit?")
                            .arg(QString::fromStdString(m_patient.name), ExamText::items(*previous),
                                 QString::fromStdString(previous->accessionNumber),
                                 QLocale().toString(day, QLocale::ShortFormat)),
                        QMessageBox::Yes | QMessageBox::No, this);
    prompt->setObjectName(QStringLiteral("revisitPrompt"));
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    prompt->button(QMessageBox::Yes)->setText(tr("Register as revisit"));
    prompt->button(QMessageBox::No)->setText(tr("Go back"));
    const std::string note =
        tr("Revisit; previous exam %1 on %2")
            .arg(QString::fromStdString(previous->accessionNumber), day.toString(Qt::ISODate))
            .toStdString();
    connect(prompt, &QMessageBox::finished, this, [this, e, note](int answer) mutable {
        if (answer != QMessageBox::Yes)
            return;
        e.clinicalHistory = e.clinicalHistory ? note + "\n" + *e.clinicalHistory : note;
        send(std::move(e));
    });
    prompt->open();
}

void ExamRegisterDialog::send(core::Exam e)
{
    m_sending = true;
    m_register->setEnabled(false);
    showMessage(tr("Registering..."), false);
    m_client.createExam(e, this, [this](const client::Result<core::Exam>& r) {
        m_sending = false;
        m_register->setEnabled(true);
        if (!r.ok()) {
            showMessage(ui::ErrorText::describe(r.error()), true);
            return;
        }
        if (m_requisition) {
            attachRequisition(r.value());
            return;
        }
        emit examRegistered(r.value());
        accept();
    });
}

QWidget* ExamRegisterDialog::chooseRequisition()
{
    auto* dialog = RequisitionFiles::chooser(this);
    connect(dialog, &QFileDialog::fileSelected, this, &ExamRegisterDialog::setRequisitionFile);
    dialog->open();
    return dialog;
}

bool ExamRegisterDialog::setRequisitionFile(const QString& path)
{
    QString problem;
    auto file = RequisitionFiles::load(path, &problem);
    if (!file) {
        showMessage(problem, true);
        return false;
    }
    m_requisition = std::move(file);
    m_requisitionLabel->setText(QStringLiteral("%1 (%2)").arg(
        m_requisition->fileName, RequisitionFiles::sizeText(m_requisition->bytes.size())));
    m_message->hide();
    return true;
}

void ExamRegisterDialog::attachRequisition(const core::Exam& exam)
{
    m_sending = true;
    m_register->setEnabled(false);
    showMessage(tr("Attaching the requisition..."), false);
    m_client.uploadAttachment(
        exam.id, m_requisition->fileName, m_requisition->contentType, m_requisition->bytes, this,
        [this, exam](const client::Result<client::ExamAttachment>& r) {
            m_sending = false;
            // The exam exists either way; registering again would make a second one.
            emit examRegistered(exam);
            if (!r.ok()) {
                auto* box = new QMessageBox(
                    QMessageBox::Warning, tr("Requisition not attached"),
                    tr("Exam %1 was registered, but the requisition could not be attached: %2\n"
                       "Add it with Attachments in the exams list.")
                        .arg(QString::fromStdString(exam.accessionNumber),
                             ui::ErrorText::describe(r.error())),
                    QMessageBox::Ok, parentWidget());
                box->setObjectName(QStringLiteral("requisitionNotAttachedMessage"));
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            }
            accept();
        });
}

void ExamRegisterDialog::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
    m_message->show();
}

} // namespace lumen::registration
