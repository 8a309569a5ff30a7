#pragma once
// The study's series as thumbnails (the middle image at its own window) with their
// description and count; a thumbnail can be dragged onto a viewport.
#include <QListWidget>

#include <memory>

namespace lumen::dicom {
struct DecodedImage;
}

namespace lumen::reading {

inline constexpr char seriesMimeType[] = "application/x-lumen-series-uid";

class SeriesStrip : public QListWidget
{
    Q_OBJECT
public:
    explicit SeriesStrip(QWidget* parent = nullptr);

    void clearSeries();
    void addSeries(const QString& seriesUid, const QString& label, int instanceCount);
    void setThumbnail(const QString& seriesUid, const std::shared_ptr<const dicom::DecodedImage>& image);
    void setProgress(const QString& seriesUid, int loaded, int total);
    QString seriesAt(int row) const;
    int rowOf(const QString& seriesUid) const;

signals:
    void seriesActivated(const QString& seriesUid);

protected:
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;
};

// The middle frame of a decoded image, window/levelled (its own window, else its range), as a
// small picture.
QImage thumbnailOf(const dicom::DecodedImage& image, int size);

} // namespace lumen::reading
