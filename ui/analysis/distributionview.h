// The distribution view: for the chosen step (or the cycle total) of the window's current
// study, the descriptive statistics with confidence intervals and the Anderson–Darling test,
// a histogram with the fitted normal curve, and a normal probability plot with its band.
#pragma once

#include "analysis/analysisview.h"
#include "analysis/distributionfigure.h"

class QChartView;
class QLabel;
class QScrollArea;

namespace gemba::ui {

class DistributionView : public AnalysisView {
    Q_OBJECT
public:
    explicit DistributionView(WindowContext* context, QWidget* parent = nullptr);
    DistributionView(WindowContext& context, QWidget* parent = nullptr) : DistributionView(&context, parent) {}

    QString viewId() const override { return QStringLiteral("distribution"); }
    QString viewTitle() const override { return tr("Distribution"); }
    const Printable* printable() const override { return &m_figure; }

    const DistributionFigure& figure() const { return m_figure; }
    QChartView* histogramView() const { return m_histogram; }
    QChartView* probabilityView() const { return m_probability; }
    QLabel* summaryLabel() const { return m_summary; }

protected:
    void analyse(std::shared_ptr<const std::vector<double>> values, const QString& subject) override;
    void showNothing(const QString& message) override;
    void changeEvent(QEvent* event) override;

private:
    void display();

    DistributionFigure m_figure;
    QLabel* m_summary;
    QScrollArea* m_panel;
    QChartView* m_histogram;
    QChartView* m_probability;
};

} // namespace gemba::ui
