#!/usr/bin/env python3
"""Writes the golden fixtures the NLPNeural tests compare against (tests never run Python).

Run once from anywhere:  python3 Tests/NLPNeuralTests/Goldens/generate_goldens.py
It creates (or reuses) the git-ignored virtualenv Benchmarks/.venv with torch, safetensors and
numpy, re-runs itself inside it, and writes Tests/NLPNeuralTests/Goldens/fixtures/*.json plus
python.safetensors. Commit the outputs; they only change when this script changes.

Conventions of the fixtures (what the Swift side expects):
- Every tensor is {"shape": [...], "values": [...]} in row-major order. Inputs and weights are
  drawn in float32 (so Swift sees exactly the same numbers); every expected output is computed in
  float64 from those float32 values.
- Weights are converted to the toolkit's Keras layout:
  Dense   kernel [D, U] = Linear.weightᵀ.
  LSTM    kernel [D, 4H] = W_ihᵀ, recurrent_kernel [H, 4H] = W_hhᵀ, bias [4H] = b_ih + b_hh; the gate
          order i, f, g(=c), o is the same in PyTorch and Keras, so no reordering.
  GRU     PyTorch rows r, z, n → Keras columns z, r, h: kernel [D, 3H] = W_ih[z; r; n]ᵀ,
          recurrent_kernel [H, 3H] = W_hh[z; r; n]ᵀ, bias [2, 3H] = [b_ih[z; r; n], b_hh[z; r; n]].
          PyTorch's n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)) is Keras's reset_after=True GRU.
- Layer gradients are those of a probe loss L = Σ output ⊙ probe (so ∂L/∂output = probe): the
  Swift test passes `probe` to `backward` and compares ∂L/∂input and the parameter gradients.
- Losses use Keras's reduction (sum_over_batch_size): per-sample losses (the mean over the last
  axis, or the cross-entropy of each row) times the optional sample weights, summed, divided by
  their number. `gradient` is ∂value/∂predictions.
"""
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
VENV = os.path.join(ROOT, "Benchmarks", ".venv")
OUT = os.path.join(HERE, "fixtures")
EPSILON = 1e-7  # Keras backend.epsilon()


def ensure_environment():
    """Re-runs this script inside Benchmarks/.venv with torch, safetensors and numpy installed."""
    try:
        import numpy  # noqa: F401
        import safetensors  # noqa: F401
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(python):
        sys.exit("Benchmarks/.venv exists but torch/safetensors/numpy cannot be imported")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([python, "-m", "pip", "install", "--quiet", "torch", "safetensors", "numpy"])
    os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])


ensure_environment()

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_default_dtype(torch.float64)
RNG = np.random.RandomState(20261124)


def f32(shape, low=-1.0, high=1.0):
    """A float64 torch tensor holding float32-representable uniform values."""
    values = RNG.uniform(low, high, size=shape).astype(np.float32).astype(np.float64)
    return torch.tensor(values)


def encode(value):
    """Tensors → {"shape", "values"}; numbers and strings as they are."""
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu().numpy()
    if isinstance(value, np.ndarray):
        return {"shape": list(value.shape), "values": [float(x) for x in value.astype(np.float64).ravel()]}
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if isinstance(value, (np.floating,)):
        return float(value)
    return value


def save(name, description, cases, tolerances):
    os.makedirs(OUT, exist_ok=True)
    document = {
        "description": description,
        "generator": "Tests/NLPNeuralTests/Goldens/generate_goldens.py",
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "tolerances": tolerances,
        "cases": [encode(case) for case in cases],
    }
    path = os.path.join(OUT, name + ".json")
    with open(path + ".tmp", "w") as file:
        json.dump(document, file, indent=1, sort_keys=True)
        file.write("\n")
    os.replace(path + ".tmp", path)
    print("wrote", os.path.relpath(path, ROOT), "with", len(cases), "cases")


# MARK: - Dense


