// The booking statistics window against the real demo server, in a real window (xvfb-run):
// opened from the registration window's menu shortcut, it shows the demo rooms with today's
// bookings, draws its charts, exports a workbook, and says so in words when the server refuses.
#include "gui_test_support.h"
#include "registration_window.h"
#include "statistics_window.h"
#include "test_server.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/language.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen;
using test::artifactDir;

namespace {

// Saved beside the other GUI artifacts and under /tmp, where a reviewer looks first.
QString saveShot(QWidget* widget, const QString& name)
{
    const QImage shot = widget->grab().toImage();
    const QString path = artifactDir() + QLatin1Char('/') + name + QStringLiteral(".png");
    shot.save(path);
    shot.save(QStringLiteral("/tmp/%1.png").arg(name));
    qInfo("screenshot: %s", qPrintable(path));
    return path;
}

int seriesCount(QChartView* view)
{
    return view && view->chart() ? int(view->chart()->series().size()) : 0;
}

} // namespace

class StatisticsGuiTest : public QObject
{
    Q_OBJECT
private:
    test::TestServer m_server;

    bool logIn(client::ApiClient& client)
    {
        return test::logInByApi(client, m_server.url(), QStringLiteral("registrar"));
    }

    static bool waitLoaded(registration::StatisticsWindow* window)
    {
        return QTest::qWaitFor([&] { return !window->isLoading(); }, 20000);
    }

private slots:
    void initTestCase()
    {
        if (test::TestServer::binaryPath().isEmpty())
            QSKIP("lumen-server was not built and LUMEN_SERVER_BINARY is not set");
        const QString problem = m_server.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void cleanupTestCase() { m_server.stop(); }

    // req: 004 statistics: bookings by day/room/channel, rates, slot usage, charts, Excel export
    void statistics_window_shows_demo_rooms_charts_and_exports_zh_CN()
    {
        ui::Language::apply(ui::Language::chinese);
        client::ApiClient client;
        QVERIFY(logIn(client));
        registration::RegistrationWindow desk(client);
        desk.show();
        desk.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&desk, 10000));

        // Ctrl+Shift+S opens the window from the desk, as the Reports menu does.
        QTest::keyClick(&desk, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        auto* window = desk.findChild<registration::StatisticsWindow*>();
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QCOMPARE(window->windowTitle(), QStringLiteral("预约统计"));
        const QDate today = QDate::currentDate();
        QCOMPARE(window->from(), today.addDays(-7));
        QCOMPARE(window->to(), today.addDays(7));
        QVERIFY(waitLoaded(window));
        QVERIFY2(window->statistics().has_value(), qPrintable(window->statusText()));
        const auto& s = *window->statistics();

        // Today's demo bookings are counted.
        const auto day =
            std::find_if(s.byDay.begin(), s.byDay.end(), [&](const auto& d) { return d.date == today; });
        QVERIFY(day != s.byDay.end());
        QVERIFY2(day->counts.booked > 0, "the demo has bookings today");
        QCOMPARE(window->summaryText(QStringLiteral("bookings")), QLocale().toString(s.total.booked));

        // The room table names the demo rooms in Chinese, with their bookings.
        auto* table = window->roomTable();
        QVERIFY(table->rowCount() >= 2);
        QCOMPARE(table->horizontalHeaderItem(0)->text(), QStringLiteral("检查室"));
        QStringList rooms;
        int booked = 0;
        for (int row = 0; row < table->rowCount(); ++row) {
            rooms << table->item(row, 0)->text();
            booked += table->item(row, 1)->data(Qt::UserRole).toInt();
        }
        QVERIFY2(rooms.contains(QStringLiteral("CT1室")), qPrintable(rooms.join(QLatin1Char(','))));
        QVERIFY(booked > 0);
        QVERIFY(table->item(0, 7)->text().endsWith(QLatin1Char('%')));

        // Three charts with their series: per day (stacked), per room (bars and usage), per channel.
        auto* dayChart = window->findChild<QChartView*>(QStringLiteral("dayChart"));
        auto* roomChart = window->findChild<QChartView*>(QStringLiteral("roomChart"));
        auto* channelChart = window->findChild<QChartView*>(QStringLiteral("channelChart"));
        QCOMPARE(seriesCount(dayChart), 1);
        QCOMPARE(seriesCount(roomChart), 2);
        QCOMPARE(seriesCount(channelChart), 1);
        QCOMPARE(dayChart->chart()->title(), QStringLiteral("每日预约"));
        QTest::qWait(300); // let the charts lay out before the picture
        saveShot(window, QStringLiteral("statistics_window_zh_CN"));

        // Export: the suggested name, and a real workbook (a zip) where it was asked for.
        QTemporaryDir dir;
        const QString name = window->defaultExportName();
        QCOMPARE(name,
                 QStringLiteral("预约统计_%1_%2.xlsx")
                     .arg(today.addDays(-7).toString(Qt::ISODate), today.addDays(7).toString(Qt::ISODate)));
        const QString path = dir.filePath(name);
        QCOMPARE(window->exportTo(path), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(2), QByteArray("PK"));
        QVERIFY(file.size() > 4000);
    }

