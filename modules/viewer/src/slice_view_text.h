#pragma once
// Words and numbers a slice view writes on the image: measurement results and orientation
// letters. Kept apart from the widget so they can be checked without a display.
#include "lumen/viewer/annotation.h"
#include "lumen/viewer/slice_image.h"

#include <QString>

namespace lumen::viewer {

// "42.3 mm", "37.5°", "Mean 40.1 HU SD 2.0 …"; lengths in px (marked) when spacing is unknown.
QString describeMeasurement(const Annotation& annotation, const SliceImage& image);
// Patient direction letters (L/R, A/P, H/F; up to three, strongest first) of a direction in LPS.
QString orientationLetters(const imaging::Vec3& direction);

} // namespace lumen::viewer
