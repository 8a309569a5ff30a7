// Unit tests of the exam domain rules in core: the status machine, editable fields, accession
// numbers and validation. The expected tables are written out here, independently of core.
#include "lumen/core/accession_number.h"
#include "lumen/core/exam.h"
#include "lumen/core/exam_edit_rules.h"
#include "lumen/core/exam_transitions.h"
#include "lumen/security/rbac.h"

#include <QRegularExpression>
#include <QtTest>

#include <set>
#include <utility>

using namespace lumen;
using core::ExamStatus;
using S = core::ExamStatus;

namespace {

// Every step the machine must allow; all other pairs must be refused.
const std::set<std::pair<S, S>> legalSteps = {
    {S::Requested, S::Booked},
    {S::Booked, S::Requested},
    {S::Requested, S::CheckedIn},
    {S::Booked, S::CheckedIn},
    {S::CheckedIn, S::Called},
    {S::Called, S::CheckedIn},
    {S::CheckedIn, S::Examined},
    {S::Called, S::Examined},
    {S::CheckedIn, S::ImagesReceived},
    {S::Called, S::ImagesReceived},
    {S::Examined, S::ImagesReceived},
    {S::Examined, S::Reported},
    {S::ImagesReceived, S::Reported},
    {S::Reported, S::Approved},
    {S::Reported, S::ImagesReceived},
    {S::Reported, S::Examined},
    {S::Approved, S::Reported},
    {S::Reported, S::Printed},
    {S::Approved, S::Printed},
    {S::Approved, S::ReleasedToClinic},
    {S::Printed, S::ReleasedToClinic},
    {S::Requested, S::Cancelled},
    {S::Booked, S::Cancelled},
    {S::CheckedIn, S::Cancelled},
    {S::Called, S::Cancelled},
    {S::Booked, S::NoShow},
    {S::CheckedIn, S::NoShow},
    // The modality's procedure step (MPPS).
    {S::Booked, S::InProgress},
    {S::CheckedIn, S::InProgress},
    {S::Called, S::InProgress},
    {S::InProgress, S::CheckedIn},
    {S::InProgress, S::Examined},
    {S::InProgress, S::ImagesReceived},
    {S::InProgress, S::Cancelled},
};

// The steps a modality takes as "AE:<title>": MPPS and arriving images.
const std::set<std::pair<S, S>> deviceSteps = {
    {S::Booked, S::InProgress},        {S::CheckedIn, S::InProgress},  {S::Called, S::InProgress},
    {S::InProgress, S::CheckedIn},     {S::InProgress, S::Examined},   {S::InProgress, S::ImagesReceived},
    {S::CheckedIn, S::ImagesReceived}, {S::Called, S::ImagesReceived}, {S::Examined, S::ImagesReceived},
};

core::Exam validExam()
{
    core::Exam e;
    e.patientId = 1;
    e.department = core::Department::Radiology;
    e.modality = "CT";
    e.items = {{"CT平扫", "胸部", std::nullopt, std::nullopt}};
    return e;
}

bool hasProblemOn(const std::vector<core::FieldProblem>& problems, const std::string& field)
{
    for (const auto& p : problems)
        if (p.field == field)
            return true;
    return false;
}

} // namespace

class ExamRulesTest : public QObject
{
    Q_OBJECT
private slots:
    void every_status_code_reads_back()
    {
        QCOMPARE(core::allExamStatuses().size(), std::size_t(13));
        QCOMPARE(core::toCode(S::InProgress), std::string_view("in_progress"));
        for (auto s : core::allExamStatuses())
            QCOMPARE(core::examStatusFromCode(core::toCode(s)), std::optional<ExamStatus>(s));
        QCOMPARE(core::toCode(S::ReleasedToClinic), std::string_view("released_to_clinic"));
        QVERIFY(!core::examStatusFromCode("Booked"));
        QVERIFY(!core::examStatusFromCode(""));
    }

    // req: 000 §2.3.2.1 patient medical status control (registered ... sent to clinic)
    void status_machine_allows_exactly_the_documented_steps()
    {
        int allowed = 0;
        for (auto from : core::allExamStatuses())
            for (auto to : core::allExamStatuses()) {
                const bool expected = legalSteps.count({from, to}) == 1;
                const bool found = core::findExamTransition(from, to) != nullptr;
                QVERIFY2(found == expected, qPrintable(QStringLiteral("%1 -> %2")
                                                           .arg(QString::fromUtf8(core::toCode(from).data()))
                                                           .arg(QString::fromUtf8(core::toCode(to).data()))));
                allowed += found;
            }
        QCOMPARE(allowed, int(legalSteps.size()));
        QCOMPARE(core::examTransitionRules().size(), legalSteps.size());
    }

