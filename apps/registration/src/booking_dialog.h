#pragma once
// Books one or more requested exams of a patient: the desk states preferences (same day,
// weekdays or weekends, morning or afternoon, a chosen date), the appointment engine proposes
// combinations best first (room, date, time, precautions), or the desk picks a free start from
// the windows of the next days; refusals are shown in words
// (req: 000 §2.3.6.2 recommendation, combined exams, preferences, free choice).
// A successful booking opens the appointment slips (print or PDF) beside the parent window.
#include "lumen/client/booking_types.h"
#include "lumen/core/exam.h"
#include "lumen/core/patient.h"

#include <QDialog>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class BookingDialog : public QDialog
{
    Q_OBJECT
public:
    BookingDialog(client::ApiClient& client, const core::Patient& patient, std::vector<core::Exam> exams,
                  std::optional<client::SchedulingConfigInfo> config, QWidget* parent = nullptr);

    client::BookingPreferences preferences() const;
    const client::Recommendation& recommendation() const { return m_recommendation; }
    bool isLoading() const { return m_pending > 0; }
    QString messageText() const;
    QTableWidget* recommendationTable() const { return m_combinations; }

    // Asks the engine again with the current preferences.
    void search();
    // Books the chosen combination (row of the table) as one request.
    void bookCombination(int row);
    void bookChosenTime();

signals:
    void booked(const std::vector<lumen::client::Booking>& bookings);

private:
    void runSearch(bool keepMessage);
    void showRecommendation();
    void showWindows();
    void fillStarts();
    void send(const std::vector<client::SlotChoice>& items);
    void showMessage(const QString& text, bool isError);
    void offerSlips(const std::vector<client::Booking>& bookings);
    QString examLabel(core::ExamId id) const;
    QString roomName(const QString& roomId) const;

    client::ApiClient& m_client;
    core::Patient m_patient;
    std::vector<core::Exam> m_exams;
    std::optional<client::SchedulingConfigInfo> m_config;
    client::Recommendation m_recommendation;
    std::vector<client::ExamWindows> m_windows;
    QCheckBox* m_sameDay = nullptr;
    QComboBox* m_days = nullptr;
    QComboBox* m_dayPart = nullptr;
    QCheckBox* m_onDate = nullptr;
    QDateEdit* m_date = nullptr;
    QPushButton* m_search = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableWidget* m_combinations = nullptr;
    QPushButton* m_bookRecommended = nullptr;
    QComboBox* m_windowExam = nullptr;
    QTableWidget* m_windowTable = nullptr;
    QComboBox* m_start = nullptr;
    QPushButton* m_bookChosen = nullptr;
    QLabel* m_message = nullptr;
    int m_pending = 0;
    int m_sequence = 0;
    bool m_sending = false;
    // A refusal stays on screen while the fresh proposals load.
    QString m_stickyMessage;
};

} // namespace lumen::registration