def dense_cases():
    activations = {
        "linear": lambda z: z,
        "tanh": torch.tanh,
        "sigmoid": torch.sigmoid,
        "relu": torch.relu,
        "softmax": lambda z: torch.softmax(z, dim=-1),
    }
    cases = []
    for activation, function in activations.items():
        for input_shape in ([3, 4], [2, 3, 4]):
            linear = torch.nn.Linear(4, 5)
            with torch.no_grad():
                linear.weight.copy_(f32([5, 4]))
                linear.bias.copy_(f32([5], -0.5, 0.5))
            x = f32(input_shape).requires_grad_(True)
            z = linear(x)
            assert activation != "relu" or z.abs().min() > 1e-3, "a pre-activation sits on relu's kink"
            y = function(z)
            probe = f32(list(y.shape))
            (y * probe).sum().backward()
            cases.append({
                "name": f"dense_{activation}_rank{len(input_shape)}",
                "activation": activation,
                "input": x, "kernel": linear.weight.t(), "bias": linear.bias, "probe": probe,
                "output": y, "input_gradient": x.grad, "kernel_gradient": linear.weight.grad.t(),
                "bias_gradient": linear.bias.grad,
            })
    return cases


# MARK: - LSTM and GRU

B, T, D, H = 2, 3, 4, 3


def gru_reorder(rows):
    """PyTorch r, z, n blocks (first axis) → Keras z, r, h."""
    r, z, n = rows[0:H], rows[H:2 * H], rows[2 * H:3 * H]
    return torch.cat([z, r, n], dim=0)


def recurrent_cases(kind):
    module = (torch.nn.LSTM if kind == "lstm" else torch.nn.GRU)(D, H, batch_first=True)
    gates = 4 if kind == "lstm" else 3
    with torch.no_grad():
        module.weight_ih_l0.copy_(f32([gates * H, D], -0.6, 0.6))
        module.weight_hh_l0.copy_(f32([gates * H, H], -0.6, 0.6))
        module.bias_ih_l0.copy_(f32([gates * H], -0.3, 0.3))
        module.bias_hh_l0.copy_(f32([gates * H], -0.3, 0.3))
    if kind == "lstm":
        def to_keras(matrix):
            return matrix.t()

        def bias_gradient():
            return module.bias_ih_l0.grad  # = ∂L/∂b_hh: the two biases add
        weights = {
            "kernel": to_keras(module.weight_ih_l0),
            "recurrent_kernel": to_keras(module.weight_hh_l0),
            "bias": module.bias_ih_l0 + module.bias_hh_l0,
        }
    else:
        def to_keras(matrix):
            return gru_reorder(matrix).t()

        def bias_gradient():
            return torch.stack([gru_reorder(module.bias_ih_l0.grad), gru_reorder(module.bias_hh_l0.grad)])
        weights = {
            "kernel": to_keras(module.weight_ih_l0),
            "recurrent_kernel": to_keras(module.weight_hh_l0),
            "bias": torch.stack([gru_reorder(module.bias_ih_l0), gru_reorder(module.bias_hh_l0)]),
        }

    cases = []
    for with_state in (False, True):
        for return_sequences in (True, False):
            module.zero_grad()
            x = f32([B, T, D]).requires_grad_(True)
            h0 = f32([B, H], -0.5, 0.5)
            c0 = f32([B, H], -0.5, 0.5)
            if kind == "lstm":
                output, (hT, cT) = module(x, (h0[None], c0[None])) if with_state else module(x)
                final_state = [hT[0], cT[0]]
                initial_state = [h0, c0]
            else:
                output, hT = module(x, h0[None]) if with_state else module(x)
                final_state = [hT[0]]
                initial_state = [h0]
            result = output if return_sequences else output[:, -1, :]
            probe = f32(list(result.shape))
            (result * probe).sum().backward()
            case = {
                "name": f"{kind}_{'sequences' if return_sequences else 'last'}"
                        f"{'_initial_state' if with_state else ''}",
                "units": H, "return_sequences": return_sequences, "input": x, "probe": probe,
                "output": result, "final_state": final_state,
                "input_gradient": x.grad,
                "kernel_gradient": to_keras(module.weight_ih_l0.grad),
                "recurrent_kernel_gradient": to_keras(module.weight_hh_l0.grad),
                "bias_gradient": bias_gradient(),
            }
            case.update(weights)
            if with_state:
                case["initial_state"] = initial_state
            check_recurrent_case(kind, case)
            cases.append(case)
    return cases


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def keras_recurrent(kind, x, kernel, recurrent_kernel, bias, initial_state):
    """Keras's LSTM / GRU (reset_after) in the toolkit's layout, in numpy: (outputs [B, T, H], final state)."""
    h = initial_state[0]
    c = initial_state[1] if kind == "lstm" else None
    outputs = []
    for t in range(x.shape[1]):
        if kind == "lstm":
            gates = x[:, t] @ kernel + h @ recurrent_kernel + bias
            i, f, g, o = np.split(gates, 4, axis=1)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
        else:
            xz, xr, xh = np.split(x[:, t] @ kernel + bias[0], 3, axis=1)
            hz, hr, hh = np.split(h @ recurrent_kernel + bias[1], 3, axis=1)
            z, r = sigmoid(xz + hz), sigmoid(xr + hr)
            h = z * h + (1 - z) * np.tanh(xh + r * hh)
        outputs.append(h)
    return np.stack(outputs, axis=1), ([h, c] if kind == "lstm" else [h])


