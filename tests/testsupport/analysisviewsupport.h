// Test support shared by the distribution and capability view tests (needs gemba_ui): a
// relative comparison, a chart's series by object name, waiting for an analysis on screen, a
// PDF's text, and the fixture both start from (a project with process "Assembly", steps
// "Pick" and "Fit", and a window context on it).
#pragma once

#include "analysis/analysisview.h"
#include "projectdocument.h"
#include "uitestsupport.h"
#include "windowcontext.h"

#include <QChart>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <memory>

namespace gemba::test {

inline bool near(double a, double b, double rel = 1e-12)
{
    return std::abs(a - b) <= rel * std::max({1.0, std::abs(a), std::abs(b)});
}

template <typename T>
T* seriesNamed(QChart* chart, const QString& name)
{
    for (auto* s : chart->series())
        if (s->objectName() == name)
            return qobject_cast<T*>(s);
    return nullptr;
}

// True once `view` shows a new analysis within `timeoutMs`.
inline bool waitShown(ui::AnalysisView& view, int timeoutMs = 20000)
{
    QSignalSpy shown(&view, &ui::AnalysisView::analysisShown);
    return shown.wait(timeoutMs);
}

// pdftotext's text of `path`, white space simplified; empty when it does not run.
inline QString pdfText(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    if (!p.waitForFinished(20000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput()).simplified();
}

// A temporary project `fileName` with process "Assembly" (steps "Pick", "Fit") and a window
// context on it; reset() drops them in order (context, document, folder).
struct AnalysisViewFixture {
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<ui::ProjectDocument> doc;
    std::unique_ptr<ui::WindowContext> context;

    void make(const QString& fileName)
    {
        dir = std::make_unique<QTemporaryDir>();
        doc = makeDocument(dir->filePath(fileName), "Assembly", {"Pick", "Fit"});
        context = std::make_unique<ui::WindowContext>(doc.get());
    }
    void reset()
    {
        context.reset();
        doc.reset();
        dir.reset();
    }
};

} // namespace gemba::test
