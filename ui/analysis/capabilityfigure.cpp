#include "analysis/capabilityfigure.h"

#include "analysis/distributionfigure.h"
#include "stats/sigmaestimator.h"

#include <QChart>
#include <QPainter>

#include <memory>

namespace gemba::ui {

void CapabilityFigure::setAnalysis(CapabilityAnalysis analysis, QString subject)
{
    m_analysis = std::move(analysis);
    m_subject = std::move(subject);
}

QString CapabilityFigure::stabilityWarning() const
{
    if (!isUnstable())
        return {};
    const QString signalText = m_analysis.signalCount == 1
        ? tr("one signal")
        : tr("%1 signals").arg(m_analysis.signalCount);
    return tr("The I-MR chart of these times shows %1 (%2 tests): the process is not stable, so its "
              "capability is not meaningful. Find and remove the special causes first.")
        .arg(signalText, m_analysis.rules);
}

QChart* CapabilityFigure::createChart(const FigureStyle& style) const
{
    if (!m_analysis.histogram)
        return nullptr;
    QChart* chart = makeHistogramChart(*m_analysis.histogram, nullptr, tr("Process capability"), tr("Time (s)"), style);
    addCurve(chart, m_analysis.overallCurve, QStringLiteral("overall"), tr("Overall"), style.data, Qt::SolidLine);
    addCurve(chart, m_analysis.withinCurve, QStringLiteral("within"), tr("Within"), style.fit, Qt::DashLine);
    const auto& spec = m_analysis.spec;
    if (spec.lsl)
        addVerticalLine(chart, *spec.lsl, QStringLiteral("lsl"), tr("LSL"), style.limits, Qt::DashDotLine, style);
    if (spec.usl)
        addVerticalLine(chart, *spec.usl, QStringLiteral("usl"), tr("USL"), style.limits, Qt::DashDotLine, style);
    // Only a target the user gave (none is made up at mid-spec: capabilityanalysis.h).
    if (spec.target)
        addVerticalLine(chart, *spec.target, QStringLiteral("target"), tr("Target"), style.target, Qt::DotLine, style);
    return chart;
}

QString CapabilityFigure::summaryHtml() const
{
    const auto& a = m_analysis;
    QString html;
    if (isUnstable())
        html += QStringLiteral("<p><b>%1</b></p>").arg(stabilityWarning().toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    auto row = [&html](const QString& name, const QString& value, const QString& extra = QString()) {
        html += QStringLiteral("<tr><td>%1</td><td align='right'>&nbsp;%2</td><td>&nbsp;%3</td></tr>")
                    .arg(name.toHtmlEscaped(), value.toHtmlEscaped(), extra.toHtmlEscaped());
    };
    auto heading = [&html](const QString& text) {
        html += QStringLiteral("<tr><td colspan='3'><b>%1</b></td></tr>").arg(text.toHtmlEscaped());
    };
    auto limit = [](const std::optional<double>& v) { return v ? formatNumber(*v) : QStringLiteral("*"); };

    heading(tr("Process data (s)"));
    row(tr("LSL"), limit(a.spec.lsl));
    row(tr("Target"), limit(a.spec.target));
    row(tr("USL"), limit(a.spec.usl));
    row(tr("N"), QString::number(a.n));
    if (a.capability) {
        const auto& c = *a.capability;
        const QString level = QString::number(c.confidenceLevel * 100);
        row(tr("Mean"), formatNumber(c.mean));
        row(tr("StDev (within)"), formatNumber(c.sigmaWithin),
            tr("%1: MR̄/d2, moving ranges of span 2").arg(QString::fromStdString(c.sigmaMethod)));
        row(tr("StDev (overall)"), formatNumber(c.sigmaOverall), tr("sample SD (n − 1)"));

        auto index = [&](const QString& name, const std::optional<stats::IndexEstimate>& e) {
            if (!e)
                row(name, QStringLiteral("*"));
            else
                row(name, QString::number(e->value, 'f', 2),
                    tr("%1 % CI %2").arg(level, formatInterval(e->lower, e->upper, 3)));
        };
        heading(tr("Potential (within) capability"));
        index(tr("Cp"), c.cp);
        index(tr("CPL"), c.cpl);
        index(tr("CPU"), c.cpu);
        index(tr("Cpk"), c.cpk);
        index(tr("Cpm"), c.cpm);
        heading(tr("Overall capability"));
        index(tr("Pp"), c.pp);
        index(tr("PPL"), c.ppl);
        index(tr("PPU"), c.ppu);
        index(tr("Ppk"), c.ppk);
        index(tr("Ppm"), c.ppm);
    }
    html += QStringLiteral("</table>");
    if (a.capability) {
        const auto& c = *a.capability;
        // Expected PPM from the within and the overall normal curves, and observed (the share
        // of the times strictly outside the limits), as Minitab's "Performance" table.
        html += QStringLiteral("<table cellspacing='0' cellpadding='2'><tr><td colspan='4'><b>%1</b></td></tr>")
                    .arg(tr("Performance (PPM)").toHtmlEscaped());
        html += QStringLiteral("<tr><td></td><td align='right'>&nbsp;%1</td><td align='right'>&nbsp;%2</td>"
                               "<td align='right'>&nbsp;%3</td></tr>")
                    .arg(tr("Observed").toHtmlEscaped(), tr("Exp. within").toHtmlEscaped(),
                         tr("Exp. overall").toHtmlEscaped());
        auto ppm = [](const std::optional<double>& v) { return v ? QString::number(*v, 'f', 2) : QStringLiteral("*"); };
        auto ppmRow = [&](const QString& name, const std::optional<double>& obs, const std::optional<double>& within,
                          const std::optional<double>& overall) {
            html += QStringLiteral("<tr><td>%1</td><td align='right'>&nbsp;%2</td><td align='right'>&nbsp;%3</td>"
                                   "<td align='right'>&nbsp;%4</td></tr>")
                        .arg(name.toHtmlEscaped(), ppm(obs), ppm(within), ppm(overall));
        };
        ppmRow(tr("PPM < LSL"), c.ppmObserved.belowLsl, c.ppmWithin.belowLsl, c.ppmOverall.belowLsl);
        ppmRow(tr("PPM > USL"), c.ppmObserved.aboveUsl, c.ppmWithin.aboveUsl, c.ppmOverall.aboveUsl);
        ppmRow(tr("PPM total"), c.ppmObserved.total, c.ppmWithin.total, c.ppmOverall.total);
        html += QStringLiteral("</table>");
    }
    if (a.stabilityChecked && !isUnstable())
        html += QStringLiteral("<p>%1</p>").arg(
            tr("The I-MR chart of these times shows no signal (%1 tests).").arg(a.rules).toHtmlEscaped());
    if (!a.error.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(a.error.toHtmlEscaped());
    return html;
}

QString CapabilityFigure::printTitle() const
{
    return tr("Capability");
}

int CapabilityFigure::pageCount(const QSizeF& pageSize) const
{
    (void)pageSize;
    return 1;
}

void CapabilityFigure::paintPage(QPainter& painter, const QRectF& rect, int page) const
{
    (void)page;
    const FigureStyle style = FigureStyle::forPrint();
    const qreal top = paintTitle(painter, rect, tr("Process capability of times"), m_subject, style);
    const QRectF body = rect.adjusted(0, top, 0, 0);
    const qreal gap = style.fontPx;
    QRectF chartArea, tableArea;
    if (body.width() > body.height()) {
        chartArea = QRectF(body.left(), body.top(), body.width() * 0.6, body.height());
        tableArea = QRectF(chartArea.right() + gap, body.top(), body.width() - chartArea.width() - gap, body.height());
    } else {
        chartArea = QRectF(body.left(), body.top(), body.width(), body.height() * 0.45);
        tableArea = QRectF(body.left(), chartArea.bottom() + gap, body.width(), body.height() - chartArea.height() - gap);
    }
    if (std::unique_ptr<QChart> chart{createChart(style)})
        renderChart(*chart, painter, chartArea);
    paintHtml(painter, tableArea, summaryHtml(), style);
}

} // namespace gemba::ui
