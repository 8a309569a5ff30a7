// HL7 v2 over MLLP against the real server: real TCP sockets, answers checked by ACK code and
// effects checked through the REST API.
// req: issue 4 §2 HIS interfaces: ADT updates patients, ORM/OMG orders create, change and cancel exams
#include "http_client.h"
#include "lumen/hl7/parser.h"
#include "mllp_client.h"
#include "server_process.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <map>
#include <optional>
#include <thread>

using namespace lumen::test;

namespace {

// A segment from numbered fields; missing numbers are empty.
std::string seg(const std::string& name, const std::map<int, std::string>& fields)
{
    std::string out = name;
    int last = fields.empty() ? 0 : fields.rbegin()->first;
    for (int i = 1; i <= last; ++i) {
        out += '|';
        if (auto it = fields.find(i); it != fields.end())
            out += it->second;
    }
    return out + "\r";
}

std::string msh(const std::string& type, const std::string& control,
                const std::string& charset = "UNICODE UTF-8")
{
    return seg("MSH", {{1, "^~\\&"},
                       {2, "HIS"},
                       {3, "HOSP"},
                       {4, "LUMEN"},
                       {5, "RIS"},
                       {6, "20261122100000"},
                       {8, type},
                       {9, control},
                       {10, "P"},
                       {11, "2.5"},
                       {17, charset}});
}

std::string pid(const std::string& hisId, const std::string& name, const std::string& sex = "M",
                const std::string& birth = "19800503", const std::string& phone = "",
                const std::string& address = "")
{
    return seg(
        "PID",
        {{1, "1"}, {3, hisId + "^^^HIS^PI"}, {5, name}, {7, birth}, {8, sex}, {11, address}, {13, phone}});
}

std::string adt(const std::string& event, const std::string& control, const std::string& pidSegment)
{
    return msh("ADT^" + event + "^ADT_" + event, control) + seg("EVN", {{1, event}}) + pidSegment +
           seg("PV1", {{1, "1"}, {2, "O"}});
}

struct OrderSpec
{
    std::string control = "NW";
    std::string placer;
    std::vector<std::string> codes;
    std::string patientClass = "O";
    std::string priority; // TQ1-9
    std::string doctor = "D001^王^建华";
    std::string department = "0301^呼吸内科";
    std::string diagnosis = "R05^咳嗽";
    std::string history = "吸烟二十年";
};

std::string order(const std::string& control, const std::string& hisId, const OrderSpec& o)
{
    std::string m =
        msh("ORM^O01^ORM_O01", control) + pid(hisId, "") + seg("PV1", {{1, "1"}, {2, o.patientClass}});
    m += seg("ORC", {{1, o.control}, {2, o.placer + "^HIS"}, {12, o.doctor}, {17, o.department}});
    int n = 0;
    for (const auto& code : o.codes)
        m += seg(
            "OBR",
            {{1, std::to_string(++n)}, {2, o.placer}, {4, code + "^item " + code + "^HIS"}, {13, o.history}});
    if (!o.priority.empty())
        m += seg("TQ1", {{1, "1"}, {9, o.priority}});
    if (!o.diagnosis.empty())
        m += seg("DG1", {{1, "1"}, {3, o.diagnosis}});
    return m;
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

class Hl7MllpTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void every_testdata_file_gets_the_expected_ack();
    void testdata_order_after_admit_and_dictionary_entry_creates_exam();
    void admit_then_update_changes_the_patient();
    void merge_puts_the_duplicate_into_the_surviving_patient();
    void new_order_creates_exam_with_mapped_items_source_and_priority();
    void change_and_cancel_follow_the_his();
    void order_errors_are_application_errors_and_change_nothing();
    void duplicate_control_id_is_answered_once_and_not_applied_twice();
    void malformed_framing_oversized_and_garbage_are_refused_and_server_keeps_serving();
    void idle_connection_is_closed();
    void gb18030_message_gives_the_right_chinese_name();
    void concurrent_senders_are_all_answered_and_applied();
    void applied_messages_are_audited_under_the_sending_application();

private:
    std::string send(const std::string& message)
    {
        MllpClient client(m_server.hl7Port());
        return client.exchange(message);
    }
    QJsonObject patientByHisId(const QString& hisId)
    {
        const auto reply = m_http->get(QStringLiteral("/api/v1/patients?q=") + hisId, m_admin);
        const auto items = reply.value(QStringLiteral("items")).toArray();
        return items.isEmpty() ? QJsonObject() : items.first().toObject();
    }
    QJsonArray examsByRequest(const QString& placer)
    {
        return m_http->get(QStringLiteral("/api/v1/exams?hisSystem=HIS&hisRequestNo=") + placer, m_admin)
            .value(QStringLiteral("items"))
            .toArray();
    }
    void addDictionaryItem(const QString& code, const QString& method, const QString& bodyPart)
    {
        const auto reply = m_http->call("POST", QStringLiteral("/api/v1/exam-dictionary"),
                                        QJsonObject{{"kind", "item"},
                                                    {"hisCode", code},
                                                    {"method", method},
                                                    {"bodyPart", bodyPart},
                                                    {"department", "radiology"},
                                                    {"modality", "CT"}},
                                        m_admin);
        QVERIFY2(reply.status == 201 || reply.errorCode() == QStringLiteral("duplicate_code"),
                 reply.describe());
    }

    std::optional<QTemporaryDir> m_dir;
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    QString m_admin;
};

void Hl7MllpTest::initTestCase()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    QVERIFY2(
        m_server.start(m_dir->path(), {QStringLiteral("--hl7-max-message-bytes"), QStringLiteral("65536"),
                                       QStringLiteral("--hl7-idle-timeout-seconds"), QStringLiteral("2")}),
        qPrintable(m_server.errorString()));
    QVERIFY(m_server.hl7Port() > 0);
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_admin = m_http->login(QStringLiteral("admin"));
    QVERIFY(!m_admin.isEmpty());
    addDictionaryItem(QStringLiteral("CT001"), QStringLiteral("CT平扫"), QStringLiteral("胸部"));
    addDictionaryItem(QStringLiteral("CT002"), QStringLiteral("CT增强"), QStringLiteral("上腹部"));
}

