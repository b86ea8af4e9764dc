// The control chart view: a chart of the window's current study (a step's durations or the
// cycle total; alone or with other studies of its process, each a stage) or of a data set's
// numeric column (I-MR, X̄-R, X̄-S, p, np, c, u) with its options chosen in the view, the list
// of its signals and notes, and the user's decisions on its points, each one undoable and saved
// with the chart. A study or data set may have several saved charts: "Saved chart" (Alt+A)
// chooses among them, and New, Rename and Delete Chart are undoable too.
#pragma once

#include "charts/chartcomputation.h"
#include "views/view.h"

#include <QDialog>
#include <QPointer>
#include <QWidget>

#include <memory>

class QAction;
class QLineEdit;
class QMenu;
class QToolBar;
class QToolButton;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QSplitter;
class QListWidget;

namespace gemba::ui {

class ChartCanvas;
class ChangeChartCommand;
class ControlChartFigure;
class ProjectDocument;
class WindowContext;

// Keys (with the chart or the signal list focused): Left/Right move the point cursor (Home,
// End: first, last; Ctrl+Left/Right: previous/next signal), X excludes or includes the point
// from the estimates, S starts a new stage at it (again: removes it), L locks the limits of the
// stage up to the point (again: unlocks), N edits the point's signal note.
class ControlChartView : public QWidget, public View {
    Q_OBJECT
public:
    ControlChartView(WindowContext& context, QWidget* parent = nullptr);
    ~ControlChartView() override;

    QString viewId() const override { return QStringLiteral("controlChart"); }
    QString viewTitle() const override { return tr("Control chart"); }
    QWidget* viewWidget() override { return this; }
    QList<QAction*> viewActions() const override;
    // The view's actions are in its own tool bar, not the window's (View::viewToolBarActions).
    QList<QAction*> viewToolBarActions() const override { return {}; }
    const Printable* printable() const override;
    QByteArray saveViewState() const override;
    void restoreViewState(const QByteArray& state) override;

    // The chart being edited and the last result shown (null until the first arrives).
    const store::ChartSpec& spec() const { return m_spec; }
    const ChartResult* result() const { return m_result.get(); }
    ChartCanvas* canvas() const { return m_canvas; }
    QListWidget* signalList() const { return m_signalList; }
    QComboBox* chartBox() const { return m_chartBox; }   // the saved charts, then "New Chart…"
    QToolBar* toolBar() const { return m_toolBar; }
    // What the side list says when no point failed a test (empty while there are signals).
    QString noSignalsText() const;
    QString usedText() const;      // the line under the chart
    QString messageText() const;   // why there is no chart, when there is none
    int cursorPoint() const;
    void setCursorPoint(int point);
    QString pointToolTip(int point) const;
    QDialog* noteEditor() const { return m_noteEditor; }
    bool showZones() const;
    void setShowZones(bool show);
    const ControlChartFigure* printFigure() const { return m_figure.get(); }
    // The plotted data as CSV (report/exporters.h exportChartCsv); an error message, empty on success.
    QString exportCsvTo(const QString& path) const;

    // The edits, each an undo command on the document's stack, acting on the cursor's point.
    void toggleExclusion();
    void toggleStageStart();
    void toggleLockLimits();
    void editNote();   // opens the note editor (non-blocking; noteEditor())
    void setNote(int point, const QString& cause, const QString& action);   // both empty: removes it
    // The chart's options (from the view's controls): undoable too.
    void changeSpec(const store::ChartSpec& spec, const QString& text);

