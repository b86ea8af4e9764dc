// The printable time study sheet: header, element lines, totals, validity, sources, signatures.
#include "report/studysheet.h"

#include "report/reportdocument.h"
#include "report/reportstyle.h"
#include "report/studyreport.h"
#include "store/project.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace gemba::ui {
namespace {

constexpr qreal kHeadingGap = 4;     // under a heading
constexpr qreal kFactGap = 2;        // between two facts
constexpr qreal kLabelGap = 10;      // between a fact's label and its value
constexpr qreal kSignatureHeight = 66;
constexpr qreal kColumnGap = 20;
constexpr qreal kPartGap = 14;       // between the parts of the sheet (tighter than a report's)     // between the two columns of facts
constexpr qreal kRuleGap = 6;        // above and below the rule under the title

QString qs(const std::string& s) { return QString::fromStdString(s); }

// Seconds as the sheet prints them: two decimals (a hundredth of a second is finer than a
// stopwatch study reads); a dash where core has no figure (NaN).
QString seconds(double v) { return std::isfinite(v) ? QLocale().toString(v, 'f', 2) : QStringLiteral("–"); }
QString percent(double v) { return std::isfinite(v) ? QLocale().toString(v, 'g', 4) : QStringLiteral("–"); }
QString number(double v, int decimals)
{
    return std::isfinite(v) ? QLocale().toString(v, 'f', decimals) : QStringLiteral("–");
}

QString wallTime(std::int64_t us, const QString& format)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000).toString(format);
}

} // namespace

std::unique_ptr<StudySheet> StudySheet::create(StudySheetInput input, QString* error)
{
    auto summary = study::summarizeSteps(input.steps, input.observations, input.study);
    if (!summary) {
        if (error)
            *error = qs(summary.error().message);
        return nullptr;
    }
    return std::unique_ptr<StudySheet>(new StudySheet(std::move(input), std::move(summary).value()));
}

std::unique_ptr<StudySheet> StudySheet::fromProject(store::Project& project, study::Id studyId, QString* error,
                                                    const QDateTime& printed)
{
    auto fail = [&](const std::string& message) {
        if (error)
            *error = qs(message);
        return std::unique_ptr<StudySheet>();
    };
    StudySheetInput input;
    auto s = project.findStudy(studyId);
    if (!s)
        return fail(s.error().message);
    input.study = *s;
    auto processes = project.processes();
    if (!processes)
        return fail(processes.error().message);
    const auto process = std::find_if(processes->begin(), processes->end(),
                                      [&](const study::Process& p) { return p.id == s->processId; });
    if (process == processes->end())
        return fail("the study's process is missing");
    input.process = *process;
    auto steps = project.studySteps(studyId);
    if (!steps)
        return fail(steps.error().message);
    input.steps = std::move(steps).value();
    auto observations = project.observations(studyId);
    if (!observations)
        return fail(observations.error().message);
    input.observations = std::move(observations).value();
    input.fileName = QString::fromStdString(project.path());
    if (const auto slash = input.fileName.lastIndexOf(QLatin1Char('/')); slash >= 0)
        input.fileName = input.fileName.mid(slash + 1);
    input.printed = printed;
    return create(std::move(input), error);
}

StudySheet::StudySheet(StudySheetInput input, study::StudySummary summary)
    : m_input(std::move(input))
    , m_summary(std::move(summary))
    , m_validity(study::studyValidity(m_input.observations))
{
    buildHeader();
    buildTable();
    buildTotals();
}

StudySheet::~StudySheet() = default;

QString StudySheet::printTitle() const
{
    return tr("Time study sheet: %1, %2").arg(qs(m_input.process.name), studyLabel(m_input.study));
}

