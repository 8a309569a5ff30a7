#include "queue_ticket.h"

#include "appointment_slip.h"
#include "code128.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QPainter>
#include <QPrinter>
#include <QPrinterInfo>

namespace lumen::registration {

namespace {

QFont ticketFont(qreal points, bool bold = false)
{
    QFont font;
    font.setFamilies(AppointmentSlip::fontFamilies());
    font.setPointSizeF(points);
    font.setBold(bold);
    return font;
}

} // namespace

QPageSize QueueTicket::pageSize()
{
    return QPageSize(QSizeF(80, 110), QPageSize::Millimeter, QStringLiteral("Queue ticket 80x110"));
}

void QueueTicket::paint(QPainter& painter, const QRectF& page, const client::CheckInTicket& ticket,
                        const QString& accessionNumber)
{
    const qreal mm = painter.device()->logicalDpiX() / 25.4;
    const QRectF area = page.adjusted(5 * mm, 5 * mm, -5 * mm, -5 * mm);
    painter.save();
    painter.setPen(Qt::black);
    qreal y = area.top();
    auto line = [&](const QFont& font, const QString& text, qreal gapMm = 1) {
        painter.setFont(font);
        const QFontMetricsF fm(font, painter.device());
        const QRectF r = fm.boundingRect(QRectF(area.left(), y, area.width(), 1000 * mm),
                                         Qt::TextWordWrap | Qt::AlignHCenter, text);
        painter.drawText(QRectF(area.left(), y, area.width(), r.height()),
                         Qt::TextWordWrap | Qt::AlignHCenter, text);
        y += r.height() + gapMm * mm;
    };
    line(ticketFont(12, true), AppointmentSlip::hospitalName({}));
    line(ticketFont(10), tr("Queue ticket"), 2);
    line(ticketFont(40, true), ticket.ticket, 1);
    line(ticketFont(16, true), ticket.roomName.isEmpty() ? ticket.roomId : ticket.roomName, 1);
    if (!ticket.patientName.isEmpty())
        line(ticketFont(12), ticket.patientName);
    line(ticketFont(11), tr("%n patient(s) waiting before you", nullptr, ticket.waitingBefore));
    if (!ticket.scheduled.isEmpty())
        line(ticketFont(10), tr("Appointment time %1").arg(ticket.scheduled));
    y += 1 * mm;
    if (const auto values = Code128::encode(accessionNumber.toStdString()); !values.empty()) {
        const qreal module = std::min(0.3 * mm, area.width() / (Code128::moduleCount(values) + 20));
        qreal x = area.left() + (area.width() - Code128::moduleCount(values) * module) / 2;
        bool bar = true;
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::black);
        for (const int w : Code128::widths(values)) {
            if (bar)
                painter.drawRect(QRectF(x, y, w * module, 9 * mm));
            x += w * module;
            bar = !bar;
        }
        painter.setPen(Qt::black);
        y += 10 * mm;
        line(ticketFont(8), accessionNumber);
    }
    line(ticketFont(9), tr("Please wait for your number to be called on the screen."));
    line(ticketFont(8), QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    painter.restore();
}

bool QueueTicket::render(QPagedPaintDevice& device, const client::CheckInTicket& ticket,
                         const QString& accessionNumber)
{
    QPainter painter;
    if (!painter.begin(&device))
        return false;
    const QMarginsF margins = device.pageLayout().marginsPixels(device.logicalDpiX());
    const QRectF page = QRectF(0, 0, device.width(), device.height())
                            .adjusted(-margins.left(), -margins.top(), margins.right(), margins.bottom());
    paint(painter, page, ticket, accessionNumber);
    return painter.end();
}

bool QueueTicket::savePdf(const QString& path, const client::CheckInTicket& ticket,
                          const QString& accessionNumber)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(pageSize());
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    printer.setDocName(tr("Queue ticket %1").arg(ticket.ticket));
    printer.setCreator(QStringLiteral("Lumen"));
    return render(printer, ticket, accessionNumber);
}

bool QueueTicket::printOnDefaultPrinter(const client::CheckInTicket& ticket, const QString& accessionNumber)
{
    const QPrinterInfo info = QPrinterInfo::defaultPrinter();
    if (info.isNull())
        return false;
    QPrinter printer(info, QPrinter::HighResolution);
    printer.setPageSize(pageSize());
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    printer.setDocName(tr("Queue ticket %1").arg(ticket.ticket));
    return render(printer, ticket, accessionNumber);
}

} // namespace lumen::registration
