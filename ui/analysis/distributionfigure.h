// The distribution figure: a histogram with the fitted normal curve, a normal probability plot
// with its confidence band, and the descriptive statistics with their intervals and the
// Anderson–Darling test. One page in print, drawn for the page (charts rendered offscreen).
#pragma once

#include "analysis/distributionanalysis.h"
#include "analysis/figurecharts.h"
#include "report/printable.h"

#include <QCoreApplication>
#include <QString>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace gemba::ui {

class DistributionFigure : public Printable {
    Q_DECLARE_TR_FUNCTIONS(gemba::ui::DistributionFigure)
public:
    // `subject` names what is analysed ("Step “Fit cover” — study 2026-11-23, tester").
    void setAnalysis(DistributionAnalysis analysis, QString subject);
    const DistributionAnalysis& analysis() const { return m_analysis; }
    const QString& subject() const { return m_subject; }

    // New charts (the caller owns them), or null when there is nothing to draw.
    QChart* createHistogramChart(const FigureStyle& style) const;
    QChart* createProbabilityChart(const FigureStyle& style) const;
    // The statistics as an HTML table (fonts in pixels: the same on screen and on paper).
    QString summaryHtml() const;

    QString printTitle() const override;
    int pageCount(const QSizeF& pageSize) const override;
    void paintPage(QPainter& painter, const QRectF& rect, int page) const override;

private:
    DistributionAnalysis m_analysis;
    QString m_subject;
};

// Paints a title line and an HTML block (pixel-sized fonts) into rects of a page; shared by
// the figures. Returns the height used.
qreal paintTitle(QPainter& painter, const QRectF& rect, const QString& title, const QString& subtitle,
                 const FigureStyle& style);
void paintHtml(QPainter& painter, const QRectF& rect, const QString& html, const FigureStyle& style);

} // namespace gemba::ui
