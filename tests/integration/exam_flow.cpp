#include "exam_flow.h"

#include <QJsonArray>

namespace lumen::test {

QString examPath(qint64 id)
{
    return examsPath + QStringLiteral("/%1").arg(id);
}
QString transitionsPath(qint64 id)
{
    return examPath(id) + QStringLiteral("/transitions");
}
QString timelinePath(qint64 id)
{
    return examPath(id) + QStringLiteral("/timeline");
}

QJsonObject ctOrder(qint64 patientId, const QJsonObject& extra)
{
    QJsonObject order{{"patientId", patientId},
                      {"department", "radiology"},
                      {"modality", "CT"},
                      {"items", QJsonArray{QJsonObject{{"method", "CT平扫"}, {"bodyPart", "胸部"}}}},
                      {"requestingDepartment", "呼吸内科"},
                      {"requestingDoctor", "王建华"},
                      {"clinicalDiagnosis", "咳嗽待查"},
                      {"patientSource", "outpatient"},
                      {"priority", "routine"}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        order.insert(it.key(), it.value());
    return order;
}

ExamFlow::ExamFlow(HttpClient& http) : m_http(http)
{
    for (const char* user : {"registrar", "technologist", "radiologist", "approver"})
        m_tokens.insert(QString::fromLatin1(user), m_http.login(QString::fromLatin1(user)));
}

QStringList ExamFlow::pathTo(const QString& status)
{
    static const QStringList main = {"booked",          "checked_in", "called",  "examined",
                                     "images_received", "reported",   "approved"};
    if (status == "requested")
        return {};
    if (status == "cancelled")
        return {"cancelled"};
    if (status == "no_show")
        return {"booked", "no_show"};
    if (status == "in_progress")
        return {"booked", "checked_in", "called", "in_progress"};
    if (status == "printed" || status == "released_to_clinic")
        return main + QStringList{status};
    const auto at = main.indexOf(status);
    return at < 0 ? QStringList{status} : main.mid(0, at + 1);
}

QString ExamFlow::actorFor(const QString& to)
{
    if (to == "in_progress" || to == "examined" || to == "images_received")
        return QStringLiteral("technologist");
    if (to == "reported")
        return QStringLiteral("radiologist");
    if (to == "approved")
        return QStringLiteral("approver");
    return QStringLiteral("registrar");
}

QJsonObject ExamFlow::stepBody(const QString& to)
{
    QJsonObject body{{"to", to}};
    if (to == "booked") {
        body.insert("scheduledAt", "2030-01-15T01:30:00Z");
        body.insert("room", "CT1");
    }
    if (to == "cancelled" || to == "no_show")
        body.insert("note", QStringLiteral("测试原因 %1").arg(to));
    return body;
}

qint64 ExamFlow::newPatient(const QString& name, const QJsonObject& extra)
{
    QJsonObject body{{"name", name}, {"sex", "F"}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    const auto reply = m_http.call("POST", QStringLiteral("/api/v1/patients"), body, token("registrar"));
    return reply.status == 201 ? reply.value(QStringLiteral("id")).toInteger() : 0;
}

HttpReply ExamFlow::step(qint64 examId, const QString& to, const QString& asUser)
{
    return m_http.call("POST", transitionsPath(examId), stepBody(to),
                       token(asUser.isEmpty() ? actorFor(to) : asUser));
}

qint64 ExamFlow::examAt(qint64 patientId, const QString& status, QString* error, const QJsonObject& order)
{
    const auto created =
        m_http.call("POST", examsPath, order.isEmpty() ? ctOrder(patientId) : order, token("registrar"));
    if (created.status != 201) {
        if (error)
            *error = QStringLiteral("create: ") + QString::fromUtf8(created.describe());
        return 0;
    }
    const auto id = created.value(QStringLiteral("id")).toInteger();
    for (const auto& to : pathTo(status)) {
        const auto reply = step(id, to);
        if (reply.status != 200) {
            if (error)
                *error = QStringLiteral("step to %1: %2").arg(to, QString::fromUtf8(reply.describe()));
            return 0;
        }
    }
    return id;
}

} // namespace lumen::test