namespace {

QString stepTypeText(study::StepType type)
{
    switch (type) {
    case study::StepType::Manual: return StudySheet::tr("manual");
    case study::StepType::Machine: return StudySheet::tr("machine");
    case study::StepType::Walk: return StudySheet::tr("walk");
    }
    return {};
}

QString kindText(study::ElementKind kind)
{
    switch (kind) {
    case study::ElementKind::Cyclic: return StudySheet::tr("cyclic");
    case study::ElementKind::Occasional: return StudySheet::tr("occasional");
    case study::ElementKind::MachineControlled: return StudySheet::tr("machine-controlled");
    }
    return {};
}

QString categoriesText(const study::Allowances& a)
{
    return StudySheet::tr("personal %1 %, basic fatigue %2 %, variable fatigue %3 %, delay %4 %; total %5 %")
        .arg(percent(a.personal), percent(a.basicFatigue), percent(a.variableFatigue), percent(a.delay),
             percent(a.total()));
}

} // namespace

void StudySheet::buildHeader()
{
    const study::Study& s = m_input.study;
    m_title = tr("Time study sheet");
    m_subtitle = tr("%1 — %2").arg(qs(m_input.process.name), studyLabel(s));
    // Who, what, where and when first (the left column), then how the times were judged.
    m_header << Fact{tr("Operation"), qs(m_input.process.name)};
    m_header << Fact{tr("Method"), qs(m_input.process.description)};
    // The subtitle names the study by date, observer and place; here its id and notes.
    m_header << Fact{tr("Study"), s.notes.empty() ? tr("id %1").arg(s.id) : tr("id %1 — %2").arg(s.id).arg(qs(s.notes))};
    m_header << Fact{tr("Operator"), qs(s.operatorName)};
    m_header << Fact{tr("Observer"), qs(s.observer)};
    QString when = qs(s.date);
    if (s.startedWallUs > 0) {
        const QString format = QStringLiteral("HH:mm");
        when += tr(", %1").arg(wallTime(s.startedWallUs, format));
        when += s.endedWallUs ? tr(" to %1").arg(wallTime(*s.endedWallUs, format)) : tr(" (not ended)");
    }
    m_header << Fact{tr("Date and time"), when};
    m_header << Fact{tr("Location"), qs(s.location)};
    m_header << Fact{tr("Shift"), qs(s.shift)};
    m_header << Fact{tr("Conditions"), qs(s.conditions)};
    m_header << Fact{tr("Rating scheme"), s.ratingMethod == study::RatingMethod::PaceRating
                                              ? tr("pace rating per reading (100 % = standard pace)")
                                              : tr("none: every reading at 100 %")};
    m_header << Fact{tr("Selected time"), s.selectedTime == study::SelectedTimeRule::Median
                                              ? tr("median of each element's counted readings")
                                              : tr("mean of each element's counted readings")};
    m_header << Fact{tr("Allowance basis"), s.allowanceBasis == study::AllowanceBasis::NormalTime
                                                ? tr("of basic time: ST = BT × (1 + A)")
                                                : tr("of working time: ST = BT / (1 − A)")};
    m_header << Fact{tr("Allowances"), categoriesText(s.allowances)};
    if (s.allowancePercent > 0)
        m_header << Fact{tr("PF&D not split"), tr("%1 %, added for every element but machine-controlled ones")
                                                   .arg(percent(s.allowancePercent))};
    QStringList typeOverrides;
    for (const auto& [type, allowances] : s.typeAllowances)
        typeOverrides << tr("%1 steps: %2").arg(stepTypeText(type), categoriesText(allowances));
    if (!typeOverrides.isEmpty())
        m_header << Fact{tr("Per step type"), typeOverrides.join(QLatin1Char('\n'))};
    QStringList stepOverrides;
    for (const auto& step : m_input.steps)
        if (step.allowances)
            stepOverrides << tr("%1: %2").arg(qs(step.name), categoriesText(*step.allowances));
    if (!stepOverrides.isEmpty())
        m_header << Fact{tr("Per element"), stepOverrides.join(QLatin1Char('\n'))};
    if (std::any_of(m_input.steps.begin(), m_input.steps.end(),
                    [](const study::Step& st) { return st.kind == study::ElementKind::MachineControlled; }))
        m_header << Fact{tr("Machine elements"), tr("not rated; delay allowance only")};
    if (s.unitsPerCycle != 1)
        m_header << Fact{tr("Units per cycle"), QLocale().toString(s.unitsPerCycle, 'g', 6)};
}

