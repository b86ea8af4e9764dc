// A table for printed reports: a header row and rows of text, measured and painted in points.
// Sections cut it into blocks of whole rows (each block repeats the header), so a long table
// flows over pages without a row ever being cut.
#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

class QPainter;
class QPointF;

namespace gemba::ui {

class ReportTable {
public:
    struct Column {
        QString header;
        Qt::Alignment alignment = Qt::AlignLeft;
        bool wraps = false;   // text columns share the width left by the others and wrap
    };

    void setColumns(QList<Column> columns) { m_columns = std::move(columns); }
    // `color` (optional) sets the text colour of the row (a signal), or of its cell in column
    // `colorColumn` only (a step not yet consistent).
    void addRow(QStringList cells, QColor color = {}, int colorColumn = -1);
    int rowCount() const { return static_cast<int>(m_rows.size()); }

    // Column widths for a table `width` points wide: columns that do not wrap get their widest
    // cell; the wrapping ones share the rest in proportion to their widest cell.
    QList<qreal> columnWidths(qreal width) const;
    qreal headerHeight(const QList<qreal>& widths) const;
    qreal rowHeight(int row, const QList<qreal>& widths) const;
    // The height of rows [first, last) under the header.
    qreal height(int first, int last, const QList<qreal>& widths) const;
    // Paints the header and rows [first, last) from `topLeft`; returns the height painted.
    qreal paint(QPainter& painter, const QPointF& topLeft, int first, int last, const QList<qreal>& widths) const;

    // Splits the rows into runs of at most `rowsPerBlock`: the blocks of a section.
    QList<QPair<int, int>> chunks(int rowsPerBlock) const;

private:
    struct Row {
        QStringList cells;
        QColor color;
        int colorColumn = -1;
    };
    qreal cellHeight(const QString& text, qreal width, bool header) const;

    QList<Column> m_columns;
    QList<Row> m_rows;
};

} // namespace gemba::ui
