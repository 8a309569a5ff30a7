// QIDO-RS on the real lumen-server over HTTP with bearer tokens, after real files were stored by
// DCMTK's storescu. Expected values are read from the same files with dcmdump, not from the server.
#include "dicomweb_support.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>
#include <optional>

using namespace lumen::test;
using namespace lumen::test::dicomweb;

namespace {

QString q(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QSet<QString> asSet(const QStringList& list)
{
    return QSet<QString>(list.begin(), list.end());
}

} // namespace

class QidoRsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void studies_by_patient_id_answer_dicom_json_with_vrs_and_values();
    void patient_name_wildcards_match_case_insensitively();
    void study_date_ranges_include_both_ends();
    void modalities_in_study_selects_studies_with_that_modality();
    void includefield_adds_attributes_by_keyword_or_tag();
    void includefield_may_be_repeated();
    void limit_and_offset_page_through_studies();
    void series_of_a_study_are_listed_with_instance_counts();
    void instances_of_a_series_are_listed_with_numbers();
    void instances_are_found_by_sop_instance_uid();
    void unknown_attribute_or_bad_paging_is_bad_request();
    void search_without_token_is_unauthorized();
    void lab_qa_without_patient_read_is_forbidden();

private:
    // The study UIDs a QIDO search answers (200 expected).
    QSet<QString> studiesFor(const QString& query);
    QJsonArray search(const QString& pathAndQuery);

    std::optional<QTemporaryDir> m_dir;
    ServerProcess m_server;
    std::unique_ptr<WebClient> m_http;
    QString m_token; // registrar: patient.read, no confidential access

    QStringList m_ct;     // CT 5 mm series, PatientID PLASTIC
    QStringList m_ctThin; // five slices of the 1 mm series of the same study
    QStringList m_mr;     // GE MR series, 16 slices, PatientID 583295
    QString m_us;         // one US image, PatientID 13US1
    QString m_siemens;    // one MR image, PatientID 021234567
    QString m_ctStudy, m_mrStudy, m_usStudy, m_siemensStudy;
};

void QidoRsTest::initTestCase()
{
    if (!haveTestData())
        QSKIP("../shared/testdata is absent: the QIDO-RS tests need its real DICOM files");
    if (!haveTool(QStringLiteral("storescu")) || !haveTool(QStringLiteral("dcmdump")))
        QSKIP("DCMTK's storescu/dcmdump are not installed (Debian package dcmtk)");
    m_dir.emplace();
    QVERIFY2(m_server.start(m_dir->path()), qPrintable(m_server.errorString()));
    m_http = std::make_unique<WebClient>(m_server.httpPort());
    m_token = m_http->login(QStringLiteral("registrar"));
    QVERIFY(!m_token.isEmpty());

    m_ct = dicomFilesIn(testData(QStringLiteral("ct/philips_ingenuity_head_phantom_5mm")));
    m_ctThin =
        dicomFilesIn(testData(QStringLiteral("ct/philips_ingenuity_head_phantom_1mm_jpegll"))).mid(0, 5);
    m_mr = dicomFilesIn(testData(QStringLiteral("mr/ge_signa_16slice")));
    m_us = testData(QStringLiteral("us/US1_UNCR_rgb_single.dcm"));
    m_siemens = testData(QStringLiteral("mr/MR-SIEMENS-DICOM-WithOverlays.dcm"));
    QCOMPARE(m_ct.size(), 28);
    QCOMPARE(m_mr.size(), 16);
    const auto r = storescu(m_server.dicomPort(), m_ct + m_ctThin + m_mr + QStringList{m_us, m_siemens});
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    m_ctStudy = readUids(m_ct.first()).study;
    m_mrStudy = readUids(m_mr.first()).study;
    m_usStudy = readUids(m_us).study;
    m_siemensStudy = readUids(m_siemens).study;
    QVERIFY(!m_ctStudy.isEmpty() && !m_mrStudy.isEmpty() && !m_usStudy.isEmpty() &&
            !m_siemensStudy.isEmpty());
}

QJsonArray QidoRsTest::search(const QString& pathAndQuery)
{
    const auto reply = m_http->get(pathAndQuery, m_token);
    if (reply.status != 200 || !reply.contentType.startsWith("application/dicom+json")) {
        qWarning("%s -> %s", qPrintable(pathAndQuery), reply.describe().constData());
        return {};
    }
    return reply.jsonArray();
}

