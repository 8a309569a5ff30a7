#pragma once
// Between the server's exams and the engine's bookings: the request an exam makes (one slot per
// exam), the facts the rules test, the stored row of a booking and back, and the slot an exam
// holds when it was booked by hand (加号, the demo's exams).
#include "lumen/core/exam.h"
#include "lumen/core/patient.h"
#include "lumen/scheduling/booking.h"
#include "lumen/scheduling/scheduling_config.h"
#include "lumen/store/booking_repository.h"

#include <chrono>
#include <string>

namespace lumen::server {

// One exam is one slot: its first item's method, every item's body part (once each).
scheduling::ExamRequest examRequestOf(const core::Exam& exam);
scheduling::RequestContext contextOf(const core::Exam& exam, const core::Patient& patient,
                                     scheduling::BookingChannel channel);
store::BookingRow rowOf(const scheduling::Booking& b, core::ExamId examId, const std::string& createdAt,
                        const std::string& createdBy);
scheduling::Booking bookingOf(const store::BookingRow& row);
// The booking (id 0) of an exam placed by hand at `start` in its room: the catalogue's duration,
// quota group and precautions, no rule checked.
scheduling::Booking slotGivenByHand(const core::Exam& exam, const core::Patient& patient,
                                    std::chrono::system_clock::time_point start,
                                    const scheduling::SchedulingConfig& config);

} // namespace lumen::server
