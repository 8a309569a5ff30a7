// The reading room's data on the real server: annotations per image (validated, checked
// against the index, confidential patients, audit, kill -9) and viewer settings per user and
// department, on the demo's generated CT study.
#include "http_client.h"
#include "lumen/dicom/derived_objects.h"
#include "server_process.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <memory>

using namespace lumen::test;

namespace {

QString valueOf(const QJsonObject& dataset, const char* tag)
{
    return dataset.value(QLatin1String(tag)).toObject().value("Value").toArray().at(0).toString();
}

struct DemoImages
{
    QString ctStudy;
    QString ctInstance;
    QString ctSeries;
    QString ctSopClass;
    QString mrStudy;
    QString mrInstance;
    QString ctAccession;
};

// The first instance of the study's first series: {series, SOP instance, SOP class}.
std::array<QString, 3> firstInstance(HttpClient& http, const QString& token, const QString& study)
{
    const auto series = http.get("/dicom-web/studies/" + study + "/series", token).json.array();
    const QString seriesUid = valueOf(series.at(0).toObject(), "0020000E");
    const auto instances =
        http.get("/dicom-web/studies/" + study + "/series/" + seriesUid + "/instances", token).json.array();
    return {seriesUid, valueOf(instances.at(0).toObject(), "00080018"),
            valueOf(instances.at(0).toObject(), "00080016")};
}

DemoImages demoImages(HttpClient& http, const QString& token)
{
    DemoImages d;
    for (const auto& s : http.get("/dicom-web/studies?includefield=00080061", token).json.array()) {
        const auto o = s.toObject();
        const QString modalities = o.value("00080061").toObject().value("Value").toArray().at(0).toString();
        const QString accession = valueOf(o, "00080050");
        if (modalities == "CT" && !accession.isEmpty()) {
            d.ctStudy = valueOf(o, "0020000D");
            d.ctAccession = accession;
        } else if (modalities == "MR") {
            d.mrStudy = valueOf(o, "0020000D");
        }
    }
    if (!d.ctStudy.isEmpty()) {
        const auto first = firstInstance(http, token, d.ctStudy);
        d.ctSeries = first[0];
        d.ctInstance = first[1];
        d.ctSopClass = first[2];
    }
    if (!d.mrStudy.isEmpty())
        d.mrInstance = firstInstance(http, token, d.mrStudy)[1];
    return d;
}

QString annotationsPath(const QString& study)
{
    return "/api/v1/archive/studies/" + study + "/annotations";
}

QJsonObject lengthItem(double x0, double y0, double x1, double y1, const QString& value)
{
    return {
        {"kind", "length"}, {"points", QJsonArray{QJsonArray{x0, y0}, QJsonArray{x1, y1}}}, {"value", value}};
}

} // namespace

class ReadingApiTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demo_has_a_ct_study_a_prior_and_an_mr_study();
    void annotations_are_saved_per_image_reloaded_and_survive_kill();
    void bad_annotations_are_refused_and_change_nothing();
    void annotations_of_a_confidential_patient_need_the_permission();
    void viewer_settings_are_per_user_and_department_with_versions();
    void radiologist_stores_a_key_object_selection_into_the_study();
    void annotations_follow_their_image_when_its_series_is_split_off();

private:
    // Stores a key-object selection of the CT's first image into the CT study as `token`.
    HttpReply storeKeyObject(const QString& token);

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<HttpClient> m_http;
    DemoImages m_images;
};

