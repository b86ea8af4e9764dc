#include "analysis/distributionfigure.h"

#include <QAbstractTextDocumentLayout>
#include <QChart>
#include <QPainter>
#include <QTextDocument>

#include <memory>

namespace gemba::ui {

void DistributionFigure::setAnalysis(DistributionAnalysis analysis, QString subject)
{
    m_analysis = std::move(analysis);
    m_subject = std::move(subject);
}

QChart* DistributionFigure::createHistogramChart(const FigureStyle& style) const
{
    if (!m_analysis.histogram)
        return nullptr;
    const auto& h = *m_analysis.histogram;
    return makeHistogramChart(h, &h.normalCurve, tr("Histogram with normal fit"), tr("Time (s)"), style);
}

QChart* DistributionFigure::createProbabilityChart(const FigureStyle& style) const
{
    if (!m_analysis.probabilityPlot)
        return nullptr;
    return makeProbabilityChart(*m_analysis.probabilityPlot, tr("Normal probability plot"), tr("Time (s)"), style);
}

QString DistributionFigure::summaryHtml() const
{
    const auto& a = m_analysis;
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    auto row = [&html](const QString& name, const QString& value, const QString& extra = QString()) {
        html += QStringLiteral("<tr><td>%1</td><td align='right'>&nbsp;%2</td><td>&nbsp;%3</td></tr>")
                    .arg(name.toHtmlEscaped(), value.toHtmlEscaped(), extra.toHtmlEscaped());
    };
    auto heading = [&html](const QString& text) {
        html += QStringLiteral("<tr><td colspan='3'><b>%1</b></td></tr>").arg(text.toHtmlEscaped());
    };
    heading(tr("Descriptive statistics (s)"));
    row(tr("N"), QString::number(a.n));
    if (a.descriptive) {
        const auto& d = *a.descriptive;
        const QString level = QString::number(d.confidenceLevel * 100);
        row(tr("Mean"), formatNumber(d.mean), tr("%1 % CI %2").arg(level, formatInterval(d.meanInterval.lower, d.meanInterval.upper)));
        row(tr("StDev"), formatNumber(d.sd), tr("%1 % CI %2").arg(level, formatInterval(d.sdInterval.lower, d.sdInterval.upper)));
        row(tr("Variance"), formatNumber(d.variance));
        row(tr("Minimum"), formatNumber(d.min));
        row(tr("1st quartile"), formatNumber(d.q1));
        row(tr("Median"), formatNumber(d.median));
        row(tr("3rd quartile"), formatNumber(d.q3));
        row(tr("Maximum"), formatNumber(d.max));
        row(tr("Range"), formatNumber(d.range));
    }
    heading(tr("Anderson–Darling normality test"));
    if (a.andersonDarling) {
        const auto& ad = *a.andersonDarling;
        row(tr("A²"), formatNumber(ad.a2));
        row(tr("p-value"), ad.pValue < 0.005 ? tr("< 0.005") : formatNumber(ad.pValue, 3),
            ad.pValue < 0.05 ? tr("not normal at α = 0.05") : tr("no evidence against normality"));
    } else {
        row(tr("A²"), tr("needs 3 or more different times"));
    }
    if (a.histogram) {
        heading(tr("Histogram"));
        row(tr("Bars"), QString::number(a.histogram->counts.size()), tr("width %1 s").arg(formatNumber(a.histogram->binWidth)));
    }
    html += QStringLiteral("</table>");
    if (!a.error.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(a.error.toHtmlEscaped());
    return html;
}

QString DistributionFigure::printTitle() const
{
    return tr("Distribution");
}

int DistributionFigure::pageCount(const QSizeF& pageSize) const
{
    (void)pageSize;
    return 1;
}

qreal paintTitle(QPainter& painter, const QRectF& rect, const QString& title, const QString& subtitle,
                 const FigureStyle& style)
{
    painter.save();
    painter.setPen(style.text);
    painter.setFont(style.titleFont());
    const qreal h1 = style.titlePx * 1.5;
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), h1), Qt::AlignLeft | Qt::AlignVCenter, title);
    painter.setFont(style.font());
    const qreal h2 = subtitle.isEmpty() ? 0 : style.fontPx * 1.6;
    if (h2 > 0)
        painter.drawText(QRectF(rect.left(), rect.top() + h1, rect.width(), h2), Qt::AlignLeft | Qt::AlignVCenter,
                         subtitle);
    painter.restore();
    return h1 + h2 + style.fontPx * 0.5;
}

void paintHtml(QPainter& painter, const QRectF& rect, const QString& html, const FigureStyle& style)
{
    QTextDocument doc;
    doc.setDefaultFont(style.font());
    doc.setDocumentMargin(0);
    doc.setDefaultStyleSheet(QStringLiteral("body { color: %1; }").arg(style.text.name()));
    doc.setHtml(QStringLiteral("<body>%1</body>").arg(html));
    doc.setTextWidth(rect.width());
    painter.save();
    painter.translate(rect.topLeft());
    const QRectF clip(QPointF(0, 0), rect.size());
    painter.setClipRect(clip);
    QAbstractTextDocumentLayout::PaintContext context;
    context.clip = clip;
    context.palette.setColor(QPalette::Text, style.text);
    doc.documentLayout()->draw(&painter, context);
    painter.restore();
}

void DistributionFigure::paintPage(QPainter& painter, const QRectF& rect, int page) const
{
    (void)page;
    const FigureStyle style = FigureStyle::forPrint();
    const qreal top = paintTitle(painter, rect, tr("Distribution of times"), m_subject, style);
    const QRectF body = rect.adjusted(0, top, 0, 0);
    const qreal gap = style.fontPx;
    const bool landscape = body.width() > body.height();
    // Portrait: the two charts side by side over the table; landscape: charts left, table right.
    QRectF chartsArea, tableArea;
    if (landscape) {
        chartsArea = QRectF(body.left(), body.top(), body.width() * 0.68, body.height());
        tableArea = QRectF(chartsArea.right() + gap, body.top(), body.width() - chartsArea.width() - gap, body.height());
    } else {
        chartsArea = QRectF(body.left(), body.top(), body.width(), body.height() * 0.5);
        tableArea = QRectF(body.left(), chartsArea.bottom() + gap, body.width(), body.height() - chartsArea.height() - gap);
    }
    const QRectF left(chartsArea.left(), chartsArea.top(), (chartsArea.width() - gap) / 2, chartsArea.height());
    const QRectF right(left.right() + gap, chartsArea.top(), left.width(), chartsArea.height());
    if (std::unique_ptr<QChart> chart{createHistogramChart(style)})
        renderChart(*chart, painter, left);
    if (std::unique_ptr<QChart> chart{createProbabilityChart(style)})
        renderChart(*chart, painter, right);
    paintHtml(painter, tableArea, summaryHtml(), style);
}

} // namespace gemba::ui
