// BenchmarkSupport: fixed-width columns for the result tables benchmarks print.
import Foundation

/// `value` with `decimals` digits after the point (`fmt(3.14159, 2)` is `"3.14"`).
public func fmt(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

/// `s` right-aligned in `width` columns (never cut).
public func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }

/// `s` left-aligned in `width` columns (never cut).
public func padRight(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
