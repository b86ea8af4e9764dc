// Errors as values: the result type every core function returns instead of throwing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gemba {

enum class ErrorCode {
    EmptyData,         // no values at all
    TooFewValues,      // fewer values than the method needs
    NotFinite,         // NaN or infinity in the input
    ZeroSigma,         // the data has no variation, so sigma is 0
    OutOfRange,        // an argument outside its domain (n outside 2..100, a negative count, ...)
    InvalidArgument,   // an argument that makes no sense for this call
    ParseError,        // malformed input text
    IoError,           // a file could not be read or written
};

// An error code with plain-English detail that the UI may show or translate.
struct Error {
    ErrorCode code = ErrorCode::InvalidArgument;
    std::string message;
    // Where the problem is, when it is in one item of the input: its 0-based index, and which
    // of the caller's inputs holds it (e.g. "count" or "size"), so a caller that read the data
    // from a file can name the line and column.
    std::optional<std::size_t> item;
    std::string field;
};

// A minimal std::expected (C++23) stand-in: holds either a T or an Error.
template <typename T>
class Expected {
public:
    Expected(T value) : m_v(std::move(value)) {}
    Expected(Error error) : m_v(std::move(error)) {}

    bool hasValue() const { return m_v.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

inline Error makeError(ErrorCode code, std::string message) { return Error{code, std::move(message), {}, {}}; }
inline Error makeItemError(ErrorCode code, std::string message, std::size_t item, std::string field)
{
    return Error{code, std::move(message), item, std::move(field)};
}

} // namespace gemba
