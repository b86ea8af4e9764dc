// The capability view: the chosen step (or cycle total) of the window's current study against
// specification limits entered here (kept in the view's state until charts are saved objects
// of the project, issue 7 §1; then they belong to the chart): histogram with LSL, USL and
// target, within and overall normal curves, the indices with intervals, PPM, the σ methods,
// and a plain warning when the I-MR chart of the same times shows signals.
#pragma once

#include "analysis/analysisview.h"
#include "analysis/capabilityfigure.h"

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
    // Sets the limits (and their fields) and analyses again.
    void setSpecLimits(const stats::SpecLimits& spec);

protected:
    void analyse(std::shared_ptr<const std::vector<double>> values, const QString& subject) override;
    void showNothing(const QString& message) override;
    void saveExtraState(QJsonObject& state) const override;
    void restoreExtraState(const QJsonObject& state) override;
    void changeEvent(QEvent* event) override;

private:
    void display();
    void specEdited();

    CapabilityFigure m_figure;
    QLineEdit* m_lsl;
    QLineEdit* m_usl;
    QLineEdit* m_target;
    QLabel* m_warning;
    QLabel* m_summary;
    QChartView* m_chart;
};

} // namespace gemba::ui
