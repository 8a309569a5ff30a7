// Unit tests of how Lumen names things in DICOM: new UIDs under 2.25, and which of a patient's
// identifiers becomes the Patient ID when a study is assigned to the patient by hand.
#include "lumen/core/dicom_patient.h"
#include "lumen/core/uid.h"

#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace lumen::core;

class DicomIdentityTest : public QObject
{
    Q_OBJECT
private slots:
    // PS3.5 9.1 and B.2: digits and dots, no leading zero, at most 64 characters.
    void generated_uids_are_valid_2_25_uids_and_distinct()
    {
        static const QRegularExpression form(QStringLiteral("^2\\.25\\.(0|[1-9][0-9]*)$"));
        QSet<QString> seen;
        for (int i = 0; i < 2000; ++i) {
            const auto uid = QString::fromStdString(generateUid());
            QVERIFY2(form.match(uid).hasMatch(), qPrintable(uid));
            QVERIFY2(uid.size() <= 44, qPrintable(uid));
            seen.insert(uid);
        }
        QCOMPARE(seen.size(), 2000);
    }

    void his_patient_id_comes_first_then_the_medical_card()
    {
        Patient p;
        p.id = 17;
        p.name = QStringLiteral("张伟").toStdString();
        p.identifier(IdentifierKind::OutpatientNo) = "MZ001";
        p.identifier(IdentifierKind::MedicalCardNo) = "MC001";
        p.identifier(IdentifierKind::HisPatientId) = "HIS001";
        auto d = toDicomPatient(p);
        QCOMPARE(QString::fromStdString(d.patientId), QStringLiteral("HIS001"));
        QCOMPARE(QString::fromStdString(d.issuerOfPatientId), QStringLiteral("HIS"));
        p.identifier(IdentifierKind::HisPatientId).reset();
        d = toDicomPatient(p);
        QCOMPARE(QString::fromStdString(d.patientId), QStringLiteral("MC001"));
        QCOMPARE(QString::fromStdString(d.issuerOfPatientId), QStringLiteral("MEDICAL_CARD"));
        QCOMPARE(QString::fromStdString(d.patientName), QStringLiteral("张伟"));
    }

    // A citizen's national ID never goes into an image header; Lumen's own number does instead.
    void national_id_is_never_the_patient_id()
    {
        Patient p;
        p.id = 42;
        p.name = "Wang^Fang";
        p.identifier(IdentifierKind::NationalId) = "11010519491231002X";
        const auto d = toDicomPatient(p);
        QCOMPARE(QString::fromStdString(d.patientId), QStringLiteral("42"));
        QCOMPARE(QString::fromStdString(d.issuerOfPatientId), QStringLiteral("LUMEN"));
    }

    void birth_date_sex_and_name_take_dicom_forms()
    {
        Patient p;
        p.id = 1;
        p.name = "A\\B";
        p.sex = Sex::Female;
        p.birthDate = Date{1990, 1, 2};
        auto d = toDicomPatient(p);
        QCOMPARE(QString::fromStdString(d.birthDate), QStringLiteral("19900102"));
        QCOMPARE(QString::fromStdString(d.sex), QStringLiteral("F"));
        QCOMPARE(QString::fromStdString(d.patientName), QStringLiteral("A B")); // one value, not two
        p.sex = Sex::Unknown;
        p.birthDate.reset();
        d = toDicomPatient(p);
        QVERIFY(d.birthDate.empty());
        QVERIFY(d.sex.empty()); // DICOM knows M, F and O only
    }
};

QTEST_APPLESS_MAIN(DicomIdentityTest)
#include "test_dicom_identity.moc"
