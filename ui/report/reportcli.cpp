// `gemba report` and `gemba sheet`: the hooks the Qt-free CLI calls to write the review report
// and the time study sheet.
#include "report/reportcli.h"

#include "report/clirender.h"
#include "report/studyreport.h"
#include "store/chartspec.h"
#include "report/studysheet.h"
#include "store/project.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <memory>

namespace gemba::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("ReportCli", text); }

bool matches(const study::Study& s, const std::string& name)
{
    return std::to_string(s.id) == name || s.notes == name || studyLabel(s).toStdString() == name || s.date == name;
}

} // namespace

QString writeReportPdf(const Printable& document, const QString& path, const QPageSize& pageSize)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("cannot write '%1': %2").arg(path, file.errorString());
    {
        QPdfWriter writer(&file);
        writer.setPageLayout(QPageLayout(pageSize, QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Point));
        writer.setTitle(document.printTitle());
        writer.setCreator(QStringLiteral("Gemba Workbench"));
        const QSizeF points = pageSize.size(QPageSize::Point);
        const int pages = document.pageCount(points);
        QPainter painter(&writer);
        if (!painter.isActive())
            return tr("cannot write '%1'").arg(path);
        const qreal scale = writer.resolution() / 72.0;
        for (int page = 0; page < pages; ++page) {
            if (page > 0)
                writer.newPage();
            painter.save();
            painter.scale(scale, scale);
            document.paintPage(painter, QRectF(QPointF(0, 0), points), page);
            painter.restore();
        }
        painter.end();
    }
    if (!file.commit())
        return tr("cannot write '%1': %2").arg(path, file.errorString());
    return {};
}

std::string renderReport(const cli::ReportRenderRequest& request)
{
    ensureCliApplication();
    QPageSize pageSize;
    if (request.pageSize == "a4")
        pageSize = QPageSize(QPageSize::A4);
    else if (request.pageSize == "letter")
        pageSize = QPageSize(QPageSize::Letter);
    else
        return "unknown page size '" + request.pageSize + "' (a4 or letter)";

    auto project = store::Project::open(request.projectPath, store::OpenMode::ReadOnly);
    if (!project)
        return project.error().message;
    auto processes = (*project)->processes();
    if (!processes)
        return processes.error().message;
    std::vector<study::Id> ids;
    for (const auto& p : *processes) {
        auto studies = (*project)->studies(p.id);
        if (!studies)
            return studies.error().message;
        std::sort(studies->begin(), studies->end(), [](const auto& a, const auto& b) { return a.id < b.id; });
        for (const auto& s : *studies)
            if (!request.study || matches(s, *request.study))
                ids.push_back(s.id);
    }
    // The data sets' charts belong to no study: in the report of the whole project only.
    StudyReportOptions options;
    options.dataSetCharts = !request.study;
    if (ids.empty() && request.study)
        return "no study '" + *request.study + "' in '" + request.projectPath +
               "'; give its id, notes, date or 'date - observer'";
    if (ids.empty()) {
        auto charts = (*project)->charts();
        if (!charts)
            return charts.error().message;
        const bool anyDataSetChart = std::any_of(charts->begin(), charts->end(), [](const store::ChartSpec& c) {
            return c.source.kind == store::ChartSourceKind::DataSetColumn;
        });
        if (!anyDataSetChart)
            return "'" + request.projectPath + "' has no studies and no charts of data sets yet";
    }

    QString error;
    auto report = buildStudyReport(**project, ids, options, &error);
    if (!report)
        return error.toStdString();
    return writeReportPdf(*report, QString::fromStdString(request.outputPath), pageSize).toStdString();
}

std::string renderSheet(const cli::ReportRenderRequest& request)
{
    ensureCliApplication();
    QPageSize pageSize;
    if (request.pageSize == "a4")
        pageSize = QPageSize(QPageSize::A4);
    else if (request.pageSize == "letter")
        pageSize = QPageSize(QPageSize::Letter);
    else
        return "unknown page size '" + request.pageSize + "' (a4 or letter)";

    auto project = store::Project::open(request.projectPath, store::OpenMode::ReadOnly);
    if (!project)
        return project.error().message;
    auto processes = (*project)->processes();
    if (!processes)
        return processes.error().message;
    // The latest study (the highest id) of those named, or of the whole project.
    study::Id id = 0;
    for (const auto& p : *processes) {
        auto studies = (*project)->studies(p.id);
        if (!studies)
            return studies.error().message;
        for (const auto& s : *studies)
            if ((!request.study || matches(s, *request.study)) && s.id > id)
                id = s.id;
    }
    if (id == 0)
        return request.study ? "no study '" + *request.study + "' in '" + request.projectPath +
                                   "'; give its id, notes, date or 'date - observer'"
                             : "'" + request.projectPath + "' has no studies yet";
    QString error;
    auto sheet = StudySheet::fromProject(**project, id, &error);
    if (!sheet)
        return error.toStdString();
    return writeReportPdf(*sheet, QString::fromStdString(request.outputPath), pageSize).toStdString();
}

void installReportHook()
{
    cli::RenderHooks hooks = cli::renderHooks();
    hooks.renderReport = [](const cli::ReportRenderRequest& request) { return renderReport(request); };
    hooks.renderSheet = [](const cli::ReportRenderRequest& request) { return renderSheet(request); };
    cli::setRenderHooks(std::move(hooks));
}

} // namespace gemba::ui
