// The colours of a chart, from a palette or for white paper (see chartcolours.h).
#include "charts/chartcolours.h"

#include <QPalette>

namespace gemba::ui {
namespace {
bool isDark(const QColor& c) { return c.lightnessF() < 0.5; }

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                            static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                            static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}
} // namespace

ChartColours ChartColours::fromPalette(const QPalette& palette)
{
    ChartColours c;
    const QColor base = palette.color(QPalette::Base);
    const bool dark = isDark(base);
    c.background = palette.color(QPalette::Window);
    c.plotBackground = base;
    c.text = palette.color(QPalette::Text);
    c.axis = mix(base, c.text, 0.6);
    c.grid = mix(base, c.text, 0.12);
    c.data = dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1f, 0x4e, 0x9a);
    c.center = dark ? QColor(0x81, 0xc9, 0x95) : QColor(0x1b, 0x7a, 0x3a);
    c.limit = dark ? QColor(0xf2, 0x8b, 0x82) : QColor(0xa5, 0x1d, 0x2d);
    c.zone = mix(base, c.text, 0.45);
    c.signal = dark ? QColor(0xff, 0x6b, 0x5e) : QColor(0xd0, 0x1c, 0x1c);
    c.excluded = c.text;
    c.stage = mix(base, c.text, 0.55);
    c.note = dark ? QColor(0xfd, 0xd6, 0x63) : QColor(0x5b, 0x3a, 0x8c);
    c.noteText = dark ? QColor(Qt::black) : QColor(Qt::white);
    return c;
}

ChartColours ChartColours::forPrint()
{
    QPalette paper;
    paper.setColor(QPalette::Window, Qt::white);
    paper.setColor(QPalette::Base, Qt::white);
    paper.setColor(QPalette::Text, Qt::black);
    ChartColours c = fromPalette(paper);
    c.grid = QColor(0xe0, 0xe0, 0xe0);
    return c;
}

} // namespace gemba::ui
