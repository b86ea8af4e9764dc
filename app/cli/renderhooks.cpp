#include "renderhooks.h"

namespace gemba::cli {
namespace {
RenderHooks& hooks()
{
    static RenderHooks instance;
    return instance;
}
} // namespace

void setRenderHooks(RenderHooks h) { hooks() = std::move(h); }
const RenderHooks& renderHooks() { return hooks(); }

} // namespace gemba::cli
