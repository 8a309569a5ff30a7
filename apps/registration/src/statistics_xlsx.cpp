#include "statistics_xlsx.h"

#include <xlsxwriter.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace lumen::registration {

namespace {

struct Formats
{
    lxw_format* title = nullptr;
    lxw_format* header = nullptr;
    lxw_format* count = nullptr;
    lxw_format* percent = nullptr;
    lxw_format* days = nullptr;
    lxw_format* date = nullptr;
    lxw_format* totalLabel = nullptr;
    lxw_format* totalCount = nullptr;
    lxw_format* totalPercent = nullptr;
};

Formats makeFormats(lxw_workbook* book)
{
    Formats f;
    f.title = workbook_add_format(book);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    f.header = workbook_add_format(book);
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xDDEBF7);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_text_wrap(f.header);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
    f.count = workbook_add_format(book);
    format_set_num_format(f.count, "#,##0");
    f.percent = workbook_add_format(book);
    format_set_num_format(f.percent, "0.0%");
    f.days = workbook_add_format(book);
    format_set_num_format(f.days, "0.0");
    f.date = workbook_add_format(book);
    format_set_num_format(f.date, "yyyy-mm-dd");
    format_set_align(f.date, LXW_ALIGN_LEFT);
    f.totalLabel = workbook_add_format(book);
    format_set_bold(f.totalLabel);
    format_set_top(f.totalLabel, LXW_BORDER_THIN);
    f.totalCount = workbook_add_format(book);
    format_set_bold(f.totalCount);
    format_set_top(f.totalCount, LXW_BORDER_THIN);
    format_set_num_format(f.totalCount, "#,##0");
    f.totalPercent = workbook_add_format(book);
    format_set_bold(f.totalPercent);
    format_set_top(f.totalPercent, LXW_BORDER_THIN);
    format_set_num_format(f.totalPercent, "0.0%");
    return f;
}

// Wraps the C calls: UTF-8 text, and the first error kept to report it.
class Sheet
{
public:
    Sheet(lxw_workbook* book, const QString& name, lxw_error* error)
        : m_sheet(workbook_add_worksheet(book, name.toUtf8().constData())), m_error(error)
    {
    }
    bool valid() const { return m_sheet != nullptr; }
    lxw_worksheet* raw() const { return m_sheet; }

    void text(int row, int col, const QString& value, lxw_format* format = nullptr)
    {
        keep(worksheet_write_string(m_sheet, lxw_row_t(row), lxw_col_t(col), value.toUtf8().constData(),
                                    format));
    }
    void number(int row, int col, double value, lxw_format* format)
    {
        keep(worksheet_write_number(m_sheet, lxw_row_t(row), lxw_col_t(col), value, format));
    }
    void date(int row, int col, const QDate& value, lxw_format* format)
    {
        lxw_datetime when{value.year(), value.month(), value.day(), 0, 0, 0.0};
        keep(worksheet_write_datetime(m_sheet, lxw_row_t(row), lxw_col_t(col), &when, format));
    }
    void headers(int row, const QStringList& names, lxw_format* format)
    {
        for (int c = 0; c < names.size(); ++c)
            text(row, c, names[c], format);
        worksheet_set_row(m_sheet, lxw_row_t(row), 30, nullptr);
        worksheet_freeze_panes(m_sheet, lxw_row_t(row + 1), 0);
    }
    // Excel's widths are in characters; a CJK character is about two.
    void width(int col, const QStringList& texts, double minimum = 8)
    {
        double widest = minimum;
        for (const QString& t : texts) {
            double w = 0;
            for (const QChar ch : t)
                w += ch.unicode() >= 0x2E80 ? 2.1 : 1.1;
            widest = std::max(widest, w + 2);
        }
        keep(worksheet_set_column(m_sheet, lxw_col_t(col), lxw_col_t(col), std::min(widest, 60.0), nullptr));
    }

private:
    void keep(lxw_error e)
    {
        if (e != LXW_NO_ERROR && *m_error == LXW_NO_ERROR)
            *m_error = e;
    }
    lxw_worksheet* m_sheet;
    lxw_error* m_error;
};

