#pragma once
// A parsed HL7 v2 message: segments of raw (still escaped) fields, read through positions as
// the standard numbers them (PID-3.1, repetition 0 first). Text comes back unescaped, UTF-8.
#include "lumen/hl7/encoding.h"

#include <string>
#include <string_view>
#include <vector>

namespace lumen::hl7 {

class Segment
{
public:
    Segment(std::string name, std::vector<std::string> fields, const Encoding& encoding);

    const std::string& name() const { return m_name; }
    // Highest field number present.
    int fieldCount() const { return int(m_fields.size()) - 1; }
    // Field `field` as sent (escaped); MSH-1 is the field separator, MSH-2 the encoding characters.
    std::string_view raw(int field) const;
    int repetitionCount(int field) const;
    // One value by position (1-based field, component, subcomponent; 0-based repetition),
    // unescaped; empty when absent.
    std::string value(int field, int repetition = 0, int component = 1, int subcomponent = 1) const;
    // HL7's explicit null `""`: the receiver is to delete the value.
    bool isExplicitNull(int field) const { return raw(field) == "\"\""; }

private:
    std::string m_name;
    std::vector<std::string> m_fields; // [0] is the name
    Encoding m_encoding;
};

class Message
{
public:
    const Encoding& encoding() const { return m_encoding; }
    const std::vector<Segment>& segments() const { return m_segments; }
    // The first segment named `name`, or nullptr.
    const Segment* first(std::string_view name) const;
    // MSH shortcuts.
    std::string messageCode() const;        // MSH-9.1, e.g. "ADT"
    std::string triggerEvent() const;       // MSH-9.2, e.g. "A01"
    std::string controlId() const;          // MSH-10
    std::string sendingApplication() const; // MSH-3.1
    std::string sendingFacility() const;    // MSH-4.1
    std::string version() const;            // MSH-12.1
    std::string characterSet() const;       // MSH-18 (first repetition), as declared

private:
    friend class MessageBuilder;
    Encoding m_encoding;
    std::vector<Segment> m_segments;
};

// Used by the parser to fill a message.
class MessageBuilder
{
public:
    explicit MessageBuilder(const Encoding& encoding) { m_message.m_encoding = encoding; }
    void add(std::string name, std::vector<std::string> fields);
    Message take();

private:
    Message m_message;
};

} // namespace lumen::hl7
