#pragma once
// The appointment slip (预约单) handed to the patient after booking: who, what, when, where,
// the precautions, and the accession number as a QR code and a Code 128 barcode, which the
// check-in kiosk scans. Painted with QPainter onto any paged device (printer, PDF).
#include <QCoreApplication>
#include <QDate>
#include <QPageSize>
#include <QString>
#include <QStringList>

#include "lumen/client/booking_types.h"
#include "lumen/core/exam.h"
#include "lumen/core/patient.h"

class QPagedPaintDevice;
class QPainter;
class QRectF;
class QWidget;

namespace lumen::registration {

// Plain fields, already in words, so that any dialog can fill them after booking.
struct SlipData
{
    QString hospital;   // empty: the workstation's setting "slip/hospital", else a default
    QString department; // e.g. 放射科
    QString patientName;
    QString sex;           // in words: 男 / 女
    QString age;           // in words: 45岁
    QString patientNumber; // medical card or patient number, optional
    QString accessionNumber;
    QDate date;
    QString startTime; // HH:MM
    QString endTime;   // HH:MM, optional
    QString room;      // room name: CT1室
    QStringList examItems;
    QString precautions;
};

class AppointmentSlip
{
    Q_DECLARE_TR_FUNCTIONS(lumen::registration::AppointmentSlip)
public:
    static QPageSize pageSize() { return QPageSize(QPageSize::A5); }
    // Paints one slip into `page` (device pixels of the painter's device).
    static void paint(QPainter& painter, const QRectF& page, const SlipData& data);
    // Paints one page on `device`; false when the device cannot be painted on.
    static bool render(QPagedPaintDevice& device, const SlipData& data);
    static QString hospitalName(const SlipData& data);
    // The slip of a booked exam: sex and age in words (age on the day of the appointment),
    // the exam's items, the booking's room, time and precautions.
    static SlipData fromBooking(const core::Patient& patient, const core::Exam& exam,
                                const client::Booking& booking);
    // The font family list used on slips and tickets: CJK glyphs for patient names.
    static QStringList fontFamilies();
};

// Opens the system's print dialog and prints the slip; false when cancelled or failed.
bool printSlip(QWidget* parent, const SlipData& data);
// Writes the slip as a one-page PDF; false when the file cannot be written.
bool saveSlipPdf(const QString& path, const SlipData& data);
// Asks for a file name and saves the slip as PDF; false when cancelled or failed.
bool saveSlipPdfAs(QWidget* parent, const SlipData& data);

} // namespace lumen::registration
