#pragma once
// The JSON API v1: routes every request to its handler and turns any error into the
// standard {"error":{...}} body with the right status.
#include "api/router.h"
#include "http/http_types.h"

namespace lumen::server {

class AuthService;
class PatientService;
class AuditService;
class AeService;
class DicomWebService;
class ReconciliationService;
class ExamService;
class ExamDictionaryService;
class BookingService;
class QueueService;
class ReminderService;
class AttachmentService;
class ReadingService;

class Api
{
public:
    Api(AuthService& auth, PatientService& patients, AuditService& audit, AeService& aes,
        DicomWebService& dicomWeb, ReconciliationService& reconciliation, ExamService& exams,
        ExamDictionaryService& examDictionary, BookingService& bookings, QueueService& queue,
        ReminderService& reminders, AttachmentService& attachments, ReadingService& reading,
        std::string version);
    HttpResponse handle(const HttpRequest& request) const;

private:
    void addSessionRoutes();
    void addPatientRoutes();
    void addAuditRoutes();
    void addArchiveRoutes();        // api_archive.cpp
    void addDicomWebRoutes();       // api_dicomweb.cpp
    void addExamRoutes();           // api_exams.cpp
    void addExamDictionaryRoutes(); // api_exams.cpp
    void addSchedulingRoutes();     // api_scheduling.cpp
    void addQueueRoutes();          // api_scheduling.cpp
    void addAttachmentRoutes();     // api_attachments.cpp
    void addReadingRoutes();        // api_reading.cpp

    AuthService& m_auth;
    PatientService& m_patients;
    AuditService& m_audit;
    AeService& m_aes;
    DicomWebService& m_dicomWeb;
    ReconciliationService& m_reconciliation;
    ExamService& m_exams;
    ExamDictionaryService& m_examDictionary;
    BookingService& m_bookings;
    QueueService& m_queue;
    ReminderService& m_reminders;
    AttachmentService& m_attachments;
    ReadingService& m_reading;
    std::string m_version;
    Router m_router;
};

} // namespace lumen::server
