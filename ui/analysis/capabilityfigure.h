// The capability figure: a histogram of the times with LSL, USL and target lines and the
// within and overall normal curves; the indices with their intervals; expected (within,
// overall) and observed PPM; the σ methods named; and, when the I-MR chart of the same times
// shows signals, the plain statement that capability of an unstable process is not meaningful.
#pragma once

#include "analysis/capabilityanalysis.h"
#include "analysis/figurecharts.h"
#include "report/printable.h"

#include <QCoreApplication>
#include <QString>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace gemba::ui {

class CapabilityFigure : public Printable {
    Q_DECLARE_TR_FUNCTIONS(gemba::ui::CapabilityFigure)
public:
    void setAnalysis(CapabilityAnalysis analysis, QString subject);
    const CapabilityAnalysis& analysis() const { return m_analysis; }
    const QString& subject() const { return m_subject; }

    // True when the I-MR chart of the times shows any signal.
    bool isUnstable() const { return m_analysis.stabilityChecked && m_analysis.signalCount > 0; }
    // The warning the figure shows and prints; empty when the process shows no signal.
    QString stabilityWarning() const;

    QChart* createChart(const FigureStyle& style) const;   // caller owns; null when nothing to draw
    QString summaryHtml() const;

    QString printTitle() const override;
    int pageCount(const QSizeF& pageSize) const override;
    void paintPage(QPainter& painter, const QRectF& rect, int page) const override;

private:
    CapabilityAnalysis m_analysis;
    QString m_subject;
};

} // namespace gemba::ui