void Hl7MllpTest::cleanupTestCase()
{
    QVERIFY(m_server.terminate());
}

// Each file on a fresh server: admissions register their patient; merges and orders name
// patients that server does not know (AE 204); other message types are rejected (AR 200).
void Hl7MllpTest::every_testdata_file_gets_the_expected_ack()
{
    const QDir dir(QStringLiteral(LUMEN_TESTDATA_DIR "/hl7"));
    if (!dir.exists())
        QSKIP("../shared/testdata/hl7 is absent");
    const auto files = dir.entryList({QStringLiteral("*.hl7")}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const auto& name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto bytes = f.readAll().toStdString();
        const auto type = lumen::hl7::parseMessage(bytes);
        const auto code = type.messageCode(), trigger = type.triggerEvent();
        std::string expected = "AR", error = "200";
        if (code == "ADT" && (trigger == "A01" || trigger == "A04" || trigger == "A08"))
            expected = "AA", error = "";
        else if ((code == "ADT" && trigger == "A40") || code == "ORM" || code == "OMG")
            expected = "AE", error = "204";

        QTemporaryDir data;
        ServerProcess server;
        QVERIFY2(server.start(data.path()), qPrintable(server.errorString()));
        MllpClient client(server.hl7Port());
        const auto answer = client.exchange(bytes);
        QVERIFY2(!answer.empty(), qPrintable(name));
        QVERIFY2(answer.find("MSA|" + expected + "|" + type.controlId()) != std::string::npos,
                 qPrintable(name + QStringLiteral(": ") + q(answer)));
        QCOMPARE(q(ackErrorCode(answer)), q(error));
        QVERIFY(server.terminate());
    }
}

