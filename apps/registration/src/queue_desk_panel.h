#pragma once
// Calling at the desk or at the modality: a room's queue with call next (F5), recall (F6) and
// skip (F7). Recall and skip act on the selected patient, else on the one called now.
#include "lumen/client/queue_types.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class QueueDeskPanel : public QWidget
{
    Q_OBJECT
public:
    explicit QueueDeskPanel(client::ApiClient& client, QWidget* parent = nullptr);

    void setRoom(const QString& roomId);
    QString room() const;
    void refresh();
    QString statusText() const;
    QTableWidget* table() const { return m_table; }
    QPushButton* callNextButton() const { return m_callNext; }
    QPushButton* recallButton() const { return m_recall; }
    QPushButton* skipButton() const { return m_skip; }

signals:
    void refreshed();
    void actionDone(const QString& statusText);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void loadRooms();
    void showQueue(const client::RoomQueue& queue);
    std::int64_t targetExam() const;
    void callNext();
    void recall();
    void skip();
    void report(const QString& text);

    client::ApiClient& m_client;
    QTimer m_refresh;
    client::RoomQueue m_queue;
    QLabel* m_roomLabel = nullptr;
    QComboBox* m_room = nullptr;
    QLabel* m_current = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_callNext = nullptr;
    QPushButton* m_recall = nullptr;
    QPushButton* m_skip = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace lumen::registration
