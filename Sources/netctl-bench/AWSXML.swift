import Foundation
import NIOCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the few things the bench needs from EC2's XML answers with Foundation's XML parser: IDs
/// of what preparation made, and an error's code. The timed requests never parse their answers
/// this way (see `AWSWorkloads`): it would cost the bench more CPU than the server spends.
enum AWSXML {
    /// The text of every element named `name`, in document order.
    static func texts(of name: String, in body: ByteBuffer) -> [String] {
        let collector = TextCollector(name: name)
        let parser = XMLParser(data: Data(body.readableBytesView))
        parser.delegate = collector
        _ = parser.parse()
        return collector.texts
    }

    /// `Code` and `Message` of EC2's `<Response><Errors><Error>` document, as one line.
    static func error(in response: AWSHTTPClient.Response) -> AWSCallError {
        AWSCallError(
            status: Int(response.status.code), code: texts(of: "Code", in: response.body).first ?? "",
            message: texts(of: "Message", in: response.body).first ?? String(buffer: response.body))
    }

    private final class TextCollector: NSObject, XMLParserDelegate {
        let name: String
        var texts: [String] = []
        private var current: String?

        init(name: String) { self.name = name }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if elementName == name { current = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            current? += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            if elementName == name, let text = current {
                texts.append(text)
                current = nil
            }
        }
    }
}

/// An answer other than 200, by the code and message the server gave.
struct AWSCallError: Error, CustomStringConvertible {
    var status: Int
    var code: String
    var message: String

    var description: String { "HTTP \(status) \(code.isEmpty ? "" : code + ": ")\(message)" }
}
