#pragma once
// VTK 9.1 renders through OpenGL 3.2 core: the default surface format must ask for it before
// the QApplication exists (see ARCHITECTURE, "VTK inside Qt 6").
namespace lumen::viewer {

void requestOpenGlCoreProfile();

} // namespace lumen::viewer
