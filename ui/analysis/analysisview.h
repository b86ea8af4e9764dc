// What the distribution and capability views share: the choice of step (or cycle total) of the
// window's current study, reading its times off the GUI thread (analysisrunner.h), refreshing
// when the data changes (coalesced, and only while the view is shown), and a status line.
#pragma once

#include "analysis/studyvalues.h"
#include "views/view.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <tuple>
#include <vector>

class QHBoxLayout;
class QJsonObject;
class QLabel;
class QTimer;
class QVBoxLayout;

namespace gemba::ui {

class AnalysisRunner;
class SourceBox;
class WindowContext;

class AnalysisView : public QWidget, public View {
    Q_OBJECT
public:
    explicit AnalysisView(WindowContext* context, QWidget* parent = nullptr);
    ~AnalysisView() override;

    QWidget* viewWidget() override { return this; }
    QByteArray saveViewState() const override;
    void restoreViewState(const QByteArray& state) override;

    // Analyses `values` directly (no store read): for tests and callers with values at hand.
    void showValues(std::vector<double> values, const QString& subject);
    // Re-reads the current study's times (soon, and only once while the view is hidden).
    void scheduleRefresh();

    // What the view analyses: the current study's chosen step (or cycle total); none when
    // there is no study or the values were given by showValues().
    std::optional<ValueSource> currentSource() const;

    SourceBox* sourceBox() const { return m_source; }
    QLabel* statusLabel() const { return m_status; }
    bool isBusy() const;

signals:
    void analysisShown();   // a new analysis is on screen (figure, charts and tables)

protected:
    // Lays the view out: the tool row (source box first; subclasses add to it), the status
    // line, then `content`.
    void setContent(QWidget* content);
    QHBoxLayout* toolRow() const { return m_toolRow; }
    AnalysisRunner* runner() const { return m_runner; }
    WindowContext* context() const { return m_context; }
    // The values last read (null before the first read) and what they are.
    std::shared_ptr<const std::vector<double>> values() const { return m_values; }
    const QString& subject() const { return m_subject; }
    void setStatus(const QString& text);

    // Starts the analysis of `values` (on runner()) and shows it when done (then emit analysisShown()).
    virtual void analyse(std::shared_ptr<const std::vector<double>> values, const QString& subject) = 0;
    // Shows nothing but `message` (no study, a read failed).
    virtual void showNothing(const QString& message) = 0;
    // The source (currentSource()) may be another one now: called before its values are read
    // or analysed, and by showValues().
    virtual void sourceChanged() {}
    virtual void saveExtraState(QJsonObject& state) const { (void)state; }
    virtual void restoreExtraState(const QJsonObject& state) { (void)state; }

    void showEvent(QShowEvent* event) override;

private:
    void refreshNow();
    void refillSources();

    WindowContext* m_context;
    AnalysisRunner* m_runner;
    SourceBox* m_source;
    QLabel* m_status;
    QHBoxLayout* m_toolRow;
    QVBoxLayout* m_layout;
    QTimer* m_refreshTimer;
    bool m_dirty = true;
    std::shared_ptr<const std::vector<double>> m_values;
    std::optional<std::tuple<qint64, qint64, quint64>> m_valuesKey;   // (study, step, revision)
    QString m_subject;
    bool m_explicitValues = false;   // showValues() gave the values, not the study
};

} // namespace gemba::ui
