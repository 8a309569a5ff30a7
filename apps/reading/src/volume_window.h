#pragma once
// The 3D window of a series: the volume view with its presets, clipping box, scalpel and undo,
// saving the view as PNG or as a secondary capture in the study.
#include <lumen/viewer/volume_view.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QPushButton;
class QSlider;

namespace lumen::reading {

class VolumeWindow : public QWidget
{
    Q_OBJECT
public:
    explicit VolumeWindow(QWidget* parent = nullptr);

    viewer::VolumeView* view() const { return m_view; }
    void setVolume(imaging::ImageVolumePtr volume);

signals:
    // The user asked to store the current view in the archive (the app owns the study).
    void saveToArchiveRequested(const QImage& view);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void applyClipping();

    viewer::VolumeView* m_view = nullptr;
    QComboBox* m_preset = nullptr;
    QCheckBox* m_clip = nullptr;
    QSlider* m_clipFrom = nullptr; // patient's right to left, in percent of the volume
    QSlider* m_clipTo = nullptr;
    QPushButton* m_scalpel = nullptr;
    QPushButton* m_undo = nullptr;
    QPushButton* m_reset = nullptr;
    QPushButton* m_png = nullptr;
    QPushButton* m_archive = nullptr;
};

} // namespace lumen::reading
