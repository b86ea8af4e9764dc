// The fields of a study's details, shared by the study and import dialogs.
#include "dialogs/studydetailsform.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace gemba::ui {

StudyDetailsForm::StudyDetailsForm(const study::Study& study, QWidget* parent)
    : QWidget(parent)
    , m_study(study)
    , m_date(new QDateEdit(this))
    , m_observer(new QLineEdit(QString::fromStdString(study.observer), this))
    , m_location(new QLineEdit(QString::fromStdString(study.location), this))
    , m_shift(new QLineEdit(QString::fromStdString(study.shift), this))
    , m_rating(new QComboBox(this))
    , m_basis(new QComboBox(this))
    , m_allowance(new QDoubleSpinBox(this))
    , m_notes(new QPlainTextEdit(QString::fromStdString(study.notes), this))
{
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_date->setDate(QDate::fromString(QString::fromStdString(study.date), Qt::ISODate));
    m_rating->addItem(tr("Performance rating per observation (%)"));
    m_rating->addItem(tr("No rating (100 %)"));
    m_rating->setCurrentIndex(study.ratingMethod == study::RatingMethod::None ? 1 : 0);
    m_basis->addItem(tr("% of normal time: standard = normal x (1 + a)"));
    m_basis->addItem(tr("% of working time: standard = normal / (1 - a)"));
    m_basis->setCurrentIndex(study.allowanceBasis == study::AllowanceBasis::WorkingTime ? 1 : 0);
    m_allowance->setRange(0, 99);
    m_allowance->setDecimals(1);
    m_allowance->setSuffix(tr(" %"));
    m_allowance->setValue(study.allowancePercent);
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(m_notes->fontMetrics().lineSpacing() * 5);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Date:"), m_date);
    form->addRow(tr("&Observer:"), m_observer);
    form->addRow(tr("&Location:"), m_location);
    form->addRow(tr("S&hift:"), m_shift);
    form->addRow(tr("&Rating:"), m_rating);
    form->addRow(tr("Allowances (PF&&D) &as:"), m_basis);
    form->addRow(tr("Allo&wance:"), m_allowance);
    form->addRow(tr("&Notes:"), m_notes);
}

study::Study StudyDetailsForm::study() const
{
    study::Study s = m_study;
    s.date = m_date->date().toString(Qt::ISODate).toStdString();
    s.observer = m_observer->text().trimmed().toStdString();
    s.location = m_location->text().trimmed().toStdString();
    s.shift = m_shift->text().trimmed().toStdString();
    s.notes = m_notes->toPlainText().toStdString();
    s.ratingMethod = m_rating->currentIndex() == 1 ? study::RatingMethod::None : study::RatingMethod::PaceRating;
    s.allowanceBasis = m_basis->currentIndex() == 1 ? study::AllowanceBasis::WorkingTime : study::AllowanceBasis::NormalTime;
    s.allowancePercent = m_allowance->value();
    return s;
}

} // namespace gemba::ui
