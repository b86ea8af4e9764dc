// Runs the real `gemba report` on the demo project: a valid PDF with the study, the step names,
// the limits and "Page 1 of N" in it, on A4 or Letter; errors on stderr with exit 1 (no such
// study, an output that cannot be written) and exit 2 for bad usage.
#include "demoproject.h"
#include "projectdocument.h"
#include "store/chartspec.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
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

int pdfPages(const QString& pdf)
{
    const Run info = run(QStringLiteral("pdfinfo"), {pdf});
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info.out);
    return info.exitCode == 0 && m.hasMatch() ? m.captured(1).toInt() : -1;
}

QString pdfText(const QString& pdf)
{
    return run(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")})
        .out.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
}

} // namespace

class TestCliReport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFile::exists(QStringLiteral(GEMBA_CLI_PATH)), GEMBA_CLI_PATH);
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext and pdfinfo (poppler-utils) are needed: run packaging/install-deps");
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("demo.gemba"));
        QString error;
        auto doc = gemba::ui::ProjectDocument::open(m_project, &error);
        QVERIFY2(doc, qPrintable(error));
        QCOMPARE(gemba::ui::populateDemoProject(*doc), QString());
        // The study as `gemba summary` names it: "date - observer (place)".
        m_studyLabel = QString::fromStdString(doc->studies().front().date) + QStringLiteral(" - Demo observer (Line 2, bench 3)");
    }

    void demoReport()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("demo.pdf"));
        const QStringList args{QStringLiteral("report"), m_project, QStringLiteral("-o"), pdf};
        const Run r = runGemba(args);
        QVERIFY2(r.exitCode == 0, describe(args, r));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(5), QByteArray("%PDF-"));
        // A page for the header and summary, then the seven steps' charts two or one a page.
        const int pages = pdfPages(pdf);
        QVERIFY2(pages >= 4 && pages <= 9, qPrintable(QString::number(pages)));
        const Run info = run(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.out.contains(QStringLiteral("595 x 842 pts (A4)")), qPrintable(info.out));
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(m_studyLabel), qPrintable(text.left(400)));
        for (const char* expected : {"Pump housing assembly", "UCL", "Study summary", "Pick housing from bin",
                                     "Insert impeller", "Fit O-ring and cover", "Drive 4 screws", "Walk to leak tester",
                                     "Leak test", "Label and put in tote", "demo.gemba"})
            QVERIFY2(text.contains(QString::fromUtf8(expected)), expected);
        QVERIFY(text.contains(QStringLiteral("Page 1 of %1").arg(pages)));
        QVERIFY(text.contains(QStringLiteral("Page %1 of %1").arg(pages)));
    }

    void letterAndOneStudy()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("letter.pdf"));
        const QStringList args{QStringLiteral("report"), m_project,   QStringLiteral("--study"), m_studyLabel,
                               QStringLiteral("--page-size"), QStringLiteral("letter"), QStringLiteral("-o"), pdf};
        const Run r = runGemba(args);
        QVERIFY2(r.exitCode == 0, describe(args, r));
        const Run info = run(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.out.contains(QStringLiteral("612 x 792 pts (letter)")), qPrintable(info.out));
        QVERIFY(pdfPages(pdf) >= 4);
    }

    void errorsExitOne()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("none.pdf"));
        QStringList args{QStringLiteral("report"), m_project, QStringLiteral("--study"), QStringLiteral("nope"),
                         QStringLiteral("-o"), pdf};
        Run r = runGemba(args);
        QVERIFY2(r.exitCode == 1, describe(args, r));
        QVERIFY2(r.err.contains(QStringLiteral("gemba report: no study 'nope'")), describe(args, r));
        QVERIFY(!QFile::exists(pdf));

        args = QStringList{QStringLiteral("report"), m_project, QStringLiteral("-o"),
                           m_dir.filePath(QStringLiteral("no/such/folder/r.pdf"))};
        r = runGemba(args);
        QVERIFY2(r.exitCode == 1, describe(args, r));
        QVERIFY2(r.err.contains(QStringLiteral("cannot write")), describe(args, r));

        args = QStringList{QStringLiteral("report"), m_dir.filePath(QStringLiteral("missing.gemba")),
                           QStringLiteral("-o"), pdf};
        r = runGemba(args);
        QVERIFY2(r.exitCode == 1, describe(args, r));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("missing.gemba"))));
    }

    // A project with a data set's saved chart and no study: the report is that chart, headed by
    // the data set and the column; one with neither says so.
    void dataSetCharts()
    {
        const QString project = m_dir.filePath(QStringLiteral("sets.gemba"));
        const QString csv = m_dir.filePath(QStringLiteral("fill.csv"));
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Bottle,Fill weight\n");
            for (int r = 1; r <= 25; ++r)
                f.write(QStringLiteral("%1,%2\n").arg(r).arg(500.0 + ((r * 3) % 7 - 3) * 0.4).toUtf8());
        }
        {
            QString error;
            auto doc = gemba::ui::ProjectDocument::open(project, &error);
            QVERIFY2(doc, qPrintable(error));
            const auto set = doc->project().importDataSet(csv.toStdString(), "Filler line 3");
            QVERIFY(set);
            gemba::store::ChartSpec spec;
            spec.source.kind = gemba::store::ChartSourceKind::DataSetColumn;
            spec.source.dataSetId = *set;
            spec.source.valueColumn = "Fill weight";
            QVERIFY(doc->project().addChart(spec));
        }
        const QString pdf = m_dir.filePath(QStringLiteral("sets.pdf"));
        QStringList args{QStringLiteral("report"), project, QStringLiteral("-o"), pdf};
        Run r = runGemba(args);
        QVERIFY2(r.exitCode == 0, describe(args, r));
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QStringLiteral("Data set: Filler line 3")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Data set chart: Filler line 3, column Fill weight")));
        QVERIFY(text.contains(QStringLiteral("UCL")));
        QVERIFY(text.contains(QStringLiteral("Page 1 of %1").arg(pdfPages(pdf))));

        const QString empty = m_dir.filePath(QStringLiteral("empty.gemba"));
        QVERIFY(gemba::ui::ProjectDocument::open(empty, nullptr));
        args = QStringList{QStringLiteral("report"), empty, QStringLiteral("-o"), m_dir.filePath(QStringLiteral("e.pdf"))};
        r = runGemba(args);
        QVERIFY2(r.exitCode == 1, describe(args, r));
        QVERIFY2(r.err.contains(QStringLiteral("has no studies and no charts of data sets yet")), describe(args, r));
    }

    void usageExitsTwo()
    {
        for (const QStringList& args :
             {QStringList{QStringLiteral("report"), m_project},
              QStringList{QStringLiteral("report"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("x.pdf"))},
              QStringList{QStringLiteral("report"), m_project, QStringLiteral("--page-size"), QStringLiteral("a3"),
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
        QVERIFY(r.out.contains(QStringLiteral("report PROJECT [--study NAME|ID] [--page-size a4|letter] -o FILE.pdf")));
        r = runGemba({QStringLiteral("report"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("--page-size")));
    }

private:
    QTemporaryDir m_dir;
    QString m_project;
    QString m_studyLabel;
};

QTEST_MAIN(TestCliReport)
#include "tst_clireport.moc"
