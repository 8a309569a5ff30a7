#pragma once
// The registration desk: patient search on the left, the registration form on the right with
// the patient's exams below it, the Patient menu (new, save, cancel, merge, history, print) and
// the Exam menu (register, book, change or cancel a booking, the booking calendar), each with
// its keyboard shortcut.
#include "lumen/ui/app_shell.h"

#include <functional>

class QAction;
class QSplitter;
class QToolBar;

namespace lumen::registration {

class AdminMenu;
class BookingCalendarDialog;
class ExamsPanel;
class PatientEditor;
class PatientSearchPanel;
class QueueDeskPanel;
struct SlipData;
class StatisticsWindow;

class RegistrationWindow : public ui::AppShell
{
    Q_OBJECT
public:
    explicit RegistrationWindow(client::ApiClient& client, QWidget* parent = nullptr);

    PatientSearchPanel* searchPanel() const { return m_search; }
    PatientEditor* editor() const { return m_editor; }
    AdminMenu* adminMenu() const { return m_adminMenu; }
    ExamsPanel* examsPanel() const { return m_exams; }
    // Opens (or raises) the day's booking calendar.
    BookingCalendarDialog* showBookingCalendar();
    // Opens (or raises) the calling panel of a room: call next, recall, skip.
    QueueDeskPanel* showQueueDesk();
    // Looks up the booking of the selected exam and hands its slip to `use` (print or PDF).
    void withSlipOfSelectedExam(const std::function<void(const SlipData&)>& use);

    // Opens (or raises and reloads) the booking statistics window.
    StatisticsWindow* showStatistics();

    // The application's title in the interface language, for ui::initClientApplication.
    static QString title();

protected:
    void retranslateUi() override;
    void sessionChanged() override;
    void closeEvent(QCloseEvent* event) override;

private:
    void applyPermissions();
    void updateActions();
    void showMerge();
    void showHistory();
    void printSummary();
    void updateExamActions();

    PatientSearchPanel* m_search = nullptr;
    PatientEditor* m_editor = nullptr;
    AdminMenu* m_adminMenu = nullptr;
    QSplitter* m_splitter = nullptr;
    QToolBar* m_toolBar = nullptr;
    QMenu* m_patientMenu = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_mergeAction = nullptr;
    QAction* m_historyAction = nullptr;
    QAction* m_printAction = nullptr;
    QMenu* m_reportsMenu = nullptr;
    QAction* m_statisticsAction = nullptr;
    StatisticsWindow* m_statistics = nullptr;
    ExamsPanel* m_exams = nullptr;
    QSplitter* m_rightSplitter = nullptr;
    QMenu* m_examMenu = nullptr;
    QAction* m_registerExamAction = nullptr;
    QAction* m_bookAction = nullptr;
    QAction* m_changeBookingAction = nullptr;
    QAction* m_cancelBookingAction = nullptr;
    QAction* m_calendarAction = nullptr;
    BookingCalendarDialog* m_calendar = nullptr;
    QAction* m_queueAction = nullptr;
    QAction* m_printSlipAction = nullptr;
    QAction* m_saveSlipAction = nullptr;
    QueueDeskPanel* m_queueDesk = nullptr;
};

} // namespace lumen::registration
