// The list of scenes, in the order the UI shows them.
#include "scenes/matmul_scene.h"
#include "scenes/plane2d_scene.h"
#include "scenes/scene.h"
#include "scenes/speedlab_scene.h"
#include "scenes/tiles_scene.h"

namespace linscape::scenes {

const std::vector<SceneInfo>& sceneRegistry() {
    static const std::vector<SceneInfo> registry = {
        {"plane2d", "Linear maps in 2D",
         "The plane deforming under a 2x2 matrix: grid, basis vectors, area and orientation.",
         [] { return std::make_unique<Plane2DScene>(); }},
        {"matmul", "Matrix multiplication",
         "C = AB as row-by-column dot products, filled cell by cell or tile by tile, with shapes.",
         [] { return std::make_unique<MatmulScene>(); }},
        {"tiles", "Tile schedule",
         "The engine's multiply recorded tile by tile: which worker computed which block, in "
         "order.",
         [] { return std::make_unique<TilesScene>(); }},
        {"speedlab", "Speed lab",
         "Naive loop, blocked loop and the engine on 1 and all threads, timed on this machine.",
         [] { return std::make_unique<SpeedLabScene>(); }},
    };
    return registry;
}

} // namespace linscape::scenes
