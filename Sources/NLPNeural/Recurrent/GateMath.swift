// NLPNeural: the gate nonlinearities of the recurrent cells as rational functions (no exp).
import NLPCore

/// `tanh` and the sigmoid on 16 lanes without `exp`: Eigen's rational minimax approximation of
/// tanh (degree 13/6, the one Eigen and thereby TensorFlow's CPU kernels use), with
/// `σ(x) = ½·tanh(x/2) + ½`.
///
/// One division and a dozen FMAs per vector instead of an `exp` and a division: the recurrent
/// cells apply these to every gate of every step (13 % + 8 % of an IMDB LSTM step with the `exp`
/// versions). Accuracy (checked in the tests against the Double functions): tanh absolute error
/// < 1e-6 everywhere (exactly ±1 beyond |x| ≈ 7.9); sigmoid absolute error < 1e-6, so its
/// relative error grows where σ(x) < 1e-6 (x < −14), which no gate can tell apart from 0.
enum GateMath {
    @inline(__always)
    static func tanh(_ x: FloatVector) -> FloatVector {
        let clamp = FloatVector(repeating: 7.905_311_107_635_498_05)
        // Clamped by selects (NaN fails both tests and stays NaN); `clamped` is not vectorized.
        var v = x.replacing(with: clamp, where: x .> clamp)
        v = v.replacing(with: -clamp, where: v .< -clamp)
        let v2 = v * v
        var p = FloatVector(repeating: -2.760_768_477_423_55e-16)
        p = FloatVector(repeating: 2.000_187_904_824_77e-13).addingProduct(p, v2)
        p = FloatVector(repeating: -8.604_671_522_137_35e-11).addingProduct(p, v2)
        p = FloatVector(repeating: 5.122_297_090_371_14e-08).addingProduct(p, v2)
        p = FloatVector(repeating: 1.485_722_357_179_79e-05).addingProduct(p, v2)
        p = FloatVector(repeating: 6.372_619_288_754_36e-04).addingProduct(p, v2)
        p = FloatVector(repeating: 4.893_524_558_917_86e-03).addingProduct(p, v2)
        p = p * v
        var q = FloatVector(repeating: 1.198_258_394_667_02e-06)
        q = FloatVector(repeating: 1.185_347_056_866_54e-04).addingProduct(q, v2)
        q = FloatVector(repeating: 2.268_434_632_439_00e-03).addingProduct(q, v2)
        q = FloatVector(repeating: 4.893_525_185_543_85e-03).addingProduct(q, v2)
        return p / q
    }

    @inline(__always)
    static func sigmoid(_ x: FloatVector) -> FloatVector {
        let half = FloatVector(repeating: 0.5)
        return half.addingProduct(half, tanh(x * half))
    }
}
