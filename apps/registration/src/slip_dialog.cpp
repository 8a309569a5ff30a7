#include "slip_dialog.h"

#include "exam_text.h"

#include "lumen/ui/domain_text.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

// The preview is painted at screen resolution on an A5 page, then scaled to fit.
constexpr qreal previewDpi = 96;
constexpr int previewHeightPx = 560;

} // namespace

SlipDialog::SlipDialog(std::vector<SlipData> slips, QWidget* parent)
    : QDialog(parent), m_slips(std::move(slips))
{
    setObjectName(QStringLiteral("slipDialog"));
    setWindowTitle(tr("Appointment slip"));
    if (m_slips.empty())
        m_slips.push_back({});

    m_choice = new QComboBox(this);
    m_choice->setObjectName(QStringLiteral("slipCombo"));
    for (const auto& s : m_slips)
        m_choice->addItem(QStringLiteral("%1  %2 %3  %4")
                              .arg(s.accessionNumber, s.date.toString(Qt::ISODate), s.startTime, s.room));
    m_choice->setVisible(m_slips.size() > 1);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("slipPreview"));
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("slipMessageLabel"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_print = buttons->addButton(tr("&Print..."), QDialogButtonBox::ActionRole);
    m_print->setObjectName(QStringLiteral("printSlipButton"));
    m_savePdf = buttons->addButton(tr("Save as P&DF..."), QDialogButtonBox::ActionRole);
    m_savePdf->setObjectName(QStringLiteral("saveSlipPdfButton"));
    m_print->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_print, &QPushButton::clicked, this, &SlipDialog::print);
    connect(m_savePdf, &QPushButton::clicked, this, &SlipDialog::saveAsPdf);
    connect(m_choice, &QComboBox::currentIndexChanged, this, &SlipDialog::showPreview);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_choice);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    showPreview();
}

SlipData SlipDialog::dataFor(const core::Patient& patient, const client::Booking& booking,
                             const std::optional<core::Exam>& exam,
                             const std::optional<client::SchedulingConfigInfo>& config)
{
    SlipData d;
    d.patientName = QString::fromStdString(patient.name);
    if (patient.sex != core::Sex::Unknown)
        d.sex = ui::DomainText::sexName(patient.sex);
    if (patient.birthDate) {
        const QDate now = QDate::currentDate();
        const core::Date today{now.year(), now.month(), now.day()};
        if (*patient.birthDate <= today)
            d.age = ui::DomainText::age(*patient.birthDate, today);
    }
    for (const auto kind : {core::IdentifierKind::MedicalCardNo, core::IdentifierKind::OutpatientNo,
                            core::IdentifierKind::InpatientNo})
        if (const auto& id = patient.identifier(kind); id && !id->empty() && d.patientNumber.isEmpty())
            d.patientNumber = QString::fromStdString(*id);
    d.accessionNumber = booking.accessionNumber;
    if (d.accessionNumber.isEmpty() && exam)
        d.accessionNumber = QString::fromStdString(exam->accessionNumber);
    d.date = booking.date;
    d.startTime = booking.start.toString(QStringLiteral("HH:mm"));
    d.endTime = booking.end.isValid() ? booking.end.toString(QStringLiteral("HH:mm")) : QString();
    d.room = booking.roomName.isEmpty() ? booking.roomId : booking.roomName;
    d.precautions = booking.precautions;

    // Names from the catalogue where the ids are codes; the exam's items when known, else the
    // booking's method and body parts.
    auto methodName = [&config](const QString& id) {
        if (config)
            if (const auto* m = config->method(id))
                return m->name;
        return id;
    };
    auto partName = [&config](const QString& id) {
        if (config)
            for (const auto& p : config->bodyParts)
                if (p.id == id)
                    return p.name;
        return id;
    };
    if (exam) {
        d.department = ExamText::department(exam->department);
        for (const auto& item : exam->items)
            d.examItems << (methodName(QString::fromStdString(item.method)) + QLatin1Char(' ') +
                            partName(QString::fromStdString(item.bodyPart)))
                               .trimmed();
    } else if (booking.bodyParts.isEmpty()) {
        d.examItems << methodName(booking.method);
    } else {
        for (const auto& part : booking.bodyParts)
            d.examItems << (methodName(booking.method) + QLatin1Char(' ') + partName(part)).trimmed();
    }
    return d;
}

const SlipData& SlipDialog::currentSlip() const
{
    const int i = m_choice->currentIndex();
    return m_slips[std::size_t(i >= 0 && i < int(m_slips.size()) ? i : 0)];
}

void SlipDialog::setCurrentSlip(int index)
{
    m_choice->setCurrentIndex(index);
}

bool SlipDialog::print()
{
    const bool printed = printSlip(this, currentSlip());
    m_message->setText(printed ? tr("Slip %1 sent to the printer.").arg(currentSlip().accessionNumber)
                               : QString());
    m_message->setVisible(printed);
    return printed;
}

bool SlipDialog::saveAsPdf()
{
    const bool saved = saveSlipPdfAs(this, currentSlip());
    m_message->setText(saved ? tr("Slip %1 saved as PDF.").arg(currentSlip().accessionNumber) : QString());
    m_message->setVisible(saved);
    return saved;
}

void SlipDialog::showPreview()
{
    const QSizeF pageMm = AppointmentSlip::pageSize().size(QPageSize::Millimeter);
    const qreal dpm = previewDpi / 0.0254;
    QImage image(
        QSize(qRound(pageMm.width() * previewDpi / 25.4), qRound(pageMm.height() * previewDpi / 25.4)),
        QImage::Format_RGB32);
    image.setDotsPerMeterX(qRound(dpm));
    image.setDotsPerMeterY(qRound(dpm));
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        AppointmentSlip::paint(painter, QRectF(image.rect()), currentSlip());
    }
    m_preview->setPixmap(QPixmap::fromImage(
        image.scaledToHeight(qMin(previewHeightPx, image.height()), Qt::SmoothTransformation)));
}

} // namespace lumen::registration