    void cancel_only_before_the_exam_and_no_show_only_for_expected_patients()
    {
        for (auto from : core::allExamStatuses()) {
            const bool beforeExam = from == S::Requested || from == S::Booked || from == S::CheckedIn ||
                                    from == S::Called || from == S::InProgress;
            QCOMPARE(core::findExamTransition(from, S::Cancelled) != nullptr, beforeExam);
            QCOMPARE(core::findExamTransition(from, S::NoShow) != nullptr,
                     from == S::Booked || from == S::CheckedIn);
        }
        QVERIFY(core::nextExamStatuses(S::Cancelled).empty());
        QVERIFY(core::nextExamStatuses(S::NoShow).empty());
        QVERIFY(core::nextExamStatuses(S::ReleasedToClinic).empty());
    }

    void going_back_cancelling_and_no_show_need_a_reason()
    {
        for (const auto& rule : core::examTransitionRules()) {
            const bool back = (rule.from == S::Reported && rule.to != S::Approved && rule.to != S::Printed) ||
                              (rule.from == S::Approved && rule.to == S::Reported);
            const bool discontinued = rule.from == S::InProgress && rule.to == S::CheckedIn;
            const bool expected = rule.to == S::Cancelled || rule.to == S::NoShow || back || discontinued;
            QCOMPARE(rule.noteRequired, expected);
        }
    }

    void a_modality_takes_only_the_procedure_step_and_image_steps()
    {
        for (const auto& rule : core::examTransitionRules())
            QCOMPARE(rule.byDevice, deviceSteps.count({rule.from, rule.to}) == 1);
        QVERIFY(!core::whyDeviceTransitionRefused(S::CheckedIn, core::ExamPriority::Routine, S::InProgress));
        QVERIFY(!core::whyDeviceTransitionRefused(S::InProgress, core::ExamPriority::Routine, S::Examined));
        const auto byHand =
            core::whyDeviceTransitionRefused(S::CheckedIn, core::ExamPriority::Routine, S::Examined);
        QVERIFY(byHand && byHand->find("modality") != std::string::npos);
        QVERIFY(core::whyDeviceTransitionRefused(S::Requested, core::ExamPriority::Routine, S::InProgress));
        QVERIFY(core::whyDeviceTransitionRefused(S::Cancelled, core::ExamPriority::Routine, S::InProgress));
    }

    // req: 000 §2.3.2.11 only approved reports are printed, except emergency reports
    void only_emergency_reports_are_printed_before_approval()
    {
        QVERIFY(core::whyTransitionRefused(S::Reported, core::ExamPriority::Routine, S::Printed).has_value());
        QVERIFY(core::whyTransitionRefused(S::Reported, core::ExamPriority::Urgent, S::Printed).has_value());
        QVERIFY(!core::whyTransitionRefused(S::Reported, core::ExamPriority::Emergency, S::Printed));
        QVERIFY(!core::whyTransitionRefused(S::Approved, core::ExamPriority::Routine, S::Printed));
    }

    void refusal_names_the_current_status_and_the_way_on()
    {
        const auto reason = core::whyTransitionRefused(S::Booked, core::ExamPriority::Routine, S::Reported);
        QVERIFY(reason);
        QVERIFY2(reason->find("The exam is booked") == 0, reason->c_str());
        QVERIFY2(reason->find("checked_in") != std::string::npos, reason->c_str());
        const auto done = core::whyTransitionRefused(S::Cancelled, core::ExamPriority::Routine, S::Booked);
        QVERIFY(done && done->find("cancelled") != std::string::npos);
        const auto same = core::whyTransitionRefused(S::Called, core::ExamPriority::Routine, S::Called);
        QVERIFY(same && same->find("already") != std::string::npos);
    }

    void each_step_belongs_to_the_role_that_does_it()
    {
        using core::Permission;
        using core::Role;
        auto can = [](Role role, S from, S to) {
            const auto* rule = core::findExamTransition(from, to);
            for (auto p : rule->anyOf)
                if (security::permissionsOf(role).count(p))
                    return true;
            return false;
        };
        QVERIFY(can(Role::Registrar, S::Requested, S::Booked));
        QVERIFY(can(Role::Registrar, S::CheckedIn, S::Called));
        QVERIFY(can(Role::Technologist, S::CheckedIn, S::Called));
        QVERIFY(!can(Role::Technologist, S::Booked, S::CheckedIn));
        QVERIFY(can(Role::Technologist, S::Called, S::Examined));
        QVERIFY(!can(Role::Registrar, S::Called, S::Examined));
        QVERIFY(can(Role::Radiologist, S::ImagesReceived, S::Reported));
        QVERIFY(!can(Role::Radiologist, S::Reported, S::Approved));
        QVERIFY(can(Role::ApprovingRadiologist, S::Reported, S::Approved));
        QVERIFY(!can(Role::Administrator, S::Reported, S::Approved));
        QVERIFY(!can(Role::Clinician, S::Requested, S::Cancelled));
        QVERIFY(!can(Role::LabQa, S::Approved, S::Printed));
        // Every step can be taken by someone.
        for (const auto& rule : core::examTransitionRules()) {
            bool someone = false;
            for (auto role : core::allRoles())
                someone = someone || can(role, rule.from, rule.to);
            QVERIFY(someone);
        }
    }

