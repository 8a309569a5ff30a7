#pragma once
// Typed asynchronous client of API v1 (server/API.md). Every call returns at once; its
// callback runs later on the caller's thread, and only while `context` is alive, so a
// closed window never receives an answer meant for it.
#include "lumen/client/admin_types.h"
#include "lumen/client/api_result.h"
#include "lumen/client/api_types.h"
#include "lumen/client/attachment_types.h"
#include "lumen/client/booking_statistics.h"
#include "lumen/client/booking_types.h"
#include "lumen/client/queue_types.h"
#include "lumen/client/reading_types.h"
#include "lumen/core/patient.h"
#include "lumen/protocol/session_json.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace lumen::client {

class ApiClient : public QObject
{
    Q_OBJECT
public:
    template <typename T> using Callback = std::function<void(const Result<T>&)>;

    static constexpr int defaultTimeoutMs = 15000;

    explicit ApiClient(QObject* parent = nullptr);
    ~ApiClient() override;

    // e.g. http://127.0.0.1:8080 ; a bare "host:port" is taken as http.
    void setServerUrl(const QUrl& url);
    QUrl serverUrl() const { return m_serverUrl; }
    void setRequestTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    int requestTimeoutMs() const { return m_timeoutMs; }

    bool isLoggedIn() const { return !m_session.token.empty(); }
    const protocol::SessionInfo& session() const { return m_session; }
    bool hasPermission(const std::string& permission) const { return m_session.user.has(permission); }

    void health(QObject* context, Callback<HealthInfo> done);
    void login(const QString& username, const QString& password, QObject* context,
               Callback<protocol::SessionInfo> done);
    // Revokes the token on the server; the local session ends whatever the answer.
    void logout(QObject* context, Callback<Done> done);
    // GET /session: tells whether the token is still valid.
    void currentUser(QObject* context, Callback<protocol::SessionUser> done);

    void searchPatients(const QString& query, int limit, int offset, QObject* context,
                        Callback<PatientPage> done);
    void getPatient(core::PatientId id, QObject* context, Callback<core::Patient> done);
    void createPatient(const core::Patient& patient, bool confirmDuplicate, QObject* context,
                       Callback<core::Patient> done);
    // Sends only `fields` (wire names, e.g. "phone") of `edited`; `version` guards against
    // overwriting someone else's change (409 conflict).
    void updatePatient(core::PatientId id, const core::Patient& edited,
                       const std::vector<std::string>& fields, std::optional<std::int64_t> version,
                       QObject* context, Callback<core::Patient> done);
    // Merges `sourceId` (the duplicate) into `targetId` (the record kept).
    void mergePatients(core::PatientId targetId, core::PatientId sourceId, QObject* context,
                       Callback<MergeResult> done);
    void unmergePatients(core::PatientId targetId, core::PatientId sourceId, QObject* context,
                         Callback<core::Patient> done);
    void patientHistory(core::PatientId id, QObject* context, Callback<std::vector<HistoryEntry>> done);

    // Queue
    // Check-in by the slip's accession number (as a kiosk scans it) or by exam id.
    void checkIn(const QString& accessionNumber, QObject* context, Callback<CheckInTicket> done);
    void checkInExam(std::int64_t examId, QObject* context, Callback<CheckInTicket> done);
    void roomQueue(const QString& roomId, QObject* context, Callback<RoomQueue> done);
    // The first waiting patient is called; 404 queue_empty when nobody waits.
    void callNext(const QString& roomId, QObject* context, Callback<QueueEntry> done);
    void recall(const QString& roomId, std::int64_t examId, QObject* context, Callback<QueueAction> done);
    void skip(const QString& roomId, std::int64_t examId, QObject* context, Callback<QueueAction> done);

    // Exams, scheduling and bookings
    void searchExams(const ExamQuery& query, QObject* context, Callback<ExamPage> done);
    void getExam(core::ExamId id, QObject* context, Callback<core::Exam> done);
    // POST /exams: the order fields of `exam` (see newExamBody).
    void createExam(const core::Exam& exam, QObject* context, Callback<core::Exam> done);
    void transitionExam(core::ExamId id, const ExamTransition& transition, QObject* context,
                        Callback<core::Exam> done);
    void examTimeline(core::ExamId id, QObject* context, Callback<std::vector<core::ExamEvent>> done);
    void schedulingConfig(QObject* context, Callback<SchedulingConfigInfo> done);
    void schedulingRooms(QObject* context, Callback<std::vector<RoomInfo>> done);
    void recommendSlots(const SchedulingRequest& request, QObject* context, Callback<Recommendation> done);
    void freeWindows(const SchedulingRequest& request, QObject* context,
                     Callback<std::vector<ExamWindows>> done);
    // Empty refusals: the slot is bookable now.
    void checkSlot(const SlotChoice& slot, const QString& channel, QObject* context,
                   Callback<std::vector<Refusal>> done);
    void listBookings(const BookingQuery& query, QObject* context, Callback<std::vector<Booking>> done);
    // All items or none; a refused slot is 409 slot_refused (refusalsOf(error) lists why).
    void book(const std::vector<SlotChoice>& items, const QString& channel, QObject* context,
              Callback<std::vector<Booking>> done);
    void changeBooking(std::int64_t bookingId, const QString& roomId, const QDate& date, const QTime& start,
                       const QString& channel, QObject* context, Callback<Booking> done);
    void cancelBooking(std::int64_t bookingId, const QString& reason, QObject* context,
                       Callback<Booking> done);

