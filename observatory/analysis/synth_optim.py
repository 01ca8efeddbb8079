"""The synthetic control optimisation of Abadie & Gardeazabal (2003) and ADH (2010, 2015).

Given predictor matrices ``X1`` (k predictors of the treated unit) and ``X0``
(k x J, the donors), and outcome matrices ``Z1``/``Z0`` over the fitting
window, the donor weights ``W`` minimise ``(X1 - X0 W)' V (X1 - X0 W)`` on the
simplex (``W >= 0``, ``sum W = 1``) for a diagonal predictor weighting ``V``;
``V`` is then chosen to minimise the mean squared outcome gap over the fitting
window, ``(Z1 - Z0 W(V))'(Z1 - Z0 W(V)) / T``.

This follows the R package ``Synth`` (Abadie, Diamond & Hainmueller 2011,
J Stat Softw 42(13)) step for step where it matters for the published weights:

- each predictor row is divided by its standard deviation across the treated
  unit and the donors before fitting;
- ``V`` is searched from two starting points, equal weights and the diagonal of
  ``B B'`` where ``B`` regresses the fitting-window outcomes on the scaled
  predictors, each with Nelder-Mead and BFGS, and the best of the four runs is
  kept; ``V`` is the absolute value of the search variable, normalised to sum
  to one.

The inner problem is solved exactly: with ``V`` diagonal it is a non-negative
least-squares problem in ``sqrt(V) X0``, and the sum-to-one constraint is a
heavily weighted extra row (Lawson-Hanson NNLS, scipy). Synth's interior-point
``ipop`` and pysyncon's SLSQP stop short of this optimum at their default
tolerances; since ``V`` is chosen through ``W(V)``, an inexact inner solution
moves the outer search and hence the published weights. With the exact inner
solution one fit of the Basque or West German study takes a fraction of a
second, so placebo refits of every donor are affordable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize, nnls

from observatory.analysis.errors import InsufficientData

# Penalty on (sum of weights - 1); the sum then misses 1 by about 1e-9 before renormalising.
SUM_TO_ONE_WEIGHT = 1e5
# Weights this small are numerical residue of the optimiser, not donors.
WEIGHT_FLOOR = 1e-6
NELDER_MEAD_MAX_ITER = 5000
POLISH_ROUNDS = 20
POLISH_TOLERANCE = 1e-10


@dataclass(frozen=True)
class WeightsFit:
    """Donor weights ``w`` (sums to one), predictor weights ``v`` (sums to one) and both losses."""

    w: np.ndarray
    v: np.ndarray
    loss_v: float  # mean squared outcome gap over the fitting window
    loss_w: float  # V-weighted squared predictor gap (on the scaled predictors)


def simplex_weights(x1: np.ndarray, x0: np.ndarray, v: np.ndarray | None = None) -> np.ndarray:
    """Weights on the simplex minimising ``(x1 - x0 w)' diag(v) (x1 - x0 w)``, solved exactly."""
    x1 = np.asarray(x1, dtype=float)
    x0 = np.asarray(x0, dtype=float)
    root = np.sqrt(np.ones(len(x1)) if v is None else np.asarray(v, dtype=float))
    design = x0 * root[:, None]
    target = x1 * root
    # Scaling by the design's spread keeps the penalty row dominant whatever the units.
    scale = float(np.std(design)) or 1.0
    n_donors = x0.shape[1]
    design = np.vstack([design / scale, np.full(n_donors, SUM_TO_ONE_WEIGHT)])
    target = np.append(target / scale, SUM_TO_ONE_WEIGHT)
    weights, _ = nnls(design, target, maxiter=1000)
    return on_simplex(weights)


def on_simplex(weights: np.ndarray) -> np.ndarray:
    """Clip the optimiser's tiny negative overshoots and renormalise to sum to one."""
    weights = np.clip(np.asarray(weights, dtype=float), 0.0, None)
    total = weights.sum()
    if not np.isfinite(total) or total <= 0:
        raise InsufficientData("the synthetic control optimisation did not converge")
    return weights / total


