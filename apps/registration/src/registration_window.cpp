#include "registration_window.h"

#include "admin_menu.h"
#include "appointment_slip.h"
#include "booking_calendar_dialog.h"
#include "exams_panel.h"
#include "history_dialog.h"
#include "merge_dialog.h"
#include "patient_editor.h"
#include "patient_form.h"
#include "patient_search_panel.h"
#include "patient_summary.h"
#include "queue_desk_panel.h"
#include "statistics_window.h"

#include "lumen/client/api_client.h"

#include <QAction>
#include <QCloseEvent>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QToolBar>

namespace lumen::registration {

QString RegistrationWindow::title()
{
    return tr("Registration");
}

RegistrationWindow::RegistrationWindow(client::ApiClient& client, QWidget* parent)
    : ui::AppShell(client, parent)
{
    m_search = new PatientSearchPanel(client, this);
    m_editor = new PatientEditor(client, this);
    m_exams = new ExamsPanel(client, this);
    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->addWidget(m_editor);
    m_rightSplitter->addWidget(m_exams);
    m_rightSplitter->setStretchFactor(0, 3);
    m_rightSplitter->setStretchFactor(1, 2);
    m_rightSplitter->setChildrenCollapsible(false);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_search);
    m_splitter->addWidget(m_rightSplitter);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setContentsMargins(8, 8, 8, 0);
    setCentralWidget(m_splitter);

    m_patientMenu = addApplicationMenu();
    auto addAction = [this](const QKeySequence& shortcut, auto slot) {
        auto* action = m_patientMenu->addAction(QString());
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_findAction = addAction(QKeySequence::Find, [this] { m_search->focusSearch(); });
    m_patientMenu->addSeparator();
    m_newAction = addAction(QKeySequence::New, [this] { m_editor->newPatient(); });
    m_saveAction = addAction(QKeySequence::Save, [this] { m_editor->save(); });
    m_cancelAction = addAction(QKeySequence(Qt::Key_Escape), [this] { m_editor->cancelEditing(); });
    m_patientMenu->addSeparator();
    m_mergeAction = addAction(QKeySequence(Qt::CTRL | Qt::Key_M), &RegistrationWindow::showMerge);
    m_historyAction = addAction(QKeySequence(Qt::CTRL | Qt::Key_H), &RegistrationWindow::showHistory);
    m_printAction = addAction(QKeySequence::Print, &RegistrationWindow::printSummary);

    m_examMenu = addApplicationMenu();
    auto addExamAction = [this](const QKeySequence& shortcut, auto slot) {
        auto* action = m_examMenu->addAction(QString());
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_registerExamAction =
        addExamAction(QKeySequence(Qt::CTRL | Qt::Key_E), [this] { m_exams->registerExam(); });
    m_bookAction = addExamAction(QKeySequence(Qt::CTRL | Qt::Key_B), [this] { m_exams->book(); });
    m_changeBookingAction =
        addExamAction(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), [this] { m_exams->changeBooking(); });
    m_cancelBookingAction = addExamAction(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
                                          [this] { m_exams->cancelBooking(); });
    m_examMenu->addSeparator();
    m_calendarAction = addExamAction(QKeySequence(Qt::CTRL | Qt::Key_K), [this] { showBookingCalendar(); });
    m_registerExamAction->setObjectName(QStringLiteral("registerExamAction"));
    m_bookAction->setObjectName(QStringLiteral("bookAction"));
    m_changeBookingAction->setObjectName(QStringLiteral("changeBookingAction"));
    m_cancelBookingAction->setObjectName(QStringLiteral("cancelBookingAction"));
    m_calendarAction->setObjectName(QStringLiteral("calendarAction"));
    m_queueAction = addExamAction(QKeySequence(Qt::CTRL | Qt::Key_J), [this] { showQueueDesk(); });
    m_queueAction->setObjectName(QStringLiteral("queueAction"));
    m_printSlipAction = addExamAction(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), [this] {
        withSlipOfSelectedExam([this](const SlipData& slip) { printSlip(this, slip); });
    });
    m_printSlipAction->setObjectName(QStringLiteral("printSlipAction"));
    m_saveSlipAction = addExamAction(QKeySequence(), [this] {
        withSlipOfSelectedExam([this](const SlipData& slip) { saveSlipPdfAs(this, slip); });
    });
    m_saveSlipAction->setObjectName(QStringLiteral("saveSlipAction"));

