#pragma once
// The outcome of an API call: a value or an ApiError, never both.
#include "lumen/client/api_error.h"

#include <optional>
#include <utility>

namespace lumen::client {

// Value of calls that answer nothing but success (logout).
struct Done
{
};

template <typename T> class Result
{
public:
    static Result success(T value)
    {
        Result r;
        r.m_value = std::move(value);
        return r;
    }
    static Result failure(ApiError error)
    {
        Result r;
        r.m_error = std::move(error);
        return r;
    }
    bool ok() const { return m_value.has_value(); }
    const T& value() const { return *m_value; }
    const ApiError& error() const { return m_error; }

private:
    std::optional<T> m_value;
    ApiError m_error;
};

} // namespace lumen::client
