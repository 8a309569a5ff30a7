#pragma once
// Time source, injectable so expiry and lock-out can be tested without sleeping.
#include <atomic>
#include <chrono>

namespace lumen::core {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock
{
public:
    std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(std::chrono::system_clock::time_point start) : m_now(start.time_since_epoch().count()) {}
    std::chrono::system_clock::time_point now() const override
    {
        return std::chrono::system_clock::time_point{std::chrono::system_clock::duration{m_now.load()}};
    }
    void advance(std::chrono::system_clock::duration by) { m_now += by.count(); }

private:
    std::atomic<std::chrono::system_clock::duration::rep> m_now;
};

} // namespace lumen::core