void Hl7MllpTest::testdata_order_after_admit_and_dictionary_entry_creates_exam()
{
    const QDir dir(QStringLiteral(LUMEN_TESTDATA_DIR "/hl7"));
    if (!QFile::exists(dir.filePath(QStringLiteral("ORM-O01-01.hl7"))))
        QSKIP("../shared/testdata/hl7 is absent");
    auto read = [&](const char* name) {
        QFile f(dir.filePath(QString::fromLatin1(name)));
        return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
    };
    QTemporaryDir data;
    ServerProcess server;
    QVERIFY2(server.start(data.path()), qPrintable(server.errorString()));
    HttpClient http(server.httpPort());
    const auto admin = http.login(QStringLiteral("admin"));
    MllpClient client(server.hl7Port());
    QCOMPARE(q(ackCode(client.exchange(read("ORM-O01-01.hl7")))), QStringLiteral("AE")); // unknown patient
    QCOMPARE(q(ackCode(client.exchange(read("ADT-A01-01.hl7")))), QStringLiteral("AA"));
    QCOMPARE(http.call("POST", QStringLiteral("/api/v1/exam-dictionary"),
                       QJsonObject{{"kind", "item"},
                                   {"hisCode", "24725-4"},
                                   {"method", "CT平扫"},
                                   {"bodyPart", "头部"},
                                   {"department", "radiology"},
                                   {"modality", "CT"}},
                       admin)
                 .status,
             201);
    const auto answer = client.exchange(read("ORM-O01-02.hl7"));
    QCOMPARE(q(ackCode(answer)), QStringLiteral("AA"));
    const auto exams = http.get(QStringLiteral("/api/v1/exams?hisSystem=ORDApp&hisRequestNo=1101"), admin)
                           .value(QStringLiteral("items"))
                           .toArray();
    QCOMPARE(exams.size(), 1);
    const auto exam = exams.first().toObject();
    QCOMPARE(exam.value("items").toArray().first().toObject().value("method").toString(),
             QStringLiteral("CT平扫"));
    QCOMPARE(exam.value("patientSource").toString(), QStringLiteral("outpatient"));
    QCOMPARE(exam.value("requestingDoctor").toString(), QStringLiteral("ORDPROVIDER JONES"));
    QCOMPARE(exam.value("clinicalDiagnosis").toString(), QStringLiteral("TBI(traumatic brain injury"));
    const auto patient = http.get(QStringLiteral("/api/v1/patients?q=PATID1234"), admin)
                             .value(QStringLiteral("items"))
                             .toArray()
                             .first()
                             .toObject();
    // PID-5 repeats; the repetition typed L (legal name) wins over the first one.
    QCOMPARE(patient.value("name").toString(), QStringLiteral("Josh"));
    QCOMPARE(patient.value("birthDate").toString(), QStringLiteral("1988-08-18"));
    QCOMPARE(patient.value("socialSecurityNo").toString(), QStringLiteral("123456789"));
    QCOMPARE(exam.value("patientId").toInteger(), patient.value("id").toInteger());
    QVERIFY(server.terminate());
}

void Hl7MllpTest::admit_then_update_changes_the_patient()
{
    auto answer =
        send(adt("A01", "ADM-1",
                 pid("HL7P001", "张^伟", "M", "19800503", "010-88881234", "朝阳路1号^^朝阳区^北京市")));
    QCOMPARE(q(ackCode(answer)), QStringLiteral("AA"));
    auto patient = patientByHisId(QStringLiteral("HL7P001"));
    QCOMPARE(patient.value("name").toString(), QStringLiteral("张伟"));
    QCOMPARE(patient.value("sex").toString(), QStringLiteral("M"));
    QCOMPARE(patient.value("birthDate").toString(), QStringLiteral("1980-05-03"));
    QCOMPARE(patient.value("phone").toString(), QStringLiteral("010-88881234"));
    QCOMPARE(patient.value("address").toString(), QStringLiteral("北京市朝阳区朝阳路1号"));
    const auto id = patient.value("id").toInteger();

    // A08: the HIS corrected the name and phone; the address it did not send stays.
    answer = send(adt("A08", "UPD-1", pid("HL7P001", "张^维", "M", "19800503", "13900001111")));
    QCOMPARE(q(ackCode(answer)), QStringLiteral("AA"));
    patient = patientByHisId(QStringLiteral("HL7P001"));
    QCOMPARE(patient.value("id").toInteger(), id);
    QCOMPARE(patient.value("name").toString(), QStringLiteral("张维"));
    QCOMPARE(patient.value("phone").toString(), QStringLiteral("13900001111"));
    QCOMPARE(patient.value("address").toString(), QStringLiteral("北京市朝阳区朝阳路1号"));
    QCOMPARE(patient.value("version").toInteger(), 2);
    // HL7's explicit null "" clears a value.
    QCOMPARE(q(ackCode(send(adt("A08", "UPD-2", pid("HL7P001", "张^维", "M", "19800503", "\"\""))))),
             QStringLiteral("AA"));
    QVERIFY(patientByHisId(QStringLiteral("HL7P001")).value("phone").isNull());
}

