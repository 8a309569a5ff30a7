#pragma once
// The booking statistics as an Excel workbook (.xlsx) for the department's monthly reports:
// sheets Summary, By day, By room and By channel (named in the interface language), with
// headers, percent formats for rates and widths that fit the text.
#include "lumen/client/booking_statistics.h"

#include <QCoreApplication>
#include <QString>

namespace lumen::registration {

class StatisticsXlsx
{
    Q_DECLARE_TR_FUNCTIONS(lumen::registration::StatisticsXlsx)
public:
    // Writes `statistics` to `path`; returns an empty string on success, else why not in words.
    static QString write(const client::BookingStatistics& statistics, const QString& path);
    // 预约统计_2026-11-16_2026-11-30.xlsx (the first word in the interface language).
    static QString defaultFileName(const QDate& from, const QDate& to);
    // A booking channel's wire code (registration_desk, kiosk...) as a desk nurse names it.
    static QString channelName(const QString& channel);
};

} // namespace lumen::registration
