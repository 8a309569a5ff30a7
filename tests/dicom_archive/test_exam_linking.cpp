// Integration tests of studies filed under their exams: by Accession Number when they arrive
// over C-STORE, and by hand through POST /api/v1/archive/studies/{uid}/assign, with the exam's
// step to images_received, its timeline and the audit trail. The real lumen-server with its
// demo patients, exams made through the REST API, objects written with dcmodify and sent with
// storescu as DEMO_CT.
#include "dicom_tools.h"
#include "exam_flow.h"
#include "http_client.h"
#include "server_process.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace lumen::test;

namespace {

const QString testData = QStringLiteral(LUMEN_TESTDATA_DIR);
const QString ctSeries = testData + QStringLiteral("/ct/philips_ingenuity_head_phantom_5mm");

QString assignPath(const QString& studyUid)
{
    return QStringLiteral("/api/v1/archive/studies/%1/assign").arg(studyUid);
}

} // namespace

class ExamLinkingTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    int m_objects = 0;

    // A copy of a test-data CT slice with a new SOP Instance and Series UID, in a new study unless
    // `studyUid` names one, carrying `patientId` and `accession`. Empty when dcmodify failed.
    QString writeObject(const QString& patientId, const QString& accession, const QString& studyUid = {})
    {
        const QString path = m_dir.filePath(QStringLiteral("object%1.dcm").arg(++m_objects));
        if (!QFile::copy(filesIn(ctSeries).first(), path))
            return {};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        QStringList args{QStringLiteral("-nb"),
                         QStringLiteral("-gin"),
                         QStringLiteral("-gse"),
                         QStringLiteral("-m"),
                         QStringLiteral("PatientID=") + patientId,
                         QStringLiteral("-m"),
                         QStringLiteral("AccessionNumber=") + accession};
        args += studyUid.isEmpty()
                    ? QStringList{QStringLiteral("-gst")}
                    : QStringList{QStringLiteral("-m"), QStringLiteral("StudyInstanceUID=") + studyUid};
        args << path;
        const auto modified = runTool(QStringLiteral("dcmodify"), args);
        return modified.exitCode == 0 ? path : QString();
    }
    // Stores one object as DEMO_CT and returns its Study Instance UID (empty on failure).
    QString storeObject(const QString& patientId, const QString& accession, const QString& studyUid = {})
    {
        const QString file = writeObject(patientId, accession, studyUid);
        if (file.isEmpty() || storescu(m_server.dicomPort(), {file}).exitCode != 0)
            return {};
        return dumpValue(file, QStringLiteral("StudyInstanceUID"));
    }

    QJsonObject patient(HttpClient& http, const QString& token, qint64 id)
    {
        return http.get(QStringLiteral("/api/v1/patients/%1").arg(id), token).object();
    }
    QJsonObject exam(HttpClient& http, const QString& token, qint64 id)
    {
        return http.get(examPath(id), token).object();
    }
    QJsonArray timeline(HttpClient& http, const QString& token, qint64 id)
    {
        return http.get(timelinePath(id), token).value(QStringLiteral("items")).toArray();
    }
    HttpReply study(HttpClient& http, const QString& token, const QString& uid)
    {
        return http.get(QStringLiteral("/api/v1/archive/studies/%1").arg(uid), token);
    }
    // The audit entries of `action` about `objectId`, newest first.
    QList<QJsonObject> auditOf(HttpClient& http, const QString& action, const QString& objectId)
    {
        const auto reply = http.get(QStringLiteral("/api/v1/audit?action=%1&limit=1000").arg(action),
                                    http.login(QStringLiteral("admin")));
        QList<QJsonObject> out;
        for (const auto& item : reply.value(QStringLiteral("items")).toArray())
            if (item.toObject().value(QStringLiteral("objectId")).toString() == objectId)
                out.push_back(item.toObject());
        return out;
    }
    bool isUnmatched(HttpClient& http, const QString& token, const QString& studyUid)
    {
        const auto items =
            http.get(QStringLiteral("/api/v1/archive/unmatched?limit=1000"), token).value("items").toArray();
        for (const auto& item : items)
            if (item.toObject().value(QStringLiteral("studyUid")).toString() == studyUid)
                return true;
        return false;
    }

