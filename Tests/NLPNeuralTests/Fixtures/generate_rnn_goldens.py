"""Writes rnn-goldens.json: PyTorch LSTM, GRU and RNN(tanh) outputs and gradients for tiny inputs.

    python3 Tests/NLPNeuralTests/Fixtures/generate_rnn_goldens.py

Uses (and creates when missing) the git-ignored virtualenv Benchmarks/.venv with torch from pip.
The Swift test RecurrentGoldenTests reads the committed JSON; tests never run Python.

Everything is computed in float64. Weights are PyTorch's, converted to the Keras layout:
- LSTM: kernel = weight_ih.T, recurrent_kernel = weight_hh.T, bias = b_ih + b_hh (gate order i, f, g, o
  is the same in both).
- GRU: PyTorch's gate blocks (r, z, n) are reordered to Keras's (z, r, h); kernel = W_ih[zrn].T,
  recurrent_kernel = W_hh[zrn].T, bias = [b_ih[zrn], b_hh[zrn]] (PyTorch's GRU is Keras's reset_after).
- RNN: kernel = weight_ih.T, recurrent_kernel = weight_hh.T, bias = b_ih + b_hh.
The loss is L = Σ output ⊙ probe over the full output sequence; gradients are ∂L/∂(x, weights, h0, c0).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
VENV = os.path.join(ROOT, "Benchmarks", ".venv")


def ensure_torch():
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([python, "-m", "pip", "install", "--quiet", "torch"])
    os.execv(python, [python] + sys.argv)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def case(kind, batch=2, steps=4, input_size=3, units=3, seed=0):
    import torch
    import torch.nn as nn

    torch.manual_seed(seed)
    cell = {"lstm": nn.LSTM, "gru": nn.GRU, "simple_rnn": nn.RNN}[kind]
    layer = cell(input_size, units, batch_first=True).double()
    x = torch.randn(batch, steps, input_size, dtype=torch.float64, requires_grad=True)
    h0 = (0.5 * torch.randn(1, batch, units, dtype=torch.float64)).requires_grad_()
    c0 = (0.5 * torch.randn(1, batch, units, dtype=torch.float64)).requires_grad_()
    probe = torch.randn(batch, steps, units, dtype=torch.float64)
    if kind == "lstm":
        y, (hn, cn) = layer(x, (h0, c0))
    else:
        y, hn = layer(x, h0)
    (y * probe).sum().backward()

    H = units
    wih, whh = layer.weight_ih_l0, layer.weight_hh_l0
    bih, bhh = layer.bias_ih_l0, layer.bias_hh_l0
    if kind == "gru":
        order = list(range(H, 2 * H)) + list(range(0, H)) + list(range(2 * H, 3 * H))  # r z n -> z r n
        kernel, recurrent = wih[order].T, whh[order].T
        bias = torch.stack([bih[order], bhh[order]])
        g_kernel, g_recurrent = wih.grad[order].T, whh.grad[order].T
        g_bias = torch.stack([bih.grad[order], bhh.grad[order]])
    else:
        kernel, recurrent, bias = wih.T, whh.T, bih + bhh
        g_kernel, g_recurrent, g_bias = wih.grad.T, whh.grad.T, bih.grad  # b_ih.grad == b_hh.grad
    result = {
        "batch": batch, "steps": steps, "input_size": input_size, "units": units,
        "x": flat(x), "h0": flat(h0), "kernel": flat(kernel), "recurrent_kernel": flat(recurrent),
        "bias": flat(bias), "probe": flat(probe), "output": flat(y), "h_n": flat(hn),
        "grad_x": flat(x.grad), "grad_kernel": flat(g_kernel), "grad_recurrent_kernel": flat(g_recurrent),
        "grad_bias": flat(g_bias), "grad_h0": flat(h0.grad),
    }
    if kind == "lstm":
        result.update({"c0": flat(c0), "c_n": flat(cn), "grad_c0": flat(c0.grad)})
    return result


def main():
    ensure_torch()
    import torch

    goldens = {
        "generator": "Tests/NLPNeuralTests/Fixtures/generate_rnn_goldens.py",
        "torch": torch.__version__,
        "lstm": case("lstm", seed=1),
        "gru": case("gru", seed=2),
        "simple_rnn": case("simple_rnn", seed=3),
    }
    path = os.path.join(HERE, "rnn-goldens.json")
    with open(path + ".tmp", "w") as f:
        json.dump(goldens, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
