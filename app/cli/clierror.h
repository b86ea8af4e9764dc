// Errors a CLI subcommand raises; main() turns them into a message on stderr and an exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace gemba::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadData = 1;
inline constexpr int kExitUsage = 2;

// Wrong or missing options: exit status 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The data cannot be analysed as asked (unreadable file, bad value, too few values): exit 1.
struct DataError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace gemba::cli
