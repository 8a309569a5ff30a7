#include "attachments_dialog.h"

#include "requisition_file.h"

#include "lumen/client/api_client.h"
#include "lumen/ui/error_text.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace lumen::registration {

namespace {

QString typeName(const QString& contentType)
{
    if (contentType == QLatin1String("application/pdf"))
        return QStringLiteral("PDF");
    if (contentType == QLatin1String("image/jpeg"))
        return QStringLiteral("JPEG");
    if (contentType == QLatin1String("image/png"))
        return QStringLiteral("PNG");
    return contentType;
}

} // namespace

AttachmentsDialog::AttachmentsDialog(client::ApiClient& client, const core::Exam& exam, bool canAdd,
                                     QWidget* parent)
    : QDialog(parent), m_client(client), m_exam(exam), m_canAdd(canAdd)
{
    setObjectName(QStringLiteral("attachmentsDialog"));
    setWindowTitle(tr("Attachments - %1").arg(QString::fromStdString(exam.accessionNumber)));

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("attachmentTable"));
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Type"), tr("Size"), tr("Added"), tr("By")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("attachmentsMessageLabel"));
    m_message->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_add = buttons->addButton(tr("&Add..."), QDialogButtonBox::ActionRole);
    m_add->setObjectName(QStringLiteral("addAttachmentButton"));
    m_add->setVisible(m_canAdd);
    m_open = buttons->addButton(tr("&Open"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(QStringLiteral("openAttachmentButton"));
    m_open->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &AttachmentsDialog::chooseFile);
    connect(m_open, &QPushButton::clicked, this, [this] { openAttachment(); });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { openAttachment(row); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AttachmentsDialog::updateButtons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(640, 300);
    updateButtons();
    reload();
}

void AttachmentsDialog::reload()
{
    ++m_pending;
    showMessage(tr("Loading attachments..."), false);
    updateButtons();
    m_client.listAttachments(m_exam.id, this,
                             [this](const client::Result<std::vector<client::ExamAttachment>>& r) {
                                 --m_pending;
                                 if (!r.ok()) {
                                     showMessage(ui::ErrorText::describe(r.error()), true);
                                     updateButtons();
                                     return;
                                 }
                                 showAttachments(r.value());
                             });
}

void AttachmentsDialog::showAttachments(const std::vector<client::ExamAttachment>& attachments)
{
    m_attachments = attachments;
    m_table->setRowCount(int(m_attachments.size()));
    for (int row = 0; row < int(m_attachments.size()); ++row) {
        const auto& a = m_attachments[std::size_t(row)];
        const QDateTime added = QDateTime::fromString(a.createdAt, Qt::ISODate).toLocalTime();
        const QStringList cells = {
            a.fileName, typeName(a.contentType), RequisitionFiles::sizeText(a.size),
            added.isValid() ? added.toString(QStringLiteral("yyyy-MM-dd HH:mm")) : a.createdAt, a.createdBy};
        for (int col = 0; col < ColumnCount; ++col)
            m_table->setItem(row, col, new QTableWidgetItem(cells[col]));
    }
    m_table->resizeColumnsToContents();
    if (!m_attachments.empty() && m_table->currentRow() < 0)
        m_table->selectRow(0);
    showMessage(m_attachments.empty() ? tr("No files attached to this exam.")
                                      : tr("%n file(s).", nullptr, int(m_attachments.size())),
                false);
    updateButtons();
}

QWidget* AttachmentsDialog::chooseFile()
{
    if (!m_canAdd)
        return nullptr;
    auto* dialog = RequisitionFiles::chooser(this);
    connect(dialog, &QFileDialog::fileSelected, this, &AttachmentsDialog::addFile);
    dialog->open();
    return dialog;
}

bool AttachmentsDialog::addFile(const QString& path)
{
    if (!m_canAdd)
        return false;
    QString problem;
    const auto file = RequisitionFiles::load(path, &problem);
    if (!file) {
        showMessage(problem, true);
        return false;
    }
    ++m_pending;
    showMessage(tr("Sending %1...").arg(file->fileName), false);
    updateButtons();
    m_client.uploadAttachment(m_exam.id, file->fileName, file->contentType, file->bytes, this,
                              [this](const client::Result<client::ExamAttachment>& r) {
                                  --m_pending;
                                  if (!r.ok()) {
                                      showMessage(ui::ErrorText::describe(r.error()), true);
                                      updateButtons();
                                      return;
                                  }
                                  emit attachmentAdded(r.value());
                                  reload();
                              });
    return true;
}

void AttachmentsDialog::openAttachment(int row)
{
    if (row < 0)
        row = m_table->currentRow();
    if (row < 0 || row >= int(m_attachments.size()))
        return;
    const client::ExamAttachment attachment = m_attachments[std::size_t(row)];
    ++m_pending;
    showMessage(tr("Opening %1...").arg(attachment.fileName), false);
    updateButtons();
    m_client.downloadAttachment(m_exam.id, attachment.id, this,
                                [this, attachment](const client::Result<client::AttachmentFile>& r) {
                                    --m_pending;
                                    updateButtons();
                                    if (!r.ok()) {
                                        showMessage(ui::ErrorText::describe(r.error()), true);
                                        return;
                                    }
                                    showFile(attachment, r.value());
                                });
}

void AttachmentsDialog::showFile(const client::ExamAttachment& attachment, const client::AttachmentFile& file)
{
    const QString type = file.contentType.isEmpty() ? attachment.contentType : file.contentType;
    if (client::isImageType(type)) {
        QImage image;
        if (image.loadFromData(file.bytes)) {
            auto* preview = new QDialog(this);
            preview->setObjectName(QStringLiteral("attachmentPreview"));
            preview->setAttribute(Qt::WA_DeleteOnClose);
            preview->setWindowTitle(attachment.fileName);
            auto* label = new QLabel(preview);
            label->setObjectName(QStringLiteral("attachmentImage"));
            label->setAlignment(Qt::AlignCenter);
            QSize fit = image.size();
            if (const auto* screen = this->screen())
                fit = fit.boundedTo(screen->availableSize() * 0.8);
            label->setPixmap(
                QPixmap::fromImage(image.scaled(fit, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
            auto* scroll = new QScrollArea(preview);
            scroll->setWidget(label);
            scroll->setWidgetResizable(true);
            auto* close = new QDialogButtonBox(QDialogButtonBox::Close, preview);
            connect(close, &QDialogButtonBox::rejected, preview, &QDialog::reject);
            auto* layout = new QVBoxLayout(preview);
            layout->addWidget(scroll, 1);
            layout->addWidget(close);
            preview->resize(fit + QSize(40, 80));
            preview->show();
            m_message->hide();
            emit attachmentOpened(QString());
            return;
        }
    }
    // A file the system's viewer opens; kept in the temp folder so the viewer can still read it
    // after this dialog closes.
    QDir dir(QDir::tempPath() + QStringLiteral("/lumen-attachments"));
    dir.mkpath(QStringLiteral("."));
    const QString path = dir.filePath(QStringLiteral("%1-%2-%3")
                                          .arg(m_exam.id)
                                          .arg(attachment.id)
                                          .arg(QFileInfo(attachment.fileName).fileName()));
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(file.bytes) != file.bytes.size()) {
        showMessage(tr("%1 could not be written to %2: %3")
                        .arg(attachment.fileName, QDir::toNativeSeparators(path), out.errorString()),
                    true);
        return;
    }
    out.close();
    m_lastOpened = path;
    if (QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        m_message->hide();
    else
        showMessage(tr("No program to show %1 was found; the file is at %2.")
                        .arg(attachment.fileName, QDir::toNativeSeparators(path)),
                    true);
    emit attachmentOpened(path);
}

QString AttachmentsDialog::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void AttachmentsDialog::showMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void AttachmentsDialog::updateButtons()
{
    m_add->setEnabled(m_canAdd && m_pending == 0);
    m_open->setEnabled(m_pending == 0 && m_table->currentRow() >= 0 &&
                       m_table->currentRow() < int(m_attachments.size()));
}

} // namespace lumen::registration
