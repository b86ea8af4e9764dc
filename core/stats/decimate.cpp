// Min/max decimation of a long series for drawing (see decimate.h).
#include "stats/decimate.h"

#include <algorithm>
#include <cmath>

namespace gemba::stats {

std::vector<std::size_t> decimateMinMax(std::span<const double> values, std::size_t columns,
                                        std::span<const std::uint8_t> keep)
{
    const std::size_t n = values.size();
    const bool hasKeep = keep.size() == n;
    std::vector<std::size_t> out;
    if (columns == 0 || n <= 4 * columns) {
        out.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            if (!std::isnan(values[i]))
                out.push_back(i);
        return out;
    }
    out.reserve(4 * columns + 16);
    std::size_t begin = 0;
    for (std::size_t c = 0; c < columns; ++c) {
        // Bucket c is [c·n/columns, (c+1)·n/columns): the boundaries in exact integer arithmetic.
        const std::size_t end = (c + 1 == columns) ? n : static_cast<std::size_t>(
                                                             (static_cast<unsigned long long>(c + 1) * n) / columns);
        std::size_t first = end, last = end, lo = end, hi = end;
        for (std::size_t i = begin; i < end; ++i) {
            const double v = values[i];
            if (std::isnan(v))
                continue;
            if (first == end)
                first = lo = hi = i;
            last = i;
            if (v < values[lo])
                lo = i;
            if (v > values[hi])
                hi = i;
        }
        const std::size_t bucketStart = out.size();
        if (first != end) {
            std::size_t picks[4] = {first, lo, hi, last};
            std::sort(picks, picks + 4);
            for (std::size_t p : picks)
                if (out.size() == bucketStart || out.back() != p)
                    out.push_back(p);
        }
        if (hasKeep) {
            // The points that get a marker, merged with the picks so the result stays ascending.
            const std::size_t picked = out.size();
            for (std::size_t i = begin; i < end; ++i)
                if (keep[i] && !std::isnan(values[i]))
                    out.push_back(i);
            if (out.size() > picked) {
                const auto from = out.begin() + static_cast<std::ptrdiff_t>(bucketStart);
                std::sort(from, out.end());
                out.erase(std::unique(from, out.end()), out.end());
            }
        }
        begin = end;
    }
    return out;
}

} // namespace gemba::stats
