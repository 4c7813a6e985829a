"""Probe 1 (sections 1-2): is λ = σ²/(nσ_w²) the minimizer of the AVERAGE test loss, how flat is the curve there,
and does nλ* stay at σ²/σ_w² as n grows (prior w and fixed w)?  Own numpy code, own seeds (not the notebook's)."""
import numpy as np

rng = np.random.default_rng(2024)
d, sigma = 20, 1.0
grid = np.logspace(-2, 2, 401)                        # finer grid than the notebook's 81 points


def avg_curve(n, R, sigma_w=None, w_value=None):
    """Exact test loss ½(‖ŵ-w‖²+σ²) of ridge (mean loss, penalty λ/2‖w‖²) for R draws, every grid λ."""
    if w_value is None:
        w = sigma_w * rng.standard_normal((R, d))
    else:
        w = np.full((R, d), w_value)
    X = rng.standard_normal((R, n, d))
    y = np.einsum("rnd,rd->rn", X, w) + sigma * rng.standard_normal((R, n))
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    uy = np.einsum("rnk,rn->rk", U, y)
    vw = np.einsum("rkd,rd->rk", Vt, w)
    c = (s * uy)[:, :, None] / (s[:, :, None] ** 2 + n * grid)          # coefficients along V
    return 0.5 * (((c - vw[:, :, None]) ** 2).sum(1) + sigma**2)      # (R, K); n >= d so no residual part


def best(curves):
    m = curves.mean(0)
    k = m.argmin()
    # bootstrap s.e. of log10 argmin
    R = curves.shape[0]
    boots = [grid[curves[rng.integers(R, size=R)].mean(0).argmin()] for _ in range(200)]
    return grid[k], np.std(np.log10(boots))


print("== Section 1: best λ of the average test loss (R = 2000, n = 40, own seeds, 401-point grid) ==")
n = 40
for sw in [0.15, 0.3, 0.6]:
    cur = avg_curve(n, 2000, sigma_w=sw)
    lam_b = sigma**2 / (n * sw**2)
    lb, se = best(cur)
    z = np.log10(lb / lam_b) / se
    kb = np.abs(grid - lam_b).argmin()
    kh, k2 = np.abs(grid - lam_b / 2).argmin(), np.abs(grid - 2 * lam_b).argmin()
    dh, d2 = cur[:, kh] - cur[:, kb], cur[:, k2] - cur[:, kb]
    print(f"σ_w={sw}: Bayes λ {lam_b:.4g}, best λ {lb:.4g} ({z:+.1f} s.e.); loss at Bayes λ {cur[:, kb].mean():.4f}; "
          f"λ/2: +{dh.mean():.4f} ± {dh.std()/np.sqrt(len(dh)):.4f} (= {100*dh.mean()/cur[:, kb].mean():.1f}% of the loss), "
          f"2λ: +{d2.mean():.4f} ± {d2.std()/np.sqrt(len(d2)):.4f} (= {100*d2.mean()/cur[:, kb].mean():.1f}%)")
    if sw == 0.3:
        one = grid[cur.argmin(1)]
        q = np.quantile(one, [0.25, 0.5, 0.75])
        print(f"   one-draw best λ: median {q[1]:.3g}, middle half {q[0]:.3g} to {q[2]:.3g} (factor {q[2]/q[0]:.2f}); "
              f"share of draws whose best λ is at the grid's lower end 0.01: {(cur.argmin(1) == 0).mean():.3f}")
        ols = cur[:, 0]  # λ = 0.01 ~ least squares
        print(f"   flatness: loss range over λ in [Bayes/2, 2·Bayes] is {100*max(dh.mean(), d2.mean())/cur[:, kb].mean():.1f}% "
              f"of the loss; excess of 'λ = 0.01' over Bayes: {(ols - cur[:, kb]).mean():.3f}")

print("\n== Section 2: nλ* vs σ²/σ_w² = 11.11 (R = 1000 per n) ==")
for N in [40, 80, 160, 320]:
    lp, sp = best(avg_curve(N, 1000, sigma_w=0.3))
    lf, sf = best(avg_curve(N, 1000, w_value=0.3))
    print(f"n={N:4d}: prior n·λ* = {N*lp:6.2f} (s.e. {100*(10**sp-1):.0f}%), fixed w n·λ* = {N*lf:6.2f} (s.e. {100*(10**sf-1):.0f}%)")