void StudySheet::buildTable()
{
    const study::Study& s = m_input.study;
    const bool median = s.selectedTime == study::SelectedTimeRule::Median;
    m_columns = {
        {tr("#"), Qt::AlignRight, false},
        {tr("Element"), Qt::AlignLeft, true},
        {tr("Type, kind"), Qt::AlignLeft, true},
        {tr("Frequency"), Qt::AlignLeft, true},
        {tr("n"), Qt::AlignRight, false},
        {median ? tr("Observed median (s)") : tr("Observed mean (s)"), Qt::AlignRight, false},
        {tr("Mean rating (%)"), Qt::AlignRight, false},
        {tr("Basic time (s)"), Qt::AlignRight, false},
        {tr("Allow- ance (%)"), Qt::AlignRight, false},
        {tr("Standard time per occurrence (s)"), Qt::AlignRight, false},
        {tr("Standard time per cycle (s)"), Qt::AlignRight, false},
    };
    m_table.setColumns(m_columns);
    for (std::size_t i = 0; i < m_input.steps.size() && i < m_summary.steps.size(); ++i) {
        const study::Step& step = m_input.steps[i];
        const study::StepSummary& sum = m_summary.steps[i];
        QString name = qs(step.name);
        // Internal work: core counts it inside the machine step's time (summarizeSteps), and only
        // when that step is machine-controlled and in the study; the sheet says so where it does.
        if (step.insideStepId != 0) {
            const auto machine = std::find_if(m_input.steps.begin(), m_input.steps.end(), [&](const study::Step& m) {
                return m.id == step.insideStepId && m.kind == study::ElementKind::MachineControlled;
            });
            if (machine != m_input.steps.end())
                name += QLatin1Char('\n') + tr("inside %1").arg(qs(machine->name));
        }
        QString frequency = tr("every cycle");
        if (step.kind == study::ElementKind::Occasional) {
            frequency = step.everyBasis == study::FrequencyBasis::Units
                            ? tr("every %1 units").arg(QLocale().toString(step.every, 'g', 6))
                            : tr("every %1 cycles").arg(QLocale().toString(step.every, 'g', 6));
            frequency += QLatin1Char(' ') + tr("(%1/cycle)").arg(QLocale().toString(sum.occurrencesPerCycle, 'g', 4));
        }
        QString kind = tr("%1, %2").arg(stepTypeText(step.type), kindText(step.kind));
        if (step.kind == study::ElementKind::MachineControlled)
            kind += tr(", not rated");   // core levels it at 100 % whatever was typed
        const QString rating = number(sum.meanRatingPercent, 1);
        const QStringList cells{QString::number(step.position + 1), name, kind, frequency, QString::number(sum.n),
                                seconds(sum.selectedSeconds), rating, seconds(sum.normalSeconds),
                                percent(sum.allowancePercent), seconds(sum.standardSeconds),
                                seconds(sum.standardPerCycleSeconds)};
        m_cells.append(cells);
        m_table.addRow(cells);
    }
}

