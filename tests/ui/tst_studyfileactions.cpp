// File > Export Study to Excel… and File > Import Element List… (dialogs/studyfileactions.h):
// the workbook holds the current study's elements; an element list becomes a new process as
// one undo step, and a bad file changes nothing and names its line and column.
#include "dialogs/studyfileactions.h"
#include "mainwindow.h"
#include "projectdocument.h"
#include "store/project.h"
#include "windowcontext.h"
#include "xlsxcells.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QWidget>
#include <QtTest>

#include <memory>

using namespace gemba;
using namespace gemba::ui;

class TestStudyFileActions : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void exportWritesTheStudysElements();
    void importIsOneUndoStep();
    void badFileChangesNothing();
    void windowHasBothEntries();

private:
    QString writeFile(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path;
    }
    std::size_t processCount()
    {
        auto p = m_doc->project().processes();
        return p ? p->size() : 0;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ProjectDocument> m_doc;
    std::unique_ptr<WindowContext> m_context;
    std::unique_ptr<QWidget> m_window;
    StudyFileActions* m_actions = nullptr;
};

void TestStudyFileActions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString file = m_dir->filePath("p.gemba");
    study::Study s;
    {
        auto project = store::Project::open(file.toStdString());
        QVERIFY(project);
        // Press line: Load, Fit, and a study of it.
        study::Process process{0, "Press line", ""};
        QVERIFY((*project)->addProcess(process));
        for (const char* name : {"Load", "Fit"}) {
            study::Step step;
            step.processId = process.id;
            step.position = -1;
            step.name = name;
            QVERIFY((*project)->addStep(step));
        }
        s.processId = process.id;
        s.date = "2026-12-03";
        s.observer = "Ana";
        QVERIFY((*project)->addStudy(s));
    }
    QString error;
    m_doc = ProjectDocument::open(file, &error);
    QVERIFY2(m_doc, qPrintable(error));
    m_context = std::make_unique<WindowContext>(m_doc.get());
    QCOMPARE(m_context->studyId(), s.id);
    m_window = std::make_unique<QWidget>();
    m_actions = new StudyFileActions(m_window.get(), [this] { return m_context.get(); });
}

void TestStudyFileActions::cleanup()
{
    m_window.reset();
    m_context.reset();
    m_doc.reset();
    m_dir.reset();
}

void TestStudyFileActions::exportWritesTheStudysElements()
{
    const QString path = m_dir->filePath("study.xlsx");
    QCOMPARE(m_actions->exportXlsx(path), QString());
    const test::XlsxBook book = test::readXlsx(path);
    const int elements = static_cast<int>(book.sheetNames.indexOf("Elements"));
    QVERIFY2(elements >= 0, qPrintable(book.sheetNames.join(',')));
    // Row 1 is the header; the elements follow in their order, their names in some column.
    QStringList row2, row3;
    for (auto it = book.sheets[elements].cells.cbegin(); it != book.sheets[elements].cells.cend(); ++it) {
        if (it->type != test::XlsxCell::Text)
            continue;
        if (it.key().endsWith(QLatin1String("2")) && it.key().size() == 2)
            row2 << it->text;
        if (it.key().endsWith(QLatin1String("3")) && it.key().size() == 2)
            row3 << it->text;
    }
    QVERIFY2(row2.contains("Load"), qPrintable(row2.join('|')));
    QVERIFY2(row3.contains("Fit"), qPrintable(row3.join('|')));

    // An unwritable path is an error naming the file, and no study means a message too.
    const QString bad = m_dir->filePath("no/such/dir/study.xlsx");
    const QString error = m_actions->exportXlsx(bad);
    QVERIFY2(error.contains(QDir::toNativeSeparators(bad)), qPrintable(error));
    QVERIFY(!QFile::exists(bad));
}