    // Several saved charts of a study or data set. Each is an undo command on the document's
    // stack except showChart, which only chooses what is shown.
    void showChart(study::Id chartId);
    // Adds a chart of the same source, type and options as the one shown, without its decisions
    // (exclusions, stages, locked limits, notes), and shows it; its id, 0 when none was added.
    study::Id newChart(const QString& title);
    void renameChart(const QString& title);
    void deleteChart();   // the chart shown; the next one of the study or data set is shown
    // The studies the chart shows, each a stage (a baseline and a later study of the process);
    // ordered by date, then id, so the baseline comes first. The current study is always in.
    void setStudies(std::vector<study::Id> studyIds);

signals:
    // A result was shown (or a reason for none); for tests and the window's status.
    void chartShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildUi();
    void createActions();
    void loadChart();        // the current study's saved chart into the controls
    void fillControls();     // the controls from m_spec
    void fillChartBox();
    void fillStudiesMenu();
    void fillGroupByBox();
    void chartChosen();
    void promptNewChart();
    void promptRenameChart();
    bool showsHere(const store::ChartSpec& chart) const;   // a chart of the current study or data set
    QString chartName(const store::ChartSpec& chart) const;
    void controlsChanged();  // the controls into a new settings (an undo command)
    void controlsChangedFor(store::ChartSpec next);   // the options common to every source
    void scheduleCompute();
    void compute();
    void onChartReady(const ChartResult& result, quint64 documentRevision);
    void showResult();
    void fillSignalList();
    void updateFigure();
    void exportCsv();
    void moveCursor(int delta);
    void moveToSignal(int direction);
    std::map<std::size_t, int> noteNumbers() const;   // point index -> note number, in point order
    PointKey cursorKey() const;
    void setNoteOn(PointKey key, const QString& label, const QString& cause, const QString& action);
    const store::SignalNote* noteOf(PointKey key) const;
    study::Id studyId() const;
    bool isDataSetChart() const { return m_dataSetId != 0; }
    QString valueText(double value) const;   // with the unit (s) of a study's chart
    void push(ChangeChartCommand* command);
    bool canEdit() const;

    WindowContext& m_context;
    ProjectDocument* m_document;
    store::ChartSpec m_spec;
    std::shared_ptr<const ChartResult> m_result;
    bool m_computeScheduled = false;
    bool m_dirty = true;
    bool m_filling = false;
    // The data set column chosen in "Chart of" (0: the current study's chart).
    study::Id m_dataSetId = 0;
    std::string m_dataSetColumn;
    // The saved chart chosen in "Saved chart"; 0: the study's or column's first (or a new one).
    study::Id m_chartId = 0;

    QComboBox* m_chartBox = nullptr;
    QToolBar* m_toolBar = nullptr;
    QToolButton* m_studiesButton = nullptr;   // the studies charted (a checkable menu)
    QMenu* m_studiesMenu = nullptr;
    QLineEdit* m_shiftEdit = nullptr;         // shift start times, when subgrouping by shift
    QLabel* m_noSignalsLabel = nullptr;
    QComboBox* m_sourceBox = nullptr;
    QComboBox* m_typeBox = nullptr;
    QSpinBox* m_subgroupBox = nullptr;
    QLabel* m_subgroupLabel = nullptr;
    QComboBox* m_groupByBox = nullptr;   // X̄ of a step: cycles, study, day or shift
    QComboBox* m_sizeBox = nullptr;   // attribute charts of a data set: the sample sizes column
    QLabel* m_sizeLabel = nullptr;
    QComboBox* m_rulesBox = nullptr;
    QComboBox* m_sigmaBox = nullptr;
    QDoubleSpinBox* m_kBox = nullptr;
    QSplitter* m_splitter = nullptr;
    ChartCanvas* m_canvas = nullptr;
    QLabel* m_usedLabel = nullptr;
    QLabel* m_messageLabel = nullptr;
    QListWidget* m_signalList = nullptr;
    QPointer<QDialog> m_noteEditor;
    std::unique_ptr<ControlChartFigure> m_figure;   // what Print and the exports draw

    QAction* m_newChartAction = nullptr;
    QAction* m_renameChartAction = nullptr;
    QAction* m_deleteChartAction = nullptr;
    QAction* m_excludeAction = nullptr;
    QAction* m_stageAction = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_noteAction = nullptr;
    QAction* m_zonesAction = nullptr;   // checkable; saved with the view state
    QList<QAction*> m_actions;
};

} // namespace gemba::ui