QSet<QString> QidoRsTest::studiesFor(const QString& query)
{
    return asSet(
        jsonStrings(search(QStringLiteral("/dicom-web/studies?") + query), QStringLiteral("0020000D")));
}

void QidoRsTest::studies_by_patient_id_answer_dicom_json_with_vrs_and_values()
{
    const auto reply = m_http->get(QStringLiteral("/dicom-web/studies?PatientID=PLASTIC"), m_token);
    LUMEN_COMPARE_WEB_STATUS(reply, 200);
    QVERIFY2(reply.contentType.startsWith("application/dicom+json"), reply.contentType.constData());
    const auto results = reply.jsonArray();
    QCOMPARE(results.size(), 1);
    const auto study = results.first().toObject();

    // PS3.18 F.2: keys are 8 upper-case hex digits, each attribute has its VR.
    for (auto it = study.begin(); it != study.end(); ++it) {
        QVERIFY2(it.key().size() == 8 && it.key() == it.key().toUpper(), qPrintable(it.key()));
        QVERIFY2(!it.value().toObject().value(QStringLiteral("vr")).toString().isEmpty(),
                 qPrintable(it.key()));
    }
    QCOMPARE(jsonVr(study, QStringLiteral("0020000D")), QStringLiteral("UI"));
    QCOMPARE(jsonString(study, QStringLiteral("0020000D")), m_ctStudy);
    QCOMPARE(jsonVr(study, QStringLiteral("00100020")), QStringLiteral("LO"));
    QCOMPARE(jsonString(study, QStringLiteral("00100020")), QStringLiteral("PLASTIC"));
    // PN values are objects with component groups, not strings.
    QCOMPARE(jsonVr(study, QStringLiteral("00100010")), QStringLiteral("PN"));
    const auto name = jsonValues(study, QStringLiteral("00100010")).first();
    QVERIFY2(name.isObject(), "PatientName must be {\"Alphabetic\": ...}");
    QCOMPARE(name.toObject().value(QStringLiteral("Alphabetic")).toString(),
             dumpValue(m_ct.first(), QStringLiteral("PatientName")));
    QCOMPARE(jsonVr(study, QStringLiteral("00080020")), QStringLiteral("DA"));
    QCOMPARE(jsonString(study, QStringLiteral("00080020")),
             dumpValue(m_ct.first(), QStringLiteral("StudyDate")));
    QCOMPARE(jsonString(study, QStringLiteral("00081030")),
             dumpValue(m_ct.first(), QStringLiteral("StudyDescription")));
    // The values are plain ASCII: JSON text is UTF-8 anyway and no character set is declared
    // (the CT files say ISO_IR 100).
    QCOMPARE(jsonString(study, QStringLiteral("00080005")), QString());
    // IS values are JSON numbers: 28 + 5 instances in two series.
    QCOMPARE(jsonVr(study, QStringLiteral("00201208")), QStringLiteral("IS"));
    const auto instances = jsonValues(study, QStringLiteral("00201208")).first();
    QVERIFY2(instances.isDouble(), "NumberOfStudyRelatedInstances must be a number");
    QCOMPARE(instances.toInt(), 33);
    QVERIFY(jsonValues(study, QStringLiteral("00201206")).first().isDouble());
    QCOMPARE(jsonValues(study, QStringLiteral("00201206")).first().toInt(), 2);
    QCOMPARE(jsonVr(study, QStringLiteral("00080061")), QStringLiteral("CS"));
    QVERIFY(jsonValues(study, QStringLiteral("00080061")).contains(QJsonValue(QStringLiteral("CT"))));

    // The tag form of the key answers the same.
    QCOMPARE(studiesFor(QStringLiteral("00100020=PLASTIC")), QSet<QString>{m_ctStudy});
    QCOMPARE(studiesFor(QStringLiteral("PatientID=583295")), QSet<QString>{m_mrStudy});
    QCOMPARE(studiesFor(QStringLiteral("PatientID=NOBODY")), QSet<QString>{});
}