void TestStudyFileActions::importIsOneUndoStep()
{
    const QString path = writeFile("cell 4.csv",
                                   "name,type,kind,every,value_class,description,inside\n"
                                   "Load,manual,cyclic,,value-adding,Load the blank,\n"
                                   "Press,machine,machine,1,necessary-non-value-adding,Press cycle,\n"
                                   "Deburr,manual,cyclic,,value-adding,Deburr while pressing,Press\n"
                                   "Reel change,manual,occasional,20,necessary-non-value-adding,New reel,\n");
    QUndoStack* stack = m_doc->undoStack();
    const int before = stack->count();
    QCOMPARE(m_actions->importSteps(path, "Cell 4"), QString());
    QCOMPARE(stack->count(), before + 1);
    QCOMPARE(processCount(), std::size_t(2));

    // The document's (and so the window's) current process is the new one, with its steps.
    const study::Id id = m_doc->currentProcessId();
    QVERIFY(m_doc->currentProcess());
    QCOMPARE(m_doc->currentProcess()->name, std::string("Cell 4"));
    auto check = [&](study::Id processId) {
        auto steps = m_doc->project().steps(processId);
        QVERIFY(steps);
        QCOMPARE(steps->size(), std::size_t(4));
        const auto& s = *steps;
        QCOMPARE(s[0].name, std::string("Load"));
        QCOMPARE(static_cast<int>(s[0].kind), static_cast<int>(study::ElementKind::Cyclic));
        QCOMPARE(static_cast<int>(s[1].kind), static_cast<int>(study::ElementKind::MachineControlled));
        QCOMPARE(static_cast<int>(s[1].type), static_cast<int>(study::StepType::Machine));
        QCOMPARE(s[2].insideStepId, s[1].id);   // Deburr runs inside Press
        QCOMPARE(static_cast<int>(s[3].kind), static_cast<int>(study::ElementKind::Occasional));
        QCOMPARE(s[3].every, 20.0);
        QCOMPARE(s[0].insideStepId, study::Id(0));
    };
    check(id);

    stack->undo();
    QCOMPARE(processCount(), std::size_t(1));
    QCOMPARE(m_doc->currentProcess()->name, std::string("Press line"));

    stack->redo();
    QCOMPARE(processCount(), std::size_t(2));
    QCOMPARE(m_doc->currentProcess()->name, std::string("Cell 4"));
    check(m_doc->currentProcessId());

    // A name that is taken is refused before anything is read.
    const QString taken = m_actions->importSteps(path, "cell 4");
    QVERIFY2(taken.contains("Cell 4", Qt::CaseInsensitive), qPrintable(taken));
    QCOMPARE(processCount(), std::size_t(2));
    QCOMPARE(stack->count(), before + 1);
}

void TestStudyFileActions::badFileChangesNothing()
{
    // Line 3, column 3 (kind): 'sometimes' is not a kind.
    const QString path = writeFile("bad.csv",
                                   "name,type,kind,every,value_class,description\n"
                                   "Load,manual,cyclic,,value-adding,\n"
                                   "Fit,manual,sometimes,,value-adding,\n");
    const int before = m_doc->undoStack()->count();
    const QString error = m_actions->importSteps(path, "bad");
    QVERIFY2(error.contains("bad.csv:3:3"), qPrintable(error));
    QVERIFY2(error.contains("sometimes"), qPrintable(error));
    QCOMPARE(processCount(), std::size_t(1));
    QCOMPARE(m_doc->undoStack()->count(), before);
    QCOMPARE(m_doc->currentProcess()->name, std::string("Press line"));
}

void TestStudyFileActions::windowHasBothEntries()
{
    MainWindow window;
    QAction* exportAction = window.findChild<QAction*>("exportStudyXlsxAction");
    QAction* importAction = window.findChild<QAction*>("importElementListAction");
    QVERIFY(exportAction);
    QVERIFY(importAction);
    QCOMPARE(exportAction->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E));
    QCOMPARE(importAction->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_I));
    // No other action of the window has either shortcut.
    for (QAction* a : window.findChildren<QAction*>()) {
        if (a == exportAction || a == importAction)
            continue;
        QVERIFY2(a->shortcut() != exportAction->shortcut(), qPrintable(a->text()));
        QVERIFY2(a->shortcut() != importAction->shortcut(), qPrintable(a->text()));
    }
}

QTEST_MAIN(TestStudyFileActions)
#include "tst_studyfileactions.moc"
