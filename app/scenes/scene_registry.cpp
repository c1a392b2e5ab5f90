// The list of scenes, in the order the UI shows them.
#include "scenes/plane2d_scene.h"
#include "scenes/scene.h"

namespace linscape::scenes {

const std::vector<SceneInfo>& sceneRegistry() {
    static const std::vector<SceneInfo> registry = {
        {"plane2d", "Linear maps in 2D",
         "The plane deforming under a 2x2 matrix: grid, basis vectors, area and orientation.",
         [] { return std::make_unique<Plane2DScene>(); }},
    };
    return registry;
}

} // namespace linscape::scenes
