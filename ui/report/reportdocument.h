// A printable review report: sections of blocks laid out on pages (no block is cut at a page
// break), with a footer on every page naming the file, the date printed and "Page 2 of 5".
// See reportsection.h for how a feature adds its own section.
#pragma once

#include "report/printable.h"
#include "report/reportsection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QRectF>
#include <QSizeF>

#include <memory>
#include <vector>

namespace gemba::ui {

class ReportDocument final : public Printable {
    Q_DECLARE_TR_FUNCTIONS(ReportDocument)
public:
    // `title`: the PDF's title; `fileName`: the project file named in the footer; `printed`:
    // the date and time in the footer (the time the report is made, by default).
    explicit ReportDocument(QString title, QString fileName = {}, QDateTime printed = QDateTime::currentDateTime());
    ~ReportDocument() override;

    void setTitle(const QString& title) { m_title = title; }
    void addSection(std::unique_ptr<ReportSection> section);
    int sectionCount() const { return static_cast<int>(m_sections.size()); }

    QString printTitle() const override { return m_title; }
    int pageCount(const QSizeF& pageSize) const override;
    void paintPage(QPainter& painter, const QRectF& rect, int page) const override;

    // Where a block lands: its section and block number, its rectangle on the page (in points,
    // the page's top-left corner at 0, 0) and the scale it is painted at (below 1 only for a
    // block taller than the page's content area).
    struct Placement {
        int section = 0;
        int block = 0;
        QRectF rect;
        qreal scale = 1;
    };
    // The layout of every page for pages of `pageSize` points. A block goes on the current page
    // when it fits below what is there, else at the top of the next; a block taller than a
    // whole content area is scaled down to fill one page alone.
    const QList<QList<Placement>>& layout(const QSizeF& pageSize) const;
    // The area blocks are laid out in on a page of `pageSize` (inside the margins, above the footer).
    static QRectF contentRect(const QSizeF& pageSize);

private:
    void paintFooter(QPainter& painter, const QRectF& page, int pageIndex, int pages) const;

    QString m_title;
    QString m_fileName;
    QDateTime m_printed;
    std::vector<std::unique_ptr<ReportSection>> m_sections;
    // The last layout made, for the page size it was made for: a PDF asks for the same size
    // once per page.
    mutable QSizeF m_layoutSize;
    mutable QList<QList<Placement>> m_layout;
};

} // namespace gemba::ui
