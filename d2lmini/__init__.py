"""d2lmini: the few d2l-style helpers the Weight Decay Lab notebooks use.

Modules, one idea each: ``data`` (synthetic data, minibatches), ``linreg``
(model, losses, penalty, SGD), ``plotting`` (style, Animator), ``widgets``
(sliders), ``sweep`` (many lambdas at once), ``report`` (printed checks),
``utils`` (seed, device).
"""

from ._validate import DivergenceError
from .data import load_array, synthetic_data
from .linreg import evaluate_loss, init_params, l2_penalty, linreg, sgd, squared_loss
from .plotting import COLORS, Animator, figure_png, new_figure, use_style
from .report import check_gap, max_abs_diff
from .sweep import SweepResult, train_lambda_grid
from .utils import set_seed, try_gpu
from .widgets import GridSlider, SliderFigure, lambda_grid

__all__ = [
    "COLORS", "Animator", "DivergenceError", "GridSlider", "SliderFigure", "SweepResult",
    "check_gap", "evaluate_loss", "figure_png", "init_params", "l2_penalty", "lambda_grid",
    "linreg", "load_array", "max_abs_diff", "new_figure", "set_seed", "sgd", "squared_loss",
    "synthetic_data", "train_lambda_grid", "try_gpu", "use_style",
]
__version__ = "0.1.0"