HttpReply ReadingApiTest::storeKeyObject(const QString& token)
{
    const QList<std::pair<QByteArray, QByteArray>> reader{
        {"Authorization", "Bearer " + m_http->login("radiologist").toLatin1()}};
    const auto image = m_http->send("GET",
                                    "/wado?requestType=WADO&studyUID=" + m_images.ctStudy + "&seriesUID=" +
                                        m_images.ctSeries + "&objectUID=" + m_images.ctInstance,
                                    {}, reader);
    const auto identity = lumen::dicom::studyIdentityOf(image.body.toStdString());
    const std::string kos = lumen::dicom::keyObjectSelection(
        identity,
        {{m_images.ctSopClass.toStdString(), m_images.ctInstance.toStdString(),
          m_images.ctSeries.toStdString(), 0}},
        "nodule, right upper lobe");
    const QByteArray boundary = "lumen-reading-test";
    const QByteArray body = "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n" +
                            QByteArray::fromStdString(kos) + "\r\n--" + boundary + "--\r\n";
    return m_http->send(
        "POST", "/dicom-web/studies/" + QString::fromStdString(identity.studyInstanceUid), body,
        {{"Authorization", "Bearer " + token.toLatin1()},
         {"Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary}});
}

void ReadingApiTest::initTestCase()
{
    QVERIFY2(m_server.start(m_dir.path(), {"--demo-images", "true"}, 120000), qPrintable(m_server.output()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    m_images = demoImages(*m_http, m_http->login("radiologist"));
    QVERIFY(!m_images.ctStudy.isEmpty());
    QVERIFY(!m_images.ctInstance.isEmpty());
    QVERIFY(!m_images.mrInstance.isEmpty());
}

// req: 000 §2.3.1.1 images matched to patients and exams on arrival
void ReadingApiTest::demo_has_a_ct_study_a_prior_and_an_mr_study()
{
    const auto token = m_http->login("radiologist");
    const auto studies = m_http->get("/dicom-web/studies?includefield=00201208", token).json.array();
    int ctInstances = 0, priors = 0;
    QString patient;
    for (const auto& s : studies) {
        const auto o = s.toObject();
        if (valueOf(o, "0020000D") == m_images.ctStudy) {
            ctInstances = o.value("00201208").toObject().value("Value").toArray().at(0).toInt();
            patient = valueOf(o, "00100020");
        }
    }
    for (const auto& s : studies)
        if (valueOf(s.toObject(), "00100020") == patient &&
            valueOf(s.toObject(), "0020000D") != m_images.ctStudy)
            ++priors;
    QCOMPARE(ctInstances, 160);
    QCOMPARE(priors, 1);
    // The MR study is another patient's.
    QString mrPatient;
    for (const auto& s : studies)
        if (valueOf(s.toObject(), "0020000D") == m_images.mrStudy)
            mrPatient = valueOf(s.toObject(), "00100020");
    QVERIFY(!mrPatient.isEmpty());
    QVERIFY(mrPatient != patient);
    // The images reached the exam: it waits on the reading worklist.
    const auto exams = m_http->get("/api/v1/exams?accessionNumber=" + m_images.ctAccession, token);
    QCOMPARE(exams.value("items").toArray().at(0).toObject().value("status").toString(),
             QStringLiteral("images_received"));
}

void ReadingApiTest::annotations_are_saved_per_image_reloaded_and_survive_kill()
{
    const auto token = m_http->login("radiologist");
    const QString path = annotationsPath(m_images.ctStudy);
    const QString injection = QStringLiteral("'); DROP TABLE image_annotations;-- <script>");
    QJsonArray items{
        lengthItem(10, 20, 110, 20, "70.0 mm"),
        QJsonObject{{"kind", "text"}, {"points", QJsonArray{QJsonArray{5, 5}}}, {"text", injection}}};
    const auto saved = m_http->call("PUT", path + "/" + m_images.ctInstance,
                                    QJsonObject{{"frame", 0}, {"items", items}}, token);
    QVERIFY2(saved.status == 200, saved.describe());

    m_server.kill();
    QVERIFY2(m_server.start(m_dir.path(), {"--demo-images", "true"}), qPrintable(m_server.output()));
    m_http = std::make_unique<HttpClient>(m_server.httpPort());
    const auto reader = m_http->login("approver");
    const auto images = m_http->get(path, reader).value("images").toArray();
    QCOMPARE(images.size(), 1);
    const auto image = images.at(0).toObject();
    QCOMPARE(image.value("sopInstanceUid").toString(), m_images.ctInstance);
    QCOMPARE(image.value("updatedBy").toString(), QStringLiteral("radiologist"));
    QCOMPARE(image.value("items").toArray().at(1).toObject().value("text").toString(), injection);
    QCOMPARE(image.value("items").toArray().at(0).toObject().value("value").toString(),
             QStringLiteral("70.0 mm"));

    const auto admin = m_http->login("admin");
    QCOMPARE(m_http->get("/api/v1/audit?action=annotation.save", admin).value("items").toArray().size(), 1);
    QVERIFY(m_http->get("/api/v1/audit?action=annotation.read", admin).value("items").toArray().size() >= 1);

    // An empty list removes the image's annotations.
    const auto cleared = m_http->call("PUT", path + "/" + m_images.ctInstance,
                                      QJsonObject{{"frame", 0}, {"items", QJsonArray{}}}, reader);
    QVERIFY2(cleared.status == 200, cleared.describe());
    QCOMPARE(m_http->get(path, reader).value("images").toArray().size(), 0);
}

void ReadingApiTest::bad_annotations_are_refused_and_change_nothing()
{
    const auto token = m_http->login("radiologist");
    const QString path = annotationsPath(m_images.ctStudy) + "/" + m_images.ctInstance;
    QVERIFY(m_http->call("PUT", path, QJsonObject{{"items", QJsonArray{lengthItem(1, 1, 2, 2, "x")}}}, token)
                .status == 200);
    QJsonArray tooMany;
    for (int i = 0; i < 501; ++i)
        tooMany.append(lengthItem(1, 1, 2, 2, ""));
    QJsonArray manyPoints;
    for (int i = 0; i < 65; ++i)
        manyPoints.append(QJsonArray{i, i});
    struct Case
    {
        const char* name;
        QJsonObject body;
        int status;
        const char* field;
    };
    const Case cases[] = {
        {"items missing", QJsonObject{{"frame", 0}}, 400, "items"},
        {"items not an array", QJsonObject{{"items", "x"}}, 400, "items"},
        {"unknown kind",
         QJsonObject{
             {"items", QJsonArray{QJsonObject{{"kind", "laser"}, {"points", QJsonArray{QJsonArray{1, 1}}}}}}},
         400, "items[0].kind"},
        {"point not numbers",
         QJsonObject{{"items", QJsonArray{QJsonObject{{"kind", "probe"},
                                                      {"points", QJsonArray{QJsonArray{"a", 1}}}}}}},
         400, "items[0].points"},
        {"65 points",
         QJsonObject{{"items", QJsonArray{QJsonObject{{"kind", "polygon"}, {"points", manyPoints}}}}}, 400,
         "items[0].points"},
        {"501 items", QJsonObject{{"items", tooMany}}, 400, "items"},
        {"long text",
         QJsonObject{{"items", QJsonArray{QJsonObject{{"kind", "text"},
                                                      {"points", QJsonArray{QJsonArray{1, 1}}},
                                                      {"text", QString(501, 'x')}}}}},
         400, "items[0].text"},
        {"negative frame", QJsonObject{{"frame", -1}, {"items", QJsonArray{}}}, 400, "frame"},
        {"frame as text", QJsonObject{{"frame", "1"}, {"items", QJsonArray{}}}, 400, "frame"},
    };
    for (const Case& c : cases) {
        const auto reply = m_http->call("PUT", path, c.body, token);
        QVERIFY2(reply.status == c.status, qPrintable(QString::fromLatin1(c.name) + ": " + reply.describe()));
        QCOMPARE(reply.errorDetails().value("field").toString(), QString::fromLatin1(c.field));
    }
    // Not JSON at all, a body over the server's limit (1 MiB), and an image of another study.
    QCOMPARE(m_http->callRaw("PUT", path, "{not json", token, "application/json").status, 400);
    // Refused from the announced length, before the body is read.
    const QByteArray oversized =
        "PUT " + path.toLatin1() +
        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer " + token.toLatin1() +
        "\r\nContent-Type: application/json\r\nContent-Length: 1153434\r\n\r\n{\"items\":[";
    QCOMPARE(HttpClient::parseResponse(m_http->sendRaw(oversized).received).status, 413);
    const auto otherStudy = m_http->call("PUT", annotationsPath(m_images.ctStudy) + "/" + m_images.mrInstance,
                                         QJsonObject{{"items", QJsonArray{}}}, token);
    QCOMPARE(otherStudy.status, 404);
    QCOMPARE(m_http->get(annotationsPath("1.2.3.4.5.6"), token).status, 404);
    // Roles without exam.report or image.store may not annotate.
    QCOMPARE(
        m_http->call("PUT", path, QJsonObject{{"items", QJsonArray{}}}, m_http->login("registrar")).status,
        403);
    // Nothing above changed the stored annotation.
    const auto images = m_http->get(annotationsPath(m_images.ctStudy), token).value("images").toArray();
    QCOMPARE(images.size(), 1);
    QCOMPARE(images.at(0).toObject().value("items").toArray().size(), 1);
}

// req: 000 §2.3.1.1 confidential patients visible only to designated doctors
void ReadingApiTest::annotations_of_a_confidential_patient_need_the_permission()
{
    const auto admin = m_http->login("admin");
    const auto exams = m_http->get("/api/v1/exams?accessionNumber=" + m_images.ctAccession, admin);
    const qint64 patientId = exams.value("items").toArray().at(0).toObject().value("patientId").toInteger();
    const auto made = m_http->call("PATCH", "/api/v1/patients/" + QString::number(patientId),
                                   QJsonObject{{"confidential", true}}, admin);
    QVERIFY2(made.status == 200, made.describe());
    QCOMPARE(m_http->get(annotationsPath(m_images.ctStudy), m_http->login("radiologist")).status, 404);
    QCOMPARE(m_http->get(annotationsPath(m_images.ctStudy), m_http->login("approver")).status, 200);
    QVERIFY(m_http
                ->call("PATCH", "/api/v1/patients/" + QString::number(patientId),
                       QJsonObject{{"confidential", false}}, admin)
                .status == 200);
}

void ReadingApiTest::viewer_settings_are_per_user_and_department_with_versions()
{
    const auto radiologist = m_http->login("radiologist");
    const QString path = "/api/v1/viewer-settings/hanging_protocols";
    const auto empty = m_http->get(path, radiologist);
    QCOMPARE(empty.status, 200);
    QVERIFY(empty.value("user").isNull());
    QCOMPARE(empty.value("userVersion").toInt(), 0);

    const QJsonObject mine{{"rules", QJsonArray{QJsonObject{{"modality", "CT"}, {"layout", "2x2"}}}}};
    const auto saved =
        m_http->call("PUT", path + "?scope=user", QJsonObject{{"value", mine}, {"version", 0}}, radiologist);
    QVERIFY2(saved.status == 200, saved.describe());
    QCOMPARE(saved.value("userVersion").toInt(), 1);
    // A second writer that read version 0 is told, and nothing changes.
    const auto stale = m_http->call("PUT", path + "?scope=user",
                                    QJsonObject{{"value", QJsonObject{}}, {"version", 0}}, radiologist);
    QCOMPARE(stale.status, 409);
    QCOMPARE(stale.errorCode(), QStringLiteral("version_conflict"));
    QCOMPARE(m_http->get(path, radiologist).value("user").toObject(), mine);

    // The department's document is kept by its approving radiologist (or an administrator); every
    // radiologist of the department then gets it beside their own.
    const QJsonObject department{{"rules", QJsonArray{QJsonObject{{"modality", "MR"}, {"layout", "1x2"}}}}};
    QCOMPARE(m_http
                 ->call("PUT", path + "?scope=department", QJsonObject{{"value", mine}, {"version", 0}},
                        radiologist)
                 .status,
             403);
    const auto approver = m_http->login("approver");
    const auto kept = m_http->call("PUT", path + "?scope=department",
                                   QJsonObject{{"value", department}, {"version", 0}}, approver);
    QVERIFY2(kept.status == 200, kept.describe());
    QCOMPARE(kept.value("departmentVersion").toInt(), 1);
    QVERIFY(kept.value("user").isNull()); // the approver has no own document
    const auto both = m_http->get(path, radiologist);
    QCOMPARE(both.value("user").toObject(), mine);
    QCOMPARE(both.value("department").toObject(), department);
    QCOMPARE(both.value("departmentVersion").toInt(), 1);
    QCOMPARE(m_http
                 ->call("PUT", path + "?scope=department",
                        QJsonObject{{"value", QJsonObject{}}, {"version", 0}}, approver)
                 .status,
             409);
    // The administrator's department (信息科) is not radiology's: each sees only its own.
    const auto admin = m_http->login("admin");
    QVERIFY(
        m_http->call("PUT", path + "?scope=department", QJsonObject{{"value", mine}, {"version", 0}}, admin)
            .status == 200);
    QCOMPARE(m_http->get(path, radiologist).value("department").toObject(), department);
    QCOMPARE(m_http->get(path, admin).value("department").toObject(), mine);
    const auto audit = m_http->get("/api/v1/audit?action=viewer_settings.save", admin);
    QCOMPARE(audit.value("items").toArray().size(), 3);

    QCOMPARE(m_http
                 ->call("PUT", "/api/v1/viewer-settings/bad%20key?scope=user",
                        QJsonObject{{"value", QJsonObject{}}, {"version", 0}}, radiologist)
                 .status,
             400);
    QCOMPARE(
        m_http->call("PUT", path + "?scope=user", QJsonObject{{"value", "text"}, {"version", 1}}, radiologist)
            .status,
        400);
    QCOMPARE(m_http
                 ->call("PUT", path + "?scope=team", QJsonObject{{"value", QJsonObject{}}, {"version", 1}},
                        radiologist)
                 .status,
             400);
    const QJsonObject huge{{"blob", QString(300 * 1024, 'x')}};
    QCOMPARE(
        m_http->call("PUT", path + "?scope=user", QJsonObject{{"value", huge}, {"version", 1}}, radiologist)
            .status,
        413);
    QCOMPARE(m_http->get(path, radiologist).value("userVersion").toInt(), 1);
}

// req: issue 5 §2 key images saved as a DICOM Key Object Selection in the study
void ReadingApiTest::radiologist_stores_a_key_object_selection_into_the_study()
{
    const auto token = m_http->login("radiologist");
    // A registrar may not add to the archive; the radiologist may.
    QCOMPARE(storeKeyObject(m_http->login("registrar")).status, 403);
    const auto stored = storeKeyObject(token);
    QVERIFY2(stored.status == 200, stored.describe());

    QStringList modalities;
    for (const auto& s :
         m_http->get("/dicom-web/studies/" + m_images.ctStudy + "/series", token).json.array())
        modalities << valueOf(s.toObject(), "00080060");
    modalities.sort();
    QCOMPARE(modalities, (QStringList{"CT", "KO"}));
}

// req: issue 5 §2 annotations saved to the server per image and reloaded with the study
void ReadingApiTest::annotations_follow_their_image_when_its_series_is_split_off()
{
    const auto token = m_http->login("radiologist");
    QVERIFY(storeKeyObject(token).status == 200); // a second series, so the CT series can be split off
    const auto saved =
        m_http->call("PUT", annotationsPath(m_images.ctStudy) + "/" + m_images.ctInstance,
                     QJsonObject{{"items", QJsonArray{lengthItem(3, 4, 30, 40, "12 mm")}}}, token);
    QVERIFY2(saved.status == 200, saved.describe());
    const auto split =
        m_http->call("POST", "/api/v1/archive/studies/" + m_images.ctStudy + "/split",
                     QJsonObject{{"series", QJsonArray{m_images.ctSeries}}}, m_http->login("admin"));
    QVERIFY2(split.status == 201, split.describe());
    const QString newStudy = split.value("studyUid").toString();
    QVERIFY(!newStudy.isEmpty());
    QCOMPARE(m_http->get(annotationsPath(m_images.ctStudy), token).value("images").toArray().size(), 0);
    const auto moved = m_http->get(annotationsPath(newStudy), token).value("images").toArray();
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.at(0).toObject().value("sopInstanceUid").toString(), m_images.ctInstance);
}

QTEST_GUILESS_MAIN(ReadingApiTest)
#include "test_reading_api.moc"
