#include "lumen/hl7/parser.h"

#include "lumen/hl7/charset.h"
#include "lumen/hl7/escape.h"
#include "lumen/hl7/parse_error.h"

#include <cctype>
#include <set>

namespace lumen::hl7 {

namespace {

std::string_view withoutBom(std::string_view bytes)
{
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF")
        bytes.remove_prefix(3);
    while (!bytes.empty() && (bytes.front() == '\r' || bytes.front() == '\n' || bytes.front() == ' '))
        bytes.remove_prefix(1);
    return bytes;
}

std::vector<std::string_view> split(std::string_view text, char sep)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto next = text.find(sep, start);
        parts.push_back(
            text.substr(start, next == std::string_view::npos ? std::string_view::npos : next - start));
        if (next == std::string_view::npos)
            return parts;
        start = next + 1;
    }
}

bool isDelimiterCandidate(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && !std::isalnum(u);
}

// Delimiters from "MSH|^~\&|..."; throws when they are unusable.
Encoding readEncoding(std::string_view bytes)
{
    if (bytes.size() < 8 || bytes.substr(0, 3) != "MSH")
        throw ParseError(ErrorCode::SegmentSequence, "the message does not start with an MSH segment", "MSH",
                         0);
    Encoding e;
    e.field = bytes[3];
    const auto end = bytes.find(e.field, 4);
    const auto chars = bytes.substr(4, end == std::string_view::npos ? 0 : end - 4);
    if (!isDelimiterCandidate(e.field) || chars.size() < 2 || chars.size() > 5)
        throw ParseError(ErrorCode::DataType, "MSH-1/MSH-2: unusable delimiters", "MSH", 2);
    e.component = chars[0];
    e.repetition = chars[1];
    if (chars.size() > 2)
        e.escape = chars[2];
    if (chars.size() > 3)
        e.subcomponent = chars[3];
    const std::set<char> distinct{e.field, e.component, e.repetition, e.escape, e.subcomponent};
    for (char c : chars)
        if (!isDelimiterCandidate(c))
            throw ParseError(ErrorCode::DataType, "MSH-2: unusable encoding characters", "MSH", 2);
    if (distinct.size() != 5)
        throw ParseError(ErrorCode::DataType, "MSH-2: the delimiters must all differ", "MSH", 2);
    return e;
}

std::string_view firstLine(std::string_view bytes)
{
    const auto end = bytes.find_first_of("\r\n");
    return bytes.substr(0, end);
}

bool validSegmentName(std::string_view name)
{
    if (name.size() != 3 || !std::isupper(static_cast<unsigned char>(name[0])))
        return false;
    for (char c : name.substr(1))
        if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)))
            return false;
    return true;
}

} // namespace

MessageHeader readHeaderLeniently(std::string_view bytes)
{
    MessageHeader h;
    try {
        bytes = withoutBom(bytes);
        h.encoding = readEncoding(bytes);
        const auto fields = split(firstLine(bytes), h.encoding.field);
        // fields[0] is "MSH", fields[1] the encoding characters: MSH-n is fields[n-1].
        auto get = [&](int n, int component = 0) -> std::string {
            if (std::size_t(n - 1) >= fields.size())
                return {};
            const auto parts =
                split(split(fields[std::size_t(n - 1)], h.encoding.repetition)[0], h.encoding.component);
            if (std::size_t(component) >= parts.size())
                return {};
            const auto text = unescape(parts[std::size_t(component)], h.encoding);
            // Only printable ASCII is echoed from a message that failed to parse.
            for (char c : text)
                if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E)
                    return {};
            return text.substr(0, 199);
        };
        h.sendingApplication = get(3);
        h.sendingFacility = get(4);
        h.receivingApplication = get(5);
        h.receivingFacility = get(6);
        h.messageCode = get(9, 0);
        h.triggerEvent = get(9, 1);
        h.controlId = get(10);
        h.version = get(12);
        h.characterSet = get(18);
    } catch (const ParseError&) {
    }
    return h;
}

Message parseMessage(std::string_view input, const ParseLimits& limits)
{
    if (input.size() > limits.maxBytes)
        throw ParseError(ErrorCode::DataType,
                         "the message is larger than " + std::to_string(limits.maxBytes) + " bytes");
    auto bytes = withoutBom(input);
    const Encoding e = readEncoding(bytes);
    const auto header = readHeaderLeniently(bytes);
    // GB 18030 trail bytes can equal '|' or '^', so the text is converted before it is split.
    const std::string text = toUtf8(bytes, header.characterSet);
    if (text.find('\0') != std::string::npos)
        throw ParseError(ErrorCode::DataType, "the message contains NUL bytes");

    MessageBuilder builder(e);
    std::size_t count = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find_first_of("\r\n", start);
        if (end == std::string::npos)
            end = text.size();
        const std::string_view line(text.data() + start, end - start);
        start = end + 1;
        if (line.find_first_not_of(" \t") == std::string_view::npos)
            continue;
        if (++count > limits.maxSegments)
            throw ParseError(ErrorCode::SegmentSequence,
                             "the message has more than " + std::to_string(limits.maxSegments) + " segments");
        const auto name = line.substr(0, 3);
        if (!validSegmentName(name) || (line.size() > 3 && line[3] != e.field))
            throw ParseError(ErrorCode::SegmentSequence,
                             "segment " + std::to_string(count) + " has no valid segment name");
        if ((name == "MSH") != (count == 1))
            throw ParseError(ErrorCode::SegmentSequence,
                             count == 1 ? "the message does not start with MSH"
                                        : "MSH may appear only once (one message per frame)",
                             std::string(name));
        std::vector<std::string> fields{std::string(name)};
        if (name == "MSH") {
            fields.emplace_back(1, e.field);
            auto rest = split(line.substr(4), e.field);
            for (auto f : rest)
                fields.emplace_back(f);
        } else if (line.size() > 4) {
            for (auto f : split(line.substr(4), e.field))
                fields.emplace_back(f);
        }
        if (fields.size() > limits.maxFieldsPerSegment + 1)
            throw ParseError(ErrorCode::SegmentSequence,
                             std::string(name) + " has more than " +
                                 std::to_string(limits.maxFieldsPerSegment) + " fields",
                             std::string(name));
        builder.add(std::string(name), std::move(fields));
    }
    Message message = builder.take();
    if (message.messageCode().empty())
        throw ParseError(ErrorCode::RequiredFieldMissing, "MSH-9: the message type is missing", "MSH", 9);
    if (message.controlId().empty())
        throw ParseError(ErrorCode::RequiredFieldMissing, "MSH-10: the message control ID is missing", "MSH",
                         10);
    if (message.controlId().size() > 199)
        throw ParseError(ErrorCode::DataType, "MSH-10: the message control ID is too long", "MSH", 10);
    return message;
}

} // namespace lumen::hl7
