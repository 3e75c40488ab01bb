import GRDB

// Enums are stored as their raw values. SQL compares them through arguments and the
// query interface, never as literals, so renaming a case cannot leave a query behind.
extension Stage: DatabaseValueConvertible {}
extension RunStatus: DatabaseValueConvertible {}
extension RewardStatus: DatabaseValueConvertible {}
extension SignalType: DatabaseValueConvertible {}
extension PairOutcome: DatabaseValueConvertible {}

extension RawRepresentable where RawValue == String, Self: DatabaseValueConvertible {
    /// The value as an SQL string literal, for aggregate queries whose many FILTER
    /// clauses name a status: written from the enum, so the SQL never spells it itself.
    var sqlLiteral: String { "'" + rawValue.replacingOccurrences(of: "'", with: "''") + "'" }
}
