// The capability view: the chosen step (or cycle total) of the window's current study against
// specification limits entered here: histogram with LSL, USL and target, within and overall
// normal curves, the indices with intervals, PPM, the σ methods, and a plain warning when the
// I-MR chart of the same times shows signals.
//
// The limits belong to the saved chart of the same source (store::ChartSpec::specLimits of the
// chart of exactly this study and this step, or of the cycle total; issue 7 §3 "spec limits
// saved with the chart"): an edit changes that chart, or saves a new I-MR chart of the source,
// as one undo step (ChangeChartCommand on the document's stack), and showing the source again
// (or reopening the project) reads them back. Values given by showValues() have no source:
// their limits stay in the fields.
#pragma once

#include "analysis/analysisview.h"
#include "analysis/capabilityfigure.h"
#include "store/chartspec.h"

#include <optional>

class QChartView;
class QLabel;
class QLineEdit;

namespace gemba::ui {

class CapabilityView : public AnalysisView {
    Q_OBJECT
public:
    explicit CapabilityView(WindowContext* context, QWidget* parent = nullptr);
    CapabilityView(WindowContext& context, QWidget* parent = nullptr) : CapabilityView(&context, parent) {}

    QString viewId() const override { return QStringLiteral("capability"); }
    QString viewTitle() const override { return tr("Capability"); }
    const Printable* printable() const override { return &m_figure; }

    const CapabilityFigure& figure() const { return m_figure; }
    QChartView* chartView() const { return m_chart; }
    QLabel* summaryLabel() const { return m_summary; }
    QLabel* warningLabel() const { return m_warning; }

    stats::SpecLimits specLimits() const;
    // Sets the limits (and their fields), saves them with the source's chart (one undo step;
    // not in a read-only project) and analyses again.
    void setSpecLimits(const stats::SpecLimits& spec);
    // The saved chart whose spec limits belong to `source`: the first chart of exactly that
    // study whose source is that step's durations (or the cycle total); none if there is none.
    std::optional<store::ChartSpec> savedChart(const ValueSource& source) const;

protected:
    void analyse(std::shared_ptr<const std::vector<double>> values, const QString& subject) override;
    void showNothing(const QString& message) override;
    void sourceChanged() override;
    void changeEvent(QEvent* event) override;

private:
    void display();
    void specEdited();
    void setFields(const stats::SpecLimits& spec);
    void loadSpecLimits();   // the saved chart's limits of currentSource() into the fields

    CapabilityFigure m_figure;
    QLineEdit* m_lsl;
    QLineEdit* m_usl;
    QLineEdit* m_target;
    QLabel* m_warning;
    QLabel* m_summary;
    QChartView* m_chart;
};

} // namespace gemba::ui
