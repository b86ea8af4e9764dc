// A control chart in a report: the heading (what is charted), the figure, the methods used
// (σ method, width of the limits, the tests that ran) and the list of every signal, as core's
// stats::ChartAnalysis gives them. The figure and the methods form one block; the signals
// follow in blocks of whole rows.
#pragma once

#include "report/reportsection.h"
#include "report/reporttable.h"
#include "stats/controlchart.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace gemba::ui {

class ControlChartSection final : public ReportSection {
    Q_DECLARE_TR_FUNCTIONS(ControlChartSection)
public:
    // `pointLabels`: one per analysis point, how the signals list names it ("cycle 7"); empty
    // for "point 7". `unit`: of the values ("s"), empty for none.
    ControlChartSection(QString heading, QString description, stats::ChartAnalysis analysis,
                        QStringList pointLabels = {}, QString unit = {});

    QList<qreal> blockHeights(qreal width) const override;
    void paintBlock(QPainter& painter, const QRectF& rect, int block) const override;

    const stats::ChartAnalysis& analysis() const { return m_analysis; }
    int signalCount() const { return m_signals.rowCount(); }
    // The methods line printed under the figure.
    QString methodsText() const { return m_methods; }

    static QString chartTitle(const stats::ControlChart& chart);   // "I", "MR", "X̄", ...

private:
    qreal figureHeight(qreal width) const;
    qreal headHeight(qreal width) const;
    void paintFigure(QPainter& painter, const QRectF& rect) const;
    void paintPanel(QPainter& painter, const QRectF& rect, const stats::ControlChart& chart) const;

    QString m_heading;
    QString m_description;
    stats::ChartAnalysis m_analysis;
    QStringList m_pointLabels;
    QString m_unit;
    QString m_methods;
    ReportTable m_signals;
};

} // namespace gemba::ui
