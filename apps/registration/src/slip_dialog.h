#pragma once
// After booking: the appointment slip of each booked exam, previewed, printed or saved as PDF
// through the slip renderer (appointment_slip.h). Several bookings made at once give several
// slips; the desk picks which one.
#include "appointment_slip.h"

#include "lumen/client/booking_types.h"
#include "lumen/core/exam.h"
#include "lumen/core/patient.h"

#include <QDialog>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;

namespace lumen::registration {

class SlipDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SlipDialog(std::vector<SlipData> slips, QWidget* parent = nullptr);

    // The slip's fields from what the desk has after booking: the patient, the booking (room,
    // time, precautions) and, when known, the exam (department, items) and the catalogue (names).
    static SlipData dataFor(const core::Patient& patient, const client::Booking& booking,
                            const std::optional<core::Exam>& exam,
                            const std::optional<client::SchedulingConfigInfo>& config);

    const std::vector<SlipData>& slips() const { return m_slips; }
    const SlipData& currentSlip() const;
    void setCurrentSlip(int index);

    // The buttons' work: the system's print dialog, or a file name then the PDF.
    bool print();
    bool saveAsPdf();

private:
    void showPreview();

    std::vector<SlipData> m_slips;
    QComboBox* m_choice = nullptr;
    QLabel* m_preview = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_print = nullptr;
    QPushButton* m_savePdf = nullptr;
};

} // namespace lumen::registration
