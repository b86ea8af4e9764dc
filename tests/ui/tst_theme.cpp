// The theme: state and chart colours derived from the palette reach WCAG 2.1 contrast on light
// and dark palettes alike, print is black on white whatever the screen, and the views take
// their colours from it (the stopwatch's states, the summary's "more observations needed").
#include "models/summarymodel.h"
#include "theme.h"
#include "timing/timingview.h"

#include <QApplication>
#include <QStyle>
#include <QtTest>

using namespace gemba;
using namespace gemba::ui;

namespace {

QPalette darkPalette()
{
    // A typical dark desktop theme (the colours of KDE Breeze Dark).
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2a, 0x2e, 0x32));
    p.setColor(QPalette::WindowText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, QColor(0xfc, 0xfc, 0xfc));
    return p;
}

const Theme::State kStates[] = {Theme::State::Normal, Theme::State::Secondary, Theme::State::Ended,
                                Theme::State::Attention, Theme::State::Foreign, Theme::State::Ok,
                                Theme::State::Error};

QList<QPair<const char*, QColor>> marks(const Theme::ChartColours& c)
{
    return {{"text", c.text},     {"axis", c.axis},         {"series", c.series},   {"centerLine", c.centerLine},
            {"limits", c.limits}, {"zones", c.zones},       {"signal", c.signal},   {"excluded", c.excluded},
            {"phase", c.phase},   {"spec", c.spec},         {"target", c.target},   {"fit", c.fit},
            {"note", c.note}};
}

} // namespace

class TestTheme : public QObject {
    Q_OBJECT
private slots:
    void contrast()
    {
        QCOMPARE(Theme::contrast(Qt::black, Qt::white), 21.0);
        QCOMPARE(Theme::contrast(Qt::white, Qt::white), 1.0);
        // #767676 on white is the classic 4.54:1 (WebAIM).
        QVERIFY(std::fabs(Theme::contrast(QColor(0x76, 0x76, 0x76), Qt::white) - 4.54) < 0.01);
    }

    void stateColoursReadOnLightAndDark_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << QApplication::style()->standardPalette();
        QTest::newRow("dark") << darkPalette();
        QTest::newRow("stopwatch") << Theme::stopwatchPalette(QApplication::style()->standardPalette());
        QTest::newRow("print") << Theme::printPalette();
    }
    void stateColoursReadOnLightAndDark()
    {
        QFETCH(QPalette, palette);
        for (auto role : {QPalette::Window, QPalette::Base})
            for (Theme::State s : kStates) {
                const QColor c = Theme::stateColour(s, palette, role);
                const double ratio = Theme::contrast(c, palette.color(role));
                QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("state %1 on role %2: %3:1")
                                                      .arg(static_cast<int>(s)).arg(role).arg(ratio)));
            }
        // The states are told apart, not all collapsed into the text colour.
        const QColor ok = Theme::stateColour(Theme::State::Ok, palette);
        const QColor error = Theme::stateColour(Theme::State::Error, palette);
        const QColor attention = Theme::stateColour(Theme::State::Attention, palette);
        QVERIFY(ok != error && error != attention && ok != attention);
    }

    void chartColoursReadOnLightDarkAndPaper_data()
    {
        QTest::addColumn<bool>("print");
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << false << QApplication::style()->standardPalette();
        QTest::newRow("dark") << false << darkPalette();
        QTest::newRow("print") << true << darkPalette();   // a dark screen still prints on white
    }
    void chartColoursReadOnLightDarkAndPaper()
    {
        QFETCH(bool, print);
        QFETCH(QPalette, palette);
        const Theme::ChartColours c = print ? Theme::printChartColours() : Theme::chartColours(palette);
        QCOMPARE(c.background, print ? QColor(Qt::white) : palette.color(QPalette::Base));
        for (const auto& [name, colour] : marks(c)) {
            const double ratio = Theme::contrast(colour, c.background);
            QVERIFY2(ratio >= 3.0, qPrintable(QStringLiteral("%1: %2:1").arg(QLatin1String(name)).arg(ratio)));
        }
        QVERIFY(Theme::contrast(c.text, c.background) >= 4.5);
        // What marks a signal differs from the data and from the limits.
        QVERIFY(c.signal != c.series && c.signal != c.limits && c.series != c.limits);
        if (print) {
            QCOMPARE(Theme::printPalette().color(QPalette::Base), QColor(Qt::white));
            QCOMPARE(Theme::printPalette().color(QPalette::Text), QColor(Qt::black));
        }
    }

    void stopwatchStatesComeFromTheTheme()
    {
        const QPalette p = Theme::stopwatchPalette(QApplication::palette());
        QCOMPARE(TimingView::toneColour(TimingView::Tone::Warning, p), Theme::stateColour(Theme::State::Attention, p));
        QCOMPARE(TimingView::toneColour(TimingView::Tone::Error, p), Theme::stateColour(Theme::State::Error, p));
        QCOMPARE(TimingView::toneColour(TimingView::Tone::Warning, p), QColor(0xf2, 0xc1, 0x4e));   // amber on the dark face
    }

    void summaryWarnsReadablyInDarkMode()
    {
        const QPalette old = QApplication::palette();
        for (const QPalette& palette : {QApplication::style()->standardPalette(), darkPalette()}) {
            QApplication::setPalette(palette);
            SummaryModel model;
            study::Step step;
            step.id = 1;
            step.name = "Pick";
            study::StudySummary summary;
            summary.steps.resize(1);
            summary.steps[0].n = 3;
            summary.steps[0].consistent = false;
            summary.steps[0].stillNeeded = 5;
            model.setSummary({step}, summary);
            const QColor c = model.data(model.index(0, SummaryModel::Needed), Qt::ForegroundRole).value<QBrush>().color();
            QVERIFY2(Theme::contrast(c, palette.color(QPalette::Base)) >= 4.5, qPrintable(c.name()));
        }
        QApplication::setPalette(old);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