def check_recurrent_case(kind, case):
    """Cross-checks a converted case: the numpy Keras forward reproduces PyTorch's outputs, and central
    differences of L = Σ result ⊙ probe reproduce every converted gradient (float64)."""
    names = ["input", "kernel", "recurrent_kernel", "bias"]
    values = {name: case[name].detach().numpy().copy() for name in names}
    state = [s.numpy() for s in case["initial_state"]] if "initial_state" in case else \
        [np.zeros((B, H))] * (2 if kind == "lstm" else 1)
    probe = case["probe"].numpy()

    def run():
        outputs, final = keras_recurrent(kind, values["input"], values["kernel"], values["recurrent_kernel"],
                                         values["bias"], state)
        return (outputs if case["return_sequences"] else outputs[:, -1]), final

    result, final = run()
    assert np.allclose(result, case["output"].detach().numpy(), rtol=1e-10, atol=1e-12), case["name"]
    for mine, theirs in zip(final, case["final_state"]):
        assert np.allclose(mine, theirs.detach().numpy(), rtol=1e-10, atol=1e-12), case["name"]
    step = 1e-6
    for name, gradient_key in zip(names, ["input_gradient", "kernel_gradient", "recurrent_kernel_gradient",
                                          "bias_gradient"]):
        numeric = np.zeros_like(values[name])
        for index in np.ndindex(values[name].shape):
            saved = values[name][index]
            values[name][index] = saved + step
            plus = (run()[0] * probe).sum()
            values[name][index] = saved - step
            minus = (run()[0] * probe).sum()
            values[name][index] = saved
            numeric[index] = (plus - minus) / (2 * step)
        assert np.allclose(numeric, case[gradient_key].detach().numpy(), rtol=1e-6, atol=1e-8), \
            (case["name"], gradient_key)


# MARK: - Losses


def keras_reduce(per_sample, weights):
    """sum_over_batch_size: Σ w·l / number of per-sample losses; weights [B] broadcast over time."""
    if weights is not None:
        shape = list(weights.shape) + [1] * (per_sample.dim() - weights.dim())
        per_sample = per_sample * weights.reshape(shape)
    return per_sample.sum() / per_sample.numel()


def torch_loss(name, from_logits, p, y, w):
    """The loss from PyTorch's own functions where PyTorch has them (None otherwise)."""
    F = torch.nn.functional
    if name == "binary_crossentropy":
        function = F.binary_cross_entropy_with_logits if from_logits else F.binary_cross_entropy
        return keras_reduce(function(p, y, reduction="none").mean(-1), w)
    if name == "categorical_crossentropy":
        logits = p if from_logits else torch.log(p / p.sum(-1, keepdim=True))
        return keras_reduce(F.cross_entropy(logits.reshape(-1, p.shape[-1]), y.reshape(-1, p.shape[-1]),
                                            reduction="none").reshape(p.shape[:-1]), w)
    if name == "sparse_categorical_crossentropy":
        logits = p if from_logits else torch.log(p / p.sum(-1, keepdim=True))
        return keras_reduce(F.cross_entropy(logits.reshape(-1, p.shape[-1]), y.reshape(-1).long(),
                                            reduction="none").reshape(p.shape[:-1]), w)
    if name == "mean_squared_error":
        return keras_reduce(F.mse_loss(p, y, reduction="none").mean(-1), w)
    if name == "mean_absolute_error":
        return keras_reduce(F.l1_loss(p, y, reduction="none").mean(-1), w)
    return None


def signed_labels(y):
    """Keras's hinge losses turn 0/1 labels into -1/1."""
    return 2 * y - 1 if bool(((y == 0) | (y == 1)).all()) else y


