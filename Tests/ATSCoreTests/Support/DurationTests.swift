import Foundation
import Testing
@testable import ATSCore

/// Waits built from config numbers: a value past Int64's milliseconds must not trap.
@Suite struct DurationTests {
    @Test(arguments: [
        (5.0, Duration.milliseconds(5_000)),
        (0.0005, .milliseconds(1)),
        (0, .zero),
        (-3, .zero),
        (.nan, .zero),
        (1e300, .seconds(365 * 86_400)),
        (.infinity, .seconds(365 * 86_400)),
    ])
    func cappedSecondsNeverTraps(_ seconds: Double, _ expected: Duration) {
        #expect(Duration.cappedSeconds(seconds) == expected)
    }
}
