#include "lumen/hl7/message.h"

#include "lumen/hl7/escape.h"

namespace lumen::hl7 {

namespace {

// The `index`-th piece of `text` split at `sep` (0-based), or empty.
std::string_view piece(std::string_view text, char sep, int index)
{
    std::size_t start = 0;
    for (int i = 0; i < index; ++i) {
        const auto next = text.find(sep, start);
        if (next == std::string_view::npos)
            return {};
        start = next + 1;
    }
    const auto end = text.find(sep, start);
    return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

} // namespace

Segment::Segment(std::string name, std::vector<std::string> fields, const Encoding& encoding)
    : m_name(std::move(name)), m_fields(std::move(fields)), m_encoding(encoding)
{
}

std::string_view Segment::raw(int field) const
{
    if (field < 1 || field >= int(m_fields.size()))
        return {};
    return m_fields[std::size_t(field)];
}

int Segment::repetitionCount(int field) const
{
    const auto text = raw(field);
    if (text.empty())
        return 0;
    // MSH-2 holds the repetition character itself.
    if (m_name == "MSH" && field <= 2)
        return 1;
    int count = 1;
    for (char c : text)
        count += c == m_encoding.repetition;
    return count;
}

std::string Segment::value(int field, int repetition, int component, int subcomponent) const
{
    auto text = raw(field);
    if (m_name == "MSH" && field <= 2)
        return std::string(text);
    if (text == "\"\"")
        return {};
    text = piece(text, m_encoding.repetition, repetition);
    text = piece(text, m_encoding.component, component - 1);
    text = piece(text, m_encoding.subcomponent, subcomponent - 1);
    return unescape(text, m_encoding);
}

const Segment* Message::first(std::string_view name) const
{
    for (const auto& s : m_segments)
        if (s.name() == name)
            return &s;
    return nullptr;
}

namespace {
std::string mshValue(const Message& m, int field, int component = 1)
{
    const auto* msh = m.first("MSH");
    return msh ? msh->value(field, 0, component) : std::string();
}
} // namespace

std::string Message::messageCode() const
{
    return mshValue(*this, 9, 1);
}
std::string Message::triggerEvent() const
{
    return mshValue(*this, 9, 2);
}
std::string Message::controlId() const
{
    return mshValue(*this, 10);
}
std::string Message::sendingApplication() const
{
    return mshValue(*this, 3);
}
std::string Message::sendingFacility() const
{
    return mshValue(*this, 4);
}
std::string Message::version() const
{
    return mshValue(*this, 12);
}
std::string Message::characterSet() const
{
    return mshValue(*this, 18);
}

void MessageBuilder::add(std::string name, std::vector<std::string> fields)
{
    m_message.m_segments.emplace_back(std::move(name), std::move(fields), m_message.m_encoding);
}

Message MessageBuilder::take()
{
    return std::move(m_message);
}

} // namespace lumen::hl7