    void fields_stay_editable_only_while_it_makes_sense()
    {
        using F = core::ExamField;
        QVERIFY(core::isEditable(F::Items, S::Requested));
        QVERIFY(core::isEditable(F::Items, S::Called));
        QVERIFY(!core::isEditable(F::Items, S::Examined));
        QVERIFY(!core::isEditable(F::ScheduledAt, S::Requested));
        QVERIFY(core::isEditable(F::ScheduledAt, S::Booked));
        QVERIFY(!core::isEditable(F::ScheduledAt, S::CheckedIn));
        QVERIFY(core::isEditable(F::Room, S::CheckedIn));
        QVERIFY(core::isEditable(F::ClinicalHistory, S::ImagesReceived));
        QVERIFY(!core::isEditable(F::ClinicalHistory, S::Reported));
        QVERIFY(!core::isEditable(F::Priority, S::Cancelled));
        for (auto s : core::allExamStatuses())
            QVERIFY(core::isEditable(F::FeeStatus, s));
    }

    void accession_numbers_are_readable_and_fit_dicom()
    {
        const core::Date day{2026, 11, 22};
        QCOMPARE(core::accessionPrefix(core::Department::Radiology, day), std::string("R20261122"));
        QCOMPARE(core::accessionPrefix(core::Department::Ultrasound, day), std::string("U20261122"));
        QCOMPARE(core::accessionPrefix(core::Department::Endoscopy, day), std::string("E20261122"));
        QCOMPARE(core::accessionPrefix(core::Department::Ecg, day), std::string("C20261122"));
        QCOMPARE(core::accessionPrefix(core::Department::Other, day), std::string("X20261122"));
        QCOMPARE(core::formatAccessionNumber("R20261122", 7), std::string("R20261122-0007"));
        const auto big = core::formatAccessionNumber("R20261122", 99999);
        QCOMPARE(big, std::string("R20261122-99999"));
        QVERIFY(big.size() <= 16); // DICOM SH
    }

    void modality_follows_the_department()
    {
        auto e = validExam();
        e.department = core::Department::Ultrasound;
        e.modality = "";
        core::normalizeExam(e);
        QCOMPARE(e.modality, std::string("US"));
        QVERIFY(core::validateExam(e).empty());
        e.modality = "CT";
        QVERIFY(hasProblemOn(core::validateExam(e), "modality"));
        auto r = validExam();
        r.modality = " dr ";
        core::normalizeExam(r);
        QCOMPARE(r.modality, std::string("DR"));
        QVERIFY(core::validateExam(r).empty());
        r.modality = "";
        QVERIFY(hasProblemOn(core::validateExam(r), "modality"));
    }

    void validation_names_each_bad_field()
    {
        QVERIFY(core::validateExam(validExam()).empty());
        auto e = validExam();
        e.items.push_back({"CT平扫", "胸部", std::nullopt, std::nullopt});
        e.items.push_back({"", "腹部", std::string("A B"), std::nullopt});
        e.requestingDoctor = std::string(65 * 3, 'x');
        e.clinicalDiagnosis = std::string("咳嗽\x01");
        e.clinicalHistory = std::string("第一行\n第二行");
        e.hisRequestNo = "'; DROP TABLE exams;--";
        const auto problems = core::validateExam(e);
        QVERIFY(hasProblemOn(problems, "items[1].bodyPart"));
        QVERIFY(hasProblemOn(problems, "items[2].method"));
        QVERIFY(hasProblemOn(problems, "items[2].hisItemCode"));
        QVERIFY(hasProblemOn(problems, "requestingDoctor"));
        QVERIFY(hasProblemOn(problems, "clinicalDiagnosis"));
        QVERIFY(!hasProblemOn(problems, "clinicalHistory")); // line breaks are fine in a history
        QVERIFY(hasProblemOn(problems, "hisRequestNo"));
        auto none = validExam();
        none.items.clear();
        none.patientId = 0;
        QVERIFY(hasProblemOn(core::validateExam(none), "items"));
        QVERIFY(hasProblemOn(core::validateExam(none), "patientId"));
    }
};

QTEST_APPLESS_MAIN(ExamRulesTest)
#include "test_exam_rules.moc"
