// A control chart in a report: the heading (what is charted), the figure (ControlChartFigure,
// the chart view's own drawing, on white paper), the methods used
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

#include <memory>
#include <vector>

namespace gemba::ui {

class ControlChartFigure;

// A note the analyst wrote at a point (a signal's assignable cause and the action taken).
struct ChartNote {
    std::size_t point = 0;   // the analysis point it is on
    QString assignableCause;
    QString actionTaken;
    QString written;         // when it was written, as the report prints it
};

class ControlChartSection final : public ReportSection {
    Q_DECLARE_TR_FUNCTIONS(ControlChartSection)
public:
    // `pointLabels`: one per analysis point, how the signals list names it ("cycle 7"); empty
    // for "point 7". `unit`: of the values ("s"), empty for none. `notes` are numbered in point
    // order: the number marks the point on the chart, the signal in the list, and the note in
    // the notes table (what a review asks for at each signal).
    ControlChartSection(QString heading, QString description, stats::ChartAnalysis analysis,
                        QStringList pointLabels = {}, QString unit = {}, QList<ChartNote> notes = {});
    ~ControlChartSection() override;
    // Stages: the analysis points where the second, third, ... stage begins, and their names.
    void setStages(std::vector<std::size_t> starts, QStringList names);

    QList<qreal> blockHeights(qreal width) const override;
    void paintBlock(QPainter& painter, const QRectF& rect, int block) const override;

    const stats::ChartAnalysis& analysis() const { return m_analysis; }
    int signalCount() const { return m_signals.rowCount(); }
    int noteCount() const { return m_notesTable.rowCount(); }
    // The methods line printed under the figure.
    QString methodsText() const { return m_methods; }

    static QString chartTitle(const stats::ControlChart& chart);   // "I", "MR", "X̄", ...

private:
    qreal figureHeight(qreal width) const;
    qreal headHeight(qreal width) const;
    int noteNumber(std::size_t point) const;   // 1-based, 0 when the point has no note
    bool isExcluded(std::size_t point) const;
    void paintFigure(QPainter& painter, const QRectF& rect) const;

    QString m_heading;
    QString m_description;
    stats::ChartAnalysis m_analysis;
    QStringList m_pointLabels;
    QString m_unit;
    QString m_methods;
    ReportTable m_signals;
    QList<ChartNote> m_notes;   // in point order
    ReportTable m_notesTable;
    std::unique_ptr<ControlChartFigure> m_figure;   // Qt Charts, drawn offscreen for the page
};

} // namespace gemba::ui