def numpy_loss(name, p, y, w):
    """Keras's formulas for the losses PyTorch lacks, with hand-derived gradients (numpy)."""
    p, y = p.detach().numpy(), y.detach().numpy()
    count = p.shape[-1]
    if name == "mean_absolute_percentage_error":
        scale = np.maximum(np.abs(y), EPSILON)
        per_element = 100 * np.abs(y - p) / scale
        gradient = 100 * np.sign(p - y) / scale
    elif name == "mean_squared_logarithmic_error":
        difference = np.log(np.maximum(p, EPSILON) + 1) - np.log(np.maximum(y, EPSILON) + 1)
        per_element = difference ** 2
        gradient = 2 * difference / (np.maximum(p, EPSILON) + 1) * (p > EPSILON)
    elif name in ("hinge", "squared_hinge"):
        signed = signed_labels(torch.tensor(y)).numpy()
        margin = np.maximum(1 - signed * p, 0)
        if name == "hinge":
            per_element, gradient = margin, -signed * (margin > 0)
        else:
            per_element, gradient = margin ** 2, -2 * margin * signed
    else:
        raise ValueError(name)
    per_sample = per_element.mean(-1)
    weights = np.ones(per_sample.shape) if w is None else w.numpy().reshape(
        list(w.shape) + [1] * (per_sample.ndim - w.dim())) * np.ones(per_sample.shape)
    value = (per_sample * weights).sum() / per_sample.size
    gradient = gradient / count * weights[..., None] / per_sample.size
    return value, gradient


def keras_formula(name, from_logits, p, y, w):
    """Every loss from Keras's formula, differentiated by autograd (a cross-check of both paths)."""
    if name == "binary_crossentropy":
        if from_logits:
            element = torch.clamp(p, min=0) - p * y + torch.log1p(torch.exp(-p.abs()))
        else:
            q = torch.clamp(p, EPSILON, 1 - EPSILON)
            element = -(y * torch.log(q) + (1 - y) * torch.log(1 - q))
        per_sample = element.mean(-1)
    elif name in ("categorical_crossentropy", "sparse_categorical_crossentropy"):
        if name == "sparse_categorical_crossentropy":
            y = torch.nn.functional.one_hot(y.long(), p.shape[-1]).to(p.dtype)
        if from_logits:
            log_q = torch.log_softmax(p, -1)
        else:
            log_q = torch.log(torch.clamp(p / p.sum(-1, keepdim=True), EPSILON, 1 - EPSILON))
        per_sample = -(y * log_q).sum(-1)
    elif name == "mean_squared_error":
        per_sample = ((p - y) ** 2).mean(-1)
    elif name == "mean_absolute_error":
        per_sample = (p - y).abs().mean(-1)
    elif name == "mean_absolute_percentage_error":
        per_sample = (100 * (y - p).abs() / torch.clamp(y.abs(), min=EPSILON)).mean(-1)
    elif name == "mean_squared_logarithmic_error":
        per_sample = ((torch.log(torch.clamp(p, min=EPSILON) + 1)
                       - torch.log(torch.clamp(y, min=EPSILON) + 1)) ** 2).mean(-1)
    elif name == "hinge":
        per_sample = torch.clamp(1 - signed_labels(y) * p, min=0).mean(-1)
    elif name == "squared_hinge":
        per_sample = (torch.clamp(1 - signed_labels(y) * p, min=0) ** 2).mean(-1)
    else:
        raise ValueError(name)
    return keras_reduce(per_sample, w)


def loss_case(label, name, predictions, targets, from_logits=False, weights=None):
    p = predictions.clone().requires_grad_(True)
    reference = keras_formula(name, from_logits, p, targets, weights)
    reference.backward()
    reference_gradient = p.grad.clone()
    p.grad = None
    torch_value = torch_loss(name, from_logits, p, targets, weights)
    if torch_value is not None:
        torch_value.backward()
        value, gradient, source = torch_value.item(), p.grad.clone(), "torch.nn.functional"
    else:
        value, gradient = numpy_loss(name, predictions, targets, weights)
        gradient, source = torch.tensor(gradient), "numpy (Keras formula)"
    # Both paths must agree before the numbers become a golden.
    assert math.isclose(value, reference.item(), rel_tol=1e-9, abs_tol=1e-12), (label, value, reference.item())
    assert torch.allclose(gradient, reference_gradient, rtol=1e-9, atol=1e-12), label
    case = {
        "name": label, "loss": name, "from_logits": from_logits, "predictions": predictions,
        "targets": targets, "value": value, "gradient": gradient, "source": source,
    }
    if weights is not None:
        case["sample_weights"] = weights
    return case


