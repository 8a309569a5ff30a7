#include "series_strip.h"

#include <lumen/dicom/decoded_image.h>
#include <lumen/imaging/window_level.h>

#include <QMimeData>

#include <cmath>

namespace lumen::reading {

namespace {

constexpr int thumbnailSize = 96;
constexpr int uidRole = Qt::UserRole + 1;
constexpr int labelRole = Qt::UserRole + 2;

} // namespace

QImage thumbnailOf(const dicom::DecodedImage& image, int size)
{
    if (image.frames.empty() || image.rows <= 0 || image.columns <= 0)
        return {};
    const dicom::DecodedFrame& f = image.frames[image.frames.size() / 2];
    QImage picture;
    if (image.colour) {
        picture =
            QImage(f.rgb.data(), image.columns, image.rows, image.columns * 3, QImage::Format_RGB888).copy();
    } else {
        const imaging::WindowLevel window = f.windowCenter && f.windowWidth
                                                ? imaging::WindowLevel{*f.windowCenter, *f.windowWidth}
                                                : imaging::windowSpanning(f.values.data(), f.values.size());
        picture = QImage(image.columns, image.rows, QImage::Format_Grayscale8);
        for (int y = 0; y < image.rows; ++y)
            imaging::applyWindow(f.values.data() + std::size_t(y) * std::size_t(image.columns),
                                 std::size_t(image.columns), window, image.monochrome1, picture.scanLine(y));
    }
    return picture.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

SeriesStrip::SeriesStrip(QWidget* parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("seriesStrip"));
    setViewMode(QListView::IconMode);
    setFlow(QListView::TopToBottom);
    setWrapping(false);
    setIconSize(QSize(thumbnailSize, thumbnailSize));
    setGridSize(QSize(thumbnailSize + 40, thumbnailSize + 48));
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setWordWrap(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setMinimumWidth(thumbnailSize + 48);
    connect(this, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem* item) { emit seriesActivated(item->data(uidRole).toString()); });
}

void SeriesStrip::clearSeries()
{
    clear();
}

void SeriesStrip::addSeries(const QString& seriesUid, const QString& label, int instanceCount)
{
    auto* item = new QListWidgetItem(this);
    item->setData(uidRole, seriesUid);
    item->setData(labelRole, label);
    QPixmap blank(thumbnailSize, thumbnailSize);
    blank.fill(Qt::black);
    item->setIcon(QIcon(blank));
    setProgress(seriesUid, 0, instanceCount);
}

int SeriesStrip::rowOf(const QString& seriesUid) const
{
    for (int i = 0; i < count(); ++i)
        if (item(i)->data(uidRole).toString() == seriesUid)
            return i;
    return -1;
}

QString SeriesStrip::seriesAt(int row) const
{
    return row >= 0 && row < count() ? item(row)->data(uidRole).toString() : QString();
}

void SeriesStrip::setThumbnail(const QString& seriesUid,
                               const std::shared_ptr<const dicom::DecodedImage>& image)
{
    const int row = rowOf(seriesUid);
    if (row < 0 || !image)
        return;
    const QImage picture = thumbnailOf(*image, thumbnailSize);
    if (!picture.isNull())
        item(row)->setIcon(QIcon(QPixmap::fromImage(picture)));
}

void SeriesStrip::setProgress(const QString& seriesUid, int loaded, int total)
{
    const int row = rowOf(seriesUid);
    if (row < 0)
        return;
    const QString label = item(row)->data(labelRole).toString();
    item(row)->setText(loaded >= total ? tr("%1\n%n image(s)", nullptr, total).arg(label)
                                       : tr("%1\n%2/%3").arg(label).arg(loaded).arg(total));
}

QMimeData* SeriesStrip::mimeData(const QList<QListWidgetItem*>& items) const
{
    if (items.isEmpty())
        return nullptr;
    auto* data = new QMimeData;
    data->setData(QString::fromLatin1(seriesMimeType), items.first()->data(uidRole).toString().toUtf8());
    return data;
}

} // namespace lumen::reading
