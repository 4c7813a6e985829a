"""d2lmini: the few d2l-style helpers the Weight Decay Lab notebooks share (read it in one sitting).

``data`` (synthetic data, minibatches), ``linreg`` (model, loss, penalty, SGD, ridge), ``plotting``
(style, Animator, fast slider redraws), ``widgets`` (sliders), ``utils`` (seed, device, check_gap,
guards). Each notebook's own plumbing is in ``d2l.nbNN`` and its exercise checks in ``d2l.checks.nbNN``.
"""

from .data import load_array, synthetic_data
from .linreg import evaluate_loss, init_params, l2_penalty, linreg, ridge, sgd, squared_loss
from .plotting import COLORS, Animator, figure_png, freeze_static, new_figure, use_style
from .utils import DivergenceError, check_gap, set_seed, try_gpu
from .widgets import GridSlider, SliderFigure, lambda_grid

__all__ = [
    "COLORS", "Animator", "DivergenceError", "GridSlider", "SliderFigure", "check_gap", "evaluate_loss",
    "figure_png", "freeze_static", "init_params", "l2_penalty", "lambda_grid", "linreg", "load_array",
    "new_figure", "ridge", "set_seed", "sgd", "squared_loss", "synthetic_data", "try_gpu", "use_style",
]
__version__ = "0.1.0"
from . import checks, nb01, nb02, nb03, nb04, nb05, nb06, nb07  # noqa: E402  (per-notebook plumbing: d2l.nb04.BallPicture)
