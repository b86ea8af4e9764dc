// Maps the columns of a CSV file of observations to step, cycle and time before importing,
// settles how the file is written (delimiter, decimal mark), and shows the details the new
// study will have.
#pragma once

#include "store/observationcsv.h"
#include "study/model.h"

#include <QDialog>
#include <QStringList>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace gemba::ui {

class StudyDetailsForm;

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    // Reads the header of the CSV file at `path` itself (again whenever the delimiter is
    // changed); `study` is the new study the observations go to.
    ImportDialog(const QString& path, const study::Study& study, QWidget* parent = nullptr);
    store::ObservationCsvImportOptions options() const;
    study::Study study() const;   // the new study with the details as edited
    QStringList header() const { return m_header; }
    QString problem() const;      // why the file's header cannot be read as set; empty when it can

    // Points the user at the control that settles an import error (Error::field "decimal" or
    // "delimiter"), so the next attempt is one choice away.
    void focusSetting(const QString& field);

private:
    struct ColumnChoice {
        QComboBox* box;
        QString guess;   // preselect the first column whose name contains this
        bool optional;
    };
    QComboBox* column(const QString& guess, bool optional);
    QString chosen(const QComboBox* box) const;
    io::CsvOptions csvOptions() const;
    void readHeader();

    QString m_path;
    QStringList m_header;
    std::vector<ColumnChoice> m_columns;
    QComboBox* m_delimiter;
    QComboBox* m_decimal;
    QLabel* m_problem;
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
    QPushButton* m_import = nullptr;
};

} // namespace gemba::ui