    m_reportsMenu = addApplicationMenu();
    m_statisticsAction = m_reportsMenu->addAction(QString());
    m_statisticsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_statisticsAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_statisticsAction, &QAction::triggered, this, [this] { showStatistics(); });

    m_adminMenu = new AdminMenu(client, addApplicationMenu(), this);

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("patientToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (QAction* a :
         {m_newAction, m_saveAction, m_cancelAction, m_mergeAction, m_historyAction, m_printAction})
        m_toolBar->addAction(a);
    m_toolBar->addSeparator();
    for (QAction* a : {m_registerExamAction, m_bookAction, m_calendarAction})
        m_toolBar->addAction(a);

    connect(m_search, &PatientSearchPanel::patientActivated, this,
            [this](const core::Patient& patient) { m_editor->showPatient(patient); });
    connect(m_editor, &PatientEditor::patientSaved, this, [this](const core::Patient& patient) {
        m_search->refresh();
        m_search->selectPatient(patient.id);
    });
    connect(m_editor, &PatientEditor::currentPatientChanged, this, &RegistrationWindow::updateActions);
    connect(m_editor, &PatientEditor::currentPatientChanged, this,
            [this] { m_exams->setPatient(m_editor->currentPatient()); });
    connect(m_editor, &PatientEditor::patientSaved, this,
            [this](const core::Patient& patient) { m_exams->setPatient(patient); });
    connect(m_exams, &ExamsPanel::actionsChanged, this, &RegistrationWindow::updateExamActions);
    connect(m_exams, &ExamsPanel::examsChanged, this, [this] {
        if (m_calendar)
            m_calendar->reload();
    });
    connect(m_editor->form(), &PatientForm::modifiedChanged, this, &RegistrationWindow::updateActions);
    connect(m_search, &PatientSearchPanel::searchFinished, this, [this] {
        if (const auto current = m_editor->currentPatient())
            m_search->selectPatient(current->id);
    });

    resize(1360, 820);
    applyPermissions();
    retranslateUi();
    m_search->focusSearch();
}

void RegistrationWindow::retranslateUi()
{
    ui::AppShell::retranslateUi();
    if (!m_patientMenu)
        return; // called from the base constructor, before the menu exists
    m_patientMenu->setTitle(tr("&Patient"));
    m_toolBar->setWindowTitle(tr("Patient actions"));
    m_findAction->setText(tr("&Find patient"));
    m_newAction->setText(tr("&New registration"));
    m_saveAction->setText(tr("&Save"));
    m_cancelAction->setText(tr("&Cancel changes"));
    m_mergeAction->setText(tr("&Merge duplicates..."));
    m_historyAction->setText(tr("&History..."));
    m_printAction->setText(tr("&Print summary..."));
    m_reportsMenu->setTitle(tr("&Reports"));
    m_statisticsAction->setText(tr("Booking &statistics..."));
    m_statisticsAction->setToolTip(QStringLiteral("%1 (%2)").arg(
        tr("Booking statistics"), m_statisticsAction->shortcut().toString(QKeySequence::NativeText)));
    m_examMenu->setTitle(tr("E&xam"));
    m_registerExamAction->setText(tr("&Register exam..."));
    m_bookAction->setText(tr("&Book..."));
    m_changeBookingAction->setText(tr("&Change booking..."));
    m_cancelBookingAction->setText(tr("C&ancel booking..."));
    m_calendarAction->setText(tr("Booking ca&lendar"));
    m_queueAction->setText(tr("&Queue calling..."));
    m_printSlipAction->setText(tr("&Print appointment slip..."));
    m_saveSlipAction->setText(tr("Save appointment slip as P&DF..."));
    for (QAction* a :
         {m_findAction, m_newAction, m_saveAction, m_cancelAction, m_mergeAction, m_historyAction,
          m_printAction, m_registerExamAction, m_bookAction, m_changeBookingAction, m_cancelBookingAction,
          m_calendarAction, m_queueAction, m_printSlipAction})
        a->setToolTip(QStringLiteral("%1 (%2)").arg(a->text().remove(QLatin1Char('&')),
                                                    a->shortcut().toString(QKeySequence::NativeText)));
}

void RegistrationWindow::sessionChanged()
{
    ui::AppShell::sessionChanged();
    applyPermissions();
}

void RegistrationWindow::applyPermissions()
{
    auto& client = apiClient();
    m_editor->setPermissions(client.hasPermission("patient.write"),
                             client.hasPermission("patient.confidential"));
    if (client.hasPermission("patient.write") && !m_editor->currentPatient() &&
        !m_editor->form()->isModified())
        m_editor->form()->clear();
    updateActions();
}

