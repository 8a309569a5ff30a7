#include "lumen/hl7/mllp_deframer.h"

namespace lumen::hl7 {

std::string mllpFrame(std::string_view message)
{
    std::string frame;
    frame.reserve(message.size() + 3);
    frame += mllpStart;
    frame += message;
    frame += mllpEnd;
    frame += mllpTrailer;
    return frame;
}

MllpDeframer::State MllpDeframer::feed(std::string_view bytes)
{
    for (std::size_t i = 0; i < bytes.size() && m_state == State::Ok; ++i) {
        const char c = bytes[i];
        if (!m_inFrame) {
            if (c == mllpStart) {
                m_inFrame = true;
                m_current.clear();
            } else if (c != '\r' && c != '\n')
                m_state = State::Garbage;
            continue;
        }
        if (c == mllpEnd) {
            // The CR after FS is skipped as a line break between frames (some senders omit it).
            m_ready.push_back(std::move(m_current));
            m_current.clear();
            m_inFrame = false;
            continue;
        }
        if (c == mllpStart) {
            // A new frame before the old one ended: the old one was truncated.
            m_state = State::Garbage;
            continue;
        }
        if (m_current.size() >= m_max) {
            m_state = State::Oversized;
            continue;
        }
        m_current += c;
    }
    return m_state;
}

std::string MllpDeframer::next()
{
    std::string message = std::move(m_ready.front());
    m_ready.pop_front();
    return message;
}

} // namespace lumen::hl7
