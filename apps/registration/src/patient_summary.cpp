#include "patient_summary.h"

#include "patient_form.h"

#include "lumen/protocol/patient_json.h"
#include "lumen/ui/client_app.h"
#include "lumen/ui/domain_text.h"

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QTextDocument>

namespace lumen::registration {

QString PatientSummary::html(const core::Patient& p)
{
    const auto json = protocol::toJson(p);
    QString rows;
    for (const QString& field : PatientForm::fields()) {
        QString value;
        if (field == QLatin1String("sex"))
            value = ui::DomainText::sexName(p.sex);
        else if (field == QLatin1String("confidential"))
            value = p.confidential ? tr("Yes") : tr("No");
        else if (const auto& v = json.at(field.toStdString()); v.is_string())
            value = QString::fromStdString(v.get<std::string>());
        rows += QStringLiteral("<tr><td style='padding:4px 16px 4px 0'><b>%1</b></td><td>%2</td></tr>")
                    .arg(ui::DomainText::fieldLabel(field).toHtmlEscaped(), value.toHtmlEscaped());
    }
    return QStringLiteral("<h2>%1</h2><p>%2</p><table>%3</table><p style='margin-top:24px'>%4</p>")
        .arg(tr("Patient registration").toHtmlEscaped(),
             tr("Lumen %1, printed %2")
                 .arg(ui::applicationTitle(),
                      QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                 .toHtmlEscaped(),
             rows, tr("Signature of the patient: ____________________").toHtmlEscaped());
}

void PatientSummary::preview(const core::Patient& patient, QWidget* parent)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    QPrintPreviewDialog dialog(&printer, parent);
    dialog.setWindowTitle(tr("Print registration summary"));
    const QString text = html(patient);
    QObject::connect(&dialog, &QPrintPreviewDialog::paintRequested, &dialog, [text](QPrinter* target) {
        QTextDocument document;
        document.setHtml(text);
        document.print(target);
    });
    dialog.exec();
}

} // namespace lumen::registration