def loss_cases():
    cases = []
    probabilities = f32([4, 3], 0.05, 0.95)
    binary = torch.tensor(RNG.randint(0, 2, size=(4, 3)).astype(np.float64))
    logits = f32([4, 3], -3, 3)
    weights = f32([4], 0.2, 2.0)
    cases.append(loss_case("binary_crossentropy", "binary_crossentropy", probabilities, binary))
    cases.append(loss_case("binary_crossentropy_from_logits", "binary_crossentropy", logits, binary, True))
    cases.append(loss_case("binary_crossentropy_weighted", "binary_crossentropy", probabilities, binary,
                           weights=weights))
    cases.append(loss_case("binary_crossentropy_from_logits_weighted", "binary_crossentropy", logits, binary,
                           True, weights))

    class_logits = f32([4, 5], -2, 2)
    softmax = torch.softmax(class_logits, -1).to(torch.float32).to(torch.float64)
    classes = torch.tensor(RNG.randint(0, 5, size=4).astype(np.float64))
    one_hot = torch.nn.functional.one_hot(classes.long(), 5).to(torch.float64)
    cases.append(loss_case("categorical_crossentropy", "categorical_crossentropy", softmax, one_hot))
    cases.append(loss_case("categorical_crossentropy_from_logits", "categorical_crossentropy", class_logits,
                           one_hot, True))
    cases.append(loss_case("categorical_crossentropy_from_logits_weighted", "categorical_crossentropy",
                           class_logits, one_hot, True, weights))
    cases.append(loss_case("sparse_categorical_crossentropy", "sparse_categorical_crossentropy", softmax,
                           classes))
    cases.append(loss_case("sparse_categorical_crossentropy_from_logits", "sparse_categorical_crossentropy",
                           class_logits, classes, True))
    sequence_logits = f32([2, 3, 5], -2, 2)
    sequence_classes = torch.tensor(RNG.randint(0, 5, size=(2, 3)).astype(np.float64))
    cases.append(loss_case("sparse_categorical_crossentropy_sequence_from_logits_weighted",
                           "sparse_categorical_crossentropy", sequence_logits, sequence_classes, True,
                           f32([2], 0.2, 2.0)))
    sequence_softmax = torch.softmax(sequence_logits, -1).to(torch.float32).to(torch.float64)
    cases.append(loss_case("sparse_categorical_crossentropy_sequence", "sparse_categorical_crossentropy",
                           sequence_softmax, sequence_classes))

    regression_p = f32([4, 3], 0.1, 3.0)
    regression_y = f32([4, 3], 0.1, 3.0)
    for name in ("mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
                 "mean_squared_logarithmic_error"):
        cases.append(loss_case(name, name, regression_p, regression_y))
        cases.append(loss_case(name + "_weighted", name, regression_p, regression_y, weights=weights))
    scores = f32([4, 3], -2, 2)
    signs = 2 * binary - 1
    for name in ("hinge", "squared_hinge"):
        cases.append(loss_case(name, name, scores, signs))
        cases.append(loss_case(name + "_binary_labels", name, scores, binary))
        cases.append(loss_case(name + "_weighted", name, scores, signs, weights=weights))
    for case in cases:
        if case["loss"] in ("hinge", "squared_hinge"):
            margins = 1 - signed_labels(case["targets"]) * case["predictions"]
            assert margins.abs().min() > 1e-3, "a prediction sits on the hinge's kink"
    return cases


# MARK: - Adam


