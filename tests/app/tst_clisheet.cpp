// Runs the real `gemba sheet` on a small project built here: a valid PDF on A4 or Letter with the
// study, the element names, their kinds and frequencies, the standard time (figures checked by
// hand below), the validity figure and the signature lines; the latest study by default; errors exit 1, bad usage 2.
#include "store/project.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    // The figures are printed in the locale's notation: the C locale's decimal point here.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("%1 did not start or finish").arg(program);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

Run runGemba(const QStringList& args) { return run(QStringLiteral(GEMBA_CLI_PATH), args); }

QByteArray describe(const QStringList& args, const Run& r)
{
    return ("gemba " + args.join(' ') + " → exit " + QString::number(r.exitCode) + "\nstdout: " + r.out +
            "\nstderr: " + r.err)
        .toUtf8();
}

QString pdfText(const QString& pdf)
{
    return run(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")})
        .out.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
}

void check(bool ok, const char* what)
{
    if (!ok)
        qFatal("%s", what);
}

// Two studies of "Reel winding": an early one ("trial") and the one the sheet is for.
// Elements: Pick blank (cyclic), Wind reel (machine-controlled), Change spool (occasional,
// every 20 cycles). PF&D 15 % of basic time, not split by category.
// Pick blank: 10, 11, 12 s at 100 % → basic 11 s, standard 11 × 1.15 = 12.65 s (a cyclic
// manual element: the same whatever the kinds of the others).
QString makeProject(const QString& file)
{
    auto opened = store::Project::open(file.toStdString());
    check(bool(opened), "open");
    auto& p = **opened;
    study::Process proc{0, "Reel winding", "Wind wire onto reels at station 4"};
    check(bool(p.addProcess(proc)), "addProcess");
    std::vector<study::Step> steps;
    for (const char* name : {"Pick blank", "Wind reel", "Change spool"}) {
        study::Step s;
        s.processId = proc.id;
        s.position = -1;
        s.name = name;
        check(bool(p.addStep(s)), "addStep");
        steps.push_back(s);
    }
    steps[1].type = study::StepType::Machine;
    steps[1].kind = study::ElementKind::MachineControlled;
    steps[2].kind = study::ElementKind::Occasional;
    steps[2].every = 20;
    for (const auto& s : steps)
        check(bool(p.updateStep(s)), "updateStep");

    for (const char* notes : {"trial", "final"}) {
        study::Study s;
        s.processId = proc.id;
        s.date = "2026-12-03";
        s.observer = "A. Observer";
        s.location = "Hall 2";
        s.notes = notes;
        s.operatorName = "B. Operator";
        s.allowances = {};
        s.allowancePercent = 15;
        s.startedWallUs = 1'796'284'800'000'000;
        check(bool(p.addStudy(s)), "addStudy");
        std::int64_t t = 1'000'000;
        auto add = [&](study::Id cycleId, study::Id stepId, double seconds, std::optional<double> rating) {
            study::Observation o;
            o.studyId = s.id;
            o.cycleId = cycleId;
            o.stepId = stepId;
            o.startUs = t;
            o.durationUs = static_cast<std::int64_t>(seconds * 1e6);
            o.endUs = t + o.durationUs;
            o.wallStartUs = s.startedWallUs + t;
            o.ratingPercent = rating;
            t = o.endUs;
            check(bool(p.addObservation(o)), "addObservation");
        };
        for (int number = 1; number <= 3; ++number) {
            study::Cycle c{0, s.id, number};
            check(bool(p.addCycle(c)), "addCycle");
            add(c.id, steps[0].id, 9 + number, 100);
            add(c.id, steps[1].id, 30, 120);
            if (number == 3)
                add(c.id, steps[2].id, 120, 100);
        }
    }
    return file;
}

} // namespace

