#pragma once
// The files attached to one exam (the scanned paper requisition): listed with their size and
// who added them, opened (images in a preview, PDFs with the system's viewer from a temp file)
// and added (JPEG, PNG or PDF, at most 20 MiB) by a desk allowed to register exams.
#include "lumen/client/attachment_types.h"
#include "lumen/core/exam.h"

#include <QDialog>

#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace lumen::client {
class ApiClient;
}

namespace lumen::registration {

class AttachmentsDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { FileColumn, TypeColumn, SizeColumn, AddedColumn, ByColumn, ColumnCount };

    AttachmentsDialog(client::ApiClient& client, const core::Exam& exam, bool canAdd,
                      QWidget* parent = nullptr);

    void reload();
    bool isBusy() const { return m_pending > 0; }
    const std::vector<client::ExamAttachment>& attachments() const { return m_attachments; }
    QTableWidget* table() const { return m_table; }
    QString messageText() const;
    // Where the last opened file was written (PDFs), or empty.
    QString lastOpenedPath() const { return m_lastOpened; }

    // "Add...": the file dialog, opened and returned.
    QWidget* chooseFile();
    // Uploads `path` after checking it; false (and the reason shown) when it cannot be sent.
    bool addFile(const QString& path);
    // "Open" on the given row (the current row when -1).
    void openAttachment(int row = -1);

signals:
    void attachmentAdded(const lumen::client::ExamAttachment& attachment);
    // A downloaded file was shown: `path` is the temp file handed to the system (empty for a
    // preview shown here).
    void attachmentOpened(const QString& path);

private:
    void showAttachments(const std::vector<client::ExamAttachment>& attachments);
    void showFile(const client::ExamAttachment& attachment, const client::AttachmentFile& file);
    void showMessage(const QString& text, bool isError);
    void updateButtons();

    client::ApiClient& m_client;
    core::Exam m_exam;
    bool m_canAdd = false;
    std::vector<client::ExamAttachment> m_attachments;
    QTableWidget* m_table = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_open = nullptr;
    QLabel* m_message = nullptr;
    QString m_lastOpened;
    int m_pending = 0;
};

} // namespace lumen::registration
