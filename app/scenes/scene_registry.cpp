// The list of scenes, in the order the UI shows them.
#include "scenes/eigen_scene.h"
#include "scenes/plane2d_scene.h"
#include "scenes/scene.h"
#include "scenes/space3d_scene.h"
#include "scenes/svd_scene.h"

namespace linscape::scenes {

const std::vector<SceneInfo>& sceneRegistry() {
    static const std::vector<SceneInfo> registry = {
        {"plane2d", "Linear maps in 2D",
         "The plane deforming under a 2x2 matrix: grid, basis vectors, area and orientation.",
         [] { return std::make_unique<Plane2DScene>(); }},
        {"space3d", "Linear maps in 3D",
         "Space deforming under a 3x3 matrix: the unit cube, volume, orientation and collapse.",
         [] { return std::make_unique<Space3DScene>(); }},
        {"eigen", "Eigenvectors",
         "Directions that stay on their lines while the plane deforms, and a sweep of v with Av.",
         [] { return std::make_unique<EigenScene>(); }},
        {"svd", "SVD: rotate, scale, rotate",
         "The unit circle through Vᵀ, Σ and U in three stages: singular values as semi-axes.",
         [] { return std::make_unique<SvdScene>(); }},
    };
    return registry;
}

} // namespace linscape::scenes
