#pragma once
// Stopping an exam room for some days (检查室停开): choose the room, the dates and the reason,
// preview which booked patients move to which slot (or why none is left), stop the room, and
// print the list for the nurses who phone the patients. Reopening gives the days back.
// req: issue 4 stopping a room offers batch rescheduling of its booked exams with a list to notify
#include "lumen/client/admin_types.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPrinter;
class QPushButton;
class QTableWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class RoomStopDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RoomStopDialog(client::ApiClient& client, QWidget* parent = nullptr);

    void setRoom(const QString& roomId);
    void setDates(const QDate& from, const QDate& to);
    void setReason(const QString& reason);

    // Asks the server which bookings the stop would move; changes nothing.
    void preview();
    // Asks for confirmation (unless `confirmed`), then stops the room and shows the notices.
    void stopRoom(bool confirmed = false);
    void reopenRoom(bool confirmed = false);
    // Print dialog, then the notice list on the chosen printer (or PDF file).
    void print();
    bool printNotices(QPrinter& printer) const;
    bool saveNoticesPdf(const QString& path) const;
    // The notice list as HTML (what is printed).
    QString noticesHtml() const;

    bool isBusy() const { return m_busy; }
    bool hasApplied() const { return m_applied; }
    const std::vector<client::RoomStopNotice>& notices() const { return m_result.notices; }
    QString statusText() const;
    QComboBox* roomCombo() const { return m_room; }
    QTableWidget* table() const { return m_table; }
    QPushButton* previewButton() const { return m_previewButton; }
    QPushButton* stopButton() const { return m_stopButton; }
    QPushButton* reopenButton() const { return m_reopenButton; }
    QPushButton* printButton() const { return m_printButton; }

    // "CT2室 2026-11-23 08:30" for a notice slot.
    static QString slotText(const client::NoticeSlot& slot);
    // The new slot, or "No slot: <reasons>".
    static QString newSlotText(const client::RoomStopNotice& notice);

signals:
    void roomsLoaded();
    // A request finished (preview, stop or reopen), successfully or not.
    void finished();
    // The book changed (stop applied or room reopened).
    void bookingsChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void loadRooms();
    void showResult(const client::RoomStopResult& result, bool applied);
    void setBusy(bool busy);
    void setStatus(const QString& text, bool error = false);
    void updateButtons();
    QString roomName(const QString& roomId) const;
    bool validInput();

    client::ApiClient& m_client;
    std::vector<client::RoomInfo> m_rooms;
    client::RoomStopResult m_result;
    bool m_applied = false;
    bool m_busy = false;
    QString m_pendingRoom;
    QLabel* m_roomLabel = nullptr;
    QLabel* m_fromLabel = nullptr;
    QLabel* m_toLabel = nullptr;
    QLabel* m_reasonLabel = nullptr;
    QComboBox* m_room = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QComboBox* m_reason = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_previewButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_reopenButton = nullptr;
    QPushButton* m_printButton = nullptr;
    QPushButton* m_closeButton = nullptr;
};

} // namespace lumen::registration
