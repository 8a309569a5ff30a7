// The booking statistics workbook as a hospital's Excel opens it: the .xlsx is unzipped and its
// sheets, cells and number formats read back (Python's zipfile), from a known statistics value.
// Also the JSON form of the statistics and the range presets. No server, no window shown.
#include "statistics_window.h"
#include "statistics_xlsx.h"

#include "lumen/client/booking_statistics.h"
#include "lumen/core/error.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/language.h"

#include <nlohmann/json.hpp>

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen;

namespace {

// The statistics document as the server sends it (server/API.md), for 2026-11-16..18.
const char* const sampleJson = R"({
  "from": "2026-11-16", "to": "2026-11-18",
  "total": {"booked": 20, "attended": 12, "noShow": 3, "cancelled": 2, "pending": 3, "bookedMinutes": 450},
  "attendanceRate": 0.8, "noShowRate": 0.2, "cancelRate": 0.1,
  "leadTimeDays": {"mean": 2.5, "median": 2, "p90": 6, "max": 9},
  "byDay": [
    {"date": "2026-11-16", "booked": 8, "attended": 6, "noShow": 1, "cancelled": 1, "pending": 0, "bookedMinutes": 180},
    {"date": "2026-11-17", "booked": 7, "attended": 6, "noShow": 2, "cancelled": 1, "pending": 0, "bookedMinutes": 160},
    {"date": "2026-11-18", "booked": 5, "attended": 0, "noShow": 0, "cancelled": 0, "pending": 3, "bookedMinutes": 110}],
  "byRoom": [
    {"roomId": "CT1", "roomName": "CT1室", "booked": 12, "attended": 8, "noShow": 2, "cancelled": 1, "pending": 1,
     "bookedMinutes": 300, "openMinutes": 1200, "usage": 0.25},
    {"roomId": "MR1", "roomName": "磁共振1室", "booked": 8, "attended": 4, "noShow": 1, "cancelled": 1, "pending": 2,
     "bookedMinutes": 150, "openMinutes": 0, "usage": 0}],
  "byChannel": [{"channel": "kiosk", "booked": 5}, {"channel": "registration_desk", "booked": 15}]
})";

client::BookingStatistics sample()
{
    return client::bookingStatisticsFromJson(nlohmann::json::parse(sampleJson));
}

// Reads every sheet of an .xlsx: names in order, and per sheet each cell's value (shared
// strings resolved, numbers as numbers) with its number format code, and the column widths.
const char* const readXlsxPy = R"PY(
import json, sys, zipfile
import xml.etree.ElementTree as ET
M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
z = zipfile.ZipFile(sys.argv[1])
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall(M + 'si'):
        shared.append(''.join(t.text or '' for t in si.iter(M + 't')))
styles = ET.fromstring(z.read('xl/styles.xml'))
codes = {n.get('numFmtId'): n.get('formatCode') for n in styles.iter(M + 'numFmt')}
builtin = {'0': 'General', '3': '#,##0', '9': '0%', '10': '0.00%', '14': 'm/d/yyyy'}
xfs = [xf.get('numFmtId', '0') for xf in styles.find(M + 'cellXfs').findall(M + 'xf')]
book = ET.fromstring(z.read('xl/workbook.xml'))
rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
out = {'sheets': [], 'cells': {}, 'widths': {}}
for s in book.find(M + 'sheets'):
    name = s.get('name')
    out['sheets'].append(name)
    root = ET.fromstring(z.read('xl/' + rels[s.get(R + 'id')]))
    cells = {}
    for c in root.iter(M + 'c'):
        v = c.find(M + 'v')
        value = None if v is None else v.text
        if c.get('t') == 's':
            value = shared[int(value)]
        elif c.get('t') == 'inlineStr':
            value = ''.join(t.text or '' for t in c.iter(M + 't'))
        elif value is not None:
            value = float(value)
        fid = xfs[int(c.get('s', '0'))]
        cells[c.get('r')] = {'v': value, 'f': codes.get(fid, builtin.get(fid, fid))}
    out['cells'][name] = cells
    out['widths'][name] = [float(col.get('width')) for col in root.iter(M + 'col')]
print(json.dumps(out, ensure_ascii=False))
)PY";

QJsonObject readXlsx(const QString& path, QString* problem)
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        *problem = QStringLiteral("python3 is not installed");
        return {};
    }
    QProcess process;
    process.start(python, {QStringLiteral("-c"), QString::fromUtf8(readXlsxPy), path});
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        *problem = QString::fromUtf8(process.readAllStandardError());
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

} // namespace

class StatisticsXlsxTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QJsonObject written(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        const QString problem = registration::StatisticsXlsx::write(sample(), path);
        if (!problem.isEmpty()) {
            qWarning("%s", qPrintable(problem));
            return {};
        }
        QString readProblem;
        const auto book = readXlsx(path, &readProblem);
        if (book.isEmpty())
            qWarning("cannot read back %s: %s", qPrintable(path), qPrintable(readProblem));
        return book;
    }

private slots:
    void statistics_json_is_read_with_every_figure()
    {
        const auto s = sample();
        QCOMPARE(s.from, QDate(2026, 11, 16));
        QCOMPARE(s.to, QDate(2026, 11, 18));
        QCOMPARE(s.total.booked, 20);
        QCOMPARE(s.total.noShow, 3);
        QCOMPARE(s.total.bookedMinutes, 450);
        QCOMPARE(s.attendanceRate, 0.8);
        QVERIFY(s.leadTime.has_value());
        QCOMPARE(s.leadTime->median, 2.0);
        QCOMPARE(s.leadTime->p90, 6.0);
        QCOMPARE(int(s.byDay.size()), 3);
        QCOMPARE(s.byDay[2].date, QDate(2026, 11, 18));
        QCOMPARE(s.byDay[2].counts.pending, 3);
        QCOMPARE(int(s.byRoom.size()), 2);
        QCOMPARE(s.byRoom[0].roomName, QStringLiteral("CT1室"));
        QCOMPARE(s.byRoom[0].openMinutes, 1200);
        QCOMPARE(s.byRoom[0].usage, 0.25);
        QCOMPARE(int(s.byChannel.size()), 2);
        QCOMPARE(s.byChannel[1].channel, QStringLiteral("registration_desk"));

        // No lead time at all (an empty range) is null, not an error.
        auto empty = nlohmann::json::parse(sampleJson);
        empty["leadTimeDays"] = nullptr;
        QVERIFY(!client::bookingStatisticsFromJson(empty).leadTime);
        // A document of another shape is refused, not half read.
        for (const char* field : {"from", "total", "byRoom"}) {
            auto broken = nlohmann::json::parse(sampleJson);
            broken.erase(field);
            QVERIFY_THROWS_EXCEPTION(core::Error, client::bookingStatisticsFromJson(broken));
        }
        auto badDate = nlohmann::json::parse(sampleJson);
        badDate["byDay"][0]["date"] = "16/11/2026";
        QVERIFY_THROWS_EXCEPTION(core::Error, client::bookingStatisticsFromJson(badDate));
    }

    // req: 004 statistics with Excel export
    void workbook_has_four_named_sheets_with_headers_and_figures_zh_CN()
    {
        ui::Language::apply(ui::Language::chinese);
        QCOMPARE(registration::StatisticsXlsx::defaultFileName(QDate(2026, 11, 16), QDate(2026, 11, 18)),
                 QStringLiteral("预约统计_2026-11-16_2026-11-18.xlsx"));
        const auto book = written(QStringLiteral("zh.xlsx"));
        QVERIFY(!book.isEmpty());
        QCOMPARE(book.value("sheets").toArray().toVariantList(),
                 QVariantList({QStringLiteral("汇总"), QStringLiteral("按日"), QStringLiteral("按检查室"),
                               QStringLiteral("按渠道")}));
        const auto cells = book.value("cells").toObject();
        auto cell = [&](const char* sheet, const char* ref) {
            return cells.value(QString::fromUtf8(sheet)).toObject().value(QLatin1String(ref)).toObject();
        };
        // By room: Chinese room names and headers, counts and usage as a percentage.
        QCOMPARE(cell("按检查室", "A1").value("v").toString(), QStringLiteral("检查室"));
        QCOMPARE(cell("按检查室", "A2").value("v").toString(), QStringLiteral("CT1室"));
        QCOMPARE(cell("按检查室", "A3").value("v").toString(), QStringLiteral("磁共振1室"));
        QCOMPARE(cell("按检查室", "C2").value("v").toDouble(), 12.0);
        QCOMPARE(cell("按检查室", "J2").value("v").toDouble(), 0.25);
        QVERIFY(cell("按检查室", "J2").value("f").toString().endsWith(QLatin1Char('%')));
        // The total row: 450 booked minutes over 1200 open ones.
        QCOMPARE(cell("按检查室", "A4").value("v").toString(), QStringLiteral("合计"));
        QCOMPARE(cell("按检查室", "J4").value("v").toDouble(), 450.0 / 1200.0);
        // By channel in words a nurse uses, with shares.
        QCOMPARE(cell("按渠道", "A2").value("v").toString(), QStringLiteral("自助机"));
        QCOMPARE(cell("按渠道", "A3").value("v").toString(), QStringLiteral("登记台"));
        QCOMPARE(cell("按渠道", "C3").value("v").toDouble(), 0.75);
    }

    void workbook_has_four_named_sheets_with_headers_and_figures_en()
    {
        ui::Language::apply(ui::Language::english);
        QCOMPARE(registration::StatisticsXlsx::defaultFileName(QDate(2026, 11, 16), QDate(2026, 11, 18)),
                 QStringLiteral("booking_statistics_2026-11-16_2026-11-18.xlsx"));
        const auto book = written(QStringLiteral("en.xlsx"));
        QVERIFY(!book.isEmpty());
        QCOMPARE(book.value("sheets").toArray().toVariantList(),
                 QVariantList({QStringLiteral("Summary"), QStringLiteral("By day"), QStringLiteral("By room"),
                               QStringLiteral("By channel")}));
        const auto cells = book.value("cells").toObject();
        auto cell = [&](const char* sheet, const char* ref) {
            return cells.value(QLatin1String(sheet)).toObject().value(QLatin1String(ref)).toObject();
        };
        // Summary: the range as dates, the rates as percentages, lead time in days.
        QCOMPARE(cell("Summary", "A3").value("v").toString(), QStringLiteral("Figure"));
        QCOMPARE(cell("Summary", "A4").value("v").toString(), QStringLiteral("From"));
        QCOMPARE(cell("Summary", "B4").value("f").toString(), QStringLiteral("yyyy-mm-dd"));
        QCOMPARE(cell("Summary", "B4").value("v").toDouble(), 46342.0); // 2026-11-16 as an Excel serial
        QCOMPARE(cell("Summary", "A6").value("v").toString(), QStringLiteral("Bookings"));
        QCOMPARE(cell("Summary", "B6").value("v").toDouble(), 20.0);
        QCOMPARE(cell("Summary", "A11").value("v").toString(), QStringLiteral("Attendance rate"));
        QCOMPARE(cell("Summary", "B11").value("v").toDouble(), 0.8);
        QCOMPARE(cell("Summary", "B11").value("f").toString(), QStringLiteral("0.0%"));
        QCOMPARE(cell("Summary", "B12").value("v").toDouble(), 0.2);
        QCOMPARE(cell("Summary", "B13").value("v").toDouble(), 0.1);
        QCOMPARE(cell("Summary", "A15").value("v").toString(), QStringLiteral("Lead time, median (days)"));
        QCOMPARE(cell("Summary", "B15").value("v").toDouble(), 2.0);
        // By day: one row per day, then the total.
        QCOMPARE(cell("By day", "A1").value("v").toString(), QStringLiteral("Date"));
        QCOMPARE(cell("By day", "F1").value("v").toString(), QStringLiteral("Pending"));
        QCOMPARE(cell("By day", "A4").value("v").toDouble(), 46344.0);
        QCOMPARE(cell("By day", "F4").value("v").toDouble(), 3.0);
        QCOMPARE(cell("By day", "A5").value("v").toString(), QStringLiteral("Total"));
        QCOMPARE(cell("By day", "B5").value("v").toDouble(), 20.0);
        // Columns are set wide enough for their headers.
        const auto widths = book.value("widths").toObject().value("Summary").toArray();
        QCOMPARE(widths.size(), 2);
        QVERIFY(widths[0].toDouble() >= 24.0);
    }

    void unwritable_folder_is_refused_in_words()
    {
        ui::Language::apply(ui::Language::english);
        const QString problem =
            registration::StatisticsXlsx::write(sample(), m_dir.filePath(QStringLiteral("missing/out.xlsx")));
        QVERIFY(problem.contains(QStringLiteral("does not exist")));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("missing/out.xlsx"))));
    }

    void range_presets_cover_whole_weeks_and_months()
    {
        const QDate wednesday(2026, 11, 18);
        QCOMPARE(registration::StatisticsWindow::defaultRange(wednesday),
                 std::make_pair(QDate(2026, 11, 11), QDate(2026, 11, 25)));
        QCOMPARE(registration::StatisticsWindow::thisWeek(wednesday),
                 std::make_pair(QDate(2026, 11, 16), QDate(2026, 11, 22)));
        QCOMPARE(registration::StatisticsWindow::thisMonth(wednesday),
                 std::make_pair(QDate(2026, 11, 1), QDate(2026, 11, 30)));
        QCOMPARE(registration::StatisticsWindow::lastMonth(wednesday),
                 std::make_pair(QDate(2026, 10, 1), QDate(2026, 10, 31)));
        QCOMPARE(registration::StatisticsWindow::lastMonth(QDate(2027, 1, 5)),
                 std::make_pair(QDate(2026, 12, 1), QDate(2026, 12, 31)));
    }
};

int main(int argc, char* argv[])
{
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QApplication app(argc, argv);
    ui::initClientApplication(app, QStringLiteral("lumen-statistics-xlsx-test"), {});
    StatisticsXlsxTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_statistics_xlsx.moc"
