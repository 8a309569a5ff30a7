#pragma once
// The exams of the patient open in the registration window: accession number, status, items
// and slot, with the desk's actions on them (register, book, change or cancel a booking), the
// scanned requisitions attached to an exam, and the appointment slip of a booked exam (Ctrl+P
// while the list has focus; elsewhere Ctrl+P stays the window's print).
#include "lumen/client/booking_types.h"
#include "lumen/core/exam.h"
#include "lumen/core/patient.h"

#include <QWidget>

#include <map>
#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class ExamsPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column { AccessionColumn, StatusColumn, ExamColumn, SlotColumn, RequestedByColumn, ColumnCount };

    explicit ExamsPanel(client::ApiClient& client, QWidget* parent = nullptr);

    void setPatient(const std::optional<core::Patient>& patient);
    void setCanRegister(bool canRegister);
    void refresh();

    QTableWidget* table() const { return m_table; }
    const std::vector<core::Exam>& exams() const { return m_exams; }
    // The booking of an exam that is booked and not yet checked in.
    std::optional<client::Booking> activeBooking(core::ExamId examId) const;
    std::optional<core::Exam> selectedExam() const;
    void selectExam(core::ExamId id);
    bool isLoading() const { return m_pending > 0; }
    QString statusText() const;
    // The configuration once loaded (the dialogs then need not ask again).
    const std::optional<client::SchedulingConfigInfo>& config() const { return m_config; }

    bool canRegisterExam() const;
    bool canBook() const;
    bool canChangeBooking() const;
    bool canShowAttachments() const;
    bool canPrintSlip() const;
    bool canCheckIn() const;

    // The desk's actions; each opens its dialog (non-modal) and returns it, or nullptr.
    QWidget* registerExam();
    QWidget* book();
    QWidget* changeBooking();
    QWidget* cancelBooking();
    QWidget* showAttachments();
    QWidget* printSlip();
    // Checks the selected booked exam in at the desk: the patient gets a queue ticket.
    void checkIn();

signals:
    // Exams or bookings changed here: other views of the book should reload.
    void examsChanged();
    // What may be done now changed (selection, permissions, a fresh list).
    void actionsChanged();

protected:
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void loadConfig();
    void show(const std::vector<core::Exam>& exams, const std::vector<client::Booking>& bookings);
    QString slotText(const core::Exam& exam) const;
    void updateButtons();
    void retranslateUi();
    void afterChange(std::optional<core::ExamId> select);

    client::ApiClient& m_client;
    std::optional<core::Patient> m_patient;
    std::vector<core::Exam> m_exams;
    std::map<core::ExamId, client::Booking> m_bookings;
    std::optional<client::SchedulingConfigInfo> m_config;
    bool m_loadingConfig = false;
    bool m_canRegister = false;
    QLabel* m_title = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_register = nullptr;
    QPushButton* m_book = nullptr;
    QPushButton* m_change = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_attachments = nullptr;
    QPushButton* m_printSlip = nullptr;
    QPushButton* m_checkIn = nullptr;
    QLabel* m_status = nullptr;
    QString m_error;
    std::optional<core::ExamId> m_pendingSelect;
    int m_pending = 0;
    int m_sequence = 0;
};

} // namespace lumen::registration
