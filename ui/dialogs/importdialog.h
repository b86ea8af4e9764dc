// Maps the columns of a CSV file of observations to step, cycle and time before importing.
#pragma once

#include "store/observationcsv.h"

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QComboBox;

namespace gemba::ui {

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    // `header` holds the file's column names.
    ImportDialog(const QString& fileName, const QStringList& header, QWidget* parent = nullptr);
    store::ObservationCsvImportOptions options() const;

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
};

} // namespace gemba::ui
