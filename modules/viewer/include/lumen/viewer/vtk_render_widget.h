#pragma once
// The VTK-in-Qt bridge: a QOpenGLWidget that drives a vtkGenericOpenGLRenderWindow on the
// widget's own context (VTK's Qt module is built for Qt 5 on Debian 12 and is never linked).
// It only hosts renderers; what they show belongs to imaging's scenes.
#include <QOpenGLWidget>

#include <memory>

class vtkRenderer;

namespace lumen::viewer {

class VtkRenderWidget : public QOpenGLWidget
{
    Q_OBJECT
public:
    explicit VtkRenderWidget(QWidget* parent = nullptr);
    ~VtkRenderWidget() override;

    void addRenderer(vtkRenderer* renderer);
    // Milliseconds the last VTK render took (for the status line and benchmarks).
    double lastRenderMs() const { return m_lastRenderMs; }

signals:
    void rendered(double milliseconds);

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;
    // Drawn with QPainter over the VTK image, in widget pixels.
    virtual void paintOverlay(QPainter& painter);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    double m_lastRenderMs = 0;
};

} // namespace lumen::viewer
