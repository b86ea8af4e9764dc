// Min/max decimation of a long series for drawing: about one min/max pair per pixel column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace gemba::stats {

// The indexes (ascending) of the points of `values` to draw when the series is `columns`
// pixel columns wide. The points are cut into `columns` consecutive buckets of (almost) equal
// count; of each bucket the first, the minimum, the maximum and the last point are kept, in
// index order, so the polyline through them covers exactly the vertical extent a full drawing
// would light up in that column, and no extreme (no point beyond a limit) vanishes. This is
// the "min/max" (M4) decimation of Jugel et al., "M4: A Visualization-Oriented Time Series
// Data Aggregation", VLDB 2014.
//  - A point with keep[i] != 0 (flagged by a test, excluded, noted: it gets a marker) is
//    always kept individually. `keep` is empty or has one entry per value.
//  - NaN values are never kept (they are gaps).
//  - With 4·columns or fewer values, or columns == 0, every non-NaN index is returned.
std::vector<std::size_t> decimateMinMax(std::span<const double> values, std::size_t columns,
                                        std::span<const std::uint8_t> keep = {});

} // namespace gemba::stats
