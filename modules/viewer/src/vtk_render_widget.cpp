#include "lumen/viewer/vtk_render_widget.h"

#include <vtkCallbackCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkNew.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>

#include <QElapsedTimer>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QPainter>

namespace lumen::viewer {

struct VtkRenderWidget::Impl
{
    vtkNew<vtkGenericOpenGLRenderWindow> window;
    vtkNew<vtkCallbackCommand> makeCurrent;
    vtkNew<vtkCallbackCommand> isCurrent;
    bool initialised = false;
};

VtkRenderWidget::VtkRenderWidget(QWidget* parent) : QOpenGLWidget(parent), m_impl(std::make_unique<Impl>())
{
    setMinimumSize(64, 64);
    // VTK asks to make its context current and whether it is: the widget's context answers.
    m_impl->makeCurrent->SetClientData(this);
    // Only the context: QOpenGLWidget::makeCurrent() would also bind the widget's framebuffer
    // under VTK's own.
    m_impl->makeCurrent->SetCallback([](vtkObject*, unsigned long, void* client, void*) {
        auto* self = static_cast<VtkRenderWidget*>(client);
        if (QOpenGLContext* c = self->context())
            c->makeCurrent(c->surface());
    });
    m_impl->isCurrent->SetClientData(this);
    m_impl->isCurrent->SetCallback([](vtkObject*, unsigned long, void* client, void* callData) {
        auto* self = static_cast<VtkRenderWidget*>(client);
        *static_cast<bool*>(callData) = QOpenGLContext::currentContext() == self->context();
    });
    m_impl->window->AddObserver(vtkCommand::WindowMakeCurrentEvent, m_impl->makeCurrent);
    m_impl->window->AddObserver(vtkCommand::WindowIsCurrentEvent, m_impl->isCurrent);
}

VtkRenderWidget::~VtkRenderWidget()
{
    // VTK frees its GL resources on the widget's context.
    if (m_impl->initialised) {
        makeCurrent();
        m_impl->window->Finalize();
        doneCurrent();
    }
}

void VtkRenderWidget::addRenderer(vtkRenderer* renderer)
{
    m_impl->window->AddRenderer(renderer);
    update();
}

void VtkRenderWidget::initializeGL()
{
    vtkGenericOpenGLRenderWindow* w = m_impl->window;
    w->SetOwnContext(false);
    w->SetFrameBlitModeToNoBlit();
    w->OpenGLInitContext();
    w->SetReadyForRendering(true);
    w->SetIsCurrent(true);
    m_impl->initialised = true;
}

void VtkRenderWidget::resizeGL(int width, int height)
{
    const qreal ratio = devicePixelRatioF();
    m_impl->window->SetSize(int(width * ratio), int(height * ratio));
}

void VtkRenderWidget::paintGL()
{
    vtkGenericOpenGLRenderWindow* w = m_impl->window;
    const qreal ratio = devicePixelRatioF();
    w->SetSize(int(width() * ratio), int(height() * ratio));
    QElapsedTimer timer;
    timer.start();
    // Qt (and the QPainter overlay) changed GL state behind VTK's cache since the last frame.
    w->GetState()->Reset();
    w->Render();
    // VTK rendered into its own framebuffer: copy it into the widget's, then make the alpha
    // opaque (Mesa otherwise leaves it for the compositor to blend with what lies behind).
    QOpenGLExtraFunctions* f = QOpenGLContext::currentContext()->extraFunctions();
    f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const GLenum colour = GL_COLOR_ATTACHMENT0;
    f->glDrawBuffers(1, &colour);
    const bool scissor = f->glIsEnabled(GL_SCISSOR_TEST);
    if (scissor) {
        w->GetState()->vtkglDisable(GL_SCISSOR_TEST);
        f->glDisable(GL_SCISSOR_TEST);
    }
    const int* size = w->GetRenderFramebuffer()->GetLastSize();
    const int targetWidth = int(width() * ratio), targetHeight = int(height() * ratio);
    w->BlitDisplayFramebuffer(0, 0, 0, size[0], size[1], 0, 0, targetWidth, targetHeight, GL_COLOR_BUFFER_BIT,
                              GL_LINEAR);
    f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    f->glClearColor(0, 0, 0, 1);
    f->glViewport(0, 0, targetWidth, targetHeight);
    f->glClear(GL_COLOR_BUFFER_BIT);
    f->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    if (scissor)
        f->glEnable(GL_SCISSOR_TEST);
    m_lastRenderMs = timer.nsecsElapsed() / 1e6;
    {
        QPainter painter(this);
        paintOverlay(painter);
    }
    emit rendered(m_lastRenderMs);
}

void VtkRenderWidget::paintOverlay(QPainter&) {}

} // namespace lumen::viewer
