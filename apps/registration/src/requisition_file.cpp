#include "requisition_file.h"

#include "lumen/client/attachment_types.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QStandardPaths>

namespace lumen::registration {

std::optional<RequisitionFile> RequisitionFiles::load(const QString& path, QString* problem)
{
    auto fail = [problem](const QString& text) {
        if (problem)
            *problem = text;
        return std::nullopt;
    };
    const QFileInfo info(path);
    if (!info.isFile())
        return fail(tr("The file %1 does not exist.").arg(QDir::toNativeSeparators(path)));
    // Checked before reading, so a wrong choice never loads a large file into memory.
    if (info.size() > client::maxAttachmentBytes)
        return fail(tr("%1 is %2; a requisition may be at most %3.")
                        .arg(info.fileName(), sizeText(info.size()), sizeText(client::maxAttachmentBytes)));
    if (info.size() == 0)
        return fail(tr("%1 is empty.").arg(info.fileName()));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("%1 cannot be read: %2").arg(info.fileName(), file.errorString()));
    RequisitionFile r;
    r.path = info.absoluteFilePath();
    r.fileName = info.fileName();
    r.bytes = file.read(client::maxAttachmentBytes + 1);
    if (r.bytes.size() > client::maxAttachmentBytes)
        return fail(tr("%1 is larger than %2.").arg(info.fileName(), sizeText(client::maxAttachmentBytes)));
    r.contentType = client::attachmentTypeOf(r.bytes.left(16));
    if (r.contentType.isEmpty())
        return fail(tr("%1 is not a JPEG, PNG or PDF file.").arg(info.fileName()));
    return r;
}

QFileDialog* RequisitionFiles::chooser(QWidget* parent)
{
    // Scanners save into Pictures or Documents; the home folder when neither exists.
    QString folder = QDir::homePath();
    for (const auto location : {QStandardPaths::PicturesLocation, QStandardPaths::DocumentsLocation})
        if (const QString path = QStandardPaths::writableLocation(location); QDir(path).exists()) {
            folder = path;
            break;
        }
    auto* dialog = new QFileDialog(parent, tr("Attach requisition"), folder);
    dialog->setObjectName(QStringLiteral("requisitionFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setNameFilters({tr("Scanned requisitions (*.jpg *.jpeg *.png *.pdf)"), tr("All files (*)")});
    return dialog;
}

QString RequisitionFiles::sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace lumen::registration