void QidoRsTest::patient_name_wildcards_match_case_insensitively()
{
    // GE MR: DOE^J1; US: CompressedSamples^US1; CT: HEAD.
    QCOMPARE(studiesFor(QStringLiteral("PatientName=") + q(QStringLiteral("DOE*"))),
             QSet<QString>{m_mrStudy});
    QCOMPARE(studiesFor(QStringLiteral("PatientName=") + q(QStringLiteral("doe*"))),
             QSet<QString>{m_mrStudy});
    QCOMPARE(studiesFor(QStringLiteral("PatientName=") + q(QStringLiteral("D?E^J1"))),
             QSet<QString>{m_mrStudy});
    QCOMPARE(studiesFor(QStringLiteral("PatientName=") + q(QStringLiteral("*samples^us1"))),
             QSet<QString>{m_usStudy});
    QCOMPARE(studiesFor(QStringLiteral("PatientName=HEAD")), QSet<QString>{m_ctStudy});
    QCOMPARE(studiesFor(QStringLiteral("PatientName=") + q(QStringLiteral("NOBODY*"))), QSet<QString>{});
}

void QidoRsTest::study_date_ranges_include_both_ends()
{
    // CT 20150206, GE MR 20170716, US 20040826, Siemens MR 20051130.
    QCOMPARE(studiesFor(QStringLiteral("StudyDate=20150206-20170716")),
             (QSet<QString>{m_ctStudy, m_mrStudy}));
    QCOMPARE(studiesFor(QStringLiteral("StudyDate=20150207-")), QSet<QString>{m_mrStudy});
    QCOMPARE(studiesFor(QStringLiteral("StudyDate=-20041231")), QSet<QString>{m_usStudy});
    QCOMPARE(studiesFor(QStringLiteral("StudyDate=20051130-20051130")), QSet<QString>{m_siemensStudy});
    QCOMPARE(studiesFor(QStringLiteral("StudyDate=20150206")), QSet<QString>{m_ctStudy});
    QCOMPARE(studiesFor(QStringLiteral("00080020=20180101-")), QSet<QString>{});
}

void QidoRsTest::modalities_in_study_selects_studies_with_that_modality()
{
    QCOMPARE(studiesFor(QStringLiteral("ModalitiesInStudy=MR")), (QSet<QString>{m_mrStudy, m_siemensStudy}));
    QCOMPARE(studiesFor(QStringLiteral("ModalitiesInStudy=US")), QSet<QString>{m_usStudy});
    QCOMPARE(studiesFor(QStringLiteral("ModalitiesInStudy=CT&PatientID=PLASTIC")), QSet<QString>{m_ctStudy});
    QCOMPARE(studiesFor(QStringLiteral("ModalitiesInStudy=MG")), QSet<QString>{});
    for (const auto& s : search(QStringLiteral("/dicom-web/studies?ModalitiesInStudy=MR")))
        QVERIFY(
            jsonValues(s.toObject(), QStringLiteral("00080061")).contains(QJsonValue(QStringLiteral("MR"))));
}

void QidoRsTest::includefield_adds_attributes_by_keyword_or_tag()
{
    const auto plain = search(QStringLiteral("/dicom-web/studies?PatientID=PLASTIC"));
    QCOMPARE(plain.size(), 1);
    QVERIFY(!plain.first().toObject().contains(QStringLiteral("00080054")));
    QVERIFY(!plain.first().toObject().contains(QStringLiteral("00101000")));

    const auto byKeyword =
        search(QStringLiteral("/dicom-web/studies?PatientID=PLASTIC&includefield=RetrieveAETitle"));
    QCOMPARE(byKeyword.size(), 1);
    QCOMPARE(jsonVr(byKeyword.first().toObject(), QStringLiteral("00080054")), QStringLiteral("AE"));
    QCOMPARE(jsonString(byKeyword.first().toObject(), QStringLiteral("00080054")), QStringLiteral("LUMEN"));

    const auto byTags = search(QStringLiteral("/dicom-web/studies?PatientID=PLASTIC&includefield=") +
                               q(QStringLiteral("00080054,00101000")));
    QCOMPARE(byTags.size(), 1);
    QVERIFY(byTags.first().toObject().contains(QStringLiteral("00080054")));
    QCOMPARE(jsonVr(byTags.first().toObject(), QStringLiteral("00101000")), QStringLiteral("LO"));

    // "all" adds the series and instance level return keys as well.
    const auto all = search(QStringLiteral("/dicom-web/studies?PatientID=PLASTIC&includefield=all"));
    QCOMPARE(all.size(), 1);
    QVERIFY2(all.first().toObject().size() > plain.first().toObject().size(),
             "includefield=all returned no more attributes than the defaults");
}

