// File > Import Data Set…: a CSV file into the project as a named data set (issue 7 §1). The
// user picks the file, the name (the file's base name, made unique), the delimiter and the
// decimal mark (the same choices as every CSV import: dialogs/csvoptionboxes.h), and sees the
// first rows with each column's kind. The import itself is the document's (all or nothing, one
// undo step); an error names the file, line and column, and the dialog comes back as it was.
#pragma once

#include "io/csvreader.h"
#include "study/model.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace gemba::ui {

class ProjectDocument;

class DataSetImportDialog : public QDialog {
    Q_OBJECT
public:
    DataSetImportDialog(ProjectDocument* document, const QString& path, QWidget* parent = nullptr);

    // Asks for a file (unless `path` is given), shows the dialog and imports until it succeeds
    // or the user gives up; an error is shown and the dialog comes back with every choice as
    // it was. Returns the new data set's id, 0 when nothing was imported.
    static study::Id importInto(ProjectDocument* document, QWidget* parent, const QString& path = {});

    QString path() const;
    QString name() const;
    io::CsvOptions options() const;
    void setPath(const QString& path);
    QTableWidget* preview() const { return m_preview; }
    QString problem() const;   // why the first rows cannot be read as set; empty when they can
    void focusSetting(const QString& field);   // Error::field "decimal" or "delimiter"

    static constexpr int kPreviewRows = 20;

private:
    void browse();
    void readPreview();

    ProjectDocument* m_document;
    QLineEdit* m_path;
    QLineEdit* m_name;
    QComboBox* m_delimiter;
    QComboBox* m_decimal;
    QLabel* m_problem;
    QLabel* m_columns;
    QTableWidget* m_preview;
    QPushButton* m_import = nullptr;
    bool m_nameEdited = false;   // a name the user typed is kept when the file changes
};

} // namespace gemba::ui
