// The appointment slip as printed: rendered to PDF, rasterised with pdftoppm, and its QR code
// and Code 128 barcode read back with zbarimg, as the kiosk's scanner would read them.
#include "appointment_slip.h"
#include "code128.h"
#include "queue_ticket.h"

#include "lumen/ui/client_app.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen::registration;

namespace {

const QString accession = QStringLiteral("R20261122-0007");

// Runs a tool and returns its standard output; empty and a warning when it fails.
QString run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("%s %s: %s", qPrintable(program), qPrintable(arguments.join(QLatin1Char(' '))),
                 process.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

// PDF page -> PNG at `dpi`; the path of the image, empty on failure.
QString rasterise(const QString& pdf, int dpi)
{
    const QString base = pdf.chopped(4);
    run(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"), QString::number(dpi),
                                     QStringLiteral("-singlefile"), pdf, base});
    const QString png = base + QStringLiteral(".png");
    return QFileInfo::exists(png) ? png : QString();
}

// What zbarimg reads in `png` with only the symbology `code` enabled.
QStringList decoded(const QString& png, const QString& code)
{
    return run(QStringLiteral("zbarimg"),
               {QStringLiteral("--raw"), QStringLiteral("-q"), QStringLiteral("-Sdisable"),
                QStringLiteral("-S%1.enable").arg(code), png})
        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// Keeps the rasterised page beside the GUI screenshots for a person to look at.
void keepArtifact(const QString& png, const QString& name)
{
    QDir dir(QStringLiteral(LUMEN_GUI_ARTIFACT_DIR));
    dir.mkpath(QStringLiteral("."));
    QFile::remove(dir.filePath(name));
    if (QFile::copy(png, dir.filePath(name)))
        qInfo("page image: %s", qPrintable(dir.filePath(name)));
}

SlipData sampleSlip()
{
    SlipData data;
    data.hospital = QStringLiteral("北京协和示范医院");
    data.department = QStringLiteral("放射科");
    data.patientName = QStringLiteral("欧阳晓明");
    data.sex = QStringLiteral("男");
    data.age = QStringLiteral("45岁");
    data.patientNumber = QStringLiteral("JZK-000123");
    data.accessionNumber = accession;
    data.date = QDate(2026, 11, 23);
    data.startTime = QStringLiteral("08:30");
    data.endTime = QStringLiteral("08:45");
    data.room = QStringLiteral("CT1室");
    data.examItems = {QStringLiteral("CT平扫 胸部"), QStringLiteral("CT增强 上腹部")};
    data.precautions =
        QStringLiteral("去除金属物品。检查前禁食4小时，携带既往影像资料。增强检查需家属陪同并签署知情同意书，"
                       "如有碘过敏史请提前告知医生。检查后多饮水以促进造影剂排出。");
    return data;
}

} // namespace

class AppointmentSlipTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        for (const char* tool : {"pdftoppm", "zbarimg", "pdftotext"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP(
                    qPrintable(QStringLiteral("%1 is not installed (poppler-utils, zbar-tools)").arg(tool)));
    }

    // Code 128 against the published symbol table and worked examples.
    void code128_matches_known_patterns()
    {
        QCOMPARE(Code128::pattern(0), std::string_view("212222"));
        QCOMPARE(Code128::pattern(Code128::startB), std::string_view("211214"));
        QCOMPARE(Code128::pattern(Code128::startC), std::string_view("211232"));
        QCOMPARE(Code128::pattern(Code128::stop), std::string_view("2331112"));
        QSet<QString> distinct;
        for (int v = 0; v < Code128::stop; ++v) {
            int modules = 0;
            for (const char w : Code128::pattern(v))
                modules += w - '0';
            QCOMPARE(modules, 11);
            distinct.insert(QString::fromLatin1(Code128::pattern(v).data(), 6));
        }
        QCOMPARE(distinct.size(), 106);

        // Two digits: one symbol of subset C. Check = (105 + 12 * 1) mod 103 = 14.
        QCOMPARE(Code128::encode("12"), (std::vector<int>{105, 12, 14, 106}));
        const auto widths12 = Code128::widths(Code128::encode("12"));
        QCOMPARE(widths12, (std::vector<int>{2, 1, 1, 2, 3, 2, 1, 1, 2, 2, 3, 2, 1,
                                             2, 2, 2, 3, 1, 2, 3, 3, 1, 1, 1, 2}));
        // The textbook example PJJ123C in subset B: check 879 mod 103 = 55.
        QCOMPARE(Code128::encode("PJJ123C"), (std::vector<int>{104, 48, 42, 42, 17, 18, 19, 35, 55, 106}));
        // An accession number: B for the letter, C for the date, B for '-', C for the number.
        const auto values = Code128::encode(accession.toStdString());
        const std::vector<int> data = {104, 50, 99, 20, 26, 11, 22, 100, 13, 99, 0, 7};
        int sum = data[0];
        for (std::size_t i = 1; i < data.size(); ++i)
            sum += data[i] * int(i);
        std::vector<int> expected = data;
        expected.push_back(sum % 103);
        expected.push_back(106);
        QCOMPARE(values, expected);
        QCOMPARE(Code128::moduleCount(values), int(values.size() - 1) * 11 + 13);
        QVERIFY(Code128::encode("").empty());
        QVERIFY(Code128::encode("\x01").empty());
        // An odd digit run keeps its first digit in subset B.
        QCOMPARE(Code128::encode("A12345"),
                 (std::vector<int>{104, 33, 17, 99, 23, 45,
                                   (104 + 33 + 17 * 2 + 99 * 3 + 23 * 4 + 45 * 5) % 103, 106}));
    }

    void slip_of_a_booking_says_sex_and_age_in_words()
    {
        lumen::core::Patient patient;
        patient.name = "张三";
        patient.sex = lumen::core::Sex::Male;
        patient.birthDate = lumen::core::Date{1980, 11, 24};
        patient.identifier(lumen::core::IdentifierKind::MedicalCardNo) = "JZK-1";
        lumen::core::Exam exam;
        exam.accessionNumber = accession.toStdString();
        exam.items = {{"CT平扫", "胸部", std::nullopt, std::nullopt},
                      {"CT增强", "上腹部", std::nullopt, std::nullopt}};
        lumen::client::Booking booking;
        booking.roomId = QStringLiteral("CT1");
        booking.roomName = QStringLiteral("CT1室");
        booking.date = QDate(2026, 11, 23);
        booking.start = QTime(8, 30);
        booking.end = QTime(8, 45);
        booking.precautions = QStringLiteral("去除金属物品");
        const SlipData slip = AppointmentSlip::fromBooking(patient, exam, booking);
        QCOMPARE(slip.patientName, QStringLiteral("张三"));
        QCOMPARE(slip.patientNumber, QStringLiteral("JZK-1"));
        QCOMPARE(slip.accessionNumber, accession);
        QCOMPARE(slip.room, QStringLiteral("CT1室"));
        QCOMPARE(slip.startTime, QStringLiteral("08:30"));
        QCOMPARE(slip.endTime, QStringLiteral("08:45"));
        QCOMPARE(slip.examItems,
                 (QStringList{QStringLiteral("CT平扫 胸部"), QStringLiteral("CT增强 上腹部")}));
        QCOMPARE(slip.precautions, QStringLiteral("去除金属物品"));
        QVERIFY(!slip.sex.isEmpty());
        // 45 on the day of the appointment (the 46th birthday is the day after).
        QVERIFY2(slip.age.contains(QStringLiteral("45")), qPrintable(slip.age));
    }

    // req: 000 §2.3.6 appointment slip with the accession number as QR code and barcode
    void slip_pdf_codes_decode_to_the_accession_number()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pdf = dir.filePath(QStringLiteral("slip.pdf"));
        QVERIFY(saveSlipPdf(pdf, sampleSlip()));
        QVERIFY(QFileInfo(pdf).size() > 1000);
        const QString png = rasterise(pdf, 300);
        QVERIFY2(!png.isEmpty(), "pdftoppm produced no image");
        keepArtifact(png, QStringLiteral("appointment_slip.png"));
        QImage page(png);
        QVERIFY(!page.isNull());
        // A5 at 300 dpi.
        QVERIFY(qAbs(page.width() - 1748) <= 2);
        QVERIFY(qAbs(page.height() - 2480) <= 2);
        QCOMPARE(decoded(png, QStringLiteral("qrcode")), QStringList{accession});
        QCOMPARE(decoded(png, QStringLiteral("code128")), QStringList{accession});
        // The Chinese text is real text in the PDF (a CJK font embedded), not missing glyphs.
        // NFKC: the CJK font maps some glyphs to their Kangxi radical code points (⽰ for 示).
        const QString text = run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")})
                                 .normalized(QString::NormalizationForm_KC);
        for (const QString& expected :
             {QStringLiteral("欧阳晓明"), QStringLiteral("CT1室"), QStringLiteral("放射科"),
              QStringLiteral("携带既往影像资料"), accession})
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" not in:\n") + text));
        // The long precautions wrap instead of running off the page: their end is printed too.
        QVERIFY2(QString(text).remove(QLatin1Char('\n')).contains(QStringLiteral("促进造影剂排出")),
                 qPrintable(text));
    }

    void queue_ticket_pdf_carries_the_ticket_and_a_readable_barcode()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        lumen::client::CheckInTicket ticket;
        ticket.ticket = QStringLiteral("A007");
        ticket.roomId = QStringLiteral("CT1");
        ticket.roomName = QStringLiteral("CT1室");
        ticket.patientName = QStringLiteral("欧阳*明");
        ticket.waitingBefore = 3;
        const QString pdf = dir.filePath(QStringLiteral("ticket.pdf"));
        QVERIFY(QueueTicket::savePdf(pdf, ticket, accession));
        const QString png = rasterise(pdf, 300);
        QVERIFY(!png.isEmpty());
        keepArtifact(png, QStringLiteral("queue_ticket.png"));
        QCOMPARE(decoded(png, QStringLiteral("code128")), QStringList{accession});
        const QString text = run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")})
                                 .normalized(QString::NormalizationForm_KC);
        QVERIFY2(text.contains(QStringLiteral("A007")) && text.contains(QStringLiteral("欧阳*明")),
                 qPrintable(text));
    }
};

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    lumen::ui::initClientApplication(app, QStringLiteral("test_appointment_slip"), {});
    AppointmentSlipTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_appointment_slip.moc"
