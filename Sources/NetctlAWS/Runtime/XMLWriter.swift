import Foundation
import NetctlAPI

/// Writes the XML of AWS's EC2 and query responses: elements, escaped text, and lists wrapped as the
/// model says. Generated shapes drive it; nothing here knows a shape.
struct XMLWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ other: XMLWriter) { bytes.append(contentsOf: other.bytes) }

    mutating func open(_ name: String, attributes: String = "") {
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        if !attributes.isEmpty {
            bytes.append(UInt8(ascii: " "))
            raw(attributes)
        }
        bytes.append(UInt8(ascii: ">"))
    }

    mutating func close(_ name: String) {
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        raw(name)
        bytes.append(UInt8(ascii: ">"))
    }

    mutating func text(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\""): raw("&quot;")
            case UInt8(ascii: "'"): raw("&apos;")
            case UInt8(ascii: "\r"): raw("&#xD;")
            default: bytes.append(byte)
            }
        }
    }

    /// An absent member writes nothing.
    mutating func element<Value: XMLValue>(_ name: String, _ value: Value?) {
        guard let value else { return }
        open(name)
        value.writeContent(to: &self)
        close(name)
    }

    /// `<name><item>…</item>…</name>`; an empty list is written as an empty element, as AWS does.
    mutating func list<Value: XMLValue>(_ name: String, item: String, _ values: [Value]?) {
        guard let values else { return }
        open(name)
        for value in values { element(item, value) }
        close(name)
    }

    /// `<name><entry><key>…</key><value>…</value></entry>…</name>`, entries in key order.
    mutating func map<Value: XMLValue>(_ name: String, key: String, value: String, _ values: [String: Value]?) {
        guard let values else { return }
        open(name)
        for entryKey in values.keys.sorted() {
            open("entry")
            element(key, entryKey)
            element(value, values[entryKey])
            close("entry")
        }
        close(name)
    }

    /// A flattened list repeats the member's own element.
    mutating func flattenedList<Value: XMLValue>(_ name: String, _ values: [Value]?) {
        for value in values ?? [] { element(name, value) }
    }
}

/// Anything an element can hold: text, numbers, booleans, times, or a structure's members.
protocol XMLValue {
    func writeContent(to xml: inout XMLWriter)
}

/// A generated response shape.
protocol XMLShape: XMLValue, Sendable {
    func write(to xml: inout XMLWriter)
}

extension XMLShape {
    func writeContent(to xml: inout XMLWriter) { write(to: &xml) }
}

extension String: XMLValue {
    func writeContent(to xml: inout XMLWriter) { xml.text(self) }
}

extension Int: XMLValue {
    func writeContent(to xml: inout XMLWriter) { xml.raw(String(self)) }
}

extension Double: XMLValue {
    func writeContent(to xml: inout XMLWriter) { xml.raw(String(self)) }
}

extension Bool: XMLValue {
    func writeContent(to xml: inout XMLWriter) { xml.raw(self ? "true" : "false") }
}

extension Date: XMLValue {
    /// ISO 8601 with milliseconds in UTC, as EC2 writes its times.
    func writeContent(to xml: inout XMLWriter) { xml.raw(Timestamp.format(self)) }
}
