// The head of a report or of one study in it: a title, a line under it, and the facts the
// reader needs to know what was measured and how (label: value pairs in two columns).
#pragma once

#include "report/reportsection.h"

#include <QList>
#include <QPair>
#include <QString>

namespace gemba::ui {

class HeaderSection final : public ReportSection {
public:
    using Field = QPair<QString, QString>;   // label, value ("Observer", "J. Doe")

    HeaderSection(QString title, QString subtitle, QList<Field> fields, bool startsNewPage = false);

    QList<qreal> blockHeights(qreal width) const override;
    void paintBlock(QPainter& painter, const QRectF& rect, int block) const override;
    bool startsNewPage() const override { return m_newPage; }

private:
    qreal labelWidth() const;
    qreal fieldsHeight(qreal width) const;

    QString m_title;
    QString m_subtitle;
    QList<Field> m_fields;
    bool m_newPage = false;
};

} // namespace gemba::ui
