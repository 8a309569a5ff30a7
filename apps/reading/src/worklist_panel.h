#pragma once
// The radiologist's worklist: exams whose images have arrived, newest first, filtered by
// modality and searched by accession number; opening one asks for its study.
#include <lumen/core/exam.h>

#include <QHash>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::reading {

struct WorklistRow
{
    core::Exam exam;
    QString patientName;
    QString patientIdText; // the hospital's id shown to people
};

class WorklistPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WorklistPanel(client::ApiClient& client, QWidget* parent = nullptr);

    void refresh();
    int rowCount() const;
    const WorklistRow* rowAt(int row) const;
    const WorklistRow* current() const;
    // The row after the current one (to prefetch), or null.
    const WorklistRow* next() const;
    void selectRow(int row);

signals:
    void openRequested(const lumen::reading::WorklistRow& row);
    void loaded();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void fill();

    client::ApiClient& m_client;
    QComboBox* m_modality = nullptr;
    QComboBox* m_status = nullptr;
    QLineEdit* m_search = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_message = nullptr;
    std::vector<WorklistRow> m_rows;
    QHash<core::PatientId, std::pair<QString, QString>> m_patients;
};

} // namespace lumen::reading