void StudySheet::buildTotals()
{
    const study::CycleSummary& c = m_summary.cycle;
    m_totals << Fact{tr("Basic time"), tr("%1 s").arg(seconds(c.normalSeconds))};
    // What the sheet is signed for stands out.
    m_totals << Fact{tr("Standard time"), tr("%1 s").arg(seconds(c.standardSeconds)), ReportStyle::ink(), true};
    const bool internal = std::any_of(m_summary.steps.begin(), m_summary.steps.end(),
                                      [](const study::StepSummary& st) { return st.insideStepId != 0; });
    if (internal || c.hiddenStandardSeconds > 0)
        m_totals << Fact{tr("Hidden internal work"),
                         tr("%1 s (inside machine time)").arg(seconds(c.hiddenStandardSeconds))};
    m_totals << Fact{tr("Pieces per hour"), number(c.piecesPerHour, 1)};
    m_totals << Fact{tr("Standard hours per 100 units"), number(c.standardHoursPer100Units, 3)};
    if (c.unitsPerCycle != 1)
        m_totals << Fact{tr("Units per cycle"), QLocale().toString(c.unitsPerCycle, 'g', 6)};

    std::size_t stillNeeded = 0;
    for (const auto& st : m_summary.steps)
        stillNeeded += st.stillNeeded;
    m_validityFacts << Fact{tr("Complete cycles"), QString::number(c.completeCycles)};
    m_validityFacts << Fact{tr("Sample"), c.studyComplete
                                              ? tr("enough readings (95 % confidence, ±5 %)")
                                              : tr("%n more reading(s) needed (95 % confidence, ±5 %)", nullptr,
                                                   static_cast<int>(stillNeeded))};
    if (m_validity) {
        const auto& v = *m_validity;
        m_validityFacts << Fact{tr("Elapsed time"), tr("%1 s, first to last reading").arg(seconds(v.elapsedSeconds))};
        m_validityFacts << Fact{tr("Recorded time"),
                                tr("%1 s in %2 readings").arg(seconds(v.recordedSeconds)).arg(v.readings)};
        const QString limit = percent(study::kRecordingErrorLimit * 100);
        m_validityFacts << Fact{
            tr("Recording error"),
            v.flagged ? tr("%1 %: above the %2 % limit. The ILO advises repeating the study.")
                            .arg(number(v.recordingError * 100, 2), limit)
                      : tr("%1 %: within the %2 % limit.").arg(number(v.recordingError * 100, 2), limit),
            v.flagged ? ReportStyle::signal() : QColor(), v.flagged};
    } else {
        m_validityFacts << Fact{tr("Recording error"), tr("not checked: no reading has stopwatch times (imported)")};
    }

    m_methods =
        tr("Method: Kanawaty (ed.), ILO \"Introduction to Work Study\", 4th ed. Basic time = observed × rating / 100 "
           "per reading, then the %1 (BS 3138); occasional elements count × their occurrences per cycle; standard "
           "time = basic time plus the allowance categories, %2; machine-controlled elements unrated, delay "
           "allowance only; internal work adds only beyond the machine time; repeat the study when the recording "
           "error exceeds 2 %.")
            .arg(m_input.study.selectedTime == study::SelectedTimeRule::Median ? tr("median") : tr("mean"),
                 m_input.study.allowanceBasis == study::AllowanceBasis::NormalTime ? tr("ST = BT × (1 + A)")
                                                                                   : tr("ST = BT / (1 − A)"));
}

// ---- measuring -------------------------------------------------------------------------------

namespace {
qreal labelWidthOf(const QList<QPair<QString, bool>>& labels)
{
    QFont bold = ReportStyle::font(ReportStyle::Text::Body);
    bold.setBold(true);
    const QFontMetricsF fm(ReportStyle::font(ReportStyle::Text::Body));
    const QFontMetricsF fmBold(bold);
    qreal w = 0;
    for (const auto& [label, isBold] : labels)
        w = std::max(w, (isBold ? fmBold : fm).horizontalAdvance(label) + 2);
    return w;
}
} // namespace

qreal StudySheet::factsHeight(qreal width, const QString& heading, const QList<Fact>& facts)
{
    const QFont body = ReportStyle::font(ReportStyle::Text::Body);
    QList<QPair<QString, bool>> labels;
    for (const auto& f : facts)
        labels << qMakePair(f.label, f.bold);
    const qreal valueWidth = std::max<qreal>(width - labelWidthOf(labels) - kLabelGap, 40);
    qreal h = heading.isEmpty()
                  ? 0
                  : ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Heading), width, heading) + kHeadingGap;
    for (const auto& f : facts) {
        QFont font = body;
        font.setBold(f.bold);
        h += ReportStyle::textHeight(font, valueWidth, f.value.isEmpty() ? QStringLiteral("-") : f.value) + kFactGap;
    }
    return h;
}

