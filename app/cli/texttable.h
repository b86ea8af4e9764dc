// A plain-text table for the CLI's readable output.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace gemba::cli {

class TextTable {
public:
    void addRow(std::vector<std::string> cells) { m_rows.push_back(std::move(cells)); }
    // Columns padded to their widest cell; the first column left-aligned, the others right.
    void print(std::FILE* out) const;

private:
    std::vector<std::vector<std::string>> m_rows;
};

// A number for people: up to `digits` significant digits, no trailing zeros; NaN as "-".
std::string formatReadable(double v, int digits = 6);

} // namespace gemba::cli
