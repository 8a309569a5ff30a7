#include "appointment_slip.h"

#include "code128.h"
#include "exam_text.h"
#include "qr_code.h"

#include "lumen/ui/domain_text.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPrintDialog>
#include <QPrinter>
#include <QSettings>
#include <QStandardPaths>

namespace lumen::registration {

namespace {

QFont slipFont(qreal points, bool bold = false)
{
    QFont font;
    font.setFamilies(AppointmentSlip::fontFamilies());
    font.setPointSizeF(points);
    font.setBold(bold);
    return font;
}

// Draws the barcode of `text` with bars `moduleWidth` wide, centred in `rect`; returns the
// width used.
qreal paintCode128(QPainter& painter, const QRectF& rect, const QString& text, qreal moduleWidth)
{
    const auto values = Code128::encode(text.toStdString());
    if (values.empty())
        return 0;
    const qreal width = Code128::moduleCount(values) * moduleWidth;
    qreal x = rect.left() + (rect.width() - width) / 2;
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    bool bar = true;
    for (const int modules : Code128::widths(values)) {
        if (bar)
            painter.drawRect(QRectF(x, rect.top(), modules * moduleWidth, rect.height()));
        x += modules * moduleWidth;
        bar = !bar;
    }
    painter.restore();
    return width;
}

} // namespace

QStringList AppointmentSlip::fontFamilies()
{
    // Latin letters and digits from a Latin font first: the CJK fonts' digits lose their text
    // mapping in Qt's PDF output, so the printed numbers could not be searched or copied.
    return {QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC"),
            QStringLiteral("Microsoft YaHei"), QStringLiteral("Arial")};
}

QString AppointmentSlip::hospitalName(const SlipData& data)
{
    if (!data.hospital.trimmed().isEmpty())
        return data.hospital.trimmed();
    const QString configured = QSettings().value(QStringLiteral("slip/hospital")).toString().trimmed();
    return configured.isEmpty() ? tr("Lumen General Hospital") : configured;
}

SlipData AppointmentSlip::fromBooking(const core::Patient& patient, const core::Exam& exam,
                                      const client::Booking& booking)
{
    SlipData data;
    data.department = ExamText::department(exam.department);
    data.patientName = QString::fromStdString(patient.name);
    data.sex = ui::DomainText::sexName(patient.sex);
    const QDate day = booking.date.isValid() ? booking.date : QDate::currentDate();
    if (patient.birthDate)
        data.age = ui::DomainText::age(*patient.birthDate, core::Date{day.year(), day.month(), day.day()});
    for (const auto kind : {core::IdentifierKind::MedicalCardNo, core::IdentifierKind::OutpatientNo,
                            core::IdentifierKind::InpatientNo})
        if (const auto number = patient.identifier(kind); number && data.patientNumber.isEmpty())
            data.patientNumber = QString::fromStdString(*number);
    data.accessionNumber = booking.accessionNumber.isEmpty() ? QString::fromStdString(exam.accessionNumber)
                                                             : booking.accessionNumber;
    data.date = booking.date;
    data.startTime = booking.start.toString(QStringLiteral("HH:mm"));
    if (booking.end.isValid())
        data.endTime = booking.end.toString(QStringLiteral("HH:mm"));
    data.room = booking.roomName.isEmpty() ? booking.roomId : booking.roomName;
    for (const auto& item : exam.items)
        data.examItems << QString::fromStdString(item.method + " " + item.bodyPart).trimmed();
    data.precautions = booking.precautions;
    return data;
}

void AppointmentSlip::paint(QPainter& painter, const QRectF& page, const SlipData& data)
{
    // Millimetres in device pixels; fonts are in points and follow the device's resolution.
    const qreal mm = painter.device()->logicalDpiX() / 25.4;
    const QRectF area = page.adjusted(12 * mm, 10 * mm, -12 * mm, -10 * mm);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(Qt::black);
    qreal y = area.top();

    painter.setFont(slipFont(16, true));
    QFontMetricsF fm(painter.font(), painter.device());
    painter.drawText(QRectF(area.left(), y, area.width(), fm.height()), Qt::AlignHCenter | Qt::AlignVCenter,
                     hospitalName(data));
    y += fm.height() + 1 * mm;
    painter.setFont(slipFont(13, true));
    fm = QFontMetricsF(painter.font(), painter.device());
    const QString heading = data.department.trimmed().isEmpty()
                                ? tr("Appointment slip")
                                : tr("%1 appointment slip").arg(data.department.trimmed());
    painter.drawText(QRectF(area.left(), y, area.width(), fm.height()), Qt::AlignHCenter | Qt::AlignVCenter,
                     heading);
    y += fm.height() + 2 * mm;
    painter.setPen(QPen(Qt::black, 0.3 * mm));
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
    painter.setPen(Qt::black);
    y += 3 * mm;

    // The QR code sits at the top right, beside the fields.
    const qreal qrSide = 32 * mm;
    const QRectF qrRect(area.right() - qrSide, y, qrSide, qrSide);
    QrCode(data.accessionNumber).paint(painter, qrRect);

    QString when = QLocale().toString(data.date, QLocale::ShortFormat);
    if (data.date.isValid())
        when = data.date.toString(QStringLiteral("yyyy-MM-dd")) + QLatin1Char(' ') +
               QLocale().dayName(data.date.dayOfWeek(), QLocale::ShortFormat);
    QString time = data.startTime;
    if (!data.endTime.isEmpty())
        time += QStringLiteral(" - ") + data.endTime;
    QString sexAge = data.sex;
    if (!data.age.isEmpty())
        sexAge += (sexAge.isEmpty() ? QString() : QStringLiteral(" / ")) + data.age;
    QList<std::pair<QString, QString>> fields = {{tr("Name"), data.patientName}, {tr("Sex / age"), sexAge}};
    if (!data.patientNumber.isEmpty())
        fields.append({tr("Patient no."), data.patientNumber});
    fields.append({{tr("Appointment no."), data.accessionNumber},
                   {tr("Date"), when},
                   {tr("Time"), time},
                   {tr("Room"), data.room}});

    const QFont labelFont = slipFont(10.5);
    const QFont valueFont = slipFont(11.5, true);
    const qreal labelWidth = 36 * mm;
    const qreal valueWidth = area.width() - qrSide - labelWidth - 3 * mm;
    for (const auto& [label, value] : fields) {
        painter.setFont(valueFont);
        const QFontMetricsF vm(valueFont, painter.device());
        const QRectF valueRect = vm.boundingRect(QRectF(0, 0, valueWidth, 1000 * mm), Qt::TextWordWrap,
                                                 value.isEmpty() ? "-" : value);
        const qreal rowHeight = std::max(valueRect.height(), vm.height()) + 1.2 * mm;
        painter.drawText(QRectF(area.left() + labelWidth, y, valueWidth, rowHeight), Qt::TextWordWrap,
                         value.isEmpty() ? QStringLiteral("-") : value);
        painter.setFont(labelFont);
        painter.drawText(QRectF(area.left(), y, labelWidth, rowHeight), Qt::AlignLeft | Qt::AlignTop,
                         label + tr(":"));
        y += rowHeight;
    }
    y = std::max(y, qrRect.bottom()) + 2 * mm;

    // Exam items, one per line.
    painter.setFont(labelFont);
    QFontMetricsF lm(labelFont, painter.device());
    painter.drawText(QRectF(area.left(), y, labelWidth, lm.height()), Qt::AlignLeft, tr("Exams") + tr(":"));
    painter.setFont(valueFont);
    const QFontMetricsF vm(valueFont, painter.device());
    for (const QString& item : data.examItems) {
        const QRectF r =
            vm.boundingRect(QRectF(0, 0, area.width() - labelWidth, 1000 * mm), Qt::TextWordWrap, item);
        painter.drawText(QRectF(area.left() + labelWidth, y, area.width() - labelWidth, r.height()),
                         Qt::TextWordWrap, item);
        y += r.height() + 0.5 * mm;
    }
    if (data.examItems.isEmpty())
        y += vm.height();
    y += 3 * mm;

    // The barcode, with the number readable beneath it for typing at the kiosk.
    const qreal barHeight = 13 * mm;
    paintCode128(painter, QRectF(area.left(), y, area.width(), barHeight), data.accessionNumber, 0.35 * mm);
    y += barHeight + 0.5 * mm;
    painter.setFont(slipFont(10));
    lm = QFontMetricsF(painter.font(), painter.device());
    painter.drawText(QRectF(area.left(), y, area.width(), lm.height()), Qt::AlignHCenter,
                     data.accessionNumber);
    y += lm.height() + 3 * mm;

    // Precautions, wrapped; the footer keeps its place at the bottom.
    painter.setPen(QPen(Qt::black, 0.2 * mm));
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
    painter.setPen(Qt::black);
    y += 2 * mm;
    painter.setFont(slipFont(11, true));
    lm = QFontMetricsF(painter.font(), painter.device());
    painter.drawText(QRectF(area.left(), y, area.width(), lm.height()), Qt::AlignLeft, tr("Precautions"));
    y += lm.height() + 1 * mm;
    painter.setFont(slipFont(10));
    lm = QFontMetricsF(painter.font(), painter.device());
    QString precautions = data.precautions.trimmed();
    const QString arrive = tr("Please arrive 15 minutes early and check in at the kiosk with this slip.");
    precautions = precautions.isEmpty() ? arrive : precautions + QLatin1Char('\n') + arrive;
    const qreal footerHeight = lm.height() + 2 * mm;
    painter.drawText(QRectF(area.left(), y, area.width(), area.bottom() - footerHeight - y),
                     Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, precautions);

    painter.setFont(slipFont(8.5));
    painter.drawText(
        QRectF(area.left(), area.bottom() - lm.height(), area.width(), lm.height()),
        Qt::AlignRight | Qt::AlignBottom,
        tr("Printed %1").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    painter.restore();
}

bool AppointmentSlip::render(QPagedPaintDevice& device, const SlipData& data)
{
    QPainter painter;
    if (!painter.begin(&device))
        return false;
    const QRectF page(QPointF(0, 0), QSizeF(device.width(), device.height()));
    // The painter's page starts inside the margins; paint the page as laid out on paper.
    const QMarginsF margins = device.pageLayout().marginsPixels(device.logicalDpiX());
    paint(painter, page.adjusted(-margins.left(), -margins.top(), margins.right(), margins.bottom()), data);
    return painter.end();
}

bool printSlip(QWidget* parent, const SlipData& data)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(AppointmentSlip::pageSize());
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    printer.setDocName(AppointmentSlip::tr("Appointment slip %1").arg(data.accessionNumber));
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(AppointmentSlip::tr("Print appointment slip"));
    if (dialog.exec() != QDialog::Accepted)
        return false;
    return AppointmentSlip::render(printer, data);
}

bool saveSlipPdf(const QString& path, const SlipData& data)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(AppointmentSlip::pageSize());
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    printer.setDocName(AppointmentSlip::tr("Appointment slip %1").arg(data.accessionNumber));
    printer.setCreator(QStringLiteral("Lumen"));
    return AppointmentSlip::render(printer, data);
}

bool saveSlipPdfAs(QWidget* parent, const SlipData& data)
{
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                              QLatin1Char('/') +
                              AppointmentSlip::tr("appointment-%1.pdf").arg(data.accessionNumber);
    const QString path =
        QFileDialog::getSaveFileName(parent, AppointmentSlip::tr("Save appointment slip as PDF"), suggested,
                                     AppointmentSlip::tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return false;
    return saveSlipPdf(path, data);
}

} // namespace lumen::registration
