"""Self-checking exercises: one function per exercise, grouped by notebook.

Each check takes the learner's answer, raises ``AssertionError`` with a hint
that points at the likely mistake when it is wrong, and prints one short line
when it is right.
"""
from .nb02 import check_batch_penalty_lambda, check_choose_lambda, check_decay_factor, check_more_data
from .nb04 import (  # noqa: F401
    check_early_stopping_steps,
    check_lambda_for_theta,
    check_ridge_mean_loss,
    check_soft_threshold,
)

# isort: split
from .nb01 import (  # noqa: F401
    check_best_lambda_exp_target,
    check_best_lambda_more_data,
    check_best_lambda_more_noise,
    check_decompose,
    check_ridge_solver,
)

# isort: split
from .nb03 import (  # noqa: F401
    check_adamw_factor,
    check_decoupled_step,
    check_groups,
    check_mse_settings,
    check_weight_penalty,
)
