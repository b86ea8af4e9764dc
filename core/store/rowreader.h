// readRows: the one row loop the store's list queries share (internal to core/store).
#pragma once

#include "error.h"
#include "store/statement.h"

#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace gemba::store {

template <typename T>
struct IsExpected : std::false_type {};
template <typename T>
struct IsExpected<Expected<T>> : std::true_type {};

// Every row of `q` as a T, made by `read` (which may itself fail with an Expected).
template <typename T, typename Read>
Expected<std::vector<T>> readRows(Statement& q, Read read, std::size_t reserve = 0)
{
    std::vector<T> out;
    out.reserve(reserve);
    for (;;) {
        auto row = q.step();
        if (!row)
            return row.error();
        if (!*row)
            return out;
        if constexpr (IsExpected<decltype(read(q))>::value) {
            auto item = read(q);
            if (!item)
                return item.error();
            out.push_back(std::move(item).value());
        } else {
            out.push_back(read(q));
        }
    }
}

} // namespace gemba::store