    // Booking statistics
    // GET /scheduling/statistics over the local dates from..to (at most a year).
    void bookingStatistics(const QDate& from, const QDate& to, QObject* context,
                           Callback<BookingStatistics> done);

    // Dictionary, room stops and blacklist
    // GET /exam-dictionary: one page of HIS code rows.
    void listExamDictionary(const ExamDictionaryQuery& query, QObject* context,
                            Callback<ExamDictionaryPage> done);
    void getExamDictionaryRow(std::int64_t id, QObject* context, Callback<core::HisCodeMapping> done);
    void createExamDictionaryRow(const core::HisCodeMapping& row, QObject* context,
                                 Callback<core::HisCodeMapping> done);
    // Sends every editable field of `row`; `version` guards against overwriting someone else's
    // change (409 conflict).
    void updateExamDictionaryRow(std::int64_t id, const core::HisCodeMapping& row,
                                 std::optional<std::int64_t> version, QObject* context,
                                 Callback<core::HisCodeMapping> done);
    void deleteExamDictionaryRow(std::int64_t id, QObject* context, Callback<Done> done);
    // Stops a room over local dates from..to; `preview` lists the notices and changes nothing,
    // otherwise the stop is recorded and the bookings move to their new slots.
    void stopRoom(const QString& roomId, const QDate& from, const QDate& to, const QString& reason,
                  bool preview, QObject* context, Callback<RoomStopResult> done);
    void reopenRoom(const QString& roomId, const QDate& from, const QDate& to, QObject* context,
                    Callback<Done> done);
    void noShowBlacklist(QObject* context, Callback<std::vector<BlacklistEntry>> done);
    void restoreBookingRights(core::PatientId patientId, QObject* context, Callback<Done> done);

    // Exam attachments
    // POST /exams/{id}/attachments: `bytes` as the raw body with its `contentType` (image/jpeg,
    // image/png, application/pdf; see attachmentTypeOf), at most maxAttachmentBytes.
    void uploadAttachment(core::ExamId examId, const QString& fileName, const QString& contentType,
                          const QByteArray& bytes, QObject* context, Callback<ExamAttachment> done);
    void listAttachments(core::ExamId examId, QObject* context, Callback<std::vector<ExamAttachment>> done);
    void downloadAttachment(core::ExamId examId, std::int64_t attachmentId, QObject* context,
                            Callback<AttachmentFile> done);

    // Reading room: the archive through QIDO-RS / WADO-URI / STOW-RS, annotations, settings.
    void searchStudies(const QList<std::pair<QString, QString>>& qidoKeys, QObject* context,
                       Callback<std::vector<StudySummary>> done);
    void studySeries(const QString& studyUid, QObject* context, Callback<std::vector<SeriesSummary>> done);
    void seriesInstances(const QString& studyUid, const QString& seriesUid, QObject* context,
                         Callback<std::vector<InstanceSummary>> done);
    // Starts a WADO-URI download of one stored object as application/dicom; the caller owns the
    // reply (progress, abort) and reads the file from it when it finishes.
    QNetworkReply* downloadInstance(const QString& studyUid, const QString& seriesUid, const QString& sopUid);
    // STOW-RS of Part 10 objects into their study (multipart/related; application/dicom).
    void storeInstances(const QString& studyUid, const std::vector<QByteArray>& part10Objects,
                        QObject* context, Callback<Done> done);
    void studyAnnotations(const QString& studyUid, QObject* context,
                          Callback<std::vector<ImageAnnotations>> done);
    void saveAnnotations(const QString& studyUid, const QString& sopUid, int frame, const QJsonArray& items,
                         QObject* context, Callback<Done> done);
    void viewerSettings(const QString& key, QObject* context, Callback<ViewerSettings> done);
    void saveViewerSettings(const QString& key, SettingsScope scope, const QJsonObject& value,
                            std::int64_t version, QObject* context, Callback<ViewerSettings> done);

signals:
    void loggedIn();
    void loggedOut();
    // An authenticated call was answered 401: the token expired or was revoked.
    void sessionExpired();
    // After every answer: whether the server could be reached at all.
    void serverReached(bool reachable);

private:
    struct RawReply;
    using RawHandler = std::function<void(const RawReply&)>;

    void send(const QByteArray& verb, const QString& path, const QList<std::pair<QString, QString>>& query,
              const QByteArray& body, bool authenticated, QObject* context, RawHandler handler);
    void finish(QNetworkReply* reply, bool authenticated, const QPointer<QObject>& context, bool hadContext,
                const RawHandler& handler);
    template <typename T, typename Parse> RawHandler parsed(Callback<T> done, Parse parse);

    QNetworkAccessManager* m_network = nullptr;
    QUrl m_serverUrl;
    int m_timeoutMs = defaultTimeoutMs;
    protocol::SessionInfo m_session;
};

} // namespace lumen::client