def scale_predictors(x1: np.ndarray, x0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Divide each predictor by its standard deviation over the treated unit and the donors (as Synth does)."""
    stacked = np.column_stack([x1, x0])
    divisor = stacked.std(axis=1, ddof=1)
    divisor[~np.isfinite(divisor) | (divisor == 0)] = 1.0
    return x1 / divisor, x0 / divisor[:, None]


def fit_weights(
    x1: np.ndarray, x0: np.ndarray, z1: np.ndarray, z0: np.ndarray, *, v: np.ndarray | None = None
) -> WeightsFit:
    """The nested fit (see the module docstring); with ``v`` given, only the inner problem is solved."""
    # Contiguous float64 copies: the search's path depends on the last bits of each loss, and
    # those depend on the memory layout the matrix products see.
    x1s, x0s = scale_predictors(*(np.ascontiguousarray(a, dtype=np.float64) for a in (x1, x0)))
    x0s = np.ascontiguousarray(x0s)
    z1 = np.ascontiguousarray(z1, dtype=np.float64)
    z0 = np.ascontiguousarray(z0, dtype=np.float64)
    k = len(x1s)

    def weights_for(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        magnitude = np.abs(raw)
        total = magnitude.sum()
        v_norm = magnitude / total if total > 0 else np.full(k, 1.0 / k)
        return simplex_weights(x1s, x0s, v_norm), v_norm

    def outcome_loss(raw: np.ndarray) -> float:
        w, _ = weights_for(raw)
        gap = z1 - z0 @ w
        return float(gap @ gap) / len(z1)

    if v is not None:
        chosen = np.asarray(v, dtype=float)
    elif k == 1:
        chosen = np.ones(1)
    else:
        best = None
        for start in _starting_points(x1s, x0s, z1, z0):
            for method in ("Nelder-Mead", "BFGS"):
                options = {"maxiter": NELDER_MEAD_MAX_ITER} if method == "Nelder-Mead" else {}
                run = minimize(outcome_loss, start, method=method, options=options)
                if np.isfinite(run.fun) and (best is None or run.fun < best.fun):
                    best = run
        if best is None:
            raise InsufficientData("the synthetic control optimisation did not converge")
        chosen = _polish(outcome_loss, best).x
    w, v_norm = weights_for(chosen)
    predictor_gap = x1s - x0s @ w
    return WeightsFit(
        w=w,
        v=v_norm,
        loss_v=outcome_loss(chosen),
        loss_w=float(predictor_gap @ (v_norm * predictor_gap)),
    )


def _polish(loss, best):
    """Restart Nelder-Mead from the best point until the loss stops falling.

    Synth stops at the best of its four runs; on a loss as flat in V as the
    West German training fit, those runs end short of the minimum (4,610 where
    4,580 is reachable), and where they end depends on the last bits of the
    arithmetic. Restarting a simplex from the end point is the standard remedy
    and makes the reached minimum, and the weights it gives, stable.
    """
    for _ in range(POLISH_ROUNDS):
        run = minimize(loss, best.x, method="Nelder-Mead",
                       options={"maxiter": NELDER_MEAD_MAX_ITER, "xatol": 1e-8, "fatol": 1e-8})
        if not run.fun < best.fun - POLISH_TOLERANCE * max(1.0, abs(best.fun)):
            return run if run.fun < best.fun else best
        best = run
    return best


def _starting_points(x1s: np.ndarray, x0s: np.ndarray, z1: np.ndarray, z0: np.ndarray) -> list[np.ndarray]:
    """Equal weights, and the regression-based start Synth uses when the regression is solvable."""
    k = len(x1s)
    starts = [np.full(k, 1.0 / k)]
    predictors = np.column_stack([x1s, x0s]).T  # units x predictors
    design = np.column_stack([np.ones(predictors.shape[0]), predictors])
    outcomes = np.column_stack([z1, z0]).T  # units x periods
    gram = design.T @ design
    if np.linalg.matrix_rank(gram) == gram.shape[0]:
        beta = np.linalg.solve(gram, design.T @ outcomes)[1:]
        # diag(B B') exactly as Synth computes it: the search is sensitive to the start's last bits
        # (the training loss is flat in V; Kloessner et al. 2018), and this start reproduces ADH 2015.
        diagonal = np.diag(beta @ beta.T)
        if diagonal.sum() > 0 and np.all(np.isfinite(diagonal)):
            starts.append(diagonal / diagonal.sum())
    return starts
