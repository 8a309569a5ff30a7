// Objects the reading station adds to a study: secondary captures of its views and key-object
// selections. Both must satisfy Debian's dicom3tools validator (dciodvfy) with no error and
// carry the study's identity, Chinese names included.
#include <lumen/dicom/decoded_image.h>
#include <lumen/dicom/derived_objects.h>
#include <lumen/dicom/dimse_server.h>
#include <lumen/dicom/instance_attributes.h>
#include <lumen/dicom/phantom_series.h>

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace lumen;

namespace {

dicom::StudyIdentity identity()
{
    dicom::PhantomSpec spec;
    spec.rows = spec.columns = 16;
    spec.sliceOffsetsMm = {0};
    spec.patientName = "张^三";
    spec.patientId = "MZ0001";
    spec.accessionNumber = "R20261122-0099";
    return dicom::studyIdentityOf(dicom::phantomSeriesBytes(spec).front());
}

// dciodvfy's lines that report errors (warnings are allowed).
QStringList validatorErrors(const std::string& bytes, QString* all)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("object.dcm"));
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(bytes.data(), qint64(bytes.size()));
    file.close();
    QProcess validator;
    validator.setProcessChannelMode(QProcess::MergedChannels);
    validator.start(QStringLiteral("dciodvfy"), {path});
    validator.waitForFinished(30000);
    *all = QString::fromUtf8(validator.readAll());
    QStringList errors;
    for (const QString& line : all->split(QLatin1Char('\n')))
        if (line.startsWith(QStringLiteral("Error")))
            errors << line;
    return errors;
}

} // namespace

class TestDerivedObjects : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void secondary_capture_is_valid_and_keeps_pixels_and_identity();
    void key_object_selection_is_valid_and_references_the_images();
    void bad_input_is_refused();
};

void TestDerivedObjects::initTestCase()
{
    dicom::registerCodecs();
    if (QStandardPaths::findExecutable(QStringLiteral("dciodvfy")).isEmpty())
        QFAIL("dciodvfy (Debian package dicom3tools) is needed: installers/install-deps.sh installs it");
}

// req: 000 §2.3.2 3D view saved to the archive as a new series
void TestDerivedObjects::secondary_capture_is_valid_and_keeps_pixels_and_identity()
{
    dicom::CapturedImage image;
    image.width = 40;
    image.height = 30;
    for (int i = 0; i < image.width * image.height; ++i)
        image.rgb.insert(image.rgb.end(),
                         {std::uint8_t(i % 256), std::uint8_t(100), std::uint8_t(255 - i % 256)});
    const auto study = identity();
    const auto objects = dicom::secondaryCaptureSeries(study, {image, image}, "MPR 冠状位", 901);
    QCOMPARE(objects.size(), std::size_t(2));
    QString output;
    const QStringList errors = validatorErrors(objects.front(), &output);
    QVERIFY2(errors.isEmpty(), qPrintable(output));
    const auto decoded = dicom::decodeImage(objects.front());
    QCOMPARE(decoded.patientName, std::string("张^三"));
    QCOMPARE(decoded.studyInstanceUid, study.studyInstanceUid);
    QCOMPARE(decoded.accessionNumber, std::string("R20261122-0099"));
    QCOMPARE(decoded.seriesDescription, std::string("MPR 冠状位"));
    QVERIFY(decoded.colour);
    QVERIFY(decoded.frames.front().rgb == image.rgb);
    QCOMPARE(dicom::decodeImage(objects[1]).seriesInstanceUid, decoded.seriesInstanceUid);
    QVERIFY(dicom::decodeImage(objects[1]).sopInstanceUid != decoded.sopInstanceUid);
}

// req: 000 §2.3.2 key images saved as a DICOM Key Object Selection in the study
void TestDerivedObjects::key_object_selection_is_valid_and_references_the_images()
{
    const auto study = identity();
    const std::string kos =
        dicom::keyObjectSelection(study,
                                  {{"1.2.840.10008.5.1.4.1.1.2", "1.2.3.4.5.1", "1.2.3.4.9", 0},
                                   {"1.2.840.10008.5.1.4.1.1.2", "1.2.3.4.5.2", "1.2.3.4.9", 0}},
                                  "右肺结节");
    QString output;
    const QStringList errors = validatorErrors(kos, &output);
    QVERIFY2(errors.isEmpty(), qPrintable(output));
    QVERIFY(kos.find("1.2.3.4.5.2") != std::string::npos);
    QVERIFY(kos.find("右肺结节") != std::string::npos);
    QCOMPARE(dicom::studyIdentityOf(kos).studyInstanceUid, study.studyInstanceUid);
}

void TestDerivedObjects::bad_input_is_refused()
{
    dicom::CapturedImage wrong;
    wrong.width = 10;
    wrong.height = 10;
    wrong.rgb.resize(5);
    QVERIFY_THROWS_EXCEPTION(dicom::DicomError, (dicom::secondaryCaptureSeries(identity(), {wrong}, "x", 1)));
    QVERIFY_THROWS_EXCEPTION(dicom::DicomError, (dicom::keyObjectSelection(identity(), {}, "")));
    QVERIFY_THROWS_EXCEPTION(dicom::DicomError, dicom::studyIdentityOf("not dicom"));
}

QTEST_GUILESS_MAIN(TestDerivedObjects)
#include "test_derived_objects.moc"