void RegistrationWindow::updateActions()
{
    auto& client = apiClient();
    const bool canWrite = client.hasPermission("patient.write");
    const bool hasPatient = m_editor->currentPatient().has_value();
    m_newAction->setEnabled(canWrite);
    m_saveAction->setEnabled(canWrite);
    m_cancelAction->setEnabled(canWrite && m_editor->form()->isModified());
    m_mergeAction->setEnabled(client.hasPermission("patient.merge"));
    m_historyAction->setEnabled(hasPatient && client.hasPermission("patient.read"));
    m_printAction->setEnabled(hasPatient);
    m_statisticsAction->setEnabled(client.hasPermission("exam.read"));
    m_exams->setCanRegister(client.hasPermission("exam.register"));
    updateExamActions();
}

void RegistrationWindow::updateExamActions()
{
    m_registerExamAction->setEnabled(m_exams->canRegisterExam());
    m_bookAction->setEnabled(m_exams->canBook());
    m_changeBookingAction->setEnabled(m_exams->canChangeBooking());
    m_cancelBookingAction->setEnabled(m_exams->canChangeBooking());
    m_calendarAction->setEnabled(apiClient().hasPermission("exam.read"));
    m_printSlipAction->setEnabled(m_exams->canChangeBooking());
    m_saveSlipAction->setEnabled(m_exams->canChangeBooking());
    m_queueAction->setEnabled(apiClient().hasPermission("exam.register") ||
                              apiClient().hasPermission("exam.perform"));
}

void RegistrationWindow::withSlipOfSelectedExam(const std::function<void(const SlipData&)>& use)
{
    const auto exam = m_exams->selectedExam();
    const auto patient = m_editor->currentPatient();
    if (!exam || !patient)
        return;
    const auto booking = m_exams->activeBooking(exam->id);
    if (!booking) {
        QMessageBox::information(this, tr("Appointment slip"), tr("This exam has no appointment to print."));
        return;
    }
    use(AppointmentSlip::fromBooking(*patient, *exam, *booking));
}

QueueDeskPanel* RegistrationWindow::showQueueDesk()
{
    // A window of its own: it stays open beside the desk while patients are called.
    if (!m_queueDesk) {
        m_queueDesk = new QueueDeskPanel(apiClient(), this);
        m_queueDesk->setWindowFlag(Qt::Window);
        m_queueDesk->resize(640, 480);
    } else {
        m_queueDesk->refresh();
    }
    m_queueDesk->show();
    m_queueDesk->raise();
    m_queueDesk->activateWindow();
    return m_queueDesk;
}

BookingCalendarDialog* RegistrationWindow::showBookingCalendar()
{
    if (!m_calendar) {
        m_calendar = new BookingCalendarDialog(apiClient(), m_exams->config(), this);
        connect(m_calendar, &BookingCalendarDialog::bookingsChanged, m_exams, &ExamsPanel::refresh);
    } else {
        m_calendar->reload();
    }
    m_calendar->show();
    m_calendar->raise();
    m_calendar->activateWindow();
    return m_calendar;
}

void RegistrationWindow::showMerge()
{
    auto* dialog = new MergeDialog(apiClient(), m_editor->currentPatient(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &MergeDialog::patientsChanged, this, [this](core::PatientId) {
        m_search->refresh();
        // The open record may have been merged or un-merged: show its current state.
        if (const auto current = m_editor->currentPatient(); current && !m_editor->form()->isModified())
            m_editor->openPatient(current->id, false);
    });
    dialog->open();
}

void RegistrationWindow::showHistory()
{
    const auto patient = m_editor->currentPatient();
    if (!patient)
        return;
    auto* dialog = new HistoryDialog(apiClient(), *patient, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HistoryDialog::patientsChanged, this, [this] { m_search->refresh(); });
    dialog->open();
}

void RegistrationWindow::printSummary()
{
    if (const auto patient = m_editor->currentPatient())
        PatientSummary::preview(*patient, this);
}

StatisticsWindow* RegistrationWindow::showStatistics()
{
    if (!m_statistics)
        m_statistics = new StatisticsWindow(apiClient(), this);
    else
        m_statistics->reload();
    m_statistics->show();
    m_statistics->raise();
    m_statistics->activateWindow();
    return m_statistics;
}

void RegistrationWindow::closeEvent(QCloseEvent* event)
{
    if (m_editor->confirmDiscardChanges())
        event->accept();
    else
        event->ignore();
}

} // namespace lumen::registration
