// Maps the columns of a CSV file of observations to step, cycle and time before importing, and
// shows the details the new study will have.
#pragma once

#include "store/observationcsv.h"
#include "study/model.h"

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QComboBox;

namespace gemba::ui {

class StudyDetailsForm;

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    // `header` holds the file's column names; `study` is the new study the observations go to.
    ImportDialog(const QString& fileName, const QStringList& header, const study::Study& study,
                 QWidget* parent = nullptr);
    store::ObservationCsvImportOptions options() const;
    study::Study study() const;   // the new study with the details as edited

private:
    QComboBox* column(const QString& guess, bool optional);
    QString chosen(const QComboBox* box) const;

    QStringList m_header;
    QComboBox* m_step;
    QComboBox* m_stepMatch;
    QComboBox* m_cycle;
    QComboBox* m_duration;
    QComboBox* m_start;
    QComboBox* m_end;
    QComboBox* m_rating;
    QComboBox* m_note;
    QCheckBox* m_createSteps;
    StudyDetailsForm* m_details;
};

} // namespace gemba::ui