    void presets_reload_and_english_labels()
    {
        ui::Language::apply(ui::Language::english);
        client::ApiClient client;
        QVERIFY(logIn(client));
        registration::StatisticsWindow window(client);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(waitLoaded(&window));
        QVERIFY(window.statistics().has_value());
        // This month: from the first to the last day, and the figures follow.
        QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("monthPresetButton")),
                          Qt::LeftButton);
        const QDate today = QDate::currentDate();
        QCOMPARE(window.from(), QDate(today.year(), today.month(), 1));
        QVERIFY(window.isLoading());
        QVERIFY(waitLoaded(&window));
        QVERIFY(window.statistics().has_value());
        QCOMPARE(window.statistics()->from, window.from());
        QCOMPARE(window.statistics()->to, window.to());
        QCOMPARE(int(window.statistics()->byDay.size()), window.from().daysTo(window.to()) + 1);
        QCOMPARE(window.roomTable()->horizontalHeaderItem(7)->text(), QStringLiteral("Slot usage"));
        QTest::qWait(300);
        saveShot(&window, QStringLiteral("statistics_window_en_month"));
    }

    void refusal_and_bad_range_are_told_in_words()
    {
        ui::Language::apply(ui::Language::english);
        client::ApiClient client;
        QVERIFY(logIn(client));
        registration::StatisticsWindow window(client);
        window.show();
        QVERIFY(waitLoaded(&window));
        QVERIFY(window.statistics().has_value());
        auto* exportButton = window.findChild<QPushButton*>(QStringLiteral("exportButton"));
        QVERIFY(exportButton->isEnabled());

        // The last day before the first: nothing is asked, the nurse is told why.
        window.setRange(QDate::currentDate(), QDate::currentDate().addDays(-3));
        QVERIFY(!window.isLoading());
        QVERIFY(window.statusText().contains(QStringLiteral("after the last day")));
        QVERIFY(!exportButton->isEnabled());

        // The server refuses a caller whose session has ended: the window says so, shows no stale figures.
        bool loggedOut = false;
        client.logout(nullptr, [&](const client::Result<client::Done>&) { loggedOut = true; });
        QVERIFY(QTest::qWaitFor([&] { return loggedOut; }, 15000));
        QSignalSpy failed(&window, &registration::StatisticsWindow::loadFailed);
        window.setRange(QDate::currentDate(), QDate::currentDate());
        QVERIFY(QTest::qWaitFor([&] { return failed.count() == 1; }, 15000));
        QVERIFY(!window.statistics().has_value());
        QVERIFY2(window.statusText().startsWith(QStringLiteral("The statistics could not be loaded")),
                 qPrintable(window.statusText()));
        QCOMPARE(window.roomTable()->rowCount(), 0);
        QVERIFY(!exportButton->isEnabled());
        saveShot(&window, QStringLiteral("statistics_window_refused"));
    }
};

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QApplication app(argc, argv);
    ui::initClientApplication(app, QStringLiteral("lumen-statistics-gui-test"),
                              &registration::RegistrationWindow::title);
    StatisticsGuiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_statistics_gui.moc"
