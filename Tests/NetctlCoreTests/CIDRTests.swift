import NetctlAPI
import PropertyBased
import Testing

@testable import NetctlCore

@Suite("IPv4 addresses and CIDR blocks")
struct CIDRTests {
    // MARK: Addresses

    @Test(
        "dotted-decimal addresses parse to their 32-bit value",
        arguments: [
            ("0.0.0.0", UInt32(0)),
            ("10.0.0.1", UInt32(0x0A00_0001)),
            ("192.168.1.254", UInt32(0xC0A8_01FE)),
            ("255.255.255.255", UInt32.max),
        ])
    func addressParses(text: String, value: UInt32) throws {
        let address = try #require(IPv4Address(text))
        #expect(address.value == value)
        #expect(address.description == text)
    }

    @Test(
        "malformed addresses are rejected",
        arguments: [
            "", "10.0.0", "10.0.0.0.0", "256.0.0.1", "10.0.0.256", "010.0.0.1", "10.00.0.1", "1.2.3.-4", "+1.2.3.4",
            "1.2.3.4 ", " 1.2.3.4", "1. 2.3.4", "a.b.c.d", "1..2.3", "1234.1.1.1",
        ])
    func addressRejects(text: String) {
        #expect(IPv4Address(text) == nil)
    }

    // MARK: CIDR parsing

    @Test(
        "non-canonical blocks are canonicalised (SEMANTICS decision 7)",
        arguments: [
            ("10.0.0.5/16", "10.0.0.0/16"),
            ("100.68.0.18/18", "100.68.0.0/18"),
            ("10.0.0.0/16", "10.0.0.0/16"),
            ("192.168.7.77/24", "192.168.7.0/24"),
            ("10.255.255.255/8", "10.0.0.0/8"),
            ("1.2.3.4/0", "0.0.0.0/0"),
            ("0.0.0.0/0", "0.0.0.0/0"),
            ("255.255.255.255/32", "255.255.255.255/32"),
            ("10.1.2.3/32", "10.1.2.3/32"),
            ("172.31.200.1/20", "172.31.192.0/20"),
        ])
    func canonicalises(text: String, canonical: String) throws {
        let cidr = try #require(IPv4CIDR(text))
        #expect(cidr.description == canonical)
        #expect(IPv4CIDR(canonical) == cidr)
    }

    @Test(
        "malformed CIDRs are rejected",
        arguments: [
            "10.0.0.0",  // no prefix
            "10.0.0.0/",  // empty prefix
            "/16",
            "10.0.0.0/33",  // prefix > 32
            "10.0.0.0/64",
            "10.0.0.0/-1",
            "10.0.0.0/+8",
            "10.0.0.0/08",  // leading zero in prefix
            "10.0.0.0/100",
            "010.0.0.0/8",  // leading zero in an octet
            "10.0.0.01/32",
            "256.0.0.0/8",
            "10.0.300.0/24",
            "10.0.0.0/16/16",
            "10.0.0 .0/16",  // inner whitespace
            "10.0.0.0 /16",
            "10.0.0.0/ 16",
            "10.0.0.0/1 6",
            "10.0.0.0\\16",
            "garbage",
            "",
            "   ",
        ])
    func rejects(text: String) {
        #expect(IPv4CIDR(text) == nil)
    }

    @Test(
        "surrounding spaces, tabs and newlines are ignored",
        arguments: [
            " 10.0.0.0/16", "10.0.0.0/16 ", "\t10.0.0.0/16\n", "  10.0.0.5/16\t ", "\n10.0.0.0/16\r",
        ])
    func trimsSurroundingWhitespace(text: String) throws {
        let cidr = try #require(IPv4CIDR(text))
        #expect(cidr.description == "10.0.0.0/16")
    }

    /// A line read from a CRLF file ends in "\r\n", which Swift treats as one Character.
    @Test("a trailing CRLF is surrounding whitespace too")
    func trimsTrailingCRLF() throws {
        let cidr = try #require(IPv4CIDR("10.0.0.0/16\r\n"))
        #expect(cidr.description == "10.0.0.0/16")
        #expect(IPv4CIDR("\r\n10.0.0.0/16") != nil)
    }

    // MARK: Size, first and last

    @Test(
        "size and last address",
        arguments: [
            ("10.0.0.0/16", UInt64(65_536), "10.0.0.0", "10.0.255.255"),
            ("10.0.0.0/28", UInt64(16), "10.0.0.0", "10.0.0.15"),
            ("10.0.1.0/24", UInt64(256), "10.0.1.0", "10.0.1.255"),
            ("10.1.2.3/32", UInt64(1), "10.1.2.3", "10.1.2.3"),
            ("0.0.0.0/0", UInt64(1) << 32, "0.0.0.0", "255.255.255.255"),
            ("255.255.255.255/32", UInt64(1), "255.255.255.255", "255.255.255.255"),
            ("128.0.0.0/1", UInt64(1) << 31, "128.0.0.0", "255.255.255.255"),
        ])
    func sizeAndBounds(text: String, size: UInt64, first: String, last: String) throws {
        let cidr = try #require(IPv4CIDR(text))
        #expect(cidr.size == size)
        #expect(cidr.first.description == first)
        #expect(cidr.last.description == last)
    }