void Hl7MllpTest::merge_puts_the_duplicate_into_the_surviving_patient()
{
    QCOMPARE(q(ackCode(send(adt("A04", "MRG-A", pid("HL7KEEP", "李^娜", "F"))))), QStringLiteral("AA"));
    QCOMPARE(q(ackCode(send(adt("A04", "MRG-B", pid("HL7DUP", "李^娜", "F"))))), QStringLiteral("AA"));
    const auto keep = patientByHisId(QStringLiteral("HL7KEEP")).value("id").toInteger();
    const auto dup = patientByHisId(QStringLiteral("HL7DUP")).value("id").toInteger();
    QVERIFY(keep > 0 && dup > 0 && keep != dup);
    const auto merge = msh("ADT^A40^ADT_A39", "MRG-C") + seg("EVN", {{1, "A40"}}) +
                       pid("HL7KEEP", "李^娜", "F") + seg("MRG", {{1, "HL7DUP^^^HIS^PI"}});
    QCOMPARE(q(ackCode(send(merge))), QStringLiteral("AA"));
    const auto source = m_http->get(QStringLiteral("/api/v1/patients/%1").arg(dup), m_admin).object();
    QCOMPARE(source.value("mergedInto").toInteger(), keep);
    // The duplicate's identifier now finds the surviving patient.
    QCOMPARE(patientByHisId(QStringLiteral("HL7DUP")).value("id").toInteger(), keep);
    // Merging an unknown patient is an application error.
    const auto unknown =
        msh("ADT^A40^ADT_A39", "MRG-D") + pid("HL7KEEP", "李^娜", "F") + seg("MRG", {{1, "NOBODY^^^HIS^PI"}});
    const auto answer = send(unknown);
    QCOMPARE(q(ackCode(answer)), QStringLiteral("AE"));
    QCOMPARE(q(ackErrorCode(answer)), QStringLiteral("204"));
}

void Hl7MllpTest::new_order_creates_exam_with_mapped_items_source_and_priority()
{
    QCOMPARE(q(ackCode(send(adt("A04", "ORD-P1", pid("HL7ORD1", "王^芳", "F"))))), QStringLiteral("AA"));
    OrderSpec o;
    o.placer = "SQ1001";
    o.codes = {"CT001", "CT002"};
    o.patientClass = "I";
    o.priority = "S";
    const auto answer = send(order("ORD-1", "HL7ORD1", o));
    QVERIFY2(ackCode(answer) == "AA", answer.c_str());
    const auto exams = examsByRequest(QStringLiteral("SQ1001"));
    QCOMPARE(exams.size(), 1);
    const auto exam = exams.first().toObject();
    QCOMPARE(exam.value("status").toString(), QStringLiteral("requested"));
    QCOMPARE(exam.value("department").toString(), QStringLiteral("radiology"));
    QCOMPARE(exam.value("modality").toString(), QStringLiteral("CT"));
    const auto items = exam.value("items").toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0].toObject().value("method").toString(), QStringLiteral("CT平扫"));
    QCOMPARE(items[0].toObject().value("bodyPart").toString(), QStringLiteral("胸部"));
    QCOMPARE(items[0].toObject().value("hisItemCode").toString(), QStringLiteral("CT001"));
    QCOMPARE(items[1].toObject().value("method").toString(), QStringLiteral("CT增强"));
    QCOMPARE(exam.value("patientSource").toString(), QStringLiteral("inpatient"));
    QCOMPARE(exam.value("priority").toString(), QStringLiteral("emergency"));
    QCOMPARE(exam.value("requestingDoctor").toString(), QStringLiteral("王建华"));
    QCOMPARE(exam.value("requestingDepartment").toString(), QStringLiteral("呼吸内科"));
    QCOMPARE(exam.value("clinicalDiagnosis").toString(), QStringLiteral("咳嗽"));
    QCOMPARE(exam.value("clinicalHistory").toString(), QStringLiteral("吸烟二十年"));
    QCOMPARE(exam.value("patientId").toInteger(),
             patientByHisId(QStringLiteral("HL7ORD1")).value("id").toInteger());
    // The same order sent again under a new control ID registers nothing new.
    QCOMPARE(q(ackCode(send(order("ORD-1b", "HL7ORD1", o)))), QStringLiteral("AA"));
    QCOMPARE(examsByRequest(QStringLiteral("SQ1001")).size(), 1);
    // PV1-2 P is a physical exam; TQ1-9 A urgent.
    o.placer = "SQ1002";
    o.patientClass = "P";
    o.priority = "A";
    QCOMPARE(q(ackCode(send(order("ORD-2", "HL7ORD1", o)))), QStringLiteral("AA"));
    const auto second = examsByRequest(QStringLiteral("SQ1002")).first().toObject();
    QCOMPARE(second.value("patientSource").toString(), QStringLiteral("physical_exam"));
    QCOMPARE(second.value("priority").toString(), QStringLiteral("urgent"));
}