// PS3.18 10.6.1.2: includefield may occur any number of times (0-n).
void QidoRsTest::includefield_may_be_repeated()
{
    const auto results = search(
        QStringLiteral("/dicom-web/studies?PatientID=PLASTIC&includefield=00080054&includefield=00101000"));
    QCOMPARE(results.size(), 1);
    QVERIFY2(results.first().toObject().contains(QStringLiteral("00080054")),
             "the first of two includefield parameters was ignored");
    QVERIFY2(results.first().toObject().contains(QStringLiteral("00101000")),
             "the second of two includefield parameters was ignored");
}

void QidoRsTest::limit_and_offset_page_through_studies()
{
    const auto every = studiesFor(QString());
    QCOMPARE(every, (QSet<QString>{m_ctStudy, m_mrStudy, m_usStudy, m_siemensStudy}));
    QCOMPARE(search(QStringLiteral("/dicom-web/studies?limit=2")).size(), 2);
    QStringList paged;
    for (int offset = 0; offset < 4; ++offset) {
        const auto page = search(QStringLiteral("/dicom-web/studies?limit=1&offset=%1").arg(offset));
        QCOMPARE(page.size(), 1);
        paged << jsonString(page.first().toObject(), QStringLiteral("0020000D"));
    }
    QCOMPARE(paged.size(), 4);
    QCOMPARE(asSet(paged), every); // every study once, none twice
    QCOMPARE(search(QStringLiteral("/dicom-web/studies?offset=3&limit=10")).size(), 1);
    QCOMPARE(search(QStringLiteral("/dicom-web/studies?offset=4")).size(), 0);
}

void QidoRsTest::series_of_a_study_are_listed_with_instance_counts()
{
    const QString thick = readUids(m_ct.first()).series;
    const QString thin = readUids(m_ctThin.first()).series;
    const auto series = search(QStringLiteral("/dicom-web/studies/%1/series").arg(m_ctStudy));
    QCOMPARE(series.size(), 2);
    QHash<QString, int> counts;
    for (const auto& s : series) {
        const auto o = s.toObject();
        QCOMPARE(jsonString(o, QStringLiteral("0020000D")), m_ctStudy);
        QCOMPARE(jsonString(o, QStringLiteral("00080060")), QStringLiteral("CT"));
        QCOMPARE(jsonVr(o, QStringLiteral("00201209")), QStringLiteral("IS"));
        QVERIFY(jsonValues(o, QStringLiteral("00201209")).first().isDouble());
        QVERIFY(jsonValues(o, QStringLiteral("00200011")).first().isDouble());
        counts.insert(jsonString(o, QStringLiteral("0020000E")),
                      jsonValues(o, QStringLiteral("00201209")).first().toInt());
    }
    QCOMPARE(counts.value(thick), 28);
    QCOMPARE(counts.value(thin), 5);
    // The same through the top-level resource and by modality.
    QCOMPARE(search(QStringLiteral("/dicom-web/series?StudyInstanceUID=%1").arg(m_ctStudy)).size(), 2);
    QCOMPARE(asSet(jsonStrings(search(QStringLiteral("/dicom-web/series?Modality=MR")),
                               QStringLiteral("0020000D"))),
             (QSet<QString>{m_mrStudy, m_siemensStudy}));
    QCOMPARE(search(QStringLiteral("/dicom-web/studies/1.2.3.4.5.6.7/series")).size(), 0);
}

