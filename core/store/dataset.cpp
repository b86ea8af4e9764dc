// The BLOB formats of a data set's columns (see dataset.h).
#include "store/dataset.h"

#include <bit>
#include <cstring>

namespace gemba::store {
namespace {

void putLittle32(char* out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::uint32_t getLittle32(const char* in)
{
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= std::uint32_t(static_cast<unsigned char>(in[i])) << (8 * i);
    return v;
}

std::uint64_t byteSwapped(std::uint64_t v)
{
    std::uint64_t out = 0;
    for (int i = 0; i < 8; ++i)
        out |= ((v >> (8 * i)) & 0xFF) << (8 * (7 - i));
    return out;
}

Error badLength(std::string_view what, std::size_t bytes, std::int64_t rows)
{
    return makeError(ErrorCode::ParseError, "a data set's " + std::string(what) + " column holds " +
                                                std::to_string(bytes) + " bytes, which is not " +
                                                std::to_string(rows) + " rows (the file is damaged)");
}

} // namespace

std::string encodeNumbers(std::span<const double> values)
{
    std::string out(values.size() * sizeof(double), '\0');
    if constexpr (std::endian::native == std::endian::little) {
        if (!values.empty())
            std::memcpy(out.data(), values.data(), out.size());
    } else {
        for (std::size_t i = 0; i < values.size(); ++i) {
            const std::uint64_t v = byteSwapped(std::bit_cast<std::uint64_t>(values[i]));
            std::memcpy(out.data() + i * 8, &v, 8);
        }
    }
    return out;
}

std::string encodeTexts(std::span<const std::string> values)
{
    std::size_t size = 0;
    for (const auto& t : values)
        size += 4 + t.size();
    std::string out(size, '\0');
    char* p = out.data();
    for (const auto& t : values) {
        putLittle32(p, static_cast<std::uint32_t>(t.size()));
        if (!t.empty())
            std::memcpy(p + 4, t.data(), t.size());
        p += 4 + t.size();
    }
    return out;
}

Expected<std::vector<double>> decodeNumbers(std::string_view bytes, std::int64_t rows)
{
    if (rows < 0 || bytes.size() != static_cast<std::uint64_t>(rows) * sizeof(double))
        return badLength("number", bytes.size(), rows);
    std::vector<double> out(static_cast<std::size_t>(rows));
    if constexpr (std::endian::native == std::endian::little) {
        if (!out.empty())
            std::memcpy(out.data(), bytes.data(), bytes.size());
    } else {
        for (std::size_t i = 0; i < out.size(); ++i) {
            std::uint64_t v = 0;
            std::memcpy(&v, bytes.data() + i * 8, 8);
            out[i] = std::bit_cast<double>(byteSwapped(v));
        }
    }
    return out;
}

Expected<std::vector<std::string>> decodeTexts(std::string_view bytes, std::int64_t rows)
{
    if (rows < 0)
        return badLength("text", bytes.size(), rows);
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(rows));
    std::size_t at = 0;
    for (std::int64_t r = 0; r < rows; ++r) {
        if (bytes.size() - at < 4)
            return badLength("text", bytes.size(), rows);
        const std::uint32_t length = getLittle32(bytes.data() + at);
        at += 4;
        if (bytes.size() - at < length)
            return badLength("text", bytes.size(), rows);
        out.emplace_back(bytes.substr(at, length));
        at += length;
    }
    if (at != bytes.size())
        return badLength("text", bytes.size(), rows);
    return out;
}

} // namespace gemba::store