void StudySheet::paintFacts(QPainter& painter, const QRectF& rect, const QString& heading, const QList<Fact>& facts)
{
    const QFont body = ReportStyle::font(ReportStyle::Text::Body);
    QList<QPair<QString, bool>> labels;
    for (const auto& f : facts)
        labels << qMakePair(f.label, f.bold);
    const qreal labelWidth = labelWidthOf(labels);
    const qreal valueLeft = rect.left() + labelWidth + kLabelGap;
    const qreal valueWidth = std::max<qreal>(rect.right() - valueLeft, 40);
    qreal y = rect.top();
    if (!heading.isEmpty())
        y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                                   ReportStyle::font(ReportStyle::Text::Heading), ReportStyle::accent(), heading) +
             kHeadingGap;
    for (const auto& f : facts) {
        QFont font = body;
        font.setBold(f.bold);
        ReportStyle::drawText(painter, QRectF(rect.left(), y, labelWidth, 0), f.bold ? font : body,
                              f.bold ? ReportStyle::ink() : ReportStyle::muted(), f.label);
        y += ReportStyle::drawText(painter, QRectF(valueLeft, y, valueWidth, 0), font,
                                   f.color.isValid() ? f.color : ReportStyle::ink(),
                                   f.value.isEmpty() ? QStringLiteral("-") : f.value) +
             kFactGap;
    }
}

int StudySheet::headerSplit(qreal columnWidth) const
{
    // The split that makes the taller column shortest, the facts kept in their order.
    int best = static_cast<int>(m_header.size());
    qreal bestHeight = 1e9;
    for (int k = 1; k <= m_header.size(); ++k) {
        const qreal h = std::max(factsHeight(columnWidth, {}, m_header.mid(0, k)),
                                 factsHeight(columnWidth, {}, m_header.mid(k)));
        if (h < bestHeight - 1e-6) {
            bestHeight = h;
            best = k;
        }
    }
    return best;
}

qreal StudySheet::headerTitleHeight(qreal width) const
{
    return ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Title), width, m_title) + 2 +
           ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Subheading), width, m_subtitle) + 2 * kRuleGap;
}

QList<qreal> StudySheet::columnWidths(qreal width) const
{
    const QFontMetricsF body(ReportStyle::font(ReportStyle::Text::Table));
    const QFontMetricsF head(ReportStyle::font(ReportStyle::Text::TableHeader));
    constexpr qreal kSpare = 2 * ReportStyle::kCellPadding + 2;   // padding, and slack as ReportTable keeps
    // The text columns' shares of what the figures leave: element, type and kind, frequency.
    const qreal shares[] = {0.4, 0.3, 0.3};
    QList<qreal> widths;
    QList<qreal> headerWord;   // a text column is never narrower than its header's longest word
    qreal fixed = 0;
    int text = 0;
    for (int c = 0; c < m_columns.size(); ++c) {
        qreal w = 0;
        for (const QString& word : m_columns[c].header.split(QLatin1Char(' ')))
            w = std::max(w, head.horizontalAdvance(word) + kSpare);
        headerWord.append(w);
        if (!m_columns[c].wraps) {
            // A figure's header wraps at its spaces: its longest word, or its widest figure.
            qreal cells = 0;
            for (const QStringList& row : m_cells)
                cells = std::max(cells, body.horizontalAdvance(row.value(c)));
            w = std::max(cells + kSpare, headerWord.back());
            fixed += w;
        } else {
            ++text;
        }
        widths.append(w);
    }
    const qreal rest = width - fixed;
    if (text != 3 || rest < 120)
        return m_table.columnWidths(width);   // too narrow a page for the figures: the table's own rule
    int k = 0;
    for (int c = 0; c < m_columns.size(); ++c)
        if (m_columns[c].wraps)
            widths[c] = std::max(rest * shares[k++], headerWord[c]);
    // What the floors took comes off the element's name, the first text column.
    qreal total = 0;
    for (qreal w : widths)
        total += w;
    widths[1] -= total - width;
    return widths;
}

qreal StudySheet::tableTitleHeight(qreal width) const
{
    return ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Heading), width, tr("Elements")) + kHeadingGap;
}

qreal StudySheet::partHeight(Part part, qreal width) const
{
    const qreal column = (width - kColumnGap) / 2;
    switch (part) {
    case Part::Header: {
        const int k = headerSplit(column);
        return headerTitleHeight(width) + std::max(factsHeight(column, {}, m_header.mid(0, k)),
                                                   factsHeight(column, {}, m_header.mid(k)));
    }
    case Part::Elements: return 0;   // measured by rows in layout()
    case Part::Totals:
        return std::max(factsHeight(column, tr("Totals per cycle"), m_totals),
                        factsHeight(column, tr("Study validity"), m_validityFacts));
    case Part::Methods: return ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Small), width, m_methods);
    case Part::Signatures:
        return ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Heading), width, tr("Signatures")) +
               kHeadingGap + kSignatureHeight;
    }
    return 0;
}

