#pragma once
// The desk's booking statistics (req 004): over a range of days (last 7 to next 7 by default,
// or this week, this month, last month), the figures a head nurse reports — bookings,
// attendance, no-show and cancel rates, lead time — with charts per day (attended, no-show,
// cancelled, pending), per room with slot usage, and per channel, a table of the rooms, and an
// Excel export of all of it.
#include "lumen/client/booking_statistics.h"

#include <QDate>
#include <QWidget>

#include <optional>

class QDateEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

class QChartView;

namespace lumen::client {
class ApiClient;
struct ApiError;
} // namespace lumen::client

namespace lumen::registration {

class StatisticsWindow : public QWidget
{
    Q_OBJECT
public:
    explicit StatisticsWindow(client::ApiClient& client, QWidget* parent = nullptr);

    // Sets both dates and loads at once.
    void setRange(const QDate& from, const QDate& to);
    QDate from() const;
    QDate to() const;
    void reload();

    bool isLoading() const { return m_loading; }
    // The figures shown; none before the first answer or after a refusal.
    const std::optional<client::BookingStatistics>& statistics() const { return m_statistics; }
    QTableWidget* roomTable() const { return m_roomTable; }
    QString statusText() const;
    // The summary figures as shown, keyed bookings, attendance, noShow, cancel, leadTime.
    QString summaryText(const QString& key) const;

    // Writes the shown figures to `path`; empty on success, else why not.
    QString exportTo(const QString& path) const;
    QString defaultExportName() const;
    // Asks where to save (预约统计_FROM_TO.xlsx in the last folder used) and writes there.
    void exportWithDialog();

    // The presets of the range row.
    static std::pair<QDate, QDate> defaultRange(const QDate& today);
    static std::pair<QDate, QDate> thisWeek(const QDate& today);
    static std::pair<QDate, QDate> thisMonth(const QDate& today);
    static std::pair<QDate, QDate> lastMonth(const QDate& today);

signals:
    void loaded();
    void loadFailed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void setBusy(bool busy);
    void showError(const QString& message);
    void showStatistics();
    void clearFigures();
    void fillSummary();
    void fillDayChart();
    void fillRoomChart();
    void fillChannelChart();
    void fillRoomTable();
    void applyPreset(const std::pair<QDate, QDate>& range);

    client::ApiClient& m_client;
    std::optional<client::BookingStatistics> m_statistics;
    quint64 m_request = 0;
    bool m_loading = false;
    QString m_error;

    QLabel* m_fromLabel = nullptr;
    QLabel* m_toLabel = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QPushButton* m_defaultPreset = nullptr;
    QPushButton* m_weekPreset = nullptr;
    QPushButton* m_monthPreset = nullptr;
    QPushButton* m_lastMonthPreset = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_export = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_reloadTimer = nullptr;

    struct Tile
    {
        QString key;
        QLabel* value = nullptr;
        QLabel* caption = nullptr;
    };
    std::vector<Tile> m_tiles;

    QChartView* m_dayChart = nullptr;
    QChartView* m_roomChart = nullptr;
    QChartView* m_channelChart = nullptr;
    QTableWidget* m_roomTable = nullptr;
};

} // namespace lumen::registration
