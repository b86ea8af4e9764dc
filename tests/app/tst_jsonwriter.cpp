// The CLI's JSON writer: structure, escaping, and numbers in shortest round-trip form.
#include "cli/jsonwriter.h"

#include <QtTest>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>

using gemba::cli::JsonWriter;

namespace {
std::string shortest(double v)
{
    char tmp[32];
    return std::string(tmp, std::to_chars(tmp, tmp + sizeof tmp, v).ptr);
}
int significantDigits(const std::string& s)
{
    // Digits of the mantissa without leading zeros, trailing zeros of an integer, sign, point
    // or exponent: what "shortest" minimises.
    std::string m = s.substr(0, s.find_first_of("eE"));
    std::string digits;
    for (char c : m)
        if (c >= '0' && c <= '9')
            digits += c;
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
    if (m.find('.') == std::string::npos)
        while (!digits.empty() && digits.back() == '0')
            digits.pop_back();
    return static_cast<int>(digits.size());
}
} // namespace

class TestJsonWriter : public QObject {
    Q_OBJECT
private slots:
    void structureAndEscaping()
    {
        JsonWriter w;
        w.beginObject();
        w.field("a", 1);
        w.field("s", std::string_view("q\"\\\n\x01"));
        w.key("list");
        w.beginArray();
        w.value(1.5);
        w.null();
        w.value(std::numeric_limits<double>::quiet_NaN());
        w.value(true);
        w.endArray();
        w.field("o", std::optional<double>());
        w.endObject();
        const std::string expected = "{\"a\":1,\"s\":\"q\\\"\\\\\\n\\u0001\",\"list\":[1.5,null,null,true],\"o\":null}";
        QCOMPARE(w.text(), expected);
    }
    void numbersRoundTripWithShortestDigits()
    {
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> u(-2e6, 2e6);
        std::vector<double> values{0.0, -0.0, 1.0, 0.1, 0.001, 0.0009999, 74.00117599999999, 1e-300, 5e-324,
                                   1.7976931348623157e308, 123456789012345678.0, 999999.999999999, 0.3, -2.5,
                                   1.5555999999999983, 49.1234, 1000000.0, 1e21};
        for (int i = 0; i < 200000; ++i) {
            const double x = u(rng);
            values.push_back(x);
            // Short decimals like a stopwatch or gauge writes them.
            values.push_back(std::round(x * 1e4) / 1e4);
            values.push_back(std::round(x) / 1e3);
        }
        for (double v : values) {
            char buf[40];
            const std::string text(buf, JsonWriter::writeNumber(buf, v));
            double back = 0;
            const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), back);
            QVERIFY2(ec == std::errc() && p == text.data() + text.size(), text.c_str());
            QVERIFY2(back == v && std::signbit(back) == std::signbit(v), text.c_str());
            QVERIFY2(significantDigits(text) == significantDigits(shortest(v)),
                     (text + " vs " + shortest(v)).c_str());
        }
        char buf[40];
        QCOMPARE(std::string(buf, JsonWriter::writeNumber(buf, 49.1234)), std::string("49.1234"));
        QCOMPARE(std::string(buf, JsonWriter::writeNumber(buf, -0.05)), std::string("-0.05"));
        QCOMPARE(std::string(buf, JsonWriter::writeNumber(buf, std::numeric_limits<double>::infinity())),
                 std::string("null"));
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
