// Test support: reads the cells of an .xlsx workbook back (unzip -p of its XML parts), so a
// test can check values, types (number, text, boolean) and styles cell by cell.
#pragma once

#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QVector>

namespace gemba::test {

struct XlsxCell {
    enum Type { Number, Text, Boolean };
    Type type = Number;
    double number = 0;   // Number and Boolean (0/1)
    QString text;        // Text (shared or inline strings resolved)
    bool styled = false;
    int style = 0;       // the s="" attribute: an index into cellXfs
};

struct XlsxSheet {
    QMap<QString, XlsxCell> cells;   // by reference, "B2"
    bool hasColumnWidths = false;
};

struct XlsxBook {
    QStringList sheetNames;
    QVector<XlsxSheet> sheets;
    QSet<int> boldStyles;   // cellXfs indexes whose font is bold
};

inline QString unzipPart(const QString& file, const QString& part)
{
    QProcess p;
    p.start("unzip", {"-p", file, part});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

inline QString unescapeXml(QString s)
{
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'");
    return s.replace("&amp;", "&");
}

inline XlsxBook readXlsx(const QString& file)
{
    XlsxBook book;
    const QString workbook = unzipPart(file, "xl/workbook.xml");
    QRegularExpression sheetRe(R"re(<sheet name="([^"]*)")re");
    for (auto it = sheetRe.globalMatch(workbook); it.hasNext();)
        book.sheetNames << unescapeXml(it.next().captured(1));

    QStringList shared;
    const QString strings = unzipPart(file, "xl/sharedStrings.xml");
    QRegularExpression siRe(R"re(<si>(.*?)</si>)re", QRegularExpression::DotMatchesEverythingOption);
    QRegularExpression tRe(R"re(<t[^>]*>(.*?)</t>)re", QRegularExpression::DotMatchesEverythingOption);
    for (auto it = siRe.globalMatch(strings); it.hasNext();) {
        QString text;
        const QString si = it.next().captured(1);
        for (auto t = tRe.globalMatch(si); t.hasNext();)
            text += unescapeXml(t.next().captured(1));
        shared << text;
    }

    // Bold fonts, and the cell formats that use them.
    const QString styles = unzipPart(file, "xl/styles.xml");
    const QString fontsPart = QRegularExpression(R"re(<fonts[^>]*>(.*?)</fonts>)re",
                                                 QRegularExpression::DotMatchesEverythingOption)
                                  .match(styles)
                                  .captured(1);
    QVector<bool> boldFont;
    QRegularExpression fontRe(R"re(<font>(.*?)</font>|<font/>)re", QRegularExpression::DotMatchesEverythingOption);
    for (auto it = fontRe.globalMatch(fontsPart); it.hasNext();)
        boldFont << it.next().captured(1).contains("<b/>");
    const QString xfsPart = QRegularExpression(R"re(<cellXfs[^>]*>(.*?)</cellXfs>)re",
                                               QRegularExpression::DotMatchesEverythingOption)
                                .match(styles)
                                .captured(1);
    QRegularExpression xfRe(R"re(<xf [^>]*fontId="(\d+)")re");
    int index = 0;
    for (auto it = xfRe.globalMatch(xfsPart); it.hasNext(); ++index) {
        const int font = it.next().captured(1).toInt();
        if (font < boldFont.size() && boldFont[font])
            book.boldStyles.insert(index);
    }

    QRegularExpression cellRe(R"re(<c r="([A-Z]+\d+)"([^>]*?)(?:/>|>(.*?)</c>))re",
                              QRegularExpression::DotMatchesEverythingOption);
    QRegularExpression vRe(R"re(<v>(.*?)</v>)re");
    QRegularExpression typeRe(R"re(t="(\w+)")re");
    QRegularExpression styleRe(R"re(s="(\d+)")re");
    for (int i = 0; i < book.sheetNames.size(); ++i) {
        XlsxSheet sheet;
        const QString xml = unzipPart(file, QString("xl/worksheets/sheet%1.xml").arg(i + 1));
        sheet.hasColumnWidths = xml.contains("<cols>") && xml.contains("customWidth=\"1\"");
        for (auto it = cellRe.globalMatch(xml); it.hasNext();) {
            const auto m = it.next();
            const QString attrs = m.captured(2);
            const QString body = m.captured(3);
            if (body.isEmpty())
                continue;   // a styled empty cell
            XlsxCell cell;
            const auto style = styleRe.match(attrs);
            cell.styled = style.hasMatch();
            cell.style = style.hasMatch() ? style.captured(1).toInt() : 0;
            const QString type = typeRe.match(attrs).captured(1);
            const QString v = vRe.match(body).captured(1);
            if (type == "s") {
                cell.type = XlsxCell::Text;
                cell.text = shared.value(v.toInt());
            } else if (type == "inlineStr" || type == "str") {
                cell.type = XlsxCell::Text;
                QString text;
                for (auto t = tRe.globalMatch(body); t.hasNext();)
                    text += unescapeXml(t.next().captured(1));
                cell.text = type == "str" ? unescapeXml(v) : text;
            } else if (type == "b") {
                cell.type = XlsxCell::Boolean;
                cell.number = v.toDouble();
            } else {
                cell.number = v.toDouble();
            }
            sheet.cells.insert(m.captured(1), cell);
        }
        book.sheets << sheet;
    }
    return book;
}

} // namespace gemba::test
