"""d2lmini: the few d2l-style helpers the Weight Decay Lab notebooks use.

Modules, one idea each: ``data`` (synthetic data, minibatches), ``linreg``
(model, losses, penalty, SGD), ``plotting`` (style, Animator, fast slider redraws), ``widgets``
(sliders), ``sweep`` (many lambdas at once), ``report`` (printed checks),
``utils`` (seed, device).
"""

from ._validate import DivergenceError
from .data import load_array, synthetic_data
from .linreg import evaluate_loss, init_params, l2_penalty, linreg, ridge, sgd, squared_loss
from .plotting import COLORS, Animator, figure_png, freeze_static, new_figure, use_style
from .report import check_gap, max_abs_diff
from .nb02 import SweepResult, train_lambda_grid
from .utils import set_seed, try_gpu
from .widgets import GridSlider, SliderFigure, lambda_grid

__all__ = [
    "COLORS", "Animator", "DivergenceError", "GridSlider", "SliderFigure", "SweepResult",
    "check_gap", "evaluate_loss", "figure_png", "freeze_static", "init_params", "l2_penalty", "lambda_grid",
    "linreg", "load_array", "max_abs_diff", "ridge", "new_figure", "set_seed", "sgd", "squared_loss",
    "synthetic_data", "train_lambda_grid", "try_gpu", "use_style",
]
__version__ = "0.1.0"
from . import checks, nb01, nb02, nb03, nb04, nb05  # noqa: E402  (per-notebook plumbing: d2l.nb04.BallPicture)

# ---- TEMPORARY flat re-exports of per-notebook names: the lead deletes everything below at integration.
# ---- Notebooks and tests must use d2l.nbNN.<name> / d2l.checks.nbNN.<name> instead.
from .nb04 import (  # noqa: E402  (notebook 04: constrained vs penalized, L1 vs L2)
    BallPicture,
    Quadratic,
    correlated_data,
    frame_data,
    gd_factors,
    hess_vec,
    kkt_multiplier,
    lambda_for_theta,
    lasso_first_zero,
    lasso_kkt_violation,
    lasso_prox_grad,
    loss_ellipse,
    plot_loss_contours,
    project_l2_ball,
    projected_gradient,
    ridge_path,
    ridge_solution,
    shrinkage_factors,
    soft_threshold,
    squared_norm_path,
)

__all__ += [
    "BallPicture", "Quadratic", "correlated_data", "frame_data", "gd_factors",
    "hess_vec", "kkt_multiplier", "lambda_for_theta", "lasso_first_zero", "lasso_kkt_violation",
    "lasso_prox_grad", "loss_ellipse", "plot_loss_contours", "project_l2_ball", "projected_gradient",
    "ridge_path", "ridge_solution", "shrinkage_factors", "soft_threshold", "squared_norm_path",
]
from .nb01 import (  # noqa: E402  (notebook 01: bias and variance, measured)
    SweepBV,
    decompose,
    draw_training_sets,
    legendre_features,
    noisy_label_error,
    ridge_beats_ols_until,
    ridge_bias_variance,
    ridge_fit,
    ridge_moments,
    ridge_weight_mse,
)

__all__ += [
    "SweepBV", "decompose", "draw_training_sets", "legendre_features", "noisy_label_error",
    "ridge_beats_ols_until", "ridge_bias_variance", "ridge_fit", "ridge_moments", "ridge_weight_mse",
]
from .classify import accuracy, make_moons, mlp, probability_grid, train_classifier
from .nb03 import param_groups, split_decay_names, weight_sq_norm

__all__ += ["accuracy", "make_moons", "mlp", "probability_grid", "train_classifier",
            "param_groups", "split_decay_names", "weight_sq_norm"]
