// The list of scenes, in the order the UI shows them.
#include "scenes/plane2d_scene.h"
#include "scenes/scene.h"
#include "scenes/space3d_scene.h"

namespace linscape::scenes {

const std::vector<SceneInfo>& sceneRegistry() {
    static const std::vector<SceneInfo> registry = {
        {"plane2d", "Linear maps in 2D",
         "The plane deforming under a 2x2 matrix: grid, basis vectors, area and orientation.",
         [] { return std::make_unique<Plane2DScene>(); }},
        {"space3d", "Linear maps in 3D",
         "Space deforming under a 3x3 matrix: the unit cube, volume, orientation and collapse.",
         [] { return std::make_unique<Space3DScene>(); }},
    };
    return registry;
}

} // namespace linscape::scenes
