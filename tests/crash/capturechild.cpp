// Child process for the crash-safety test: times laps as fast as it can into a project and
// prints each lap's observation id once the store has acknowledged it ("ack ID"). The test
// kills it with SIGKILL at a random moment. Usage: gemba_capture_child PROJECT SEED
#include "store/project.h"
#include "study/clock.h"
#include "study/stopwatchsession.h"

#include <cstdio>
#include <cstdlib>
#include <random>

using namespace gemba;

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s PROJECT SEED\n", argv[0]);
        return 2;
    }
    auto project = store::Project::open(argv[1]);
    if (!project) {
        std::fprintf(stderr, "%s\n", project.error().message.c_str());
        return 1;
    }
    auto processes = (*project)->processes();
    if (!processes || processes->empty())
        return 1;
    auto steps = (*project)->steps(processes->front().id);
    if (!steps || steps->empty())
        return 1;
    study::Study s;
    s.processId = processes->front().id;
    s.date = "2026-11-23";
    s.observer = "crash test";
    if (!(*project)->addStudy(s))
        return 1;

    study::SystemClock clock;
    study::StopwatchSession session(s, *steps, **project);
    std::mt19937 rng(static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)));
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    for (;;) {
        const int action = static_cast<int>(rng() % 20);
        if (action == 0 && session.canUndo()) {
            // Announce before acting: a kill between the commit and the print must not make
            // the test expect an observation that was legitimately undone.
            const auto& obs = session.observations();
            for (auto it = obs.rbegin(); it != obs.rend(); ++it) {
                if (!it->foreignElement) {
                    std::printf("undo %lld\n", static_cast<long long>(it->id));
                    break;
                }
            }
            if (!session.undoLastLap())
                return 1;
            continue;
        }
        if (action == 1 && session.started()) {
            if (auto r = session.markAbnormal(); r)
                std::printf("ack %lld\n", static_cast<long long>(r->id));
            continue;
        }
        auto r = session.lap(clock.now());
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().message.c_str());
            return 1;
        }
        if (r->observation)
            std::printf("ack %lld\n", static_cast<long long>(r->observation->id));
    }
}
