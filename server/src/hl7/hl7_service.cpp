#include "hl7/hl7_service.h"

#include "hl7/hl7_adt.h"
#include "hl7/hl7_context.h"
#include "hl7/hl7_error_mapping.h"
#include "hl7/hl7_failure.h"
#include "hl7/hl7_orders.h"
#include "log.h"
#include "lumen/core/date.h"
#include "lumen/core/text_checks.h"
#include "lumen/hl7/charset.h"
#include "lumen/store/database.h"
#include "lumen/store/hl7_message_repository.h"
#include "lumen/store/write_queue.h"
#include "services/audit_log.h"

#include <cinttypes>
#include <cstdio>

namespace lumen::server {

using hl7::AckCode;
using hl7::ErrorCode;

namespace {

enum class MessageKind { PatientUpdate, PatientMerge, Order, Unsupported };

MessageKind kindOf(const std::string& code, const std::string& trigger)
{
    if (code == "ADT" && (trigger == "A01" || trigger == "A04" || trigger == "A08"))
        return MessageKind::PatientUpdate;
    if (code == "ADT" && trigger == "A40")
        return MessageKind::PatientMerge;
    if ((code == "ORM" && trigger == "O01") || (code == "OMG" && trigger == "O19"))
        return MessageKind::Order;
    return MessageKind::Unsupported;
}

// FNV-1a over the segments with MSH-7 left out: a resend with a new timestamp is the same message.
std::string contentHash(const hl7::Message& message)
{
    std::uint64_t h = 1469598103934665603ULL;
    auto add = [&](std::string_view text) {
        for (char c : text) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
        h ^= 0xFF;
        h *= 1099511628211ULL;
    };
    for (const auto& s : message.segments()) {
        add(s.name());
        for (int f = 1; f <= s.fieldCount(); ++f)
            add(s.name() == "MSH" && f == 7 ? std::string_view() : s.raw(f));
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016" PRIx64, h);
    return text;
}

// "2026-11-22T10:30:00Z" -> "20261122103000+0000".
std::string hl7Timestamp(const std::string& iso)
{
    std::string digits;
    for (char c : iso)
        if (c >= '0' && c <= '9')
            digits += c;
    return digits.substr(0, 14) + "+0000";
}

Principal hl7Principal(const std::string& application, const std::string& peer)
{
    Principal who;
    who.username = "HL7:" + (application.empty() ? std::string("unknown") : application);
    who.displayName = who.username;
    who.clientAddress = peer;
    // The HIS is the source of truth for its patients and orders, confidential ones included.
    who.permissions = {core::Permission::PatientRead,  core::Permission::PatientWrite,
                       core::Permission::PatientMerge, core::Permission::PatientConfidential,
                       core::Permission::ExamRead,     core::Permission::ExamRegister};
    return who;
}

hl7::MessageHeader headerOf(const hl7::Message& m, const hl7::MessageHeader& lenient)
{
    hl7::MessageHeader h = lenient;
    const auto* msh = m.first("MSH");
    h.sendingApplication = m.sendingApplication();
    h.sendingFacility = m.sendingFacility();
    h.receivingApplication = msh->value(5);
    h.receivingFacility = msh->value(6);
    h.messageCode = m.messageCode();
    h.triggerEvent = m.triggerEvent();
    h.controlId = m.controlId();
    h.version = m.version();
    return h;
}

std::string cutoffIso(std::chrono::system_clock::time_point now, int keepDays)
{
    return core::formatIsoTimestamp(now - std::chrono::hours(24) * keepDays);
}

} // namespace

Hl7Service::Hl7Service(const core::Clock& clock, store::WriteQueue& writer, const AuditLog& audit,
                       PatientService& patients, ExamService& exams, Hl7Settings settings)
    : m_clock(clock), m_writer(writer), m_audit(audit), m_patients(patients), m_exams(exams),
      m_settings(settings)
{
}

std::string Hl7Service::nextControlId()
{
    return "LUMEN" + hl7Timestamp(core::formatIsoTimestamp(m_clock.now())).substr(0, 14) + "-" +
           std::to_string(++m_acks);
}

std::string Hl7Service::handle(std::string_view raw, const std::string& peer)
{
    const auto now = m_clock.now();
    const auto nowIso = core::formatIsoTimestamp(now);
    hl7::AckRequest ack;
    ack.original = hl7::readHeaderLeniently(raw);
    ack.controlId = nextControlId();
    ack.timestamp = hl7Timestamp(nowIso);
    const auto charset = ack.original.characterSet;
    auto answer = [&](AckCode code, std::optional<hl7::AckError> error) {
        ack.code = code;
        ack.error = std::move(error);
        return hl7::encodeAck(ack);
    };

    hl7::Message message;
    try {
        message = hl7::parseMessage(raw, {m_settings.maxMessageBytes});
    } catch (const hl7::ParseError& e) {
        logLine(LogLevel::Warning, "hl7", "message rejected",
                {{"peer", peer},
                 {"sender", ack.original.sendingApplication},
                 {"controlId", ack.original.controlId},
                 {"error", e.what()}});
        return hl7::fromUtf8(
            answer(AckCode::Reject, hl7::AckError{e.code(), e.segment(), e.field(), e.what()}), charset);
    }
    ack.original = headerOf(message, ack.original);
    const auto type = message.messageCode() + "^" + message.triggerEvent();
    const auto kind = kindOf(message.messageCode(), message.triggerEvent());
    const auto sender = message.sendingApplication() + "|" + message.sendingFacility();
    const auto hash = contentHash(message);
    const auto who = hl7Principal(message.sendingApplication(), peer);
    const auto application = message.sendingApplication();
    Hl7Context ctx{who,
                   nowIso,
                   core::isPlainIdentifier(application) ? std::optional<std::string>(application)
                                                        : std::nullopt,
                   m_patients,
                   m_exams,
                   m_audit};

    std::string text;
    try {
        text = m_writer
                   .submit([&](store::Database& db) -> std::string {
                       store::Hl7MessageRepository log(db);
                       if (const auto first = log.find(sender, message.controlId())) {
                           if (first->contentHash == hash)
                               return first->ack;
                           return answer(AckCode::Reject,
                                         hl7::AckError{ErrorCode::DuplicateKeyIdentifier, "MSH", 10,
                                                       "MSH-10: control ID " + message.controlId() +
                                                           " was already used for a different message"});
                       }
                       AckCode code = AckCode::Accept;
                       std::optional<hl7::AckError> error;
                       std::string summary;
                       auto fail = [&](const Hl7Failure& f) {
                           db.exec("ROLLBACK TO hl7_apply");
                           db.exec("RELEASE hl7_apply");
                           code = f.ack();
                           error = hl7::AckError{f.code(), f.segment(), f.field(), f.what()};
                       };
                       if (kind == MessageKind::Unsupported) {
                           code = AckCode::Reject;
                           const bool knownCode = message.messageCode() == "ADT";
                           error = hl7::AckError{knownCode ? ErrorCode::UnsupportedEventCode
                                                           : ErrorCode::UnsupportedMessageType,
                                                 "MSH", 9, "MSH-9: " + type + " is not supported"};
                       } else {
                           db.exec("SAVEPOINT hl7_apply");
                           try {
                               if (kind == MessageKind::PatientUpdate)
                                   summary = applyPatientUpdate(db, ctx, message);
                               else if (kind == MessageKind::PatientMerge)
                                   summary = applyPatientMerge(db, ctx, message);
                               else
                                   summary = applyOrders(db, ctx, message);
                               db.exec("RELEASE hl7_apply");
                           } catch (const Hl7Failure& f) {
                               fail(f);
                           } catch (const core::Error& e) {
                               fail(toHl7Failure(e));
                           } catch (const std::exception& e) {
                               logLine(LogLevel::Error, "hl7", "message failed", {{"error", e.what()}});
                               fail(hl7Error(ErrorCode::ApplicationInternalError,
                                             "internal error; see the server log"));
                           }
                       }
                       auto reply = answer(code, error);
                       log.insert({sender, message.controlId(), hash, type, nowIso, peer,
                                   std::string(hl7::toCode(code)), reply, std::string(raw)});
                       const std::string outcome =
                           std::string(hl7::toCode(code)) + ": " + (error ? error->message : summary);
                       m_audit.appendInJob(db, core::AuditEntry{0, nowIso, who.username, peer, "hl7.message",
                                                                "hl7", sender + " " + message.controlId(),
                                                                std::nullopt, type + " " + outcome, "", ""});
                       log.deleteReceivedBefore(cutoffIso(now, m_settings.keepDays));
                       logLine(LogLevel::Info, "hl7", "message",
                               {{"peer", peer},
                                {"type", type},
                                {"controlId", message.controlId()},
                                {"outcome", outcome}});
                       return reply;
                   })
                   .get();
    } catch (const std::exception& e) {
        logLine(LogLevel::Error, "hl7", "message not recorded", {{"error", e.what()}});
        text = answer(AckCode::Error, hl7::AckError{ErrorCode::ApplicationInternalError, "", 0,
                                                    "internal error; send the message again"});
    }
    return hl7::fromUtf8(text, charset);
}

} // namespace lumen::server
