#pragma once
// The small queue ticket (排队小票) the kiosk prints after check-in: ticket number in large
// type, room, how many wait before, and the accession number as a barcode.
#include "lumen/client/queue_types.h"

#include <QCoreApplication>
#include <QPageSize>
#include <QString>

class QPagedPaintDevice;
class QPainter;
class QRectF;

namespace lumen::registration {

class QueueTicket
{
    Q_DECLARE_TR_FUNCTIONS(lumen::registration::QueueTicket)
public:
    // An 80 mm thermal roll, one ticket long.
    static QPageSize pageSize();
    static void paint(QPainter& painter, const QRectF& page, const client::CheckInTicket& ticket,
                      const QString& accessionNumber);
    static bool render(QPagedPaintDevice& device, const client::CheckInTicket& ticket,
                       const QString& accessionNumber);
    // One-page PDF; false when the file cannot be written.
    static bool savePdf(const QString& path, const client::CheckInTicket& ticket,
                        const QString& accessionNumber);
    // Prints on the default printer without a dialog (a kiosk has nobody to answer one);
    // false when there is no printer.
    static bool printOnDefaultPrinter(const client::CheckInTicket& ticket, const QString& accessionNumber);
};

} // namespace lumen::registration
