#include "analysis/analysisrunner.h"

namespace gemba::ui {

AnalysisRunner::AnalysisRunner(QObject* parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(30000);
}

AnalysisRunner::~AnalysisRunner()
{
    cancel();
    m_pool.waitForDone();
}

void AnalysisRunner::cancel()
{
    ++*m_latest;
    m_busy = false;
}

} // namespace gemba::ui