void Hl7MllpTest::change_and_cancel_follow_the_his()
{
    QCOMPARE(q(ackCode(send(adt("A04", "CHG-P", pid("HL7CHG", "赵^磊"))))), QStringLiteral("AA"));
    OrderSpec o;
    o.placer = "SQ2001";
    o.codes = {"CT001"};
    QCOMPARE(q(ackCode(send(order("CHG-1", "HL7CHG", o)))), QStringLiteral("AA"));
    o.control = "XO";
    o.codes = {"CT001", "CT002"};
    o.priority = "A";
    o.diagnosis = "J18^肺炎";
    auto answer = send(order("CHG-2", "HL7CHG", o));
    QVERIFY2(ackCode(answer) == "AA", answer.c_str());
    auto exam = examsByRequest(QStringLiteral("SQ2001")).first().toObject();
    QCOMPARE(exam.value("items").toArray().size(), 2);
    QCOMPARE(exam.value("priority").toString(), QStringLiteral("urgent"));
    QCOMPARE(exam.value("clinicalDiagnosis").toString(), QStringLiteral("肺炎"));
    QCOMPARE(exam.value("version").toInteger(), 2);

    o.control = "CA";
    answer = send(order("CHG-3", "HL7CHG", o));
    QVERIFY2(ackCode(answer) == "AA", answer.c_str());
    exam = examsByRequest(QStringLiteral("SQ2001")).first().toObject();
    QCOMPARE(exam.value("status").toString(), QStringLiteral("cancelled"));
    const auto timeline =
        m_http->get(QStringLiteral("/api/v1/exams/%1/timeline").arg(exam.value("id").toInteger()), m_admin)
            .value(QStringLiteral("items"))
            .toArray();
    QCOMPARE(timeline.last().toObject().value("to").toString(), QStringLiteral("cancelled"));
    QCOMPARE(timeline.last().toObject().value("user").toString(), QStringLiteral("HL7:HIS"));
    // A cancelled exam cannot change any more: the change is an application error.
    o.control = "XO";
    o.codes = {"CT002"};
    answer = send(order("CHG-4", "HL7CHG", o));
    QCOMPARE(q(ackCode(answer)), QStringLiteral("AE"));
    QCOMPARE(examsByRequest(QStringLiteral("SQ2001")).first().toObject().value("items").toArray().size(), 2);
}

void Hl7MllpTest::order_errors_are_application_errors_and_change_nothing()
{
    OrderSpec o;
    o.placer = "SQ3001";
    o.codes = {"CT001"};
    auto answer = send(order("ERR-1", "NOBODY", o));
    QCOMPARE(q(ackCode(answer)), QStringLiteral("AE"));
    QCOMPARE(q(ackErrorCode(answer)), QStringLiteral("204"));
    QVERIFY(answer.find("MSA|AE|ERR-1") != std::string::npos);

    QCOMPARE(q(ackCode(send(adt("A04", "ERR-P", pid("HL7ERR", "孙^丽", "F"))))), QStringLiteral("AA"));
    // One known and one unknown item: nothing of the order is registered.
    o.codes = {"CT001", "NOPE99"};
    answer = send(order("ERR-2", "HL7ERR", o));
    QCOMPARE(q(ackCode(answer)), QStringLiteral("AE"));
    QCOMPARE(q(ackErrorCode(answer)), QStringLiteral("103"));
    QCOMPARE(examsByRequest(QStringLiteral("SQ3001")).size(), 0);
    o.control = "ZZ";
    QCOMPARE(q(ackErrorCode(send(order("ERR-3", "HL7ERR", o)))), QStringLiteral("103"));
    o.control = "CA";
    o.placer = "NEVERSENT";
    QCOMPARE(q(ackErrorCode(send(order("ERR-4", "HL7ERR", o)))), QStringLiteral("204"));
    // An ADT without a name for a new patient: required field missing.
    answer = send(adt("A04", "ERR-5", pid("HL7NONAME", "")));
    QCOMPARE(q(ackCode(answer)), QStringLiteral("AE"));
    QCOMPARE(q(ackErrorCode(answer)), QStringLiteral("101"));
    QVERIFY(patientByHisId(QStringLiteral("HL7NONAME")).isEmpty());
}

