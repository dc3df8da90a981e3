// Elementwise arithmetic with broadcasting, and elementwise maps.

extension Tensor {
    // MARK: - Tensor ⊕ Tensor (broadcasting)

    /// Elementwise sum with NumPy broadcasting.
    @inlinable public static func + (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b) { $0 + $1 } }
    /// Elementwise difference with NumPy broadcasting.
    @inlinable public static func - (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b) { $0 - $1 } }
    /// Elementwise product with NumPy broadcasting.
    @inlinable public static func * (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b) { $0 * $1 } }
    /// Elementwise quotient with NumPy broadcasting.
    @inlinable public static func / (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b) { $0 / $1 } }

    /// In-place sum; `b` must broadcast to `a.shape`.
    @inlinable public static func += (a: inout Tensor, b: Tensor) { formBroadcasting(&a, b) { $0 + $1 } }
    /// In-place difference; `b` must broadcast to `a.shape`.
    @inlinable public static func -= (a: inout Tensor, b: Tensor) { formBroadcasting(&a, b) { $0 - $1 } }
    /// In-place product; `b` must broadcast to `a.shape`.
    @inlinable public static func *= (a: inout Tensor, b: Tensor) { formBroadcasting(&a, b) { $0 * $1 } }
    /// In-place quotient; `b` must broadcast to `a.shape`.
    @inlinable public static func /= (a: inout Tensor, b: Tensor) { formBroadcasting(&a, b) { $0 / $1 } }

    // MARK: - Tensor ⊕ scalar

    @inlinable public static func + (a: Tensor, s: Float) -> Tensor { a.mapScalar(s) { $0 + $1 } }
    @inlinable public static func - (a: Tensor, s: Float) -> Tensor { a.mapScalar(s) { $0 - $1 } }
    @inlinable public static func * (a: Tensor, s: Float) -> Tensor { a.mapScalar(s) { $0 * $1 } }
    @inlinable public static func / (a: Tensor, s: Float) -> Tensor { a.mapScalar(s) { $0 / $1 } }
    @inlinable public static func + (s: Float, a: Tensor) -> Tensor { a + s }
    @inlinable public static func * (s: Float, a: Tensor) -> Tensor { a * s }
    @inlinable public static func - (s: Float, a: Tensor) -> Tensor { a.mapScalar(s) { $1 - $0 } }
    @inlinable public static func / (s: Float, a: Tensor) -> Tensor { a.mapScalar(s) { $1 / $0 } }
    @inlinable public static func += (a: inout Tensor, s: Float) { a.formMapScalar(s) { $0 + $1 } }
    @inlinable public static func -= (a: inout Tensor, s: Float) { a.formMapScalar(s) { $0 - $1 } }
    @inlinable public static func *= (a: inout Tensor, s: Float) { a.formMapScalar(s) { $0 * $1 } }
    @inlinable public static func /= (a: inout Tensor, s: Float) { a.formMapScalar(s) { $0 / $1 } }

    /// Elementwise negation.
    @inlinable public static prefix func - (a: Tensor) -> Tensor { a.mapVectorized { -$0 } }

    @inlinable
    func mapScalar(
        _ s: Float, _ vector: (FloatVector, FloatVector) -> FloatVector
    ) -> Tensor {
        withUnsafeBufferPointer { p in
            Tensor(shape: shape) { out in
                VectorKernels.binary(p.baseAddress!, scalar: s, out.baseAddress!, count: count, vector)
            }
        }
    }

    @inlinable
    mutating func formMapScalar(
        _ s: Float, _ vector: (FloatVector, FloatVector) -> FloatVector
    ) {
        let n = count
        withUnsafeMutableBufferPointer { p in
            VectorKernels.binary(p.baseAddress!, scalar: s, p.baseAddress!, count: n, vector)
        }
    }

    // MARK: - Maps

    /// A new tensor with `vector` applied 16 lanes at a time (the tail on splatted scalars).
    @inlinable
    public func mapVectorized(_ vector: (FloatVector) -> FloatVector) -> Tensor {
        withUnsafeBufferPointer { p in
            Tensor(shape: shape) { out in
                VectorKernels.unary(p.baseAddress!, out.baseAddress!, count: count, vector)
            }
        }
    }

    /// A new tensor with `transform` applied to every scalar (no SIMD; for rare operations).
    @inlinable
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, scalars: storage.map(transform))
    }

    /// `y += alpha · x` in place, the BLAS axpy.
    /// - Precondition: equal shapes.
    @inlinable
    public mutating func addScaled(_ x: Tensor, by alpha: Float) {
        precondition(shape == x.shape, "addScaled: shape \(x.shape) does not match \(shape)")
        let n = count
        x.withUnsafeBufferPointer { px in
            withUnsafeMutableBufferPointer { py in VectorKernels.axpy(alpha, px.baseAddress!, py.baseAddress!, count: n)
            }
        }
    }

    /// Every scalar squared.
    @inlinable public func squared() -> Tensor { map { $0 * $0 } }
    /// Elementwise square root.
    @inlinable public func squareRoot() -> Tensor { mapVectorized { $0.squareRoot() } }
    /// Elementwise absolute value.
    @inlinable public func magnitude() -> Tensor {
        mapVectorized { SIMDMath.magnitude($0) }
    }
    /// Elementwise `max(x, lower)` and `min(…, upper)`.
    @inlinable public func clamped(lower: Float, upper: Float) -> Tensor {
        precondition(lower <= upper, "clamped: lower \(lower) exceeds upper \(upper)")
        let lo = FloatVector(repeating: lower)
        let hi = FloatVector(repeating: upper)
        return mapVectorized { $0.clamped(lowerBound: lo, upperBound: hi) }
    }
    /// Elementwise natural exponential (vectorized polynomial, ≤ 2 ulp on normal results).
    @inlinable public func exp() -> Tensor { mapVectorized { SIMDMath.exp($0) } }
    /// Elementwise natural logarithm (vectorized; NaN for negative inputs, −∞ at 0).
    @inlinable public func log() -> Tensor { mapVectorized { SIMDMath.log($0) } }
}
