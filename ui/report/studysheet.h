// The printable time study sheet: what a work-study engineer signs. One study on portrait A4 or
// Letter: a header (operation, study, operator, observer, date and time, place, conditions,
// method, rating scheme, allowance basis and categories, selected-time rule), one line per
// element (kind, frequency, n, observed mean or median, mean rating, basic time, allowance,
// standard time per occurrence and per cycle), the cycle totals (basic and standard time per
// cycle, hidden internal work, pieces per hour, standard hours per 100 units), the study's
// validity (recording error against the ILO's 2 % limit), the sources of the method and
// signature lines. Every figure is core's (study::summarizeSteps, study::studyValidity); this
// class only lays them out.
//
// Pagination: the sheet paginates itself rather than through ReportDocument, because a long
// element list must repeat its column header once at the top of each page it continues on
// (not once per block of rows); no row, total or signature block is cut at a page break.
#pragma once

#include "report/printable.h"
#include "report/reporttable.h"
#include "study/model.h"
#include "study/stepsummary.h"
#include "study/validity.h"

#include <QColor>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSizeF>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace gemba::store {
class Project;
}

namespace gemba::ui {

// What a sheet is made of: one study, its process and steps, and its observations.
struct StudySheetInput {
    study::Process process;
    study::Study study;
    std::vector<study::Step> steps;             // the study's steps, in their order
    std::vector<study::Observation> observations;
    QString fileName;                           // the project file, named in the footer
    QDateTime printed = QDateTime::currentDateTime();
};

class StudySheet final : public Printable {
    Q_DECLARE_TR_FUNCTIONS(StudySheet)
public:
    // Summarises the study (study::summarizeSteps) and checks it (study::studyValidity).
    // Returns nullptr and sets `error` when the summary fails (an allowance the study's
    // convention rejects).
    static std::unique_ptr<StudySheet> create(StudySheetInput input, QString* error);
    // The sheet of study `studyId` as the project file holds it.
    static std::unique_ptr<StudySheet> fromProject(store::Project& project, study::Id studyId, QString* error,
                                                   const QDateTime& printed = QDateTime::currentDateTime());
    ~StudySheet() override;

    QString printTitle() const override;
    int pageCount(const QSizeF& pageSize) const override;
    void paintPage(QPainter& painter, const QRectF& rect, int page) const override;

    // What goes where on a page of `pageSize` points. Part::Elements is a run of element rows
    // [firstRow, lastRow) under the table's column header (repeated on every page the table
    // continues on); the other parts are whole blocks.
    enum class Part { Header, Elements, Totals, Methods, Signatures };
    struct Placement {
        Part part = Part::Header;
        qreal top = 0;      // from the top of the content area, points
        qreal height = 0;
        int firstRow = 0;   // Part::Elements only
        int lastRow = 0;
        bool continued = false;   // Part::Elements on a page after the table's first
    };
    QList<QList<Placement>> layout(const QSizeF& pageSize) const;
    int elementRowCount() const { return m_table.rowCount(); }

    const study::StudySummary& summary() const { return m_summary; }
    const std::optional<study::StudyValidity>& validity() const { return m_validity; }

private:
    StudySheet(StudySheetInput input, study::StudySummary summary);

    // A label: value line of the header or the totals; `color` (optional) and `bold` mark the
    // value (the standard time per cycle, a recording error above the limit).
    struct Fact {
        QString label;
        QString value;
        QColor color = {};
        bool bold = false;
    };

    // The element table's column widths: the figures at their natural width, the rest shared by
    // the text columns (the element's name taking half).
    QList<qreal> columnWidths(qreal width) const;
    qreal partHeight(Part part, qreal width) const;
    qreal tableTitleHeight(qreal width) const;
    qreal headerTitleHeight(qreal width) const;
    void paintPart(QPainter& painter, const QRectF& rect, const Placement& p) const;
    void paintFooter(QPainter& painter, const QSizeF& page, int pageIndex, int pages) const;
    // Facts under an optional heading, one column `width` wide: the height, and the painting.
    static qreal factsHeight(qreal width, const QString& heading, const QList<Fact>& facts);
    static void paintFacts(QPainter& painter, const QRectF& rect, const QString& heading, const QList<Fact>& facts);
    // The header's facts in two columns of about equal height: where the right column begins.
    int headerSplit(qreal columnWidth) const;

    void buildHeader();
    void buildTable();
    void buildTotals();

    StudySheetInput m_input;
    study::StudySummary m_summary;
    std::optional<study::StudyValidity> m_validity;
    QString m_title;
    QString m_subtitle;
    QList<Fact> m_header;
    ReportTable m_table;
    QList<ReportTable::Column> m_columns;   // as given to m_table, with its rows' cells:
    QList<QStringList> m_cells;             // for columnWidths()
    QList<Fact> m_totals;
    QList<Fact> m_validityFacts;
    QString m_methods;
};

} // namespace gemba::ui
