import Testing

/// The fault-injection suite (README, "Reliability: fault → behaviour"). Its suites run
/// one at a time: each test starts markets, databases and processes, and side by side
/// they would starve the cooperative pool that the other suites' loopback tests need.
@Suite(.serialized) enum Reliability {}