void Hl7MllpTest::duplicate_control_id_is_answered_once_and_not_applied_twice()
{
    const auto first = adt("A04", "DUP-1", pid("HL7DUPC", "周^一", "M"));
    QCOMPARE(q(ackCode(send(first))), QStringLiteral("AA"));
    const auto firstAnswer = send(first);
    QCOMPARE(q(ackCode(firstAnswer)), QStringLiteral("AA"));
    QCOMPARE(q(ackCode(send(adt("A08", "DUP-2", pid("HL7DUPC", "周^二", "M"))))), QStringLiteral("AA"));
    // The first message again: answered as before, and the later name stays.
    const auto again = send(first);
    QCOMPARE(q(ackCode(again)), QStringLiteral("AA"));
    QVERIFY(again.find("MSA|AA|DUP-1") != std::string::npos);
    QCOMPARE(patientByHisId(QStringLiteral("HL7DUPC")).value("name").toString(), QStringLiteral("周二"));
    QCOMPARE(patientByHisId(QStringLiteral("HL7DUPC")).value("version").toInteger(), 2);
    // The same control ID for a different message is refused, not silently acknowledged.
    const auto reused = send(adt("A08", "DUP-1", pid("HL7DUPC", "周^三", "M")));
    QCOMPARE(q(ackCode(reused)), QStringLiteral("AR"));
    QCOMPARE(q(ackErrorCode(reused)), QStringLiteral("205"));
    QCOMPARE(patientByHisId(QStringLiteral("HL7DUPC")).value("name").toString(), QStringLiteral("周二"));
}

