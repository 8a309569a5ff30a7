#include "viewport_grid.h"

#include "series_strip.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QGridLayout>
#include <QMimeData>

namespace lumen::reading {

ViewportGrid::ViewportGrid(QWidget* parent) : QWidget(parent)
{
    m_layout = new QGridLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(40, 40, 40));
    setPalette(p);
    for (int i = 0; i < maxRows * maxColumns; ++i) {
        auto* view = new viewer::SliceView(this);
        view->setObjectName(QStringLiteral("viewport%1").arg(i));
        view->setAcceptDrops(true);
        view->installEventFilter(this);
        connect(view, &viewer::SliceView::activated, this, [this, view] { setActiveIndex(indexOf(view)); });
        connect(view, &viewer::SliceView::doubleClicked, this,
                [this, view] { toggleMaximised(indexOf(view)); });
        m_views.append(view);
        m_series.append(QString());
    }
    relayout();
}

void ViewportGrid::setGrid(int rows, int columns)
{
    rows = std::clamp(rows, 1, maxRows);
    columns = std::clamp(columns, 1, maxColumns);
    m_rows = rows;
    m_columns = columns;
    m_maximised = -1;
    if (m_active >= viewportCount())
        setActiveIndex(0);
    relayout();
    emit gridChanged(rows, columns);
}

void ViewportGrid::relayout()
{
    for (viewer::SliceView* v : m_views) {
        m_layout->removeWidget(v);
        v->hide();
    }
    for (int r = 0; r < maxRows; ++r)
        m_layout->setRowStretch(r, 0);
    for (int c = 0; c < maxColumns; ++c)
        m_layout->setColumnStretch(c, 0);
    if (m_maximised >= 0) {
        m_layout->addWidget(m_views[m_maximised], 0, 0);
        m_layout->setRowStretch(0, 1);
        m_layout->setColumnStretch(0, 1);
        m_views[m_maximised]->show();
    } else {
        for (int i = 0; i < viewportCount(); ++i) {
            m_layout->addWidget(m_views[i], i / m_columns, i % m_columns);
            m_views[i]->show();
        }
        for (int r = 0; r < m_rows; ++r)
            m_layout->setRowStretch(r, 1);
        for (int c = 0; c < m_columns; ++c)
            m_layout->setColumnStretch(c, 1);
    }
    for (int i = 0; i < m_views.size(); ++i)
        m_views[i]->setActive(i == m_active && viewportCount() > 1);
}

viewer::SliceView* ViewportGrid::viewport(int index) const
{
    return index >= 0 && index < m_views.size() ? m_views[index] : nullptr;
}

viewer::SliceView* ViewportGrid::activeViewport() const
{
    return viewport(m_active);
}

void ViewportGrid::setActiveIndex(int index)
{
    if (index < 0 || index >= viewportCount() || index == m_active)
        return;
    m_active = index;
    for (int i = 0; i < m_views.size(); ++i)
        m_views[i]->setActive(i == m_active && viewportCount() > 1);
    emit activeChanged(index);
}

QString ViewportGrid::seriesOf(int index) const
{
    return index >= 0 && index < m_series.size() ? m_series[index] : QString();
}

void ViewportGrid::setSeriesOf(int index, const QString& seriesUid)
{
    if (index >= 0 && index < m_series.size())
        m_series[index] = seriesUid;
}

int ViewportGrid::indexOf(const viewer::SliceView* view) const
{
    return int(m_views.indexOf(const_cast<viewer::SliceView*>(view)));
}

void ViewportGrid::toggleMaximised(int index)
{
    if (index < 0 || index >= viewportCount())
        return;
    m_maximised = m_maximised >= 0 ? -1 : index;
    setActiveIndex(index);
    relayout();
}

void ViewportGrid::clearAll()
{
    for (int i = 0; i < m_views.size(); ++i) {
        m_views[i]->clear();
        m_series[i].clear();
    }
}

bool ViewportGrid::eventFilter(QObject* watched, QEvent* event)
{
    auto* view = qobject_cast<viewer::SliceView*>(watched);
    if (!view)
        return QWidget::eventFilter(watched, event);
    const QString mime = QString::fromLatin1(seriesMimeType);
    if (event->type() == QEvent::DragEnter) {
        auto* drag = static_cast<QDragEnterEvent*>(event);
        if (drag->mimeData()->hasFormat(mime)) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (event->type() == QEvent::Drop) {
        auto* drop = static_cast<QDropEvent*>(event);
        if (drop->mimeData()->hasFormat(mime)) {
            const int index = indexOf(view);
            setActiveIndex(index);
            emit seriesDropped(index, QString::fromUtf8(drop->mimeData()->data(mime)));
            drop->acceptProposedAction();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace lumen::reading
