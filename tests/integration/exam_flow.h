#pragma once
// Exam helpers for integration tests: a valid order, and an exam walked to any status along a
// legal path, each step taken by the demo account whose role does it. The paths and actors
// are written out here, independently of the server's status machine.
#include "http_client.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace lumen::test {

inline const QString examsPath = QStringLiteral("/api/v1/exams");
QString examPath(qint64 id);
QString transitionsPath(qint64 id);
QString timelinePath(qint64 id);

// A chest CT order for `patientId`; `extra` fields are added or replace the defaults.
QJsonObject ctOrder(qint64 patientId, const QJsonObject& extra = {});

class ExamFlow
{
public:
    // Signs in every demo account it needs (registrar, technologist, radiologist, approver).
    explicit ExamFlow(HttpClient& http);
    bool ready() const { return !m_tokens.isEmpty() && !m_tokens.values().contains(QString()); }

    QString token(const QString& user) const { return m_tokens.value(user); }
    // The statuses to pass through from requested to `status`, in order.
    static QStringList pathTo(const QString& status);
    // The demo account that takes the step to `to` in the usual workflow.
    static QString actorFor(const QString& to);
    // A body for the step: a note where one is needed, a slot for booking.
    static QJsonObject stepBody(const QString& to);

    // Registers a patient (distinct names per call) and returns the id, or 0.
    qint64 newPatient(const QString& name, const QJsonObject& extra = {});
    // Creates an exam and walks it to `status`; returns the exam id, or 0 with `error` set.
    qint64 examAt(qint64 patientId, const QString& status, QString* error = nullptr,
                  const QJsonObject& order = {});
    HttpReply step(qint64 examId, const QString& to, const QString& asUser = {});

private:
    HttpClient& m_http;
    QHash<QString, QString> m_tokens;
};

} // namespace lumen::test
