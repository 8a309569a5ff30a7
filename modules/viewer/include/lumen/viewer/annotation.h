#pragma once
// A mark a radiologist leaves on one image frame, in the item format of the server's
// annotations API (server/API.md, "Reading room"): kind, points in image pixels, text, value.
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QString>

namespace lumen::viewer {

enum class AnnotationKind { Length, Angle, Rectangle, Ellipse, Polygon, Probe, Ctr, Cobb, Arrow, Text };

struct Annotation
{
    AnnotationKind kind = AnnotationKind::Length;
    QList<QPointF> points; // continuous pixel coordinates of the frame (pixel centres at .0)
    QString text;          // a note typed by the user (Text, Arrow)
    QString value;         // the measurement as last shown, kept for readers without pixels

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject& json, Annotation* out);
    // How many points the kind needs before it is complete (0: open polygon).
    static int pointsNeeded(AnnotationKind kind);
    bool operator==(const Annotation&) const = default;
};

QString annotationKindKey(AnnotationKind kind);
bool annotationKindFromKey(const QString& key, AnnotationKind* out);

QJsonArray annotationsToJson(const QList<Annotation>& items);
QList<Annotation> annotationsFromJson(const QJsonArray& items);

} // namespace lumen::viewer