QList<QList<StudySheet::Placement>> StudySheet::layout(const QSizeF& pageSize) const
{
    const QRectF area = ReportDocument::contentRect(pageSize);
    const qreal width = area.width();
    const qreal height = area.height();
    QList<QList<Placement>> pages(1);
    qreal y = 0;
    auto newPage = [&] {
        pages.append(QList<Placement>());
        y = 0;
    };
    auto gapBefore = [&] { return pages.back().isEmpty() ? 0 : kPartGap; };
    auto place = [&](Part part) {
        const qreal h = partHeight(part, width);
        if (y + gapBefore() + h > height && !pages.back().isEmpty())
            newPage();
        const qreal top = y + gapBefore();
        pages.back().append(Placement{part, top, h, 0, 0, false});
        y = top + h;
    };

    place(Part::Header);

    // The element lines: on each page a title and the column header over as many whole rows as
    // fit; a page never ends on the title and header alone.
    const QList<qreal> widths = columnWidths(width);
    const qreal head = tableTitleHeight(width) + m_table.headerHeight(widths);
    const int rows = m_table.rowCount();
    int row = 0;
    bool continued = false;
    do {
        const qreal first = row < rows ? m_table.rowHeight(row, widths) : 0;
        if (y + gapBefore() + head + first > height && !pages.back().isEmpty())
            newPage();
        const qreal top = y + gapBefore();
        qreal h = head;
        const int firstRow = row;
        while (row < rows && (row == firstRow || top + h + m_table.rowHeight(row, widths) <= height)) {
            h += m_table.rowHeight(row, widths);
            ++row;
        }
        pages.back().append(Placement{Part::Elements, top, h, firstRow, row, continued});
        y = top + h;
        continued = true;
        if (row < rows)
            newPage();
    } while (row < rows);

    place(Part::Totals);
    place(Part::Methods);
    place(Part::Signatures);
    return pages;
}

int StudySheet::pageCount(const QSizeF& pageSize) const { return static_cast<int>(layout(pageSize).size()); }

// ---- painting --------------------------------------------------------------------------------

void StudySheet::paintPage(QPainter& painter, const QRectF& rect, int page) const
{
    const auto pages = layout(rect.size());
    if (page < 0 || page >= pages.size())
        return;
    const QRectF area = ReportDocument::contentRect(rect.size());
    painter.save();
    painter.translate(rect.topLeft());
    painter.fillRect(QRectF(QPointF(0, 0), rect.size()), Qt::white);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    for (const Placement& p : pages[page])
        paintPart(painter, QRectF(area.left(), area.top() + p.top, area.width(), p.height), p);
    paintFooter(painter, rect.size(), page, static_cast<int>(pages.size()));
    painter.restore();
}