void Hl7MllpTest::malformed_framing_oversized_and_garbage_are_refused_and_server_keeps_serving()
{
    {
        MllpClient client(m_server.hl7Port());
        QVERIFY(client.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        QVERIFY(client.waitForClose(5000));
    }
    {
        MllpClient client(m_server.hl7Port());
        QVERIFY(client.sendBytes(std::string("\x0B") + std::string(70000, 'A')));
        QVERIFY(client.waitForClose(5000));
    }
    {
        // A framed message that is not HL7: rejected with AR; the connection stays usable.
        MllpClient client(m_server.hl7Port());
        auto answer = client.exchange("this is not an HL7 message");
        QCOMPARE(q(ackCode(answer)), QStringLiteral("AR"));
        answer = client.exchange(std::string("MSH|^~\\&|HIS|HOSP|||||ADT^A04||P|2.5\rPID|1\r"));
        QCOMPARE(q(ackCode(answer)), QStringLiteral("AR"));
        QCOMPARE(q(ackErrorCode(answer)), QStringLiteral("101"));
        answer = client.exchange(msh("ADT^A04", "BAD-1") + "PID|1\r\x01\x02garbage\r");
        QCOMPARE(q(ackCode(answer)), QStringLiteral("AR"));
        answer = client.exchange(msh("ADT^A04", "BAD-2") + seg("EVN", {{1, "A04"}}));
        QCOMPARE(q(ackCode(answer)), QStringLiteral("AR"));
        QCOMPARE(q(ackErrorCode(answer)), QStringLiteral("100"));
        QCOMPARE(q(ackCode(client.exchange(adt("A04", "BAD-OK", pid("HL7ALIVE", "活^着"))))),
                 QStringLiteral("AA"));
    }
    QCOMPARE(q(ackCode(send(adt("A04", "BAD-OK2", pid("HL7ALIVE2", "还^在"))))), QStringLiteral("AA"));
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/health"), {}).status, 200);
}

void Hl7MllpTest::idle_connection_is_closed()
{
    MllpClient client(m_server.hl7Port());
    QVERIFY(client.connected());
    QCOMPARE(q(ackCode(client.exchange(adt("A04", "IDLE-1", pid("HL7IDLE", "闲^置"))))),
             QStringLiteral("AA"));
    QVERIFY(client.waitForClose(6000)); // the server was started with a 2 s idle timeout
}

void Hl7MllpTest::gb18030_message_gives_the_right_chinese_name()
{
    // 王倈 in GB 18030; the trail byte of 倈 is '|', the field separator.
    const std::string name = "\xCD\xF5\x82\x7C";
    const std::string address = "\xB1\xB1\xBE\xA9\xCA\xD0"; // 北京市
    const auto message =
        msh("ADT^A04^ADT_A01", "GB-1", "GB 18030-2000") +
        seg("PID", {{1, "1"}, {3, "HL7GB^^^HIS^PI"}, {5, name}, {8, "M"}, {11, "^^^" + address}});
    const auto answer = send(message);
    QVERIFY2(ackCode(answer) == "AA", answer.c_str());
    const auto patient = patientByHisId(QStringLiteral("HL7GB"));
    QCOMPARE(patient.value("name").toString(), QStringLiteral("王倈"));
    QCOMPARE(patient.value("address").toString(), QStringLiteral("北京市"));
    // Undeclared GB 18030 (many HIS leave MSH-18 empty) reads the same.
    const auto undeclared = msh("ADT^A04^ADT_A01", "GB-2", "") +
                            seg("PID", {{1, "1"}, {3, "HL7GB2^^^HIS^PI"}, {5, "\xD5\xC5\xC8\xFD"}, {8, "F"}});
    QCOMPARE(q(ackCode(send(undeclared))), QStringLiteral("AA"));
    QCOMPARE(patientByHisId(QStringLiteral("HL7GB2")).value("name").toString(), QStringLiteral("张三"));
}

void Hl7MllpTest::concurrent_senders_are_all_answered_and_applied()
{
    constexpr int senders = 8, perSender = 10;
    std::atomic<int> accepted{0};
    std::vector<std::thread> threads;
    for (int s = 0; s < senders; ++s)
        threads.emplace_back([&, s] {
            MllpClient client(m_server.hl7Port());
            for (int i = 0; i < perSender; ++i) {
                const auto id = "CC" + std::to_string(s) + "-" + std::to_string(i);
                if (ackCode(client.exchange(adt("A04", "CON-" + id, pid("HL7" + id, "并^发")))) == "AA")
                    ++accepted;
            }
        });
    for (auto& t : threads)
        t.join();
    QCOMPARE(accepted.load(), senders * perSender);
    for (int s = 0; s < senders; ++s)
        QVERIFY(!patientByHisId(QStringLiteral("HL7CC%1-%2").arg(s).arg(perSender - 1)).isEmpty());
}

void Hl7MllpTest::applied_messages_are_audited_under_the_sending_application()
{
    QCOMPARE(q(ackCode(send(adt("A04", "AUD-1", pid("HL7AUD", "审^计"))))), QStringLiteral("AA"));
    const auto id = patientByHisId(QStringLiteral("HL7AUD")).value("id").toInteger();
    const auto entries = m_http->get(QStringLiteral("/api/v1/audit?user=HL7:HIS&limit=200"), m_admin)
                             .value(QStringLiteral("items"))
                             .toArray();
    bool created = false, message = false;
    for (const auto& e : entries) {
        const auto o = e.toObject();
        created |= o.value("action").toString() == QStringLiteral("patient.create") &&
                   o.value("patientId").toInteger() == id;
        message |= o.value("action").toString() == QStringLiteral("hl7.message") &&
                   o.value("objectId").toString() == QStringLiteral("HIS|HOSP AUD-1");
    }
    QVERIFY(created);
    QVERIFY(message);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/audit/verify"), m_admin).value("ok").toBool(), true);
}

QTEST_GUILESS_MAIN(Hl7MllpTest)
#include "test_hl7_mllp.moc"
