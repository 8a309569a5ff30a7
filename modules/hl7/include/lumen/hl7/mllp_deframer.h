#pragma once
// MLLP framing (<VT> message <FS><CR>) read incrementally from a byte stream. Line breaks
// between frames are tolerated; any other byte outside a frame, or a frame larger than the
// limit, is a protocol error after which the connection should be closed.
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace lumen::hl7 {

inline constexpr char mllpStart = '\x0B';
inline constexpr char mllpEnd = '\x1C';
inline constexpr char mllpTrailer = '\x0D';

// Wraps a message in an MLLP frame.
std::string mllpFrame(std::string_view message);

class MllpDeframer
{
public:
    enum class State { Ok, Garbage, Oversized };

    explicit MllpDeframer(std::size_t maxMessageBytes) : m_max(maxMessageBytes) {}

    // Consumes bytes; complete messages queue up for next(). Returns the state after them.
    State feed(std::string_view bytes);
    bool hasMessage() const { return !m_ready.empty(); }
    std::string next();
    State state() const { return m_state; }
    // Whether a frame has started and not yet ended.
    bool inFrame() const { return m_inFrame; }

private:
    std::size_t m_max;
    State m_state = State::Ok;
    bool m_inFrame = false;
    std::string m_current;
    std::deque<std::string> m_ready;
};

} // namespace lumen::hl7
