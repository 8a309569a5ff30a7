#pragma once
// Registers an exam (order) for one patient at the desk: department, modality, one or more
// items (method + body part, from the appointment catalogue or typed), who asks and why.
// A patient who had an exam of the same method in the last 90 days is a revisit (复诊):
// the desk is asked to confirm before the order is sent (req: 000 §2.3.7.5 revisit prompt).
// The scanned paper requisition may be attached; it is uploaded right after the exam is created.
#include "requisition_file.h"

#include "lumen/client/booking_types.h"
#include "lumen/core/exam.h"
#include "lumen/core/patient.h"

#include <QDialog>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class ExamRegisterDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int revisitDays = 90;

    ExamRegisterDialog(client::ApiClient& client, const core::Patient& patient,
                       std::vector<core::Exam> previousExams,
                       std::optional<client::SchedulingConfigInfo> config, QWidget* parent = nullptr);

    // Adds an item as the desk would with the two fields and the Add button.
    void addItem(const QString& method, const QString& bodyPart);
    // The exam as the form describes it now.
    core::Exam exam() const;
    QString messageText() const;
    // The earlier exam that makes this a revisit, if any (same method in the last 90 days).
    std::optional<core::Exam> revisitOf(const core::Exam& exam) const;
    // Takes the scan to upload with the exam; false (and the reason shown) when it cannot be sent.
    bool setRequisitionFile(const QString& path);
    const std::optional<RequisitionFile>& requisition() const { return m_requisition; }
    // Opens the file dialog of "Attach requisition..." and returns it.
    QWidget* chooseRequisition();

signals:
    void examRegistered(const lumen::core::Exam& exam);

private:
    void fillDepartment();
    void fillCatalogue();
    void methodChosen();
    void addCurrentItem();
    void removeSelectedItem();
    void submit();
    void send(core::Exam exam);
    void showMessage(const QString& text, bool isError);
    void attachRequisition(const core::Exam& exam);

    client::ApiClient& m_client;
    core::Patient m_patient;
    std::vector<core::Exam> m_previous;
    std::optional<client::SchedulingConfigInfo> m_config;
    QComboBox* m_department = nullptr;
    QComboBox* m_modality = nullptr;
    QComboBox* m_method = nullptr;
    QComboBox* m_bodyPart = nullptr;
    QPushButton* m_addItem = nullptr;
    QPushButton* m_removeItem = nullptr;
    QListWidget* m_items = nullptr;
    QLineEdit* m_requestingDepartment = nullptr;
    QLineEdit* m_requestingDoctor = nullptr;
    QPlainTextEdit* m_diagnosis = nullptr;
    QComboBox* m_source = nullptr;
    QComboBox* m_priority = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_attach = nullptr;
    QLabel* m_requisitionLabel = nullptr;
    std::optional<RequisitionFile> m_requisition;
    QPushButton* m_register = nullptr;
    bool m_sending = false;
};

} // namespace lumen::registration
