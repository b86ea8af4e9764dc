// The colours of the program, derived from the palette (see theme.h).
#include "theme.h"

#include <algorithm>
#include <cmath>

namespace gemba::ui {
namespace {

// WCAG 2.1 relative luminance (sRGB, the 0.04045 threshold of IEC 61966-2-1).
double luminance(const QColor& c)
{
    auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

bool isDark(const QColor& background) { return luminance(background) < 0.18; }

// Hues chosen to be told apart by the common colour-vision deficiencies (Okabe & Ito 2008),
// one set for light backgrounds and a lighter one for dark backgrounds.
struct Hues {
    QColor amber, coral, green, red, blue, orange, purple, grey;
};
Hues hues(bool dark)
{
    if (dark)
        return {QColor(0xf2, 0xc1, 0x4e), QColor(0xff, 0x8a, 0x80), QColor(0x7d, 0xdc, 0x8a), QColor(0xff, 0x6e, 0x6e),
                QColor(0x56, 0xb4, 0xe9), QColor(0xe6, 0x9f, 0x00), QColor(0xcc, 0x79, 0xa7), QColor(0x9a, 0xa0, 0xa6)};
    return {QColor(0xb3, 0x40, 0x00), QColor(0xc0, 0x39, 0x2b), QColor(0x00, 0x7a, 0x3d), QColor(0xc0, 0x00, 0x00),
            QColor(0x00, 0x5a, 0xb5), QColor(0xd5, 0x5e, 0x00), QColor(0x88, 0x2e, 0x72), QColor(0x70, 0x70, 0x70)};
}

constexpr double kText = 4.5;      // WCAG 2.1 SC 1.4.3, normal text
constexpr double kGraphics = 3.0;  // WCAG 2.1 SC 1.4.11, graphical objects

Theme::ChartColours chartColoursOn(const QColor& background, const QColor& text)
{
    const Hues h = hues(isDark(background));
    auto graphic = [&](const QColor& c) { return Theme::readable(c, background, text, kGraphics); };
    Theme::ChartColours c;
    c.background = background;
    c.text = Theme::readable(text, background, text, kText);
    c.axis = graphic(Theme::mix(text, background, 0.35));
    c.grid = Theme::mix(text, background, 0.85);   // faint on purpose: a guide, not a mark
    c.series = graphic(h.blue);
    c.centerLine = graphic(h.green);
    c.limits = graphic(h.red);
    c.zones = graphic(Theme::mix(h.red, background, 0.4));
    c.signal = graphic(h.orange);
    c.excluded = graphic(h.grey);
    c.phase = graphic(Theme::mix(text, background, 0.3));
    c.spec = graphic(h.purple);
    c.target = graphic(h.purple.darker(115));
    c.fit = graphic(text);
    c.note = graphic(h.purple);
    return c;
}

} // namespace

double Theme::contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor Theme::mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

QColor Theme::readable(QColor colour, const QColor& background, const QColor& text, double ratio)
{
    // A light palette (or a high-contrast theme) could make an accent faint: move it toward the
    // text colour until it reads; the text colour itself if even that is not enough.
    for (int i = 0; i < 10 && contrast(colour, background) < ratio; ++i)
        colour = mix(colour, text, 0.25);
    if (contrast(colour, background) < ratio)
        colour = contrast(text, background) >= ratio ? text : (isDark(background) ? QColor(Qt::white) : QColor(Qt::black));
    return colour;
}

QColor Theme::stateColour(State state, const QPalette& palette, QPalette::ColorRole backgroundRole)
{
    const QColor background = palette.color(backgroundRole);
    const QColor text = palette.color(backgroundRole == QPalette::Base ? QPalette::Text : QPalette::WindowText);
    const Hues h = hues(isDark(background));
    QColor c = text;
    switch (state) {
    case State::Normal: c = text; break;
    case State::Secondary: c = mix(text, background, 0.3); break;
    case State::Ended: c = mix(text, background, 0.2); break;
    case State::Attention: c = h.amber; break;
    case State::Foreign: c = h.coral; break;
    case State::Ok: c = h.green; break;
    case State::Error: c = h.red; break;
    }
    return readable(c, background, text, kText);
}

Theme::ChartColours Theme::chartColours(const QPalette& palette)
{
    return chartColoursOn(palette.color(QPalette::Base), palette.color(QPalette::Text));
}

Theme::ChartColours Theme::printChartColours() { return chartColoursOn(Qt::white, Qt::black); }

QPalette Theme::printPalette()
{
    QPalette p(Qt::black, Qt::white);   // window text on window
    for (auto role : {QPalette::Base, QPalette::Window, QPalette::AlternateBase, QPalette::Button})
        p.setColor(role, Qt::white);
    for (auto role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(role, Qt::black);
    return p;
}

QPalette Theme::stopwatchPalette(const QPalette& base)
{
    QPalette p = base;
    p.setColor(QPalette::Window, QColor(0x10, 0x14, 0x1a));
    p.setColor(QPalette::WindowText, QColor(0xf5, 0xf7, 0xfa));
    // The lap button: amber, dark text (the largest target on the screen).
    p.setColor(QPalette::Button, QColor(0xf2, 0xc1, 0x4e));
    p.setColor(QPalette::ButtonText, QColor(0x10, 0x14, 0x1a));
    return p;
}

} // namespace gemba::ui