void QidoRsTest::instances_of_a_series_are_listed_with_numbers()
{
    const QString series = readUids(m_mr.first()).series;
    QSet<QString> expectedUids;
    QSet<int> expectedNumbers;
    for (const auto& f : m_mr) {
        expectedUids.insert(readUids(f).sopInstance);
        expectedNumbers.insert(dumpValue(f, QStringLiteral("InstanceNumber")).toInt());
    }
    const auto instances =
        search(QStringLiteral("/dicom-web/studies/%1/series/%2/instances").arg(m_mrStudy, series));
    QCOMPARE(instances.size(), 16);
    QSet<QString> uids;
    QSet<int> numbers;
    for (const auto& i : instances) {
        const auto o = i.toObject();
        uids.insert(jsonString(o, QStringLiteral("00080018")));
        QCOMPARE(jsonVr(o, QStringLiteral("00200013")), QStringLiteral("IS"));
        QVERIFY(jsonValues(o, QStringLiteral("00200013")).first().isDouble());
        numbers.insert(jsonValues(o, QStringLiteral("00200013")).first().toInt());
        QCOMPARE(jsonString(o, QStringLiteral("00080016")), QStringLiteral("1.2.840.10008.5.1.4.1.1.4"));
        QCOMPARE(jsonVr(o, QStringLiteral("00280010")), QStringLiteral("US"));
        QCOMPARE(jsonValues(o, QStringLiteral("00280010")).first().toInt(),
                 dumpValue(m_mr.first(), QStringLiteral("Rows")).toInt());
    }
    QCOMPARE(uids, expectedUids);
    QCOMPARE(numbers, expectedNumbers);
    QCOMPARE(search(QStringLiteral("/dicom-web/studies/%1/instances").arg(m_mrStudy)).size(), 16);
}

void QidoRsTest::instances_are_found_by_sop_instance_uid()
{
    const auto uids = readUids(m_ct.at(3));
    const auto found = search(QStringLiteral("/dicom-web/instances?SOPInstanceUID=") + uids.sopInstance);
    QCOMPARE(found.size(), 1);
    const auto o = found.first().toObject();
    QCOMPARE(jsonString(o, QStringLiteral("00080018")), uids.sopInstance);
    QCOMPARE(jsonString(o, QStringLiteral("0020000E")), uids.series);
    QCOMPARE(jsonString(o, QStringLiteral("0020000D")), uids.study);
    QCOMPARE(jsonString(o, QStringLiteral("00080016")), uids.sopClass);
    const auto none = m_http->get(QStringLiteral("/dicom-web/instances?SOPInstanceUID=1.2.3.999"), m_token);
    LUMEN_COMPARE_WEB_STATUS(none, 200);
    QCOMPARE(none.jsonArray().size(), 0);
}

void QidoRsTest::unknown_attribute_or_bad_paging_is_bad_request()
{
    for (const QString& query :
         {QStringLiteral("/dicom-web/studies?NoSuchAttribute=1"),
          QStringLiteral("/dicom-web/studies?includefield=NoSuchAttribute"),
          QStringLiteral("/dicom-web/series?NoSuchAttribute=1"),
          QStringLiteral("/dicom-web/studies?limit=-1"), QStringLiteral("/dicom-web/studies?limit=abc"),
          QStringLiteral("/dicom-web/studies?offset=x")}) {
        const auto reply = m_http->get(query, m_token);
        QVERIFY2(reply.status == 400,
                 qPrintable(query + QStringLiteral(" -> ") + QString::fromUtf8(reply.describe())));
    }
}

void QidoRsTest::search_without_token_is_unauthorized()
{
    for (const QString& path : {QStringLiteral("/dicom-web/studies"), QStringLiteral("/dicom-web/series"),
                                QStringLiteral("/dicom-web/instances"),
                                QStringLiteral("/dicom-web/studies/%1/series").arg(m_ctStudy)}) {
        LUMEN_COMPARE_WEB_STATUS(m_http->get(path, QString()), 401);
        LUMEN_COMPARE_WEB_STATUS(m_http->get(path, QStringLiteral("0123456789abcdef")), 401);
    }
}

void QidoRsTest::lab_qa_without_patient_read_is_forbidden()
{
    const QString labqa = m_http->login(QStringLiteral("labqa"));
    QVERIFY(!labqa.isEmpty());
    for (const QString& path : {QStringLiteral("/dicom-web/studies?PatientID=PLASTIC"),
                                QStringLiteral("/dicom-web/series"), QStringLiteral("/dicom-web/instances"),
                                QStringLiteral("/dicom-web/studies/%1/series").arg(m_ctStudy)})
        LUMEN_COMPARE_WEB_STATUS(m_http->get(path, labqa), 403);
}

QTEST_GUILESS_MAIN(QidoRsTest)
#include "test_qido_rs.moc"
