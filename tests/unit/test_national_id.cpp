// Unit tests of the GB 11643 resident ID rules and the patient validation built on them.
#include "lumen/core/national_id.h"
#include "lumen/core/patient.h"

#include <QtTest>

using namespace lumen::core;

class NationalIdTest : public QObject
{
    Q_OBJECT
private slots:
    // req: 000 §2.3.1.1 patient identifiers validated
    void check_character_matches_published_examples()
    {
        QCOMPARE(nationalIdCheckCharacter("11010519491231002"), 'X');
        QCOMPARE(nationalIdCheckCharacter("44052418800101001"), '4');
        QCOMPARE(validateNationalId("11010519491231002X"), NationalIdProblem::None);
        QCOMPARE(validateNationalId("440524188001010014"), NationalIdProblem::None);
    }

    void wrong_check_digit_is_refused()
    {
        QCOMPARE(validateNationalId("110105194912310021"), NationalIdProblem::BadCheckDigit);
        QCOMPARE(validateNationalId("440524188001010015"), NationalIdProblem::BadCheckDigit);
    }

    void malformed_numbers_name_their_problem()
    {
        QCOMPARE(validateNationalId("11010519491231002"), NationalIdProblem::WrongLength);
        QCOMPARE(validateNationalId("1101051949123100AX"), NationalIdProblem::NotDigits);
        QCOMPARE(validateNationalId("11010519491231002x"), NationalIdProblem::NotDigits);
        QCOMPARE(validateNationalId("010105194912310025"), NationalIdProblem::BadRegion);
        // 30 February does not exist.
        std::string feb30 = "11010519990230001";
        feb30.push_back(nationalIdCheckCharacter(feb30));
        QCOMPARE(validateNationalId(feb30), NationalIdProblem::BadBirthDate);
        const Date today{2026, 11, 22};
        std::string future = "11010520300101001";
        future.push_back(nationalIdCheckCharacter(future));
        QCOMPARE(validateNationalId(future, &today), NationalIdProblem::BadBirthDate);
    }

    void sex_and_birth_date_are_derived()
    {
        const auto man = decodeNationalId("11010519491231002X"); // digit 17 = 2: female
        QVERIFY(man.has_value());
        QCOMPARE(man->sex, Sex::Female);
        QCOMPARE(man->birthDate, (Date{1949, 12, 31}));
        std::string male = "31010419800503001";
        male.push_back(nationalIdCheckCharacter(male));
        QCOMPARE(decodeNationalId(male)->sex, Sex::Male);
        QCOMPARE(decodeNationalId(male)->birthDate, (Date{1980, 5, 3}));
    }

    void normalisation_accepts_lower_case_x_and_spaces()
    {
        QCOMPARE(normalizeNationalId(" 110105 19491231002x "), std::string("11010519491231002X"));
    }

    void patient_without_sex_and_birth_date_gets_them_from_the_id()
    {
        Patient p;
        p.name = "  李晓梅 ";
        p.identifier(IdentifierKind::NationalId) = "11010519491231002x";
        normalizePatient(p);
        QCOMPARE(p.name, std::string("李晓梅"));
        QCOMPARE(p.sex, Sex::Female);
        QCOMPARE(*p.birthDate, (Date{1949, 12, 31}));
        QVERIFY(validatePatient(p, Date{2026, 11, 22}).empty());
    }

    void contradicting_sex_or_birth_date_is_reported_on_that_field()
    {
        Patient p;
        p.name = "王伟";
        p.sex = Sex::Male;
        p.birthDate = Date{1950, 1, 1};
        p.identifier(IdentifierKind::NationalId) = "11010519491231002X";
        const auto problems = validatePatient(p, Date{2026, 11, 22});
        QCOMPARE(problems.size(), std::size_t(2));
        QCOMPARE(problems[0].field, std::string("sex"));
        QCOMPARE(problems[0].code, std::string("inconsistent_national_id"));
        QCOMPARE(problems[1].field, std::string("birthDate"));
    }

    void other_fields_are_validated_in_words()
    {
        Patient p;
        p.phone = "12ab";
        p.birthDate = Date{2030, 1, 1};
        p.identifier(IdentifierKind::MedicalCardNo) = "1' OR '1'='1";
        const auto problems = validatePatient(p, Date{2026, 11, 22});
        QStringList fields;
        for (const auto& problem : problems) {
            fields << QString::fromStdString(problem.field);
            QVERIFY(!problem.message.empty());
        }
        QCOMPARE(fields, (QStringList{"name", "birthDate", "phone", "medicalCardNo"}));
    }
};

QTEST_APPLESS_MAIN(NationalIdTest)
#include "test_national_id.moc"
