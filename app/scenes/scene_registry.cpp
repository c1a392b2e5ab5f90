// The list of scenes, in the order the UI shows them.
#include "scenes/lowrank_scene.h"
#include "scenes/pca_scene.h"
#include "scenes/plane2d_scene.h"
#include "scenes/projection_scene.h"
#include "scenes/scene.h"

namespace linscape::scenes {

const std::vector<SceneInfo>& sceneRegistry() {
    static const std::vector<SceneInfo> registry = {
        {"plane2d", "Linear maps in 2D",
         "The plane deforming under a 2x2 matrix: grid, basis vectors, area and orientation.",
         [] { return std::make_unique<Plane2DScene>(); }},
        {"projection", "Projection, least squares",
         "b dropped onto a line (P = UU\u1d40 from QR) and a line fitted to points as a "
         "projection.",
         [] { return std::make_unique<ProjectionScene>(); }},
        {"lowrank", "Low rank and LoRA",
         "A rank-k slider on an image with its SVD spectrum (Eckart-Young), and LoRA's dW = BA.",
         [] { return std::make_unique<LowRankScene>(); }},
        {"pca", "PCA: principal components",
         "A correlated cloud centred, its covariance diagonalised, points dropped onto PC1.",
         [] { return std::make_unique<PcaScene>(); }},
    };
    return registry;
}

} // namespace linscape::scenes