private slots:
    void initTestCase()
    {
        if (!QDir(ctSeries).exists())
            QSKIP("../shared/testdata is absent: these tests need its real DICOM files");
        QVERIFY2(m_server.start(m_dir.path()), qPrintable(m_server.errorString()));
    }

    // req: issue 3 §2 studies matched to exams by AccessionNumber; issue 4 closed loop
    void arriving_study_moves_its_checked_in_exam_to_images_received()
    {
        HttpClient http(m_server.httpPort());
        ExamFlow flow(http);
        QVERIFY(flow.ready());
        const QString registrar = flow.token(QStringLiteral("registrar"));
        const qint64 patientId = 2;
        const QString outpatientNo = patient(http, registrar, patientId).value("outpatientNo").toString();
        QVERIFY(!outpatientNo.isEmpty());
        QString error;
        const qint64 examId = flow.examAt(patientId, QStringLiteral("checked_in"), &error);
        QVERIFY2(examId > 0, qPrintable(error));
        const QString accession = exam(http, registrar, examId).value("accessionNumber").toString();
        const int stepsBefore = int(timeline(http, registrar, examId).size());

        const QString studyUid = storeObject(outpatientNo, accession);
        QVERIFY(!studyUid.isEmpty());

        QCOMPARE(exam(http, registrar, examId).value("status").toString(), QStringLiteral("images_received"));
        auto steps = timeline(http, registrar, examId);
        QCOMPARE(int(steps.size()), stepsBefore + 1);
        const auto last = steps.last().toObject();
        QCOMPARE(last.value("user").toString(), QStringLiteral("AE:DEMO_CT"));
        QCOMPARE(last.value("from").toString(), QStringLiteral("checked_in"));
        QCOMPARE(last.value("to").toString(), QStringLiteral("images_received"));

        const auto filed = study(http, registrar, studyUid);
        QVERIFY2(filed.status == 200, filed.describe().constData());
        QCOMPARE(filed.value("examId").toInteger(), examId);
        QCOMPARE(filed.value("patientId").toInteger(), patientId);
        QCOMPARE(filed.value("accessionNumber").toString(), accession);

        const auto transitions = auditOf(http, QStringLiteral("exam.transition"), QString::number(examId));
        QVERIFY(!transitions.isEmpty());
        QCOMPARE(transitions.first().value("user").toString(), QStringLiteral("AE:DEMO_CT"));
        QCOMPARE(transitions.first().value("detail").toString(),
                 QStringLiteral("checked_in -> images_received"));
        const auto assigned = auditOf(http, QStringLiteral("archive.assign"), studyUid);
        QCOMPARE(assigned.size(), 1);
        QCOMPARE(assigned.first().value("user").toString(), QStringLiteral("AE:DEMO_CT"));
        QCOMPARE(assigned.first().value("detail").toString(),
                 QStringLiteral("from %1 to %1 exam %2, by accession number %3")
                     .arg(patientId)
                     .arg(examId)
                     .arg(accession));

        // The rest of the study changes nothing: the exam took its step once.
        QCOMPARE(storeObject(outpatientNo, accession, studyUid), studyUid);
        QCOMPARE(int(timeline(http, registrar, examId).size()), stepsBefore + 1);
        QCOMPARE(auditOf(http, QStringLiteral("archive.assign"), studyUid).size(), 1);
    }

    void exam_called_or_examined_also_learns_its_images_arrived()
    {
        HttpClient http(m_server.httpPort());
        ExamFlow flow(http);
        const QString registrar = flow.token(QStringLiteral("registrar"));
        for (const QString& status : {QStringLiteral("called"), QStringLiteral("examined")}) {
            const qint64 patientId = status == QStringLiteral("called") ? 3 : 4;
            QString error;
            const qint64 examId = flow.examAt(patientId, status, &error);
            QVERIFY2(examId > 0, qPrintable(error));
            const QString accession = exam(http, registrar, examId).value("accessionNumber").toString();
            QVERIFY(
                !storeObject(patient(http, registrar, patientId).value("hisPatientId").toString(), accession)
                     .isEmpty());
            QCOMPARE(exam(http, registrar, examId).value("status").toString(),
                     QStringLiteral("images_received"));
            QCOMPARE(timeline(http, registrar, examId).last().toObject().value("from").toString(), status);
        }
    }

    void reported_exam_is_filed_and_keeps_its_status()
    {
        HttpClient http(m_server.httpPort());
        ExamFlow flow(http);
        const QString registrar = flow.token(QStringLiteral("registrar"));
        const qint64 patientId = 16;
        QString error;
        const qint64 examId = flow.examAt(patientId, QStringLiteral("reported"), &error);
        QVERIFY2(examId > 0, qPrintable(error));
        const QString accession = exam(http, registrar, examId).value("accessionNumber").toString();
        const int steps = int(timeline(http, registrar, examId).size());

        // Late images (a reconstruction sent after the report) do not return the report.
        const QString studyUid =
            storeObject(patient(http, registrar, patientId).value("outpatientNo").toString(), accession);
        QVERIFY(!studyUid.isEmpty());
        QCOMPARE(study(http, registrar, studyUid).value("examId").toInteger(), examId);
        QCOMPARE(exam(http, registrar, examId).value("status").toString(), QStringLiteral("reported"));
        QCOMPARE(int(timeline(http, registrar, examId).size()), steps);
    }

    void unmatched_study_goes_to_the_patient_of_its_exam()
    {
        HttpClient http(m_server.httpPort());
        ExamFlow flow(http);
        const QString registrar = flow.token(QStringLiteral("registrar"));
        const qint64 patientId = 5;
        QString error;
        const qint64 examId = flow.examAt(patientId, QStringLiteral("checked_in"), &error);
        QVERIFY2(examId > 0, qPrintable(error));
        const QString accession = exam(http, registrar, examId).value("accessionNumber").toString();

        // A Patient ID no hospital identifier has: the accession number alone identifies the patient.
        const QString studyUid = storeObject(QStringLiteral("TYPO-0005"), accession);
        QVERIFY(!studyUid.isEmpty());
        const auto filed = study(http, registrar, studyUid);
        QVERIFY2(filed.status == 200, filed.describe().constData());
        QCOMPARE(filed.value("patientId").toInteger(), patientId);
        QCOMPARE(filed.value("examId").toInteger(), examId);
        // As an assignment by hand, the index takes the patient's identity (HIS id first).
        QCOMPARE(filed.value("dicomPatientId").toString(),
                 patient(http, registrar, patientId).value("hisPatientId").toString());
        QVERIFY(!isUnmatched(http, registrar, studyUid));
        QCOMPARE(exam(http, registrar, examId).value("status").toString(), QStringLiteral("images_received"));
        const auto assigned = auditOf(http, QStringLiteral("archive.assign"), studyUid);
        QCOMPARE(assigned.size(), 1);
        QCOMPARE(assigned.first().value("detail").toString(),
                 QStringLiteral("from unmatched to %1 exam %2, by accession number %3")
                     .arg(patientId)
                     .arg(examId)
                     .arg(accession));

        // Reversible like any assignment: back to unmatched with the received Patient ID.
        const auto undone =
            http.call("POST", assignPath(studyUid), QJsonObject{{"patientId", QJsonValue::Null}}, registrar);
        QVERIFY2(undone.status == 200, undone.describe().constData());
        QVERIFY(undone.value("examId").isNull());
        QCOMPARE(undone.value("dicomPatientId").toString(), QStringLiteral("TYPO-0005"));
        QVERIFY(isUnmatched(http, registrar, studyUid));
    }

    void study_of_another_patient_is_left_for_reconciliation()
    {
        HttpClient http(m_server.httpPort());
        ExamFlow flow(http);
        const QString registrar = flow.token(QStringLiteral("registrar"));
        QString error;
        const qint64 examId = flow.examAt(6, QStringLiteral("checked_in"), &error);
        QVERIFY2(examId > 0, qPrintable(error));
        const QString accession = exam(http, registrar, examId).value("accessionNumber").toString();
        const int steps = int(timeline(http, registrar, examId).size());
        const int version = exam(http, registrar, examId).value("version").toInt();

        const qint64 otherPatient = 9;
        const QString studyUid =
            storeObject(patient(http, registrar, otherPatient).value("outpatientNo").toString(), accession);
        QVERIFY(!studyUid.isEmpty());
        const auto stored = study(http, registrar, studyUid);
        QCOMPARE(stored.value("patientId").toInteger(), otherPatient);
        QVERIFY(stored.value("examId").isNull());
        const auto unchanged = exam(http, registrar, examId);
        QCOMPARE(unchanged.value("status").toString(), QStringLiteral("checked_in"));
        QCOMPARE(unchanged.value("version").toInt(), version);
        QCOMPARE(int(timeline(http, registrar, examId).size()), steps);
        QVERIFY(auditOf(http, QStringLiteral("archive.assign"), studyUid).isEmpty());
        QTRY_VERIFY2(m_server.output().contains("left for reconciliation") &&
                         m_server.output().contains(studyUid.toUtf8()),
                     "no warning names the study");
    }

    void cancelled_exam_is_never_filed()
    {
        HttpClient http(m_server.httpPort());
        ExamFlow flow(http);
        const QString registrar = flow.token(QStringLiteral("registrar"));
        const qint64 patientId = 10;
        QString error;
        const qint64 examId = flow.examAt(patientId, QStringLiteral("cancelled"), &error);
        QVERIFY2(examId > 0, qPrintable(error));
        const QString accession = exam(http, registrar, examId).value("accessionNumber").toString();
        const int steps = int(timeline(http, registrar, examId).size());

        const QString matched =
            storeObject(patient(http, registrar, patientId).value("outpatientNo").toString(), accession);
        const QString unmatched = storeObject(QStringLiteral("TYPO-0010"), accession);
        QVERIFY(!matched.isEmpty() && !unmatched.isEmpty());
        QVERIFY(study(http, registrar, matched).value("examId").isNull());
        QCOMPARE(study(http, registrar, matched).value("patientId").toInteger(), patientId);
        QVERIFY(study(http, registrar, unmatched).value("examId").isNull());
        QVERIFY(isUnmatched(http, registrar, unmatched));
        QCOMPARE(exam(http, registrar, examId).value("status").toString(), QStringLiteral("cancelled"));
        QCOMPARE(int(timeline(http, registrar, examId).size()), steps);

        // Nor by hand.
        const auto refused = http.call("POST", assignPath(unmatched),
                                       QJsonObject{{"patientId", patientId}, {"examId", examId}}, registrar);
        QCOMPARE(refused.status, 409);
        QVERIFY2(refused.errorMessage().contains(QStringLiteral("cancelled")),
                 refused.describe().constData());
        QVERIFY(isUnmatched(http, registrar, unmatched));
    }

    // req: issue 3 §2 assign unmatched studies to a patient and exam, audited and reversible
    void filing_by_hand_under_an_exam_moves_it_and_unfiling_keeps_its_history()
    {
        HttpClient http(m_server.httpPort());
        ExamFlow flow(http);
        const QString registrar = flow.token(QStringLiteral("registrar"));
        const qint64 patientId = 11;
        QString error;
        const qint64 examId = flow.examAt(patientId, QStringLiteral("examined"), &error);
        QVERIFY2(examId > 0, qPrintable(error));
        const QString studyUid =
            storeObject(QStringLiteral("TYPO-0011"), QStringLiteral("NO-SUCH-ACCESSION"));
        QVERIFY(!studyUid.isEmpty());
        QVERIFY(isUnmatched(http, registrar, studyUid));
        const int steps = int(timeline(http, registrar, examId).size());

        const auto filed = http.call("POST", assignPath(studyUid),
                                     QJsonObject{{"patientId", patientId}, {"examId", examId}}, registrar);
        QVERIFY2(filed.status == 200, filed.describe().constData());
        QCOMPARE(filed.value("patientId").toInteger(), patientId);
        QCOMPARE(filed.value("examId").toInteger(), examId);
        QCOMPARE(exam(http, registrar, examId).value("status").toString(), QStringLiteral("images_received"));
        auto events = timeline(http, registrar, examId);
        QCOMPARE(int(events.size()), steps + 1);
        QCOMPARE(events.last().toObject().value("user").toString(), QStringLiteral("registrar"));
        QCOMPARE(events.last().toObject().value("from").toString(), QStringLiteral("examined"));

        // Filed again under the same patient without naming an exam: the study keeps it.
        const auto again =
            http.call("POST", assignPath(studyUid), QJsonObject{{"patientId", patientId}}, registrar);
        QVERIFY2(again.status == 200, again.describe().constData());
        QCOMPARE(again.value("examId").toInteger(), examId);

        const auto undone =
            http.call("POST", assignPath(studyUid), QJsonObject{{"patientId", QJsonValue::Null}}, registrar);
        QVERIFY2(undone.status == 200, undone.describe().constData());
        QVERIFY(undone.value("examId").isNull());
        QVERIFY(undone.value("patientId").isNull());
        QVERIFY(isUnmatched(http, registrar, studyUid));
        QCOMPARE(exam(http, registrar, examId).value("status").toString(), QStringLiteral("images_received"));
        QCOMPARE(int(timeline(http, registrar, examId).size()), steps + 1);

        const auto entries = auditOf(http, QStringLiteral("archive.assign"), studyUid);
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(2).value("detail").toString(),
                 QStringLiteral("from unmatched to %1 exam %2").arg(patientId).arg(examId));
        QCOMPARE(entries.at(1).value("detail").toString(),
                 QStringLiteral("from %1 exam %2 to %1 exam %2").arg(patientId).arg(examId));
        QCOMPARE(entries.at(0).value("detail").toString(),
                 QStringLiteral("from %1 exam %2 to unmatched").arg(patientId).arg(examId));
        const auto transitions = auditOf(http, QStringLiteral("exam.transition"), QString::number(examId));
        QCOMPARE(transitions.first().value("user").toString(), QStringLiteral("registrar"));
        QCOMPARE(transitions.first().value("detail").toString(),
                 QStringLiteral("examined -> images_received"));
    }

    void study_given_to_another_patient_leaves_its_exam()
    {
        HttpClient http(m_server.httpPort());
        ExamFlow flow(http);
        const QString registrar = flow.token(QStringLiteral("registrar"));
        const qint64 patientId = 12;
        QString error;
        const qint64 examId = flow.examAt(patientId, QStringLiteral("checked_in"), &error);
        QVERIFY2(examId > 0, qPrintable(error));
        const QString accession = exam(http, registrar, examId).value("accessionNumber").toString();
        const QString studyUid =
            storeObject(patient(http, registrar, patientId).value("outpatientNo").toString(), accession);
        QCOMPARE(study(http, registrar, studyUid).value("examId").toInteger(), examId);

        // A study is filed only under an exam of its own patient.
        const auto moved = http.call("POST", assignPath(studyUid), QJsonObject{{"patientId", 13}}, registrar);
        QVERIFY2(moved.status == 200, moved.describe().constData());
        QCOMPARE(moved.value("patientId").toInteger(), qint64(13));
        QVERIFY(moved.value("examId").isNull());
        QCOMPARE(exam(http, registrar, examId).value("status").toString(), QStringLiteral("images_received"));
    }

    void wrong_exam_is_refused_and_changes_nothing()
    {
        HttpClient http(m_server.httpPort());
        ExamFlow flow(http);
        const QString registrar = flow.token(QStringLiteral("registrar"));
        const qint64 patientId = 14;
        QString error;
        const qint64 examId = flow.examAt(patientId, QStringLiteral("checked_in"), &error);
        const qint64 otherPatientsExam = flow.examAt(15, QStringLiteral("checked_in"), &error);
        QVERIFY2(examId > 0 && otherPatientsExam > 0, qPrintable(error));
        // Demo patient 8 is confidential: the registrar may not learn that its exam exists.
        const auto confidential =
            http.call("POST", examsPath, ctOrder(8), http.login(QStringLiteral("admin")));
        QVERIFY2(confidential.status == 201, confidential.describe().constData());
        const qint64 confidentialExam = confidential.value("id").toInteger();
        const QString studyUid =
            storeObject(QStringLiteral("TYPO-0014"), QStringLiteral("NO-SUCH-ACCESSION-2"));
        QVERIFY(!studyUid.isEmpty());
        const int steps = int(timeline(http, registrar, examId).size());

        struct Case
        {
            QJsonObject body;
            int status;
            const char* code;
            const char* says;
        };
        const QList<Case> cases = {
            {{{"patientId", patientId}, {"examId", 999999}}, 404, "not_found", "No such exam"},
            {{{"patientId", patientId}, {"examId", confidentialExam}}, 404, "not_found", "No such exam"},
            {{{"patientId", patientId}, {"examId", otherPatientsExam}}, 409, "conflict", "another patient"},
            {{{"patientId", QJsonValue::Null}, {"examId", examId}}, 400, "invalid_field", "no exam"},
            {{{"patientId", patientId}, {"examId", QString::number(examId)}}, 400, "invalid_field", "examId"},
        };
        for (const auto& c : cases) {
            const auto reply = http.call("POST", assignPath(studyUid), c.body, registrar);
            QVERIFY2(reply.status == c.status, reply.describe().constData());
            QCOMPARE(reply.errorCode(), QString::fromLatin1(c.code));
            QVERIFY2(reply.errorMessage().contains(QString::fromLatin1(c.says)),
                     reply.describe().constData());
        }
        QVERIFY(isUnmatched(http, registrar, studyUid));
        QVERIFY(study(http, registrar, studyUid).value("examId").isNull());
        QVERIFY(auditOf(http, QStringLiteral("archive.assign"), studyUid).isEmpty());
        for (const qint64 id : {examId, otherPatientsExam})
            QCOMPARE(exam(http, registrar, id).value("status").toString(), QStringLiteral("checked_in"));
        QCOMPARE(int(timeline(http, registrar, examId).size()), steps);
        QCOMPARE(http.call("POST", assignPath(studyUid),
                           QJsonObject{{"patientId", patientId}, {"examId", examId}},
                           http.login(QStringLiteral("radiologist")))
                     .status,
                 403);
    }
};

QTEST_GUILESS_MAIN(ExamLinkingTest)
#include "test_exam_linking.moc"