QStringList countHeaders()
{
    return {StatisticsXlsx::tr("Bookings"), StatisticsXlsx::tr("Attended"),
            StatisticsXlsx::tr("No-show"),  StatisticsXlsx::tr("Cancelled"),
            StatisticsXlsx::tr("Pending"),  StatisticsXlsx::tr("Booked minutes")};
}

void writeCounts(Sheet& sheet, int row, int firstCol, const client::BookingCounts& c, lxw_format* format)
{
    const double values[] = {double(c.booked),    double(c.attended), double(c.noShow),
                             double(c.cancelled), double(c.pending),  double(c.bookedMinutes)};
    for (int i = 0; i < 6; ++i)
        sheet.number(row, firstCol + i, values[i], format);
}

QString rangeText(const client::BookingStatistics& s)
{
    return StatisticsXlsx::tr("Booking statistics %1 to %2")
        .arg(s.from.toString(Qt::ISODate), s.to.toString(Qt::ISODate));
}

void writeSummary(lxw_workbook* book, const Formats& f, const client::BookingStatistics& s, lxw_error* error)
{
    Sheet sheet(book, StatisticsXlsx::tr("Summary"), error);
    if (!sheet.valid())
        return;
    sheet.text(0, 0, rangeText(s), f.title);
    const QStringList head{StatisticsXlsx::tr("Figure"), StatisticsXlsx::tr("Value")};
    sheet.headers(2, head, f.header);
    struct Line
    {
        QString label;
        double value;
        lxw_format* format;
    };
    std::vector<Line> lines{
        {StatisticsXlsx::tr("Bookings"), double(s.total.booked), f.count},
        {StatisticsXlsx::tr("Attended"), double(s.total.attended), f.count},
        {StatisticsXlsx::tr("No-show"), double(s.total.noShow), f.count},
        {StatisticsXlsx::tr("Cancelled"), double(s.total.cancelled), f.count},
        {StatisticsXlsx::tr("Pending"), double(s.total.pending), f.count},
        {StatisticsXlsx::tr("Attendance rate"), s.attendanceRate, f.percent},
        {StatisticsXlsx::tr("No-show rate"), s.noShowRate, f.percent},
        {StatisticsXlsx::tr("Cancel rate"), s.cancelRate, f.percent},
    };
    if (s.leadTime) {
        lines.push_back({StatisticsXlsx::tr("Lead time, mean (days)"), s.leadTime->mean, f.days});
        lines.push_back({StatisticsXlsx::tr("Lead time, median (days)"), s.leadTime->median, f.days});
        lines.push_back({StatisticsXlsx::tr("Lead time, 90th percentile (days)"), s.leadTime->p90, f.days});
        lines.push_back({StatisticsXlsx::tr("Lead time, longest (days)"), s.leadTime->max, f.days});
    }
    QStringList labels = head;
    int row = 3;
    sheet.text(row, 0, StatisticsXlsx::tr("From"));
    sheet.date(row++, 1, s.from, f.date);
    sheet.text(row, 0, StatisticsXlsx::tr("To"));
    sheet.date(row++, 1, s.to, f.date);
    for (const Line& line : lines) {
        sheet.text(row, 0, line.label);
        sheet.number(row++, 1, line.value, line.format);
        labels << line.label;
    }
    if (!s.leadTime)
        sheet.text(row++, 0, StatisticsXlsx::tr("Lead time: no bookings in the period"));
    sheet.width(0, labels, 24);
    sheet.width(1, {}, 14);
}

