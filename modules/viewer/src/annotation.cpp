#include "lumen/viewer/annotation.h"

#include <array>

namespace lumen::viewer {

namespace {

struct KindName
{
    AnnotationKind kind;
    const char* key;
};

constexpr std::array<KindName, 10> kindNames{{{AnnotationKind::Length, "length"},
                                              {AnnotationKind::Angle, "angle"},
                                              {AnnotationKind::Rectangle, "rectangle"},
                                              {AnnotationKind::Ellipse, "ellipse"},
                                              {AnnotationKind::Polygon, "polygon"},
                                              {AnnotationKind::Probe, "probe"},
                                              {AnnotationKind::Ctr, "ctr"},
                                              {AnnotationKind::Cobb, "cobb"},
                                              {AnnotationKind::Arrow, "arrow"},
                                              {AnnotationKind::Text, "text"}}};

} // namespace

QString annotationKindKey(AnnotationKind kind)
{
    for (const auto& k : kindNames)
        if (k.kind == kind)
            return QLatin1String(k.key);
    return {};
}

bool annotationKindFromKey(const QString& key, AnnotationKind* out)
{
    for (const auto& k : kindNames)
        if (key == QLatin1String(k.key)) {
            *out = k.kind;
            return true;
        }
    return false;
}

int Annotation::pointsNeeded(AnnotationKind kind)
{
    switch (kind) {
    case AnnotationKind::Probe:
    case AnnotationKind::Text:
        return 1;
    case AnnotationKind::Length:
    case AnnotationKind::Rectangle:
    case AnnotationKind::Ellipse:
    case AnnotationKind::Arrow:
        return 2;
    case AnnotationKind::Angle:
        return 3;
    case AnnotationKind::Ctr:
    case AnnotationKind::Cobb:
        return 4;
    case AnnotationKind::Polygon:
        return 0;
    }
    return 0;
}

QJsonObject Annotation::toJson() const
{
    QJsonArray pts;
    for (const QPointF& p : points)
        pts.append(QJsonArray{p.x(), p.y()});
    QJsonObject o{{"kind", annotationKindKey(kind)}, {"points", pts}};
    if (!text.isEmpty())
        o.insert("text", text);
    if (!value.isEmpty())
        o.insert("value", value);
    return o;
}

bool Annotation::fromJson(const QJsonObject& json, Annotation* out)
{
    Annotation a;
    if (!annotationKindFromKey(json.value("kind").toString(), &a.kind))
        return false;
    for (const auto& p : json.value("points").toArray()) {
        const QJsonArray xy = p.toArray();
        if (xy.size() != 2 || !xy[0].isDouble() || !xy[1].isDouble())
            return false;
        a.points.append(QPointF(xy[0].toDouble(), xy[1].toDouble()));
    }
    if (a.points.isEmpty())
        return false;
    a.text = json.value("text").toString();
    a.value = json.value("value").toString();
    *out = a;
    return true;
}

QJsonArray annotationsToJson(const QList<Annotation>& items)
{
    QJsonArray array;
    for (const Annotation& a : items)
        array.append(a.toJson());
    return array;
}

QList<Annotation> annotationsFromJson(const QJsonArray& items)
{
    QList<Annotation> out;
    for (const auto& item : items) {
        Annotation a;
        if (Annotation::fromJson(item.toObject(), &a))
            out.append(a);
    }
    return out;
}

} // namespace lumen::viewer
