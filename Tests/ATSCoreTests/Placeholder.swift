import Testing
@testable import ATSCore
@Test func placeholder() { #expect(1 == 1) }
