import GRDB

// Enums are stored as their raw values. SQL compares them through arguments and the
// query interface, never as literals, so renaming a case cannot leave a query behind.
extension Stage: DatabaseValueConvertible {}
extension RunStatus: DatabaseValueConvertible {}
extension RewardStatus: DatabaseValueConvertible {}
extension SignalType: DatabaseValueConvertible {}
extension PairOutcome: DatabaseValueConvertible {}