void StudySheet::paintPart(QPainter& painter, const QRectF& rect, const Placement& p) const
{
    switch (p.part) {
    case Part::Header: {
        qreal y = rect.top();
        y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                                   ReportStyle::font(ReportStyle::Text::Title), ReportStyle::accent(), m_title);
        y += 2;
        y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                                   ReportStyle::font(ReportStyle::Text::Subheading), ReportStyle::ink(), m_subtitle);
        y += kRuleGap;
        painter.save();
        painter.setPen(QPen(ReportStyle::accent(), 1.2));
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y));
        painter.restore();
        y += kRuleGap;
        const qreal column = (rect.width() - kColumnGap) / 2;
        const int k = headerSplit(column);
        paintFacts(painter, QRectF(rect.left(), y, column, rect.bottom() - y), {}, m_header.mid(0, k));
        paintFacts(painter, QRectF(rect.left() + column + kColumnGap, y, column, rect.bottom() - y), {}, m_header.mid(k));
        break;
    }
    case Part::Elements: {
        const qreal title = ReportStyle::drawText(painter, QRectF(rect.left(), rect.top(), rect.width(), 0),
                                                  ReportStyle::font(ReportStyle::Text::Heading), ReportStyle::accent(),
                                                  p.continued ? tr("Elements (continued)") : tr("Elements"));
        m_table.paint(painter, QPointF(rect.left(), rect.top() + title + kHeadingGap), p.firstRow, p.lastRow,
                      columnWidths(rect.width()));
        break;
    }
    case Part::Totals: {
        const qreal column = (rect.width() - kColumnGap) / 2;
        paintFacts(painter, QRectF(rect.left(), rect.top(), column, rect.height()), tr("Totals per cycle"), m_totals);
        paintFacts(painter, QRectF(rect.left() + column + kColumnGap, rect.top(), column, rect.height()),
                   tr("Study validity"), m_validityFacts);
        break;
    }
    case Part::Methods:
        ReportStyle::drawText(painter, rect, ReportStyle::font(ReportStyle::Text::Small), ReportStyle::muted(), m_methods);
        break;
    case Part::Signatures: {
        const qreal title = ReportStyle::drawText(painter, QRectF(rect.left(), rect.top(), rect.width(), 0),
                                                  ReportStyle::font(ReportStyle::Text::Heading), ReportStyle::accent(),
                                                  tr("Signatures")) +
                            kHeadingGap;
        const QString roles[] = {tr("Observer"), tr("Supervisor / approved by"), tr("Operator")};
        const QString names[] = {qs(m_input.study.observer), QString(), qs(m_input.study.operatorName)};
        const qreal gap = 18;
        const qreal column = (rect.width() - 2 * gap) / 3;
        const QFont small = ReportStyle::font(ReportStyle::Text::Small);
        const QFont bold = ReportStyle::font(ReportStyle::Text::Subheading);
        painter.save();
        for (int i = 0; i < 3; ++i) {
            const qreal x = rect.left() + i * (column + gap);
            qreal y = rect.top() + title;
            ReportStyle::drawText(painter, QRectF(x, y, column, 0), bold, ReportStyle::ink(), roles[i]);
            y += 30;   // room to sign
            painter.setPen(QPen(ReportStyle::ink(), 0.6));
            painter.drawLine(QPointF(x, y), QPointF(x + column, y));
            ReportStyle::drawText(painter, QRectF(x, y + 2, column, 0), small, ReportStyle::muted(),
                                  names[i].isEmpty() ? tr("Signature and name") : tr("Signature (%1)").arg(names[i]));
            y += 24;
            painter.setPen(QPen(ReportStyle::ink(), 0.6));
            painter.drawLine(QPointF(x, y), QPointF(x + column * 0.6, y));
            ReportStyle::drawText(painter, QRectF(x, y + 2, column, 0), small, ReportStyle::muted(), tr("Date"));
        }
        painter.restore();
        break;
    }
    }
}

void StudySheet::paintFooter(QPainter& painter, const QSizeF& page, int pageIndex, int pages) const
{
    const qreal m = ReportStyle::kMargin;
    const QRectF band(m, page.height() - m + (m - ReportStyle::kFooterHeight) / 2, page.width() - 2 * m,
                      ReportStyle::kFooterHeight);
    painter.save();
    painter.setPen(QPen(ReportStyle::rule(), 0.5));
    painter.drawLine(QPointF(band.left(), band.top()), QPointF(band.right(), band.top()));
    const QFont font = ReportStyle::font(ReportStyle::Text::Footer);
    const QRectF text = band.adjusted(0, 4, 0, 0);
    QString left = tr("Time study sheet: %1").arg(qs(m_input.process.name));
    if (!m_input.fileName.isEmpty())
        left += tr(" (%1)").arg(m_input.fileName);
    ReportStyle::drawText(painter, QRectF(text.left(), text.top(), text.width() * 0.45, text.height()), font,
                          ReportStyle::muted(), left, Qt::AlignLeft);
    ReportStyle::drawText(painter, text, font, ReportStyle::muted(),
                          tr("Printed %1").arg(m_input.printed.toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
                          Qt::AlignHCenter);
    ReportStyle::drawText(painter, text, font, ReportStyle::muted(), tr("Page %1 of %2").arg(pageIndex + 1).arg(pages),
                          Qt::AlignRight);
    painter.restore();
}

} // namespace gemba::ui