void writeByDay(lxw_workbook* book, const Formats& f, const client::BookingStatistics& s, lxw_error* error)
{
    Sheet sheet(book, StatisticsXlsx::tr("By day"), error);
    if (!sheet.valid())
        return;
    const QStringList head = QStringList{StatisticsXlsx::tr("Date")} + countHeaders();
    sheet.headers(0, head, f.header);
    int row = 1;
    for (const auto& day : s.byDay) {
        sheet.date(row, 0, day.date, f.date);
        writeCounts(sheet, row++, 1, day.counts, f.count);
    }
    sheet.text(row, 0, StatisticsXlsx::tr("Total"), f.totalLabel);
    writeCounts(sheet, row, 1, s.total, f.totalCount);
    sheet.width(0, {head[0], StatisticsXlsx::tr("Total")}, 12);
    for (int c = 1; c < head.size(); ++c)
        sheet.width(c, {head[c]}, 9);

    // The same picture as the window's day chart, for the report.
    if (s.byDay.empty())
        return;
    lxw_chart* chart = workbook_add_chart(book, LXW_CHART_COLUMN_STACKED);
    const QByteArray sheetName = StatisticsXlsx::tr("By day").toUtf8();
    const int last = int(s.byDay.size());
    const int columns[] = {2, 3, 4, 5};
    const uint32_t colours[] = {0x4CAF50, 0xE53935, 0x9E9E9E, 0x42A5F5};
    for (int i = 0; i < 4; ++i) {
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        chart_series_set_categories(series, sheetName.constData(), 1, 0, lxw_row_t(last), 0);
        chart_series_set_values(series, sheetName.constData(), 1, lxw_col_t(columns[i]), lxw_row_t(last),
                                lxw_col_t(columns[i]));
        chart_series_set_name_range(series, sheetName.constData(), 0, lxw_col_t(columns[i]));
        lxw_chart_fill fill{};
        fill.color = colours[i];
        chart_series_set_fill(series, &fill);
    }
    chart_title_set_name(chart, StatisticsXlsx::tr("Bookings per day").toUtf8().constData());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options where{};
    where.x_scale = 2.0;
    where.y_scale = 1.4;
    worksheet_insert_chart_opt(sheet.raw(), 1, lxw_col_t(head.size() + 1), chart, &where);
}

void writeByRoom(lxw_workbook* book, const Formats& f, const client::BookingStatistics& s, lxw_error* error)
{
    Sheet sheet(book, StatisticsXlsx::tr("By room"), error);
    if (!sheet.valid())
        return;
    const QStringList head =
        QStringList{StatisticsXlsx::tr("Room"), StatisticsXlsx::tr("Room code")} + countHeaders() +
        QStringList{StatisticsXlsx::tr("Open minutes"), StatisticsXlsx::tr("Slot usage")};
    sheet.headers(0, head, f.header);
    QStringList names{head[0]}, codes{head[1]};
    int row = 1;
    std::int64_t open = 0;
    for (const auto& room : s.byRoom) {
        sheet.text(row, 0, room.roomName.isEmpty() ? room.roomId : room.roomName);
        sheet.text(row, 1, room.roomId);
        writeCounts(sheet, row, 2, room.counts, f.count);
        sheet.number(row, 8, double(room.openMinutes), f.count);
        sheet.number(row, 9, room.usage, f.percent);
        names << room.roomName;
        codes << room.roomId;
        open += room.openMinutes;
        ++row;
    }
    std::int64_t bookedMinutes = 0;
    for (const auto& room : s.byRoom)
        bookedMinutes += room.counts.bookedMinutes;
    sheet.text(row, 0, StatisticsXlsx::tr("Total"), f.totalLabel);
    sheet.text(row, 1, QString(), f.totalLabel);
    writeCounts(sheet, row, 2, s.total, f.totalCount);
    sheet.number(row, 8, double(open), f.totalCount);
    sheet.number(row, 9, open == 0 ? 0.0 : double(bookedMinutes) / double(open), f.totalPercent);
    sheet.width(0, names, 12);
    sheet.width(1, codes, 8);
    for (int c = 2; c < head.size(); ++c)
        sheet.width(c, {head[c]}, 9);
}

