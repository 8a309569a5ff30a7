// Modality Worklist and MPPS from the real lumen-server: findscu -W finds the exams waiting in a
// room, and the modality's procedure steps move them along the closed loop.
#include "commitment_scu.h"
#include "dicom_tools.h"
#include "exam_flow.h"
#include "http_client.h"
#include "mpps_scu.h"
#include "server_process.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace lumen::test;

namespace {

constexpr int notAuthorized = 0x0124;

// One findscu answer: every "(gggg,eeee) VR [value]" line, nested items included, by tag.
using Answer = QMap<QString, QString>;

QList<Answer> worklistAnswers(const QString& output)
{
    QList<Answer> answers;
    static const QRegularExpression line(
        QStringLiteral(R"(\(([0-9a-f]{4},[0-9a-f]{4})\) \w\w (?:\[(.*)\]|\(no value))"));
    for (const QString& text : output.split(QLatin1Char('\n'))) {
        if (text.contains(QStringLiteral("Find Response:")) && text.contains(QStringLiteral("Pending")))
            answers.append(Answer{});
        const auto m = line.match(text);
        if (m.hasMatch() && !answers.isEmpty())
            answers.last().insert(m.captured(1),
                                  m.captured(2).remove(QChar(0)).trimmed()); // UIDs: NUL-padded
    }
    return answers;
}

QStringList accessionsOf(const QList<Answer>& answers)
{
    QStringList list;
    for (const auto& a : answers)
        list.append(a.value(QStringLiteral("0008,0050")));
    return list;
}

} // namespace

class DicomWorklistTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ServerProcess m_server;

    bool startServer(const QStringList& extraArgs = {})
    {
        m_server.kill();
        m_dir = std::make_unique<QTemporaryDir>();
        return m_server.start(m_dir->path(), extraArgs);
    }

    void registerAe(const QString& aeTitle, const QString& room, bool canQuery = true)
    {
        const auto reply =
            HttpClient(m_server.httpPort())
                .registerDicomAe(aeTitle, 11113,
                                 QJsonObject{{"canQuery", canQuery}, {"room", room}, {"modality", "ct"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.value("room").toString(), room);
        QCOMPARE(reply.value("modality").toString(), QStringLiteral("CT")); // upper-cased
    }

    struct Made
    {
        qint64 id = 0;
        QString accession;
        QString patientId; // the Patient ID the worklist gives
    };

    // A chest CT for a new patient, booked in `room` at `slot` (UTC) and walked to `status`.
    Made examIn(const QString& name, const QString& room, const QDateTime& slot, const QString& status,
                const QString& hisId)
    {
        HttpClient http(m_server.httpPort());
        ExamFlow flow(http);
        Made made;
        const auto patient =
            flow.newPatient(name, QJsonObject{{"hisPatientId", hisId}, {"birthDate", "1980-05-17"}});
        if (!patient)
            return made;
        const auto created = http.call("POST", examsPath, ctOrder(patient), flow.token("registrar"));
        if (created.status != 201)
            return made;
        made.id = created.value("id").toInteger();
        made.accession = created.value("accessionNumber").toString();
        made.patientId = hisId;
        const auto booked = http.call(
            "POST", transitionsPath(made.id),
            QJsonObject{{"to", "booked"}, {"scheduledAt", slot.toString(Qt::ISODate)}, {"room", room}},
            flow.token("registrar"));
        if (booked.status != 200)
            return Made{};
        if (status == QStringLiteral("booked"))
            return made;
        if (flow.step(made.id, QStringLiteral("checked_in")).status != 200)
            return Made{};
        if (status == QStringLiteral("cancelled") &&
            flow.step(made.id, QStringLiteral("cancelled")).status != 200)
            return Made{};
        if (status == QStringLiteral("called") && flow.step(made.id, QStringLiteral("called")).status != 200)
            return Made{};
        return made;
    }

    ToolResult findWorklist(const QString& callingAe, const QStringList& keys)
    {
        QStringList args{QStringLiteral("-W"), QStringLiteral("-aet"), callingAe, QStringLiteral("-aec"),
                         QStringLiteral("LUMEN")};
        for (const QString& key : keys)
            args << QStringLiteral("-k") << key;
        args << QStringLiteral("127.0.0.1") << QString::number(m_server.dicomPort());
        return runTool(QStringLiteral("findscu"), args);
    }

    static QString step(const QString& keyword, const QString& value = {})
    {
        return QStringLiteral("ScheduledProcedureStepSequence[0].") + keyword +
               (value.isEmpty() ? "" : "=" + value);
    }

    QJsonArray timelineOf(qint64 id)
    {
        HttpClient http(m_server.httpPort());
        return http.get(timelinePath(id), http.login(QStringLiteral("technologist")))
            .value("items")
            .toArray();
    }

    QString statusOf(qint64 id)
    {
        HttpClient http(m_server.httpPort());
        return http.get(examPath(id), http.login(QStringLiteral("technologist"))).value("status").toString();
    }

    // The Study Instance UID the worklist serves for the exam with `accession`.
    QString servedStudyUid(const QString& accession)
    {
        const auto answers = worklistAnswers(
            findWorklist(QStringLiteral("WL_CT"),
                         {QStringLiteral("AccessionNumber=") + accession, QStringLiteral("StudyInstanceUID")})
                .output);
        return answers.size() == 1 ? answers.first().value(QStringLiteral("0020,000d")) : QString();
    }

private slots:
    void initTestCase()
    {
        for (const char* tool : {"findscu"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP("DCMTK's command-line tools are not installed (Debian package dcmtk)");
    }

    void init()
    {
        QVERIFY2(startServer(), qPrintable(m_server.errorString()));
        registerAe(QStringLiteral("WL_CT"), QStringLiteral("WL1"));
    }

    void cleanup() { m_server.kill(); }

    // req: issue 4 §5 the MWL serves checked-in exams with the standard matching keys
    void findscu_lists_checked_in_exams_by_modality_station_date_patient_and_accession()
    {
        const auto now = QDateTime::currentDateTimeUtc();
        const auto a = examIn(QStringLiteral("林一"), QStringLiteral("WL1"), now,
                              QStringLiteral("checked_in"), QStringLiteral("WLHIS001"));
        const auto b = examIn(QStringLiteral("林二"), QStringLiteral("WL1"), now.addSecs(600),
                              QStringLiteral("called"), QStringLiteral("WLHIS002"));
        const auto other = examIn(QStringLiteral("林三"), QStringLiteral("WL2"), now,
                                  QStringLiteral("checked_in"), QStringLiteral("WLHIS003"));
        QVERIFY(a.id && b.id && other.id);

        const auto byStation = findWorklist(QStringLiteral("WL_CT"),
                                            {step("ScheduledStationAETitle", "WL_CT"), step("Modality", "CT"),
                                             QStringLiteral("AccessionNumber")});
        QCOMPARE(byStation.exitCode, 0);
        auto found = accessionsOf(worklistAnswers(byStation.output));
        found.sort();
        QCOMPARE(found, (QStringList{a.accession, b.accession}));

        const QString today = now.toLocalTime().toString(QStringLiteral("yyyyMMdd"));
        const auto byDate = findWorklist(QStringLiteral("WL_CT"),
                                         {step("ScheduledProcedureStepStartDate", today + "-" + today),
                                          step("Modality", "CT"), QStringLiteral("AccessionNumber")});
        found = accessionsOf(worklistAnswers(byDate.output));
        QVERIFY2(found.contains(a.accession) && found.contains(other.accession), qPrintable(byDate.output));
        const auto yesterday = now.toLocalTime().addDays(-1).toString(QStringLiteral("yyyyMMdd"));
        QVERIFY(worklistAnswers(findWorklist(QStringLiteral("WL_CT"),
                                             {step("ScheduledProcedureStepStartDate", "-" + yesterday),
                                              QStringLiteral("AccessionNumber")})
                                    .output)
                    .isEmpty());

        // The time range holds only the later slot.
        const auto later = now.addSecs(600).toLocalTime();
        const QString from = later.addSecs(-60).toString(QStringLiteral("HHmm"));
        const QString to = later.addSecs(60).toString(QStringLiteral("HHmm"));
        if (from < to) { // not across midnight
            found = accessionsOf(worklistAnswers(
                findWorklist(QStringLiteral("WL_CT"),
                             {step("ScheduledProcedureStepStartDate", later.toString("yyyyMMdd")),
                              step("ScheduledProcedureStepStartTime", from + "-" + to),
                              step("ScheduledStationAETitle", "WL_CT"), QStringLiteral("AccessionNumber")})
                    .output));
            QCOMPARE(found, QStringList{b.accession});
        }

        found = accessionsOf(
            worklistAnswers(findWorklist(QStringLiteral("WL_CT"), {QStringLiteral("PatientID=WLHIS002"),
                                                                   QStringLiteral("AccessionNumber")})
                                .output));
        QCOMPARE(found, QStringList{b.accession});
        found = accessionsOf(worklistAnswers(
            findWorklist(QStringLiteral("WL_CT"), {QStringLiteral("AccessionNumber=") + other.accession})
                .output));
        QCOMPARE(found, QStringList{other.accession});
        QVERIFY(
            worklistAnswers(findWorklist(QStringLiteral("WL_CT"),
                                         {step("Modality", "MR"), step("ScheduledStationAETitle", "WL_CT"),
                                          QStringLiteral("AccessionNumber")})
                                .output)
                .isEmpty());

        // Audited as the AE.
        HttpClient http(m_server.httpPort());
        const auto audit =
            http.get(QStringLiteral("/api/v1/audit?action=dicom.worklist"), http.login("admin"))
                .value("items")
                .toArray();
        QVERIFY(!audit.isEmpty());
        QCOMPARE(audit.first().toObject().value("user").toString(), QStringLiteral("AE:WL_CT"));
    }

    // req: issue 4 §5 modalities never re-type a patient: demographics and order in the worklist
    void worklist_answers_the_requested_keys_with_chinese_names_in_utf8()
    {
        const auto now = QDateTime::currentDateTimeUtc();
        const auto a = examIn(QStringLiteral("欧阳测试明月"), QStringLiteral("WL1"), now,
                              QStringLiteral("checked_in"), QStringLiteral("WLHIS010"));
        QVERIFY(a.id);
        const auto result = findWorklist(
            QStringLiteral("WL_CT"),
            {QStringLiteral("PatientName=欧阳测试*"), QStringLiteral("PatientID"),
             QStringLiteral("PatientBirthDate"), QStringLiteral("PatientSex"),
             QStringLiteral("AccessionNumber"), QStringLiteral("StudyInstanceUID"),
             QStringLiteral("RequestedProcedureID"), QStringLiteral("RequestedProcedureDescription"),
             QStringLiteral("ReferringPhysicianName"), QStringLiteral("StudyDate"), step("Modality"),
             step("ScheduledStationAETitle"), step("ScheduledProcedureStepStartDate"),
             step("ScheduledProcedureStepDescription"), step("ScheduledProcedureStepID"),
             step("ScheduledPerformingPhysicianName"), step("BodyPartExamined")});
        QCOMPARE(result.exitCode, 0);
        const auto answers = worklistAnswers(result.output);
        QCOMPARE(answers.size(), 1);
        const Answer& x = answers.first();
        QCOMPARE(x.value("0008,0005"), QStringLiteral("ISO_IR 192"));
        QCOMPARE(x.value("0010,0010"), QStringLiteral("欧阳测试明月"));
        QCOMPARE(x.value("0010,0020"), QStringLiteral("WLHIS010"));
        QCOMPARE(x.value("0010,0030"), QStringLiteral("19800517"));
        QCOMPARE(x.value("0010,0040"), QStringLiteral("F"));
        QCOMPARE(x.value("0008,0050"), a.accession);
        QCOMPARE(x.value("0040,1001"), a.accession);
        QCOMPARE(x.value("0032,1060"), QStringLiteral("CT平扫 胸部"));
        QCOMPARE(x.value("0008,0090"), QStringLiteral("王建华"));
        QVERIFY(x.contains("0008,0020") && x.value("0008,0020").isEmpty()); // asked, not known: empty
        QCOMPARE(x.value("0008,0060"), QStringLiteral("CT"));
        QCOMPARE(x.value("0040,0001"), QStringLiteral("WL_CT"));
        QCOMPARE(x.value("0040,0002"), now.toLocalTime().toString(QStringLiteral("yyyyMMdd")));
        QCOMPARE(x.value("0040,0007"), QStringLiteral("CT平扫 胸部"));
        QCOMPARE(x.value("0040,0009"), a.accession);
        QCOMPARE(x.value("0018,0015"), QStringLiteral("CHEST"));
        QVERIFY(x.contains("0040,0006"));
        const QString uid = x.value("0020,000d");
        QVERIFY2(uid.startsWith(QStringLiteral("2.25.")), qPrintable(result.output));
        // Lower-case wildcard of an ASCII name part matches too; the UID stays the exam's.
        QCOMPARE(servedStudyUid(a.accession), uid);
        QCOMPARE(
            countRows(m_server.databasePath(),
                      QStringLiteral("SELECT count(*) FROM exams WHERE study_instance_uid = '%1'").arg(uid)),
            qint64(1));
    }

    // req: issue 4 §5 only exams waiting for the modality are served
    void booked_and_cancelled_exams_are_not_listed_unless_booked_ones_are_served()
    {
        const auto now = QDateTime::currentDateTimeUtc();
        const auto waiting = examIn(QStringLiteral("周一"), QStringLiteral("WL1"), now,
                                    QStringLiteral("checked_in"), QStringLiteral("WLHIS020"));
        const auto booked = examIn(QStringLiteral("周二"), QStringLiteral("WL1"), now,
                                   QStringLiteral("booked"), QStringLiteral("WLHIS021"));
        const auto cancelled = examIn(QStringLiteral("周三"), QStringLiteral("WL1"), now,
                                      QStringLiteral("cancelled"), QStringLiteral("WLHIS022"));
        const auto tomorrow = examIn(QStringLiteral("周四"), QStringLiteral("WL1"), now.addDays(2),
                                     QStringLiteral("booked"), QStringLiteral("WLHIS023"));
        QVERIFY(waiting.id && booked.id && cancelled.id && tomorrow.id);
        const QStringList keys{step("ScheduledStationAETitle", "WL_CT"), QStringLiteral("AccessionNumber")};
        QCOMPARE(accessionsOf(worklistAnswers(findWorklist(QStringLiteral("WL_CT"), keys).output)),
                 QStringList{waiting.accession});

        // With the setting, today's booked exams are served as well (still not cancelled ones,
        // nor those booked for another day).
        const QString data = m_dir->path();
        m_server.kill();
        QVERIFY2(m_server.start(data, {QStringLiteral("--worklist-include-booked"), QStringLiteral("true")}),
                 qPrintable(m_server.errorString()));
        auto found = accessionsOf(worklistAnswers(findWorklist(QStringLiteral("WL_CT"), keys).output));
        found.sort();
        QStringList expected{waiting.accession, booked.accession};
        expected.sort();
        QCOMPARE(found, expected);
    }

    void unknown_ae_and_ae_without_query_right_are_refused()
    {
        const auto unknown = findWorklist(QStringLiteral("NOBODY"), {QStringLiteral("AccessionNumber")});
        QVERIFY(unknown.exitCode != 0);
        QVERIFY2(unknown.output.contains(QStringLiteral("Association Rejected")) ||
                     unknown.output.contains(QStringLiteral("rejected")),
                 qPrintable(unknown.output));
        registerAe(QStringLiteral("WL_MUTE"), QStringLiteral("WL1"), false);
        // findscu names the final status only when verbose.
        const auto mute = runTool(QStringLiteral("findscu"),
                                  {QStringLiteral("-v"), QStringLiteral("-W"), QStringLiteral("-aet"),
                                   QStringLiteral("WL_MUTE"), QStringLiteral("-aec"), QStringLiteral("LUMEN"),
                                   QStringLiteral("-k"), QStringLiteral("AccessionNumber"),
                                   QStringLiteral("127.0.0.1"), QString::number(m_server.dicomPort())});
        QVERIFY2(mute.output.contains(QStringLiteral("Status: 0x124")), qPrintable(mute.output));
        QVERIFY(worklistAnswers(mute.output).isEmpty());
    }

    // req: issue 4 §5 the closed loop is filled by the devices: in progress and examined
    void mpps_moves_the_exam_in_progress_then_examined_with_the_modality_times()
    {
        const auto a = examIn(QStringLiteral("钱一"), QStringLiteral("WL1"), QDateTime::currentDateTimeUtc(),
                              QStringLiteral("called"), QStringLiteral("WLHIS030"));
        QVERIFY(a.id);
        const QString studyUid = servedStudyUid(a.accession);
        QVERIFY(!studyUid.isEmpty());

        MppsMessage create;
        create.callingAe = QStringLiteral("WL_CT");
        create.sopInstanceUid = newUid();
        // Found by the study UID alone, as a modality that keeps no accession number sends it.
        create.attributes = mppsInProgress(QString(), studyUid, QStringLiteral("WL_CT"));
        auto answer = sendMppsCreate(m_server.dicomPort(), create);
        QVERIFY2(answer.answered, qPrintable(answer.problem));
        QCOMPARE(answer.status, 0);
        QCOMPARE(answer.sopInstanceUid, create.sopInstanceUid);
        QCOMPARE(statusOf(a.id), QStringLiteral("in_progress"));

        MppsMessage set = create;
        set.attributes = mppsCompleted();
        answer = sendMppsSet(m_server.dicomPort(), set);
        QCOMPARE(answer.status, 0);
        QCOMPARE(statusOf(a.id), QStringLiteral("examined"));

        const auto timeline = timelineOf(a.id);
        QVERIFY(timeline.size() >= 2);
        const auto started = timeline.at(timeline.size() - 2).toObject();
        const auto ended = timeline.last().toObject();
        QCOMPARE(started.value("to").toString(), QStringLiteral("in_progress"));
        QCOMPARE(started.value("user").toString(), QStringLiteral("AE:WL_CT"));
        QVERIFY2(started.value("note").toString().contains(QStringLiteral("2026-11-22 09:30:05")),
                 qPrintable(started.value("note").toString()));
        QCOMPARE(ended.value("from").toString(), QStringLiteral("in_progress"));
        QCOMPARE(ended.value("to").toString(), QStringLiteral("examined"));
        QCOMPARE(ended.value("user").toString(), QStringLiteral("AE:WL_CT"));
        QVERIFY(ended.value("note").toString().contains(QStringLiteral("2026-11-22 09:41:10")));

        // PS3.4 F.7.2.2: a completed step may no longer be updated.
        answer = sendMppsSet(m_server.dicomPort(), set);
        QCOMPARE(answer.status, 0x0110);
        QVERIFY2(answer.errorComment.startsWith(QStringLiteral("A710")), qPrintable(answer.errorComment));
        QCOMPARE(statusOf(a.id), QStringLiteral("examined"));
        QCOMPARE(
            countRows(m_server.databasePath(),
                      QStringLiteral("SELECT count(*) FROM mpps_instances WHERE status = 'COMPLETED' AND "
                                     "exam_id = %1 AND end_time = '094110'")
                          .arg(a.id)),
            qint64(1));
        HttpClient http(m_server.httpPort());
        const auto audit = http.get(QStringLiteral("/api/v1/audit?action=dicom.mpps"), http.login("admin"))
                               .value("items")
                               .toArray();
        QCOMPARE(audit.size(), 2);
    }

    // req: issue 4 §5 a discontinued step says so
    void mpps_discontinued_puts_the_exam_back_in_the_queue_with_its_reason()
    {
        const auto a = examIn(QStringLiteral("钱二"), QStringLiteral("WL1"), QDateTime::currentDateTimeUtc(),
                              QStringLiteral("checked_in"), QStringLiteral("WLHIS031"));
        QVERIFY(a.id);
        MppsMessage create;
        create.callingAe = QStringLiteral("WL_CT");
        create.attributes = mppsInProgress(a.accession, newUid(), QStringLiteral("WL_CT"));
        auto answer = sendMppsCreate(m_server.dicomPort(), create); // the SCP gives the UID
        QCOMPARE(answer.status, 0);
        QVERIFY(answer.sopInstanceUid.size() > 8);
        QCOMPARE(statusOf(a.id), QStringLiteral("in_progress"));

        MppsMessage set;
        set.callingAe = QStringLiteral("WL_CT");
        set.sopInstanceUid = answer.sopInstanceUid;
        set.attributes = mppsDiscontinued();
        answer = sendMppsSet(m_server.dicomPort(), set);
        QCOMPARE(answer.status, 0);
        QCOMPARE(statusOf(a.id), QStringLiteral("checked_in"));
        const auto last = timelineOf(a.id).last().toObject();
        QCOMPARE(last.value("from").toString(), QStringLiteral("in_progress"));
        QCOMPARE(last.value("to").toString(), QStringLiteral("checked_in"));
        QCOMPARE(last.value("user").toString(), QStringLiteral("AE:WL_CT"));
        QVERIFY2(last.value("note").toString().contains(QStringLiteral("Incorrect worklist entry selected")),
                 qPrintable(last.value("note").toString()));
        // Back in the queue, so back on the worklist.
        QCOMPARE(accessionsOf(worklistAnswers(
                     findWorklist(QStringLiteral("WL_CT"), {QStringLiteral("AccessionNumber=") + a.accession})
                         .output)),
                 QStringList{a.accession});
        answer = sendMppsSet(m_server.dicomPort(), set);
        QCOMPARE(answer.status, 0x0110);
    }

    // req: issue 4 §5 MPPS validated per PS3.4 F.7
    void invalid_mpps_requests_are_refused_with_their_status()
    {
        const auto a = examIn(QStringLiteral("钱三"), QStringLiteral("WL1"), QDateTime::currentDateTimeUtc(),
                              QStringLiteral("checked_in"), QStringLiteral("WLHIS032"));
        QVERIFY(a.id);
        const auto valid = mppsInProgress(a.accession, newUid(), QStringLiteral("WL_CT"));
        auto without = [&](const QString& prefix) {
            QList<QString> list;
            for (const auto& attribute : valid)
                if (!attribute.startsWith(prefix))
                    list.append(attribute);
            return list;
        };
        auto create = [&](const QList<QString>& attributes, const QString& uid = newUid(),
                          const QString& ae = QStringLiteral("WL_CT")) {
            MppsMessage m;
            m.callingAe = ae;
            m.sopInstanceUid = uid;
            m.attributes = attributes;
            return sendMppsCreate(m_server.dicomPort(), m);
        };
        QCOMPARE(create(without(QStringLiteral("Modality"))).status, 0x0120);
        QCOMPARE(create(without(QStringLiteral("ScheduledStepAttributesSequence"))).status, 0x0120);
        auto emptyId = without(QStringLiteral("PerformedProcedureStepID"));
        emptyId.append(QStringLiteral("PerformedProcedureStepID"));
        QCOMPARE(create(emptyId).status, 0x0121);
        auto completed = without(QStringLiteral("PerformedProcedureStepStatus"));
        completed.append(QStringLiteral("PerformedProcedureStepStatus=COMPLETED"));
        QCOMPARE(create(completed).status, 0x0106);
        QCOMPARE(statusOf(a.id), QStringLiteral("checked_in")); // nothing refused changed it

        const QString uid = newUid();
        QCOMPARE(create(valid, uid).status, 0);
        QCOMPARE(create(valid, uid).status, 0x0111); // duplicate instance

        MppsMessage set;
        set.callingAe = QStringLiteral("WL_CT");
        set.sopInstanceUid = newUid();
        set.attributes = mppsCompleted();
        QCOMPARE(sendMppsSet(m_server.dicomPort(), set).status, 0x0112); // unknown instance
        set.sopInstanceUid = uid;
        set.attributes = {QStringLiteral("PerformedProcedureStepStatus=FINISHED")};
        QCOMPARE(sendMppsSet(m_server.dicomPort(), set).status, 0x0106);
        set.attributes = {QStringLiteral("PerformedProcedureStepStatus=COMPLETED")}; // no end time
        const auto noEnd = sendMppsSet(m_server.dicomPort(), set);
        QCOMPARE(noEnd.status, 0x0110);
        QCOMPARE(statusOf(a.id), QStringLiteral("in_progress"));

        // An AE without the store right may not report steps; an unknown one cannot associate.
        registerAe(QStringLiteral("WL_MUTE"), QStringLiteral("WL1"));
        QCOMPARE(HttpClient(m_server.httpPort())
                     .registerDicomAe(QStringLiteral("WL_MUTE"), 11113, QJsonObject{{"canStore", false}})
                     .status,
                 200);
        QCOMPARE(create(valid, newUid(), QStringLiteral("WL_MUTE")).status, notAuthorized);
        QVERIFY(!create(valid, newUid(), QStringLiteral("NOBODY")).answered);
    }
};

QTEST_GUILESS_MAIN(DicomWorklistTest)
#include "test_dicom_worklist.moc"