    // MARK: contains / overlaps

    @Test("contains an address: both ends in, neighbours out")
    func containsAddress() throws {
        let cidr = try #require(IPv4CIDR("10.0.1.0/24"))
        #expect(cidr.contains(try #require(IPv4Address("10.0.1.0"))))
        #expect(cidr.contains(try #require(IPv4Address("10.0.1.255"))))
        #expect(!cidr.contains(try #require(IPv4Address("10.0.0.255"))))
        #expect(!cidr.contains(try #require(IPv4Address("10.0.2.0"))))
    }

    @Test("/0 contains every address and every block")
    func zeroContainsEverything() throws {
        let all = try #require(IPv4CIDR("0.0.0.0/0"))
        for text in ["0.0.0.0", "10.0.0.1", "255.255.255.255"] {
            #expect(all.contains(try #require(IPv4Address(text))))
        }
        for text in ["0.0.0.0/0", "10.0.0.0/8", "255.255.255.255/32", "0.0.0.0/32"] {
            let block = try #require(IPv4CIDR(text))
            #expect(all.contains(block))
            #expect(all.overlaps(block))
            #expect(block.overlaps(all))
        }
    }

    @Test("equal blocks contain and overlap each other")
    func equalBlocks() throws {
        let a = try #require(IPv4CIDR("10.0.0.0/16"))
        let b = try #require(IPv4CIDR("10.0.77.1/16"))
        #expect(a == b)
        #expect(a.contains(b) && b.contains(a))
        #expect(a.overlaps(b) && b.overlaps(a))
    }

    @Test("a block contains its sub-blocks but not the other way round")
    func nestedBlocks() throws {
        let outer = try #require(IPv4CIDR("10.0.0.0/16"))
        let inner = try #require(IPv4CIDR("10.0.255.240/28"))
        #expect(outer.contains(inner))
        #expect(!inner.contains(outer))
        #expect(outer.overlaps(inner) && inner.overlaps(outer))
    }

    @Test(
        "adjacent blocks do not overlap",
        arguments: [
            ("10.0.0.0/24", "10.0.1.0/24"),
            ("10.0.0.0/16", "10.1.0.0/16"),
            ("10.0.0.0/25", "10.0.0.128/25"),
            ("0.0.0.0/1", "128.0.0.0/1"),
            ("10.0.0.0/15", "10.2.0.0/16"),
            ("10.0.0.15/32", "10.0.0.16/28"),
        ])
    func adjacentDoNotOverlap(lhs: String, rhs: String) throws {
        let a = try #require(IPv4CIDR(lhs))
        let b = try #require(IPv4CIDR(rhs))
        #expect(!a.overlaps(b))
        #expect(!b.overlaps(a))
        #expect(!a.contains(b) && !b.contains(a))
    }

    @Test(
        "partially and fully overlapping blocks of different sizes overlap",
        arguments: [
            ("10.0.0.0/8", "10.200.3.0/24"),
            ("10.0.0.0/23", "10.0.1.0/24"),
            ("172.16.0.0/12", "172.31.0.0/16"),
        ])
    func overlapping(lhs: String, rhs: String) throws {
        let a = try #require(IPv4CIDR(lhs))
        let b = try #require(IPv4CIDR(rhs))
        #expect(a.overlaps(b) && b.overlaps(a))
    }

    // MARK: Properties over random blocks

    @Test("parsing is idempotent and overlap symmetric for random blocks")
    func randomBlocks() async {
        let octet = Gen.int(in: 0...255)
        let prefix = Gen.int(in: 0...32)
        let block = zip(octet, octet, octet, octet, prefix).map { t in "\(t.0).\(t.1).\(t.2).\(t.3)/\(t.4)" }
        await propertyCheck(count: 300, input: block, block) { lhsText, rhsText in
            let lhs = try #require(IPv4CIDR(lhsText))
            let rhs = try #require(IPv4CIDR(rhsText))
            // The canonical text re-parses to the same block and is already canonical.
            #expect(IPv4CIDR(lhs.description) == lhs)
            #expect(IPv4CIDR(lhs.description)?.description == lhs.description)
            #expect(lhs.network.value & ~lhs.mask == 0)
            #expect(lhs.contains(try #require(IPv4Address(lhsText.split(separator: "/")[0]))))
            #expect(lhs.overlaps(rhs) == rhs.overlaps(lhs))
            // Two CIDR blocks either nest or are disjoint.
            #expect(lhs.overlaps(rhs) == (lhs.contains(rhs) || rhs.contains(lhs)))
            #expect(lhs.contains(lhs.first) && lhs.contains(lhs.last))
            #expect(UInt64(lhs.last.value - lhs.first.value) + 1 == lhs.size)
        }
    }
}
