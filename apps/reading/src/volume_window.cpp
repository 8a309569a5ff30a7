#include "volume_window.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

namespace lumen::reading {

VolumeWindow::VolumeWindow(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("volumeWindow"));
    m_view = new viewer::VolumeView(this);
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("volumePreset"));
    for (int i = 0; i < 4; ++i)
        m_preset->addItem(QString(), i);
    m_clip = new QCheckBox(this);
    m_clip->setObjectName(QStringLiteral("volumeClip"));
    m_clipFrom = new QSlider(Qt::Horizontal, this);
    m_clipTo = new QSlider(Qt::Horizontal, this);
    for (QSlider* s : {m_clipFrom, m_clipTo}) {
        s->setRange(0, 100);
        s->setMaximumWidth(120);
        s->setEnabled(false);
    }
    m_clipTo->setValue(100);
    m_scalpel = new QPushButton(this);
    m_scalpel->setObjectName(QStringLiteral("volumeScalpel"));
    m_scalpel->setCheckable(true);
    m_undo = new QPushButton(this);
    m_undo->setObjectName(QStringLiteral("volumeUndo"));
    m_reset = new QPushButton(this);
    m_png = new QPushButton(this);
    m_archive = new QPushButton(this);
    m_archive->setObjectName(QStringLiteral("volumeSaveToArchive"));

    auto* bar = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_preset, m_clip, m_clipFrom, m_clipTo, m_scalpel,
                                                      m_undo, m_reset, m_png, m_archive})
        bar->addWidget(w);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_preset, &QComboBox::currentIndexChanged, this,
            [this] { m_view->setPreset(imaging::VolumePreset(m_preset->currentData().toInt())); });
    connect(m_clip, &QCheckBox::toggled, this, [this](bool on) {
        m_clipFrom->setEnabled(on);
        m_clipTo->setEnabled(on);
        applyClipping();
    });
    connect(m_clipFrom, &QSlider::valueChanged, this, &VolumeWindow::applyClipping);
    connect(m_clipTo, &QSlider::valueChanged, this, &VolumeWindow::applyClipping);
    connect(m_scalpel, &QPushButton::toggled, m_view, &viewer::VolumeView::setScalpelActive);
    connect(m_undo, &QPushButton::clicked, m_view, &viewer::VolumeView::undoCut);
    connect(m_reset, &QPushButton::clicked, m_view, &viewer::VolumeView::resetView);
    connect(m_view, &viewer::VolumeView::cutApplied, this, [this] { m_scalpel->setChecked(false); });
    connect(m_png, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save view as PNG"), QStringLiteral("lumen-3d.png"), tr("PNG images (*.png)"));
        if (!path.isEmpty() && !m_view->capture().save(path, "PNG"))
            QMessageBox::warning(this, tr("Save view"),
                                 tr("The image could not be written to %1.").arg(path));
    });
    connect(m_archive, &QPushButton::clicked, this,
            [this] { emit saveToArchiveRequested(m_view->capture()); });
    retranslateUi();
    resize(900, 800);
}

void VolumeWindow::setVolume(imaging::ImageVolumePtr volume)
{
    m_view->setVolume(std::move(volume));
}

// The box clips across the patient's right-left axis; the other sides stay at the volume.
void VolumeWindow::applyClipping()
{
    auto state = m_view->state();
    if (!m_clip->isChecked() || !m_view->scene().volume()) {
        state.clipBoxMm.reset();
    } else {
        auto box = m_view->scene().boundsMm();
        const double span = box[1] - box[0];
        const double from = box[0] + span * m_clipFrom->value() / 100.0;
        const double to = box[0] + span * std::max(m_clipFrom->value() + 1, m_clipTo->value()) / 100.0;
        box[0] = from;
        box[1] = to;
        state.clipBoxMm = box;
    }
    m_view->setState(state);
}

void VolumeWindow::retranslateUi()
{
    setWindowTitle(tr("3D"));
    m_preset->setItemText(0, tr("CT bone"));
    m_preset->setItemText(1, tr("Soft tissue"));
    m_preset->setItemText(2, tr("Angiography"));
    m_preset->setItemText(3, tr("MIP"));
    m_clip->setText(tr("Clipping box"));
    m_clipFrom->setToolTip(tr("Clip from the patient's right"));
    m_clipTo->setToolTip(tr("Clip from the patient's left"));
    m_scalpel->setText(tr("Scalpel"));
    m_scalpel->setToolTip(tr("Click around what to cut away; double-click or Enter cuts, Esc cancels"));
    m_undo->setText(tr("Undo cut"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_reset->setText(tr("Reset view"));
    m_png->setText(tr("Save PNG…"));
    m_archive->setText(tr("Save to archive"));
}

void VolumeWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace lumen::reading