def adam_cases():
    cases = []
    settings = [
        {"learning_rate": 0.001, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7},
        {"learning_rate": 0.01, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-7},
    ]
    for index, setting in enumerate(settings):
        weights = [f32([3, 4]), f32([4])]
        # |g| in [1, 3]: √v = √(1−β2)·|g| ≥ 0.03 dwarfs ε = 1e-7.
        gradients = [torch.tensor((RNG.uniform(1.0, 3.0, size=list(w.shape))
                                   * RNG.choice([-1.0, 1.0], size=list(w.shape))).astype(np.float32)
                                  .astype(np.float64)) for w in weights]
        parameters = [w.clone().requires_grad_(True) for w in weights]
        lr, beta1, beta2, epsilon = (setting[k] for k in ("learning_rate", "beta1", "beta2", "epsilon"))
        # PyTorch adds ε to √v̂ = √v / √(1−β2ᵗ); Keras adds it to √v. With ε/√(1−β2) one step is identical.
        optimizer = torch.optim.Adam(parameters, lr=lr, betas=(beta1, beta2), eps=epsilon / math.sqrt(1 - beta2))
        for parameter, gradient in zip(parameters, gradients):
            parameter.grad = gradient.clone()
        optimizer.step()
        # Keras's form, in numpy, as a cross-check.
        lr_t = lr * math.sqrt(1 - beta2) / (1 - beta1)
        for w, g, p in zip(weights, gradients, parameters):
            m = (1 - beta1) * g.numpy()
            v = (1 - beta2) * g.numpy() ** 2
            keras = w.numpy() - lr_t * m / (np.sqrt(v) + epsilon)
            assert np.allclose(keras, p.detach().numpy(), rtol=1e-12, atol=1e-15)
            # Where ε goes (or whether it is there at all) moves the result by ≤ ε/√v·lr ≤ 3e-6·lr,
            # far below the test tolerance (atol 1e-7 + rtol 1e-5·|w|): the golden pins the update rule,
            # not ε's placement.
            for variant in (w.numpy() - lr_t * m / np.sqrt(v),
                            w.numpy() - lr / (1 - beta1) * m / (np.sqrt(v / (1 - beta2)) + epsilon)):
                assert (np.abs(variant - keras) <= 0.1 * (1e-7 + 1e-5 * np.abs(keras))).all()
        cases.append({
            "name": f"adam_step_{index}", **setting,
            "weights": weights, "gradients": gradients,
            "updated": [p.detach() for p in parameters],
            "first_moments": [(1 - beta1) * g for g in gradients],
            "second_moments": [(1 - beta2) * g ** 2 for g in gradients],
        })
    return cases


# MARK: - safetensors written by Python


def safetensors_fixture():
    from safetensors.torch import save_file
    tensors = {
        "f32_matrix": torch.arange(6, dtype=torch.float32).reshape(2, 3) * 0.5 - 1,
        "f64_vector": torch.tensor([0.1, -2.5, 1e10], dtype=torch.float64),
        "f16_matrix": torch.tensor([[0.5, -1.25], [65504.0, 2.0 ** -24]], dtype=torch.float16),
        "bf16_vector": torch.tensor([1.5, -3.0, 2.0 ** 100], dtype=torch.bfloat16),
        "scalar": torch.tensor(7.0, dtype=torch.float32),
        "empty": torch.zeros(0, 3, dtype=torch.float32),
    }
    metadata = {"source": "generate_goldens.py", "quote": "say \"hi\"\n"}
    path = os.path.join(OUT, "python.safetensors")
    save_file(tensors, path, metadata=metadata)
    expected = {name: tensor.to(torch.float64) for name, tensor in tensors.items()}
    save("python_safetensors", "Tensors written by safetensors.torch.save_file into python.safetensors, "
         "as float64 values the Float32 reader should produce (F64 values rounded to Float32).",
         [{"name": "python.safetensors", "tensors": expected, "metadata": metadata}], {})


def main():
    torch.manual_seed(0)
    save("dense", "Dense forward and gradients of L = Σ output ⊙ probe (torch.nn.Linear + activation).",
         dense_cases(), {"rtol": 1e-4, "atol": 1e-5})
    save("lstm", "torch.nn.LSTM (batch_first) in Keras layout: outputs, final [h, c] and gradients of "
         "L = Σ output ⊙ probe.", recurrent_cases("lstm"), {"rtol": 1e-4, "atol": 1e-5})
    save("gru", "torch.nn.GRU (batch_first) in Keras reset_after layout (z, r, h): outputs, final [h] and "
         "gradients of L = Σ output ⊙ probe.", recurrent_cases("gru"), {"rtol": 1e-4, "atol": 1e-5})
    save("losses", "Keras losses (sum_over_batch_size reduction): value and ∂value/∂predictions.",
         loss_cases(), {"rtol": 1e-4, "atol": 1e-6})
    save("adam", "One Adam step in Keras's form (PyTorch with ε/√(1−β2), which makes one step identical).",
         adam_cases(), {"rtol": 1e-5, "atol": 1e-7})
    safetensors_fixture()


if __name__ == "__main__":
    main()
