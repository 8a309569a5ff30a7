#include "lumen/hl7/ack.h"

#include "lumen/hl7/escape.h"

namespace lumen::hl7 {

std::string_view toCode(AckCode code)
{
    switch (code) {
    case AckCode::Accept:
        return "AA";
    case AckCode::Error:
        return "AE";
    case AckCode::Reject:
        return "AR";
    }
    return "AR";
}

std::string_view describe(ErrorCode code)
{
    switch (code) {
    case ErrorCode::SegmentSequence:
        return "Segment sequence error";
    case ErrorCode::RequiredFieldMissing:
        return "Required field missing";
    case ErrorCode::DataType:
        return "Data type error";
    case ErrorCode::TableValueNotFound:
        return "Table value not found";
    case ErrorCode::UnsupportedMessageType:
        return "Unsupported message type";
    case ErrorCode::UnsupportedEventCode:
        return "Unsupported event code";
    case ErrorCode::UnsupportedProcessingId:
        return "Unsupported processing id";
    case ErrorCode::UnsupportedVersionId:
        return "Unsupported version id";
    case ErrorCode::UnknownKeyIdentifier:
        return "Unknown key identifier";
    case ErrorCode::DuplicateKeyIdentifier:
        return "Duplicate key identifier";
    case ErrorCode::ApplicationRecordLocked:
        return "Application record locked";
    case ErrorCode::ApplicationInternalError:
        return "Application internal error";
    }
    return "Application internal error";
}

std::string encodeAck(const AckRequest& r)
{
    const Encoding e; // answers always use the standard delimiters
    auto esc = [&](std::string_view text) { return escape(text, e); };
    const auto& o = r.original;
    const std::string version = o.version.empty() ? "2.5.1" : o.version;
    std::string out = "MSH|^~\\&|" + esc(r.sendingApplication) + "|" + esc(o.receivingFacility) + "|" +
                      esc(o.sendingApplication) + "|" + esc(o.sendingFacility) + "|" + esc(r.timestamp) +
                      "||ACK^" + esc(o.triggerEvent) + "^ACK|" + esc(r.controlId) + "|P|" + esc(version) +
                      "|||||||" + esc(o.characterSet) + "\r";
    out += "MSA|" + std::string(toCode(r.code)) + "|" + esc(o.controlId);
    if (r.error)
        out += "|" + esc(r.error->message);
    out += "\r";
    if (r.error) {
        const auto code = std::to_string(int(r.error->code));
        const auto text = esc(describe(r.error->code));
        const auto& seg = r.error->segment;
        const std::string fieldNo = r.error->field > 0 ? std::to_string(r.error->field) : "";
        const std::string location =
            seg.empty() ? std::string() : esc(seg) + "^1" + (fieldNo.empty() ? "" : "^" + fieldNo);
        const std::string eld =
            esc(seg) + "^" + (seg.empty() ? "" : "1") + "^" + fieldNo + "^" + code + "&" + text + "&HL70357";
        // ERR-1 for v2.3/2.4 receivers, ERR-2..8 for v2.5 and later.
        out += "ERR|" + eld + "|" + location + "|" + code + "^" + text + "^HL70357|E||||" +
               esc(r.error->message) + "\r";
    }
    return out;
}

} // namespace lumen::hl7
