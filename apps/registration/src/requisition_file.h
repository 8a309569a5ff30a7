#pragma once
// A scanned paper requisition chosen at the desk: read from disk, its size and type checked
// the way the server checks them (JPEG, PNG or PDF by the first bytes; at most 20 MiB), so the
// desk is told at once instead of after sending.
#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

class QFileDialog;
class QWidget;

namespace lumen::registration {

struct RequisitionFile
{
    QString path;
    QString fileName; // without folders, as the server stores it
    QString contentType;
    QByteArray bytes;
};

class RequisitionFiles
{
    Q_DECLARE_TR_FUNCTIONS(lumen::registration::RequisitionFiles)
public:
    // The file, or nullopt with the reason in words in `problem`.
    static std::optional<RequisitionFile> load(const QString& path, QString* problem);
    // A window-modal file dialog (not yet open) for scans: JPEG, PNG, PDF.
    static QFileDialog* chooser(QWidget* parent);
    // "1.2 MB" style size.
    static QString sizeText(qint64 bytes);
};

} // namespace lumen::registration
