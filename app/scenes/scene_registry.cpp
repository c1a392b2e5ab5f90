// The list of scenes, in the order the UI shows them.
#include "scenes/attention_scene.h"
#include "scenes/eigen3d_scene.h"
#include "scenes/eigen_scene.h"
#include "scenes/layer_scene.h"
#include "scenes/lowrank_scene.h"
#include "scenes/matmul_scene.h"
#include "scenes/pca3d_scene.h"
#include "scenes/pca_scene.h"
#include "scenes/plane2d_scene.h"
#include "scenes/projection3d_scene.h"
#include "scenes/projection_scene.h"
#include "scenes/scene.h"
#include "scenes/space3d_scene.h"
#include "scenes/speedlab_scene.h"
#include "scenes/svd3d_scene.h"
#include "scenes/svd_scene.h"
#include "scenes/svdrect_scene.h"
#include "scenes/tiles_scene.h"

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
        {"svd3d", "SVD in 3D",
         "The unit sphere through V\u1d40, \u03a3 and U: an ellipsoid with semi-axes \u03c3\u2081, "
         "\u03c3\u2082, \u03c3\u2083.",
         [] { return std::make_unique<Svd3DScene>(); }},
        {"svdrect", "SVD of a 3x2 or 2x3 matrix",
         "A 3x2 matrix lifts the plane into space, a 2x3 one flattens space onto the plane: "
         "V\u1d40, \u03a3, U in three stages.",
         [] { return std::make_unique<SvdRectScene>(); }},
        {"eigen3d", "Eigenvectors in 3D",
         "The eigen-directions of a 3x3 matrix as lines labelled \u03bb: vectors on them only "
         "stretch; a complex pair turns a plane.",
         [] { return std::make_unique<Eigen3DScene>(); }},
        {"projection", "Projection, least squares",
         "b dropped onto a line (P = UU\u1d40 from QR) and a line fitted to points as a "
         "projection.",
         [] { return std::make_unique<ProjectionScene>(); }},
        {"projection3d", "Projection in 3D, plane fit",
         "b dropped onto the plane of u\u2081, u\u2082 (P = QQ\u1d40 from QR) and a plane fitted "
         "to points.",
         [] { return std::make_unique<Projection3DScene>(); }},
        {"lowrank", "Low rank and LoRA",
         "A rank-k slider on an image with its SVD spectrum (Eckart-Young), and LoRA's dW = BA.",
         [] { return std::make_unique<LowRankScene>(); }},
        {"pca", "PCA: principal components",
         "A correlated cloud centred, its covariance diagonalised, points dropped onto PC1.",
         [] { return std::make_unique<PcaScene>(); }},
        {"pca3d", "PCA in 3D",
         "A 3D cloud centred, its 3x3 covariance diagonalised, points dropped onto PC1 or a plane.",
         [] { return std::make_unique<Pca3DScene>(); }},
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
        {"attention", "Attention",
         "Scaled dot-product attention on a typed sentence: Q, K, V, scores and softmax weights "
         "as heatmaps, masks, several heads.",
         [] { return std::make_unique<AttentionScene>(); }},
        {"layer", "Layer forward pass",
         "A linear layer Z = XWᵀ + b on a batch, with broadcasting of b and ReLU/GELU.",
         [] { return std::make_unique<LayerScene>(); }},
    };
    return registry;
}

} // namespace linscape::scenes