void writeByChannel(lxw_workbook* book, const Formats& f, const client::BookingStatistics& s,
                    lxw_error* error)
{
    Sheet sheet(book, StatisticsXlsx::tr("By channel"), error);
    if (!sheet.valid())
        return;
    const QStringList head{StatisticsXlsx::tr("Channel"), StatisticsXlsx::tr("Bookings"),
                           StatisticsXlsx::tr("Share")};
    sheet.headers(0, head, f.header);
    int total = 0;
    for (const auto& c : s.byChannel)
        total += c.booked;
    QStringList names{head[0]};
    int row = 1;
    for (const auto& c : s.byChannel) {
        const QString name = StatisticsXlsx::channelName(c.channel);
        sheet.text(row, 0, name);
        sheet.number(row, 1, c.booked, f.count);
        sheet.number(row, 2, total == 0 ? 0.0 : double(c.booked) / total, f.percent);
        names << name;
        ++row;
    }
    sheet.text(row, 0, StatisticsXlsx::tr("Total"), f.totalLabel);
    sheet.number(row, 1, total, f.totalCount);
    sheet.number(row, 2, total == 0 ? 0.0 : 1.0, f.totalPercent);
    sheet.width(0, names, 14);
    sheet.width(1, {head[1]}, 10);
    sheet.width(2, {head[2]}, 10);
}

} // namespace

QString StatisticsXlsx::channelName(const QString& channel)
{
    if (channel == QLatin1String("registration_desk"))
        return tr("Registration desk");
    if (channel == QLatin1String("clinic"))
        return tr("Clinic (doctor's order)");
    if (channel == QLatin1String("service_desk"))
        return tr("Service desk");
    if (channel == QLatin1String("kiosk"))
        return tr("Self-service kiosk");
    if (channel == QLatin1String("internet"))
        return tr("Internet / mobile");
    if (channel.isEmpty())
        return tr("Unknown");
    return channel;
}

QString StatisticsXlsx::defaultFileName(const QDate& from, const QDate& to)
{
    return tr("booking_statistics") +
           QStringLiteral("_%1_%2.xlsx").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate));
}

QString StatisticsXlsx::write(const client::BookingStatistics& statistics, const QString& path)
{
    const QFileInfo target(path);
    if (!target.absoluteDir().exists())
        return tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(target.absolutePath()));
    // Written beside the target first, so a failed export never leaves half a workbook in its place.
    const QString partial = target.absoluteFilePath() + QStringLiteral(".part");
    lxw_workbook* book = workbook_new(QFile::encodeName(partial).constData());
    if (!book)
        return tr("Cannot create the workbook.");
    lxw_error error = LXW_NO_ERROR;
    const Formats formats = makeFormats(book);
    lxw_doc_properties properties{};
    const QByteArray title = rangeText(statistics).toUtf8();
    properties.title = const_cast<char*>(title.constData());
    properties.comments = const_cast<char*>("Lumen");
    workbook_set_properties(book, &properties);
    writeSummary(book, formats, statistics, &error);
    writeByDay(book, formats, statistics, &error);
    writeByRoom(book, formats, statistics, &error);
    writeByChannel(book, formats, statistics, &error);
    const lxw_error closed = workbook_close(book);
    if (error == LXW_NO_ERROR)
        error = closed;
    if (error != LXW_NO_ERROR) {
        QFile::remove(partial);
        return tr("The workbook could not be written: %1").arg(QString::fromUtf8(lxw_strerror(error)));
    }
    QFile::remove(target.absoluteFilePath());
    if (!QFile::rename(partial, target.absoluteFilePath())) {
        QFile::remove(partial);
        return tr("Cannot save %1: is it open in another program?")
            .arg(QDir::toNativeSeparators(target.absoluteFilePath()));
    }
    return {};
}

} // namespace lumen::registration
