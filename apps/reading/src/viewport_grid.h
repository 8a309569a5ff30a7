#pragma once
// The image area: a grid of SliceViews (1x1, 1x2, 2x2, 3x3 or any rows x columns up to 4x4),
// one of them active; a series dropped on a viewport shows there; double-click maximises a
// viewport and restores the grid.
#include <lumen/viewer/slice_view.h>

#include <QWidget>

class QGridLayout;

namespace lumen::reading {

class ViewportGrid : public QWidget
{
    Q_OBJECT
public:
    static constexpr int maxRows = 4;
    static constexpr int maxColumns = 4;

    explicit ViewportGrid(QWidget* parent = nullptr);

    void setGrid(int rows, int columns);
    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    int viewportCount() const { return m_rows * m_columns; }
    viewer::SliceView* viewport(int index) const;
    viewer::SliceView* activeViewport() const;
    int activeIndex() const { return m_active; }
    void setActiveIndex(int index);
    // The series each viewport shows ("" when empty).
    QString seriesOf(int index) const;
    void setSeriesOf(int index, const QString& seriesUid);
    int indexOf(const viewer::SliceView* view) const;
    bool isMaximised() const { return m_maximised >= 0; }
    void toggleMaximised(int index);
    void clearAll();

signals:
    void seriesDropped(int viewportIndex, const QString& seriesUid);
    void activeChanged(int viewportIndex);
    void gridChanged(int rows, int columns);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void relayout();

    QGridLayout* m_layout = nullptr;
    QList<viewer::SliceView*> m_views; // maxRows * maxColumns, created once
    QStringList m_series;
    int m_rows = 1;
    int m_columns = 1;
    int m_active = 0;
    int m_maximised = -1;
};

} // namespace lumen::reading
