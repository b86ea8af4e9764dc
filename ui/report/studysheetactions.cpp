// File > Print Study Sheet… and Export Study Sheet PDF… of the window's current study.
#include "report/studysheetactions.h"

#include "projectdocument.h"
#include "report/reportcli.h"
#include "report/studysheet.h"
#include "windowcontext.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPageSize>
#include <QPainter>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QRegularExpression>

#include <algorithm>

namespace gemba::ui {

StudySheetActions::StudySheetActions(QWidget* window, std::function<WindowContext*()> context)
    : QObject(window)
    , m_window(window)
    , m_context(std::move(context))
{
}

void StudySheetActions::addTo(QMenu* file)
{
    m_print = file->addAction(tr("Print Study S&heet..."), this, [this] { print(); });
    m_print->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_print->setObjectName(QStringLiteral("printStudySheetAction"));
    m_exportPdf = file->addAction(tr("Export Study Sheet PDF..."), this, [this] { exportDialog(); });
    m_exportPdf->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_T));
    m_exportPdf->setObjectName(QStringLiteral("exportStudySheetPdfAction"));
}

QPageSize StudySheetActions::localePageSize()
{
    return QPageSize(QLocale().measurementSystem() == QLocale::ImperialUSSystem ? QPageSize::Letter : QPageSize::A4);
}

std::unique_ptr<StudySheet> StudySheetActions::currentSheet(QString* error) const
{
    WindowContext* context = m_context ? m_context() : nullptr;
    if (!context || !context->study()) {
        if (error)
            *error = tr("There is no study to print: choose one, or time one first (Ctrl+T).");
        return nullptr;
    }
    return StudySheet::fromProject(context->document()->project(), context->studyId(), error);
}

QString StudySheetActions::exportPdf(const QString& path, const QPageSize& pageSize) const
{
    QString error;
    auto sheet = currentSheet(&error);
    if (!sheet)
        return error;
    return writeReportPdf(*sheet, path, pageSize);
}

void StudySheetActions::print()
{
    QString error;
    auto sheet = currentSheet(&error);
    if (!sheet) {
        QMessageBox::warning(m_window, tr("Print Study Sheet"), error);
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(sheet->printTitle());
    printer.setPageSize(localePageSize());
    printer.setPageOrientation(QPageLayout::Portrait);
    // The sheet keeps its own margins: paint on the whole sheet of paper.
    printer.setFullPage(true);
    QPrintPreviewDialog dialog(&printer, m_window);
    dialog.setWindowTitle(tr("Print %1").arg(sheet->printTitle()));
    QObject::connect(&dialog, &QPrintPreviewDialog::paintRequested, &dialog, [&](QPrinter* target) {
        const QSizeF page = target->pageLayout().fullRect(QPageLayout::Point).size();
        const int pages = std::max(1, sheet->pageCount(page));
        QPainter painter;
        if (!painter.begin(target)) {
            error = tr("Cannot print.");
            return;
        }
        const qreal scale = target->resolution() / 72.0;
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                target->newPage();
            painter.save();
            painter.scale(scale, scale);
            sheet->paintPage(painter, QRectF(QPointF(0, 0), page), i);
            painter.restore();
        }
        painter.end();
    });
    dialog.exec();
    if (!error.isEmpty())
        QMessageBox::warning(m_window, tr("Print Study Sheet"), tr("Could not print:\n%1").arg(error));
}

void StudySheetActions::exportDialog()
{
    QString error;
    auto sheet = currentSheet(&error);
    if (!sheet) {
        QMessageBox::warning(m_window, tr("Export Study Sheet PDF"), error);
        return;
    }
    QString name = sheet->printTitle().simplified();
    static const QRegularExpression bad(QStringLiteral("[\\\\/:*?\"<>|]"));
    name.replace(bad, QStringLiteral("-"));
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export Study Sheet PDF"),
                                                QDir(QDir::homePath()).filePath(name + QStringLiteral(".pdf")),
                                                tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        path += QStringLiteral(".pdf");
    error = writeReportPdf(*sheet, path, localePageSize());
    if (!error.isEmpty())
        QMessageBox::warning(m_window, tr("Export Study Sheet PDF"), tr("Could not export:\n%1").arg(error));
}

} // namespace gemba::ui