class TestCliSheet : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFile::exists(QStringLiteral(GEMBA_CLI_PATH)), GEMBA_CLI_PATH);
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext and pdfinfo (poppler-utils) are needed: run packaging/install-deps");
        QVERIFY(m_dir.isValid());
        m_project = makeProject(m_dir.filePath(QStringLiteral("reels.gemba")));
    }

    void latestStudyOnA4()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("sheet.pdf"));
        const QStringList args{QStringLiteral("sheet"), m_project, QStringLiteral("-o"), pdf};
        const Run r = runGemba(args);
        QVERIFY2(r.exitCode == 0, describe(args, r));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(5), QByteArray("%PDF-"));
        const Run info = run(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.out.contains(QStringLiteral("595 x 842 pts (A4)")), qPrintable(info.out));
        QVERIFY2(info.out.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))), qPrintable(info.out));
        const QString text = pdfText(pdf);
        for (const char* expected :
             {"Time study sheet", "Reel winding", "2026-12-03 - A. Observer (Hall 2)", "id 2 — final", "Pick blank", "Wind reel",
              "Change spool", "Totals per cycle", "Standard time", "Standard time per occurrence (s)", "12.65",
              "Recording error 0.00 %: within the 2 % limit", "Signatures", "Supervisor / approved by", "Operator",
              "Date", "Page 1 of 1"})
            QVERIFY2(text.contains(QString::fromUtf8(expected)), qPrintable(QString::fromUtf8(expected) + " in: " + text));
        QVERIFY2(!text.contains(QStringLiteral("trial")), qPrintable(text));
        // Kinds and frequencies persist (file format 4). Per cycle: Pick blank 12.65 s; Wind reel,
        // machine-controlled, takes no PF&D (it includes personal and fatigue time): 30 s; Change
        // spool 120 × 1.15 = 138 s once every 20 cycles: 6.9 s. 12.65 + 30 + 6.9 = 49.55 s.
        QString joined = text;
        joined.replace(QStringLiteral("- "), QStringLiteral("-"));   // a narrow cell wraps after a hyphen
        for (const char* expected : {"machine, machine-controlled", "manual, occasional", "every 20 cycles", "138.00",
                                     "6.90", "Standard time 49.55 s", "Operator B. Operator"})
            QVERIFY2(joined.contains(QString::fromUtf8(expected)), qPrintable(QString::fromUtf8(expected) + " in: " + text));
    }

    void namedStudyOnLetter()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("trial.pdf"));
        const QStringList args{QStringLiteral("sheet"),     m_project, QStringLiteral("--study"),
                               QStringLiteral("trial"),     QStringLiteral("--page-size"),
                               QStringLiteral("letter"),    QStringLiteral("-o"), pdf};
        const Run r = runGemba(args);
        QVERIFY2(r.exitCode == 0, describe(args, r));
        const Run info = run(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.out.contains(QStringLiteral("612 x 792 pts (letter)")), qPrintable(info.out));
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("— trial")), qPrintable(text));
    }

    void errorsExitOne()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("none.pdf"));
        QStringList args{QStringLiteral("sheet"), m_project, QStringLiteral("--study"), QStringLiteral("nope"),
                         QStringLiteral("-o"), pdf};
        Run r = runGemba(args);
        QVERIFY2(r.exitCode == 1, describe(args, r));
        QVERIFY2(r.err.contains(QStringLiteral("gemba sheet: no study 'nope'")), describe(args, r));
        QVERIFY(!QFile::exists(pdf));
        args = QStringList{QStringLiteral("sheet"), m_project, QStringLiteral("-o"),
                           m_dir.filePath(QStringLiteral("no/such/folder/s.pdf"))};
        r = runGemba(args);
        QVERIFY2(r.exitCode == 1, describe(args, r));
        QVERIFY2(r.err.contains(QStringLiteral("cannot write")), describe(args, r));
    }

    void usageExitsTwo()
    {
        for (const QStringList& args :
             {QStringList{QStringLiteral("sheet"), m_project},
              QStringList{QStringLiteral("sheet"), m_project, QStringLiteral("--page-size"), QStringLiteral("a3"),
                          QStringLiteral("-o"), m_dir.filePath(QStringLiteral("x.pdf"))}}) {
            const Run r = runGemba(args);
            QVERIFY2(r.exitCode == 2, describe(args, r));
            QVERIFY2(!r.err.isEmpty(), describe(args, r));
        }
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.pdf"))));
    }

    void listedInHelp()
    {
        Run r = runGemba({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("sheet PROJECT [--study NAME|ID] [--page-size a4|letter] -o FILE.pdf")));
        r = runGemba({QStringLiteral("sheet"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("--page-size")));
    }

private:
    QTemporaryDir m_dir;
    QString m_project;
};

QTEST_MAIN(TestCliSheet)
#include "tst_clisheet.moc"
